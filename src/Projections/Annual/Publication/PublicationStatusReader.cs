using Marten;
using Projections.Tables;
using Workflow.Publication;

namespace Projections.Annual.Publication;

/// <summary>Why a published cell changed (A16).</summary>
public enum ChangeCause
{
    RecordedAfterPublication, // 发布后登记或更正: a step or correction recorded after the publication
    CountingRuleCorrected,    // 统计口径更正: nothing recorded since, the counting rules were corrected (CountingRules)
    Both,                     // both: steps recorded since, and the rules corrected
}

/// <summary>One cell of tables 三 and 四 whose current value differs from the published one (A16).</summary>
public sealed record CellChange(string Cell, decimal Published, decimal Current, IReadOnlyList<Guid> ApplicationsAdded, IReadOnlyList<Guid> ApplicationsRemoved)
{
    public ChangeCause Cause { get; init; } = ChangeCause.RecordedAfterPublication;

    /// <summary>The cause in Chinese, as staff read it beside the change.</summary>
    public string CauseChinese => Cause switch
    {
        ChangeCause.CountingRuleCorrected => "统计口径更正",
        ChangeCause.Both => "发布后登记或更正（统计口径亦已更正）",
        _ => "发布后登记或更正",
    };
}

/// <summary>
/// A year's publication and the changes since (empty when the tables are as published). <see cref="RuleCorrections"/>:
/// the corrections of the counting rules made after the publication (the reason of every change caused by them).
/// </summary>
public sealed record PublicationStatus(string AgencyCode, int Year, AnnualReportPublished? Publication, IReadOnlyList<CellChange> ChangesSincePublication)
{
    public bool IsPublished => Publication is not null;

    public IReadOnlyList<CountingRuleCorrection> RuleCorrections { get; init; } = [];
}

/// <summary>
/// 发布后变动: compares the latest publication of an agency's year with the tables as they stand now, cell by atomic
/// cell (applicant column × row of table 三, channels, on-time/extended, fees, each cell of table 四), with the
/// applications that entered and left each cell.
/// </summary>
public sealed class PublicationStatusReader(IQuerySession session)
{
    /// <summary>The publication in force of one agency's year (the latest), without comparing it with today's tables.</summary>
    public async Task<AnnualReportPublished?> LatestAsync(string agencyCode, int year, CancellationToken cancellation = default) =>
        (await LatestEventAsync(agencyCode, year, cancellation))?.Data as AnnualReportPublished;

    private async Task<JasperFx.Events.IEvent?> LatestEventAsync(string agencyCode, int year, CancellationToken cancellation)
    {
        var events = await session.Events.FetchStreamAsync(AnnualReportStream.IdFor(agencyCode.Trim(), year), token: cancellation);
        return events.LastOrDefault(e => e.Data is AnnualReportPublished);
    }

    public async Task<PublicationStatus> LoadAsync(string agencyCode, int year, CancellationToken cancellation = default)
    {
        var agency = agencyCode.Trim();
        var published = await LatestEventAsync(agency, year, cancellation);
        if (published?.Data is not AnnualReportPublished publication) return new PublicationStatus(agency, year, null, []);
        var current = await new AnnualTableReader(session).LoadAsync([agency], year, cancellation);
        var changes = Compare(PublishedCounts.Thaw(publication.Disclosure), PublishedCounts.Thaw(publication.Reviews), current)
            // Cells of another format than the one published (the pre-2019 答复 categories under a 2019/2021 table).
            .Where(c => publication.Layout == Tables.TableLayouts.CodeLegacy || !c.Cell.StartsWith($"{DisclosureMeasure.LegacyAnswer}.", StringComparison.Ordinal))
            .ToList();
        var corrections = CountingRules.Since(publication.CountingRulesVersion);

        // Which applications behind the changes had anything recorded after the publication.
        var ids = changes.SelectMany(c => c.ApplicationsAdded.Concat(c.ApplicationsRemoved)).Distinct().ToArray();
        // By the store's sequence, not the record time: clocks can be equal or go back, the sequence only grows.
        var publishedSequence = published.Sequence;
        var touched = ids.Length == 0 ? [] : (await session.Events.QueryAllRawEvents()
            .Where(e => ids.Contains(e.StreamId) && e.Sequence > publishedSequence)
            .Select(e => e.StreamId)
            .ToListAsync(cancellation)).ToHashSet();
        changes = [.. changes.Select(change =>
        {
            var recorded = change.ApplicationsAdded.Concat(change.ApplicationsRemoved).Any(touched.Contains);
            var cause = corrections.Count == 0 ? ChangeCause.RecordedAfterPublication
                : recorded ? ChangeCause.Both
                : ChangeCause.CountingRuleCorrected;
            return change with { Cause = cause };
        })];
        return new PublicationStatus(agency, year, publication, changes) { RuleCorrections = corrections };
    }

    /// <summary>The cells where <paramref name="current"/> differs from the published counts.</summary>
    public static IReadOnlyList<CellChange> Compare(DisclosureCounts publishedDisclosure, ReviewCounts publishedReviews, AnnualTables current)
    {
        var before = Cells(publishedDisclosure, publishedReviews);
        var after = Cells(current.Disclosure, current.Reviews);
        var changes = new List<CellChange>();
        foreach (var key in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var (oldValue, oldIds) = before.GetValueOrDefault(key, (0m, []));
            var (newValue, newIds) = after.GetValueOrDefault(key, (0m, []));
            var added = newIds.Except(oldIds).ToList();
            var removed = oldIds.Except(newIds).ToList();
            if (oldValue != newValue || added.Count > 0 || removed.Count > 0)
                changes.Add(new CellChange(key, oldValue, newValue, added, removed));
        }
        return changes;
    }

    private static Dictionary<string, (decimal Value, HashSet<Guid> Ids)> Cells(DisclosureCounts disclosure, ReviewCounts reviews)
    {
        var cells = new Dictionary<string, (decimal, HashSet<Guid>)>(StringComparer.Ordinal);
        foreach (var (key, ids) in disclosure.ApplicationIds)
            cells[key] = key == DisclosureFact.FeeCollected.Key ? (disclosure.FeesCollectedYuan, [.. ids]) : (ids.Count, [.. ids]);
        if (disclosure.FeesCollectedYuan != 0 && !cells.ContainsKey(DisclosureFact.FeeCollected.Key))
            cells[DisclosureFact.FeeCollected.Key] = (disclosure.FeesCollectedYuan, []);
        foreach (var (key, caseIds) in reviews.CaseIds)
            cells[$"Reviews.{key}"] = (caseIds.Count, [.. caseIds.Select(id => reviews.CaseApplications.GetValueOrDefault(id, id))]);
        return cells;
    }
}
