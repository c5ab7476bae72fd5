using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Workflow.Applications;
using Workflow.Calendar;

namespace Projections.Annual;

/// <summary>
/// 年报统计 (async): keeps <see cref="ApplicationStatistics"/> per application and <see cref="AnnualFlows"/> per agency and
/// year. For every event it folds the application's facts, retracts what the old facts contributed to the yearly flows
/// and adds what the new facts contribute — so a correction that moves a receipt date into another year, changes the
/// applicant type or the outcome, moves the application between cells and years with nothing left behind.
/// Documents touched by several events of one batch are loaded once and written once.
/// </summary>
public sealed class AnnualFlowsProjection(Func<WorkdayCalendar> calendarInForce) : IProjection
{
    /// <summary>With a fixed calendar (tests, tools).</summary>
    public AnnualFlowsProjection(WorkdayCalendar calendar) : this(() => calendar) { }

    public AnnualFlowsProjection() : this(WorkdayCalendar.Official) { }

    public const string Name = "AnnualFlows";

    /// <summary>The daemon's shard of this projection (one shard: "All").</summary>
    public const string ShardName = Name + ":All";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        await AnnualCountingState.RecordWhenStartingAsync(operations, cancellation);
        var applicationEvents = events.Select(e => e.Data).OfType<IApplicationEvent>().ToList();
        var versions = events.Where(e => e.Data is IApplicationEvent)
            .ToDictionary(e => e.Data, e => e.Version, ReferenceEqualityComparer.Instance);
        // One round trip for the statistics of every application in the batch (a rebuild's batches are large).
        var ids = applicationEvents.Select(e => e.ApplicationId).Distinct().ToArray();
        var known = (await operations.LoadManyAsync<ApplicationStatistics>(cancellation, ids)).ToDictionary(s => s.Id);
        // The streams of the applications whose answer timeliness may change, in one query (a rebuild's batches are large).
        var timedIds = applicationEvents.Where(ApplicationStatistics.CanChangeTimeliness).Select(e => e.ApplicationId).Distinct().ToArray();
        var streams = timedIds.Length == 0 ? [] : (await operations.Events.QueryAllRawEvents()
                .Where(e => e.StreamId.IsOneOf(timedIds))
                .ToListAsync(cancellation))
            .GroupBy(e => e.StreamId)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Version).ToList());
        var changes = await AnnualFlowsApplier.ApplyAsync(
            applicationEvents,
            id => Task.FromResult(known.GetValueOrDefault(id)),
            id => operations.LoadAsync<AnnualFlows>(id, cancellation),
            // A13: whether the answer was late, from the statutory clock over the stream up to this event.
            (e, stats) =>
            {
                var history = streams.GetValueOrDefault(e.ApplicationId) ?? [];
                return Task.FromResult(stats.WithTimeliness(
                    [.. history.Where(h => h.Version <= versions[e]).Select(h => h.Data).OfType<IApplicationEvent>()], calendarInForce()));
            });
        foreach (var stats in changes.Statistics) operations.Store(stats);
        foreach (var doc in changes.Flows) operations.Store(doc);
    }
}

/// <summary>The documents one batch of events changed: to be stored as they are.</summary>
public sealed record AnnualFlowChanges(IReadOnlyCollection<ApplicationStatistics> Statistics, IReadOnlyCollection<AnnualFlows> Flows);

/// <summary>
/// The core of <see cref="AnnualFlowsProjection"/>, free of Marten: given a batch of events and a way to load the
/// current documents, returns the documents to store. The property tests drive it over an in-memory store with random
/// batch splits; the projection drives it over the daemon's session.
/// </summary>
public static class AnnualFlowsApplier
{
    /// <param name="timeliness">Sets <see cref="ApplicationStatistics.AnsweredLate"/> after an event that can change it
    /// (<see cref="ApplicationStatistics.CanChangeTimeliness"/>), from the application's history up to that event.</param>
    public static async Task<AnnualFlowChanges> ApplyAsync(IEnumerable<IApplicationEvent> events,
        Func<Guid, Task<ApplicationStatistics?>> loadStatistics, Func<string, Task<AnnualFlows?>> loadFlows,
        Func<IApplicationEvent, ApplicationStatistics, Task<ApplicationStatistics>> timeliness)
    {
        var statistics = new Dictionary<Guid, ApplicationStatistics?>();
        var changed = new HashSet<Guid>();
        var flows = new Dictionary<string, AnnualFlows>();

        foreach (var applicationEvent in events)
        {
            var id = applicationEvent.ApplicationId;
            if (!statistics.TryGetValue(id, out var before))
                statistics[id] = before = await loadStatistics(id);
            var after = ApplicationStatistics.Fold(before, applicationEvent);
            if (after is null || ReferenceEquals(before, after)) continue;
            if (after.Closure == ClosureKind.Answered && ApplicationStatistics.CanChangeTimeliness(applicationEvent))
                after = await timeliness(applicationEvent, after);

            var touched = (before is null ? [] : AnnualContribution.FlowIds(before)).Concat(AnnualContribution.FlowIds(after)).Distinct();
            foreach (var flowId in touched.Where(flowId => !flows.ContainsKey(flowId)).ToList())
                flows[flowId] = await loadFlows(flowId) ?? AnnualContribution.NewFlows(flowId);

            if (before is not null) AnnualContribution.Retract(before, flowId => flows[flowId]);
            AnnualContribution.Contribute(after, flowId => flows[flowId]);
            statistics[id] = after;
            changed.Add(id);
        }

        return new AnnualFlowChanges([.. changed.Select(id => statistics[id]!)], [.. flows.Values]);
    }
}
