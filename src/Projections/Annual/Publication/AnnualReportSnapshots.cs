using JasperFx.Events.Projections;
using Marten;
using Projections.Annual.Section;
using Projections.Tables;
using Workflow.Applications;
using Workflow.Publication;

namespace Projections.Annual.Publication;

/// <summary>
/// The read side's answer to the write side's publication (<see cref="IAnnualReportSnapshots"/>): whether the annual
/// figures have counted every recorded event, and a year's tables, counting-rules version, paragraph and fee statement
/// as they read now. Opens its own query sessions: it reads committed documents only.
/// </summary>
public sealed class AnnualReportSnapshots(IDocumentStore store) : IAnnualReportSnapshots
{
    public async Task<bool> IncludesEveryRecordedEventAsync(CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        var last = (await session.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).Take(1).ToListAsync(cancellation))
            .FirstOrDefault()?.Sequence ?? 0;
        if (last == 0) return true;
        return await store.Advanced.ProjectionProgressFor(new ShardName(AnnualFlowsProjection.Name), token: cancellation) >= last;
    }

    public async Task<(AnnualReportSnapshot? Snapshot, Refusal? Refusal)> TakeAsync(string agencyCode, int year, string? layout,
        CancellationToken cancellation)
    {
        var tableLayout = TableLayouts.ForYear(year);
        if (layout is not null)
        {
            if (!TableLayouts.TryGetByCode(layout, out var chosen))
                return (null, Refusals.Invalid("publication.layout", $"未知的表格格式：{layout}", $"Unknown layout '{layout}'."));
            tableLayout = chosen;
        }

        await using var session = store.QuerySession();
        if (await AnnualCountingState.OutdatedVersionAsync(session, cancellation) is { } outdated)
            return (null, AnnualCountingState.OutdatedRefusal(outdated));

        var tables = await new AnnualTableReader(session).LoadAsync([agencyCode], year, cancellation);
        // The text of the 依申请公开 part is frozen with the tables: the paragraph in the wording in force and the fee
        // statement, as they read today (issue 15); later changes show beside them, as the tables' do.
        var sections = new ApplicationSectionReader(session);
        var section = await sections.LoadAsync([agencyCode], agencyCode, year, tableLayout.Code, cancellation);
        var narrative = await sections.NarrativeAsync(section, cancellation);
        return (new AnnualReportSnapshot(tableLayout.Code, PublishedCounts.Freeze(tables.Disclosure), PublishedCounts.Freeze(tables.Reviews),
            CountingRules.Current, narrative.Text, SectionDocument.FeeStatement(section)), null);
    }
}
