using Marten;
using Projections.Tables;
using Workflow.Applications;

namespace Projections.Annual;

/// <summary>
/// Serves tables 三 and 四 for one agency or a set of agencies and a year (docs/adr/0024):
/// <list type="bullet">
/// <item><see cref="LoadCountsAsync"/> and <see cref="RenderAsync"/>: the counts, from one small
/// <see cref="AnnualCounts"/> document per agency — the cost does not grow with the history;</item>
/// <item><see cref="DrillDownAsync(IReadOnlyCollection{string}, int, DisclosureFact, CancellationToken)"/>: the
/// applications behind one cell, on demand, from the per-application <see cref="ApplicationStatistics"/>;</item>
/// <item><see cref="LoadAsync"/>: the tables with the drill-down of every cell (publication, the 依申请公开 section),
/// from the statistics of the applications that count in the year.</item>
/// </list>
/// </summary>
public sealed class AnnualTableReader(IQuerySession session)
{
    /// <summary>The counts of the year, summed over the agencies (A14), without drill-down ids.</summary>
    public async Task<AnnualTables> LoadCountsAsync(IReadOnlyCollection<string> agencyCodes, int year, CancellationToken cancellation = default)
    {
        var codes = Codes(agencyCodes);
        var found = (await session.LoadManyAsync<AnnualCounts>(cancellation, codes.Select(c => AnnualCounts.IdFor(c, year))))
            .ToDictionary(c => c.AgencyCode, StringComparer.Ordinal);
        var missing = codes.Where(c => !found.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            // No document for the year: nothing happened in it yet, so the last year before it idles forward
            // (its open applications and pending reviews carried). None before either: the agency had nothing then.
            var earlier = await session.Query<AnnualCounts>()
                .Where(c => c.AgencyCode.IsOneOf(missing) && c.Year < year)
                .ToListAsync(cancellation);
            foreach (var latest in earlier.GroupBy(c => c.AgencyCode).Select(g => g.MaxBy(c => c.Year)!))
                found[latest.AgencyCode] = latest.IdleUntil(year);
        }
        return AnnualCounts.Sum(AnnualTableBuilder.TableId(agencyCodes), year, found.Values);
    }

    /// <summary>
    /// The tables with the applications behind every cell: built from the statistics of the applications that count in
    /// the year (received by its end and not finished before it). Costs one document per such application: for
    /// publication and the 依申请公开 section; serving the counts uses <see cref="LoadCountsAsync"/>.
    /// </summary>
    public async Task<AnnualTables> LoadAsync(IReadOnlyCollection<string> agencyCodes, int year, CancellationToken cancellation = default)
    {
        var statistics = await CountingInAsync(agencyCodes, year, cancellation);
        var flows = AnnualContribution.FromStatistics(statistics);
        return AnnualTableBuilder.Build(AnnualTableBuilder.TableId(agencyCodes), year, flows.Values);
    }

    /// <summary>The statistics of every application that counts in <paramref name="year"/> in any of the agencies.</summary>
    public async Task<IReadOnlyList<ApplicationStatistics>> CountingInAsync(IReadOnlyCollection<string> agencyCodes, int year,
        CancellationToken cancellation = default)
    {
        var codes = Codes(agencyCodes);
        return await session.Query<ApplicationStatistics>()
            .Where(s => s.AgencyCode.IsOneOf(codes) && s.ReceivedYear <= year && s.CountedUntilYear >= year)
            .ToListAsync(cancellation);
    }

    /// <summary>The applications counted under one fact of table 三 in the year, in id order (the drill-down of one cell).</summary>
    public async Task<IReadOnlyList<Guid>> DrillDownAsync(IReadOnlyCollection<string> agencyCodes, int year, DisclosureFact fact,
        CancellationToken cancellation = default)
    {
        var codes = Codes(agencyCodes);
        // The index narrows to the applications that can count under the fact; AnnualCells decides, as for the counts.
        var query = session.Query<ApplicationStatistics>().Where(s => s.AgencyCode.IsOneOf(codes));
        query = fact.Measure switch
        {
            DisclosureMeasure.NewlyReceived or DisclosureMeasure.ReceivedViaChannel => query.Where(s => s.ReceivedYear == year),
            DisclosureMeasure.Result or DisclosureMeasure.ClosedOnTime or DisclosureMeasure.ClosedAfterExtension
                or DisclosureMeasure.LegacyAnswer or DisclosureMeasure.AnsweredLate => query.Where(s => s.ClosedYear == year),
            _ => query.Where(s => s.ReceivedYear <= year && s.CountedUntilYear >= year),
        };
        if (fact.Applicant is { } applicant) query = query.Where(s => s.ApplicantType == applicant);
        var candidates = await query.ToListAsync(cancellation);
        return fact.Measure == DisclosureMeasure.FeeCollected
            ? [.. candidates.Where(s => AnnualCells.FeeIn(s, year) != 0).Select(s => s.Id).Order()]
            : [.. candidates.Where(s => AnnualCells.DisclosureFacts(s, year).Contains(fact)).Select(s => s.Id).Order()];
    }

    /// <summary>The applications whose reconsiderations or lawsuits count in one cell of table 四 in the year.</summary>
    public async Task<IReadOnlyList<Guid>> DrillDownAsync(IReadOnlyCollection<string> agencyCodes, int year, ReviewBlock block,
        ReviewResultColumn column, CancellationToken cancellation = default)
    {
        var candidates = await CountingInAsync(agencyCodes, year, cancellation);
        return [.. candidates.Where(s => AnnualCells.ReviewCells(s, year).Any(c => c.Block == block && c.Column == column))
            .Select(s => s.Id).Order()];
    }

    /// <summary>The report in a layout (default by year, A13), ready for any renderer: counts only (cells carry no ids).</summary>
    public async Task<RenderedReport> RenderAsync(IReadOnlyCollection<string> agencyCodes, string agencyName, int year,
        string? layoutCode = null, CancellationToken cancellation = default)
    {
        var tables = await LoadCountsAsync(agencyCodes, year, cancellation);
        return Render(tables, agencyName, year, layoutCode);
    }

    /// <summary>The report with the applications behind every cell (<see cref="LoadAsync"/>), for a drill-down page.</summary>
    public async Task<RenderedReport> RenderWithDrillDownAsync(IReadOnlyCollection<string> agencyCodes, string agencyName, int year,
        string? layoutCode = null, CancellationToken cancellation = default)
    {
        var tables = await LoadAsync(agencyCodes, year, cancellation);
        return Render(tables, agencyName, year, layoutCode);
    }

    private static RenderedReport Render(AnnualTables tables, string agencyName, int year, string? layoutCode)
    {
        var layout = layoutCode is null ? TableLayouts.ForYear(year) : TableLayouts.ByCode(layoutCode);
        return RenderedReport.Build(layout, agencyName, year, tables.Disclosure, tables.Reviews);
    }

    private static string[] Codes(IReadOnlyCollection<string> agencyCodes) =>
        agencyCodes.Count == 0 ? throw new ArgumentException("At least one agency is needed.", nameof(agencyCodes)) : [.. agencyCodes.Distinct()];
}
