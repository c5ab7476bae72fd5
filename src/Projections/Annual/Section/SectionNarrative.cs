using System.Text;
using System.Text.RegularExpressions;

namespace Projections.Annual.Section;

/// <summary>
/// The 依申请公开 paragraph as a template: wording with placeholders such as <c>{received}</c> or
/// <c>{topic:征地和房屋拆迁}</c> naming <see cref="SectionFigure"/>s. The default template is written from the figures
/// in the register of published reports (zeros omitted); staff may edit the wording, and the figures stay linked
/// because the edit keeps the placeholders (docs/adr/0023). Rendering fills in the current figures.
/// </summary>
public static partial class SectionNarrative
{
    [GeneratedRegex(@"\{([^{}\r\n]{1,80})\}")]
    private static partial Regex Placeholder();

    /// <summary>The placeholders a template uses, in order.</summary>
    public static IReadOnlyList<string> PlaceholdersOf(string template) =>
        [.. Placeholder().Matches(template).Select(m => m.Groups[1].Value)];

    /// <summary>Placeholders of a template that name no figure of the section (an edit with one is refused).</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string template, ApplicationSection section) =>
        [.. PlaceholdersOf(template).Where(name => !section.Figures.ContainsKey(name)).Distinct()];

    /// <summary>The template filled with the section's figures; a placeholder naming no figure is left as written.</summary>
    public static string Render(string template, ApplicationSection section) =>
        Placeholder().Replace(template, m => section.Figures.TryGetValue(m.Groups[1].Value, out var figure) ? figure.Text : m.Value);

    /// <summary>The default wording for the section's figures, in the register of the seeds' reports.</summary>
    public static string DefaultTemplate(ApplicationSection section)
    {
        var f = section.Figures;
        bool NonZero(string name) => f.TryGetValue(name, out var figure) && figure.Value != 0m;
        var text = new StringBuilder();

        text.Append($"{section.Year}年，共收到政府信息公开申请{{received}}件");
        var channels = new[] { "received.inPerson", "received.letter", "received.online", "received.fax" }.Where(NonZero).ToList();
        if (channels.Count > 0)
            text.Append("，其中").AppendJoin("，", channels.Select(c => $"{f[c].Label}{{{c}}}件"));
        if (NonZero("carriedIn")) text.Append("；上年结转{carriedIn}件");
        text.Append("。");

        text.Append("本年度办结{concluded}件");
        var outcomes = ApplicationSection.OutcomeGroups.Select(g => g.Name).Where(NonZero).ToList();
        if (outcomes.Count > 0)
            text.Append("，其中").AppendJoin("，", outcomes.Select(o => $"{f[o].Label}{{{o}}}件"));
        text.Append(NonZero("carriedOver") ? "；结转下年度继续办理{carriedOver}件。" : "。");
        if (NonZero("extended")) text.Append("经批准延期答复后办结{extended}件。");

        var reconsideration = NonZero("reconsideration");
        var litigation = NonZero("litigation");
        if (!reconsideration && !litigation)
            text.Append("未发生因政府信息公开申请提起行政复议、行政诉讼的情况。");
        else
        {
            var parts = new List<string>();
            if (reconsideration) parts.Add("行政复议{reconsideration}件" + ReviewResults("reconsideration", f, NonZero));
            if (litigation) parts.Add("行政诉讼{litigation}件" + ReviewResults("litigation", f, NonZero));
            text.Append("涉及").AppendJoin("，", parts).Append('。');
            if (!reconsideration) text.Append("未发生行政复议。");
            if (!litigation) text.Append("未发生行政诉讼。");
        }

        if (section.Topics.Count > 0)
            text.Append("申请政府信息公开内容主要涉及：")
                .AppendJoin("、", section.Topics.Select(t => $"{t.Topic}（{{{ApplicationSection.TopicFigureName(t.Topic)}}}件）"))
                .Append("等方面的信息。");

        text.Append(FeeSentenceTemplate(section));
        return text.ToString();
    }

    /// <summary>The fee sentence: 信息处理费 from 2021 (FEE2020), 收取的费用 before; 未收取 when nothing was noticed or paid.</summary>
    public static string FeeSentenceTemplate(ApplicationSection section)
    {
        var fees = section.Fees;
        if (section.UsesInformationProcessingFee)
            return fees.IsNone
                ? "未收取信息处理费。"
                : "发出信息处理费收费通知{fees.notices}件，金额{fees.noticed}元，实际收取信息处理费{fees.collected}元。";
        return fees.IsNone ? "未收取依申请提供政府信息的费用。" : "依申请提供政府信息收取的费用{fees.collected}元。";
    }

    private static string ReviewResults(string block, IReadOnlyDictionary<string, SectionFigure> f, Func<string, bool> nonZero)
    {
        var parts = new[] { "upheld", "corrected", "other", "pending" }
            .Select(c => $"{block}.{c}").Where(nonZero)
            .Select(name => name.EndsWith(".pending", StringComparison.Ordinal) ? "尚未审结{" + name + "}件" : $"{f[name].Label}{{{name}}}件")
            .ToList();
        if (block == "reconsideration" && nonZero("reconsideration.withdrawn"))
            parts.Add("其中申请人撤回{reconsideration.withdrawn}件");
        return parts.Count == 0 ? "" : $"（{string.Join("，", parts)}）";
    }
}
