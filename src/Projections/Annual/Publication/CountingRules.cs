namespace Projections.Annual.Publication;

/// <summary>One correction of the counting rules: from <see cref="Version"/> on, the tables count as described.</summary>
public sealed record CountingRuleCorrection(int Version, string Chinese, string English);

/// <summary>
/// The version of the rules the annual tables are counted by, recorded in every publication (A16). When a release
/// corrects a rule so that past years' figures change, it adds a correction here; after the upgrade (the projections
/// rebuilt from the events) a year published under an earlier version lists its differences under 发布后变动 with the
/// reason, nothing is rewritten silently (ADR 0020).
/// </summary>
public static class CountingRules
{
    /// <summary>Publications written before the version was recorded counted by version 1.</summary>
    public const int First = 1;

    public static IReadOnlyList<CountingRuleCorrection> Corrections { get; } =
    [
        new(2,
            "统计口径更正：答复按答复书送达之日所在年度计入办理结果（未登记送达的计入结转）；行政诉讼是否“复议后起诉”以复议申请日期和起诉日期为准，与登记先后无关；2019年以前统计表的“属于已主动公开范围数”“不属于本行政机关公开数”按各项答复结果统计；补正前的延期因补正后重新计算期限不再计为“延期办结”；表下增列“其中逾期答复”。",
            "Counting rules corrected: an answer counts in the year it was served (open until served); 复议后起诉 by the filing dates, whatever the order of recording; pre-2019 rows 1 and 5 from the item results; an extension before a 补正 restart no longer counts as 延期办结; late answers stated under table 三."),
    ];

    public static int Current => Corrections.Max(c => c.Version);

    /// <summary>The corrections made after a publication counted by <paramref name="version"/> (null: version 1).</summary>
    public static IReadOnlyList<CountingRuleCorrection> Since(int? version) =>
        [.. Corrections.Where(c => c.Version > (version ?? First))];
}
