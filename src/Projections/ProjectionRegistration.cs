using JasperFx.Events.Projections;
using Marten;
using Projections.Annual;
using Projections.Cases;
using Projections.Integrity;

namespace Projections;

/// <summary>Every projection and its lifecycle, in one visible place.</summary>
public static class ProjectionRegistration
{
    /// <param name="calendar">The working-day calendar in force: the annual tables read answer timeliness from the clock (A13).</param>
    public static StoreOptions ConfigureProjections(this StoreOptions options, Workflow.Calendar.WorkdayCalendar? calendar = null)
    {
        var fixedCalendar = calendar ?? Workflow.Calendar.WorkdayCalendar.Official;
        return options.ConfigureProjections(() => fixedCalendar);
    }

    /// <param name="calendarInForce">The working-day calendar in force when a batch is applied (it follows recorded notices, ADR 0018).</param>
    /// <param name="calendarFor">
    /// The calendar in force for an agency's applications (its and its ancestors' local days off): the worklist's stored due
    /// dates are read with it (docs/adr/0030). Defaults to <paramref name="calendarInForce"/> for every agency.
    /// </param>
    public static StoreOptions ConfigureProjections(this StoreOptions options, Func<Workflow.Calendar.WorkdayCalendar> calendarInForce,
        Func<string?, Workflow.Calendar.WorkdayCalendar>? calendarFor = null)
    {
        // 案卷: strongly consistent with every command, so the case page always shows what was just done. Stored by the
        // inline CaseFileProjection with the worklist row, from one read of the stream (docs/adr/0031); the
        // ApplicationFileProjection is its fold, registered live so that it is not a second writer of the same document.
        options.Projections.Add<ApplicationFileProjection>(ProjectionLifecycle.Live);
        options.Schema.For<ApplicationFile>()
            .Index(f => f.AgencyCode)
            .Index(f => f.RegistrationNumber);

        // 待办: one row per application on the worklist with its stored due date, in the append transaction, so the
        // worklist pages, sorts and counts in the database (docs/adr/0030). Re-derived when the calendar changes.
        options.Projections.Add(new CaseFileProjection(calendarFor ?? (_ => calendarInForce())), ProjectionLifecycle.Inline, CaseFileProjection.Name);
        // Columns, not JSON: the page's filters, counts and order read these for every row of an agency. Three have an
        // index of their own: the 临期/逾期 counts read them (a bitmap of due dates and paused clocks within the agency's
        // rows). The other nine are duplicated without one (Marten's Duplicate would add an index per column): no query
        // reads them except through the three composite indexes below, each led by the agency, so a single-column index
        // on them would be written on every append and never read (docs/adr/0034).
        options.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(WorklistEntry)) return;
            foreach (var column in WorklistColumnsWithoutIndex) mapping.DuplicateField(column);
        });
        options.Schema.For<WorklistEntry>()
            .Duplicate(e => e.RunningDueOn)
            .Duplicate(e => e.RunsFrom)
            .Duplicate(e => e.ClockStatus)
            // The page's order in full (its last key too), so a page is an index range, not a sort of the agency's rows.
            .Index(e => new { e.AgencyCode, e.ClockKnown, e.SortDueOn, e.ReceivedOn, e.RegistrationNumber },
                index => index.Name = "mt_doc_worklistentry_idx_urgency")
            // The handler filter's choices and the 在办/待送达 counts, read from an index (index-only scans) rather than the rows.
            .Index(e => new { e.AgencyCode, e.Handler }, index => index.Name = "mt_doc_worklistentry_idx_agency_handler")
            .Index(e => new { e.AgencyCode, e.AwaitingService }, index => index.Name = "mt_doc_worklistentry_idx_agency_awaiting");

        // 年报: the counts of tables 三 and 四 per agency and year, and the counted facts per application (the drill-down),
        // kept by the async daemon from business dates in large batches (docs/adr/0024).
        options.Projections.Add(new AnnualFlowsProjection(calendarInForce), ProjectionLifecycle.Async, AnnualFlowsProjection.Name,
            async => async.BatchSize = AnnualFlowsProjection.BatchSize);
        options.Schema.For<AnnualCounts>().Index(c => c.AgencyCode);
        options.Schema.For<ApplicationStatistics>()
            .Index(s => s.AgencyCode)
            .Index(s => new { s.AgencyCode, s.ReceivedYear, s.CountedUntilYear }, index => index.Name = "mt_doc_applicationstatistics_idx_counting")
            .Index(s => new { s.AgencyCode, s.ClosedYear }, index => index.Name = "mt_doc_applicationstatistics_idx_closing");
        options.Schema.For<AnnualCountingState>();
        // The staff-edited wording of the 依申请公开 paragraph, every version kept (docs/adr/0023).
        options.Schema.For<Projections.Annual.Section.NarrativeEdits>();

        // 完整性: the hash chain of every stream, extended in the append transaction (docs/adr/0010). Never rebuild it:
        // a rebuild would re-seal whatever the events now say. Digests are written by ChainDigestPublisher only.
        options.Projections.Add(new StreamSealProjection(options), ProjectionLifecycle.Inline, StreamSealProjection.Name);
        options.Schema.For<StreamSeal>();
        options.Schema.For<ChainDigest>().Index(d => d.Sequence);
        return options;
    }

    /// <summary>
    /// The members of <see cref="WorklistEntry"/> stored as columns beside its JSON without an index of their own (the
    /// worklist's filters and order, read through the composite indexes led by the agency).
    /// </summary>
    public static IReadOnlyList<string> WorklistColumnsWithoutIndex { get; } =
    [
        nameof(WorklistEntry.AgencyCode), nameof(WorklistEntry.ClockKnown), nameof(WorklistEntry.SortDueOn),
        nameof(WorklistEntry.ReceivedOn), nameof(WorklistEntry.AwaitingService), nameof(WorklistEntry.PausedOverdue),
        nameof(WorklistEntry.PausedDueSoon), nameof(WorklistEntry.RegistrationNumber), nameof(WorklistEntry.Handler),
    ];
}
