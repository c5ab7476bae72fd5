using Projections.Tables;
using Workflow.Applications;

namespace Projections.Annual;

public sealed record ReceivedEntry(ApplicantType ApplicantType, Channel Channel, IReadOnlyList<string>? Topics = null);

/// <summary>One 收费通知 issued in the year: the application and the amount noticed.</summary>
public sealed record FeeNoticeEntry(Guid ApplicationId, decimal Amount);

/// <summary>
/// One application closed in the year (A11). <see cref="LegacyAnswer"/>: its pre-2019 答复 category (null: none);
/// <see cref="AnsweredLate"/>: answered after its limit (A13). Both default for documents written before they existed.
/// </summary>
public sealed record ClosedEntry(ApplicantType ApplicantType, ResultRow Row, bool Extended,
    LegacyAnswerCategory? LegacyAnswer = null, bool AnsweredLate = false);

public sealed record ReviewFiledEntry(Guid ApplicationId, ReviewBlock Block);

public sealed record ReviewConcludedEntry(Guid ApplicationId, ReviewBlock Block, ReviewResultColumn Column, ReviewDecision? Decision = null);

/// <summary>
/// What happened in one agency in one calendar year, by business date: the applications received (一) and closed
/// (三, with their row), fees paid, and the reconsiderations and lawsuits filed and concluded. Built in memory from
/// <see cref="ApplicationStatistics"/> (no longer stored: the served counts are <see cref="AnnualCounts"/>, ADR 0024); the stocks — 上年结转 (二), 结转下年度 (四) and 尚未审结 — are derived by chaining the years
/// (<see cref="AnnualTableBuilder"/>), so 二 of year Y is 四 of Y-1 and 一 + 二 = 三(七) + 四 by construction (A11).
/// Every entry is keyed by application, which gives the drill-down behind every cell.
/// </summary>
public sealed class AnnualFlows
{
    public string Id { get; set; } = "";
    public string AgencyCode { get; set; } = "";
    public int Year { get; set; }
    public Dictionary<Guid, ReceivedEntry> Received { get; set; } = [];
    public Dictionary<Guid, ClosedEntry> Closed { get; set; } = [];
    public Dictionary<Guid, decimal> FeesPaid { get; set; } = [];
    /// <summary>收费通知 issued in the year, keyed by <see cref="FeeNoticeFacts.Key"/>.</summary>
    public Dictionary<string, FeeNoticeEntry> FeesNoticed { get; set; } = [];
    public Dictionary<string, ReviewFiledEntry> ReviewsFiled { get; set; } = [];
    public Dictionary<string, ReviewConcludedEntry> ReviewsConcluded { get; set; } = [];

    public static string IdFor(string agencyCode, int year) => $"{agencyCode}:{year}";

    public static AnnualFlows Create(string agencyCode, int year) =>
        new() { Id = IdFor(agencyCode, year), AgencyCode = agencyCode, Year = year };

    public bool IsEmpty => Received.Count == 0 && Closed.Count == 0 && FeesPaid.Count == 0 && FeesNoticed.Count == 0
                           && ReviewsFiled.Count == 0 && ReviewsConcluded.Count == 0;
}

/// <summary>
/// Where one application's facts land in the yearly flows, folded in memory for the tables with drill-down ids
/// (<see cref="AnnualTableReader.LoadAsync"/>), the section, the as-of replay and the tests (docs/adr/0024).
/// </summary>
public static class AnnualContribution
{
    public static void Contribute(ApplicationStatistics s, Func<string, AnnualFlows> flows)
    {
        flows(AnnualFlows.IdFor(s.AgencyCode, s.ReceivedOn.Year)).Received[s.Id] =
            new ReceivedEntry(s.ApplicantType, s.Channel, s.Topics.Count == 0 ? null : s.Topics);
        if (s.ClosedOn is { } closed)
            flows(AnnualFlows.IdFor(s.AgencyCode, closed.Year)).Closed[s.Id] = new ClosedEntry(s.ApplicantType, s.Row!.Value, s.Extended, s.LegacyAnswer, s.AnsweredLate);
        if (s.FeePaidOn is { } paid) flows(AnnualFlows.IdFor(s.AgencyCode, paid.Year)).FeesPaid[s.Id] = s.FeePaid;
        foreach (var notice in s.FeeNotices)
            flows(AnnualFlows.IdFor(s.AgencyCode, notice.NoticedOn.Year)).FeesNoticed[notice.Key(s.Id)] = new FeeNoticeEntry(s.Id, notice.Amount);
        foreach (var review in s.Reviews)
        {
            flows(AnnualFlows.IdFor(s.AgencyCode, review.FiledOn.Year)).ReviewsFiled[review.Key(s.Id)] = new ReviewFiledEntry(s.Id, review.Block);
            if (review is { DecidedOn: { } decided, Decision: { } decision })
                flows(AnnualFlows.IdFor(s.AgencyCode, decided.Year)).ReviewsConcluded[review.Key(s.Id)] =
                    new ReviewConcludedEntry(s.Id, review.Block, OutcomeRules.ColumnOf(decision), decision);
        }
    }

    /// <summary>Folds whole histories in memory into flow documents: the as-of replay and the recount use this.</summary>
    public static IReadOnlyDictionary<string, AnnualFlows> FromStatistics(IEnumerable<ApplicationStatistics> statistics)
    {
        var flows = new Dictionary<string, AnnualFlows>();
        AnnualFlows Get(string id)
        {
            if (!flows.TryGetValue(id, out var doc)) flows[id] = doc = NewFlows(id);
            return doc;
        }
        foreach (var s in statistics) Contribute(s, Get);
        return flows;
    }

    /// <summary>An empty flow document for an id made by <see cref="AnnualFlows.IdFor"/>.</summary>
    public static AnnualFlows NewFlows(string flowId)
    {
        var separator = flowId.LastIndexOf(':');
        return AnnualFlows.Create(flowId[..separator], int.Parse(flowId[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
