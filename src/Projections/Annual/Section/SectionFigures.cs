using System.Globalization;
using Projections.Tables;
using Workflow.Applications;
using Workflow.Vocabulary;

namespace Projections.Annual.Section;

/// <summary>
/// One number the 依申请公开 text states: its placeholder name, value and the applications behind it (drill-down).
/// <see cref="CellKeys"/> names the table cells of the year's layout whose values add up to it (empty when the layout
/// has no such cell, e.g. channels in the 2021 table): the text and the tables read the same counts, and the tests
/// check every figure against its cells.
/// </summary>
public sealed record SectionFigure(string Name, string Label, decimal Value, IReadOnlyList<Guid> Ids, IReadOnlyList<string> CellKeys, bool IsMoney = false)
{
    public string Text => Value.ToString(IsMoney ? "0.##" : "0", CultureInfo.InvariantCulture);
}

/// <summary>Applications per topic (申请内容分类) received in the year.</summary>
public sealed record TopicCount(string Topic, int Count, IReadOnlyList<Guid> Ids);

/// <summary>
/// Section 六 fee figures of a year (信息处理费 from 2021): notices issued and amounts noticed in the year (by the notice
/// date), amounts collected (by the payment date: the same amounts as the pre-2019 table's fee row).
/// </summary>
public sealed record FeeFigures(int NoticesIssued, decimal AmountNoticed, decimal AmountCollected,
    IReadOnlyList<Guid> NoticeIds, IReadOnlyList<Guid> CollectedIds)
{
    public bool IsNone => NoticesIssued == 0 && AmountCollected == 0m;
}

/// <summary>
/// Everything the 依申请公开 part of one year's report states, for one agency or a tree: the rendered tables, the
/// topics and fees, and the named figures of the paragraph. Built from the same yearly flow documents as the tables.
/// </summary>
public sealed record ApplicationSection(
    string TableId, int Year, RenderedReport Report, IReadOnlyList<TopicCount> Topics, FeeFigures Fees,
    IReadOnlyDictionary<string, SectionFigure> Figures)
{
    /// <summary>The fee wording of the year's format: 信息处理费 from 2021 (FEE2020), 费用 before.</summary>
    public bool UsesInformationProcessingFee => Year >= 2021;

    public static ApplicationSection Build(string tableId, int year, AnnualTables tables, RenderedReport report, IEnumerable<AnnualFlows> flowsUpToYear)
    {
        var current = flowsUpToYear.Where(f => f.Year == year).ToList();
        var topics = current.SelectMany(f => f.Received)
            .SelectMany(r => (r.Value.Topics ?? []).Select(topic => (Topic: topic, Id: r.Key)))
            .GroupBy(t => t.Topic, StringComparer.Ordinal)
            .Select(g => new TopicCount(g.Key, g.Select(t => t.Id).Distinct().Count(), [.. g.Select(t => t.Id).Distinct().Order()]))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Topic, StringComparer.Ordinal)
            .ToList();
        var notices = current.SelectMany(f => f.FeesNoticed.Values).ToList();
        var disclosure = tables.Disclosure;
        var fees = new FeeFigures(notices.Count, notices.Sum(n => n.Amount), disclosure.FeesCollectedYuan,
            [.. notices.Select(n => n.ApplicationId).Distinct().Order()], disclosure.IdsOf(DisclosureFact.FeeCollected));
        var withdrawnReconsiderations = current.SelectMany(f => f.ReviewsConcluded.Values)
            .Where(c => c.Block == ReviewBlock.Reconsideration && c.Decision == ReviewDecision.Withdrawn).ToList();

        var figures = new List<SectionFigure>();
        var legacy = report.LayoutCode == TableLayouts.CodeLegacy;
        var applicants = Enum.GetValues<ApplicantType>();

        IReadOnlyList<Guid> Ids(params DisclosureFact[] facts) => [.. facts.SelectMany(disclosure.IdsOf).Distinct().Order()];
        void Add(string name, string label, IReadOnlyList<Guid> ids, string[] modernCells, string[] legacyCells) =>
            figures.Add(new SectionFigure(name, label, ids.Count, ids, legacy ? legacyCells : modernCells));

        Add("received", "本年新收", Ids([.. applicants.Select(DisclosureFact.NewlyReceived)]),
            ["applications:NewlyReceived:Total"], ["legacy:Received:Count"]);
        // Channels in the pre-2019 table's four groups (its cells), so the text never contradicts that table.
        Add("received.inPerson", "当面申请", Ids(DisclosureFact.ReceivedVia(Channel.InPerson), DisclosureFact.ReceivedVia(Channel.Other)), [], ["legacy:Received.InPerson:Count"]);
        Add("received.letter", "信函申请", Ids(DisclosureFact.ReceivedVia(Channel.Letter)), [], ["legacy:Received.Letter:Count"]);
        Add("received.online", "网上申请", Ids(DisclosureFact.ReceivedVia(Channel.Online), DisclosureFact.ReceivedVia(Channel.Email)), [], ["legacy:Received.Online:Count"]);
        Add("received.fax", "传真申请", Ids(DisclosureFact.ReceivedVia(Channel.Fax)), [], ["legacy:Received.Fax:Count"]);
        Add("carriedIn", "上年结转", Ids([.. applicants.Select(DisclosureFact.CarriedIn)]), ["applications:CarriedIn:Total"], []);
        Add("concluded", "办结", ResultIds(disclosure, Enum.GetValues<ResultRow>()), ["applications:Results.Total:Total"], ["legacy:Closed:Count"]);
        Add("carriedOver", "结转下年度继续办理", Ids([.. applicants.Select(DisclosureFact.CarriedOver)]), ["applications:CarriedOver:Total"], []);
        foreach (var group in OutcomeGroups)
        {
            var modernCells = report.LayoutCode == TableLayouts.Code2019 && group.Name == "result.other"
                ? ["applications:Results.OtherHandling:Total"]
                : group.Rows.Select(r => $"applications:Result.{r}:Total").ToArray();
            Add(group.Name, group.Label, ResultIds(disclosure, group.Rows), modernCells, []);
        }
        Add("extended", ChineseTerms.StepOf(typeof(ReplyExtended)), Ids(DisclosureFact.ClosedAfterExtension), [], ["legacy:Closed.Extended:Count"]);

        var reviews = tables.Reviews;
        ReviewBlock[] litigation = [ReviewBlock.LitigationWithoutReconsideration, ReviewBlock.LitigationAfterReconsideration];
        void AddReview(string name, string label, ReviewBlock[] blocks, string legacyRow)
        {
            var columns = Enum.GetValues<ReviewResultColumn>();
            var cases = blocks.SelectMany(b => columns.SelectMany(c => reviews.IdsOf(b, c))).ToList();
            figures.Add(new SectionFigure(name, label, cases.Count, cases,
                legacy ? [$"legacy:{legacyRow}:Count"] : [.. blocks.Select(b => $"reviews:Cases:{b}.Total")]));
            foreach (var column in columns)
            {
                var ids = blocks.SelectMany(b => reviews.IdsOf(b, column)).ToList();
                string[] cells = legacy
                    ? column == ReviewResultColumn.Pending ? [] : [$"legacy:{legacyRow}.{column}:Count"]
                    : [.. blocks.Select(b => $"reviews:Cases:{b}.{column}")];
                figures.Add(new SectionFigure($"{name}.{Camel(column.ToString())}", ChineseTerms.Of(column), ids.Count, ids, cells));
            }
        }
        AddReview("reconsideration", ChineseTerms.Of(ReviewKind.Reconsideration), [ReviewBlock.Reconsideration], "Reconsideration");
        AddReview("litigation", ChineseTerms.Of(ReviewKind.Lawsuit), litigation, "Litigation");
        figures.Add(new SectionFigure("reconsideration.withdrawn", "申请人撤回", withdrawnReconsiderations.Count,
            [.. withdrawnReconsiderations.Select(c => c.ApplicationId)], []));

        foreach (var topic in topics)
            figures.Add(new SectionFigure(TopicFigureName(topic.Topic), topic.Topic, topic.Count, topic.Ids, []));
        figures.Add(new SectionFigure("fees.notices", ChineseTerms.StepOf(typeof(FeeNoticed)), fees.NoticesIssued, fees.NoticeIds, []));
        figures.Add(new SectionFigure("fees.noticed", "通知金额", fees.AmountNoticed, fees.NoticeIds, [], IsMoney: true));
        figures.Add(new SectionFigure("fees.collected", "实际收取", fees.AmountCollected, fees.CollectedIds, [], IsMoney: true));

        return new ApplicationSection(tableId, year, report, topics, fees, figures.ToDictionary(f => f.Name, StringComparer.Ordinal));
    }

    public static string TopicFigureName(string topic) => $"topic:{topic}";

    private static IReadOnlyList<Guid> ResultIds(DisclosureCounts disclosure, IEnumerable<ResultRow> rows) =>
        [.. rows.SelectMany(row => Enum.GetValues<ApplicantType>().SelectMany(a => disclosure.IdsOf(DisclosureFact.Result(row, a)))).Distinct().Order()];

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>The outcome groups of table 三 (2019/2021 rows), in table order, as the paragraph words them.</summary>
    public static IReadOnlyList<(string Name, string Label, ResultRow[] Rows)> OutcomeGroups { get; } =
    [
        ("result.disclosed", ChineseTerms.GroupOf(ItemResult.Disclosed), [ResultRow.Disclosed]),
        ("result.partlyDisclosed", ChineseTerms.GroupOf(ItemResult.PartlyDisclosedSeparated), [ResultRow.PartlyDisclosed]),
        ("result.withheld", ChineseTerms.GroupOf(ItemResult.WithheldStateSecret), [.. Enum.GetValues<ResultRow>().Where(r => r.ToString().StartsWith("Withheld", StringComparison.Ordinal))]),
        ("result.unavailable", ChineseTerms.GroupOf(ItemResult.NotHeldDoesNotExist), [.. Enum.GetValues<ResultRow>().Where(r => r.ToString().StartsWith("Unavailable", StringComparison.Ordinal))]),
        ("result.notProcessed", ChineseTerms.GroupOf(ItemResult.NotProcessedPetition), [.. Enum.GetValues<ResultRow>().Where(r => r.ToString().StartsWith("NotProcessed", StringComparison.Ordinal))]),
        ("result.other", ChineseTerms.Of(ItemResult.OtherHandling), [ResultRow.OtherSupplementLapsed, ResultRow.OtherFeeUnpaid, ResultRow.OtherOther]),
    ];
}
