using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Workflow.Applications;
using Workflow.Calendar;

namespace Projections.Annual;

/// <summary>
/// 年报统计 (async): keeps <see cref="ApplicationStatistics"/> per application and <see cref="AnnualCounts"/> per agency and
/// year (docs/adr/0024). For every batch it folds the applications' facts, then retracts what each changed application
/// counted before the batch and adds what it counts after it, in every year it counts in — so a correction that moves a
/// receipt date into another year, changes the applicant type or the outcome, moves the application between cells and
/// years with nothing left behind. Every document is loaded once and written once per batch; the count documents are
/// small (counts only, no ids), so a batch's cost does not grow with the history.
/// </summary>
public sealed class AnnualFlowsProjection(Func<WorkdayCalendar> calendarInForce) : IProjection
{
    /// <summary>With a fixed calendar (tests, tools).</summary>
    public AnnualFlowsProjection(WorkdayCalendar calendar) : this(() => calendar) { }

    public AnnualFlowsProjection() : this(WorkdayCalendar.Official) { }

    /// <summary>The projection's name, kept from when it stored flows (the daemon's progression row is under it).</summary>
    public const string Name = "AnnualFlows";

    /// <summary>The daemon's shard of this projection (one shard: "All").</summary>
    public const string ShardName = Name + ":All";

    /// <summary>Events per daemon batch: large pages for a fast rebuild, a bounded working set (ADR 0024).</summary>
    public const int BatchSize = 10_000;

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        await AnnualCountingState.RecordWhenStartingAsync(operations, cancellation);
        var applicationEvents = events.Select(e => e.Data).OfType<IApplicationEvent>().ToList();
        if (applicationEvents.Count == 0) return;
        var versions = events.Where(e => e.Data is IApplicationEvent)
            .ToDictionary(e => e.Data, e => e.Version, ReferenceEqualityComparer.Instance);
        // One round trip for the statistics of every application in the batch.
        var ids = applicationEvents.Select(e => e.ApplicationId).Distinct().ToArray();
        var known = (await operations.LoadManyAsync<ApplicationStatistics>(cancellation, ids)).ToDictionary(s => s.Id);
        // The streams of the applications whose answer timeliness may change. A stream that starts in this batch is
        // whole in it up to its last event here (the events come in order); the others are read in one query.
        var inBatch = events.Where(e => e.Data is IApplicationEvent).GroupBy(e => e.StreamId)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Version).ToList());
        var timedIds = applicationEvents.Where(ApplicationStatistics.CanChangeTimeliness).Select(e => e.ApplicationId).Distinct().ToList();
        var toRead = timedIds.Where(id => !inBatch.TryGetValue(id, out var batch) || batch[0].Version != 1).ToArray();
        var streams = toRead.Length == 0 ? [] : (await operations.Events.QueryAllRawEvents()
                .Where(e => e.StreamId.IsOneOf(toRead))
                .ToListAsync(cancellation))
            .GroupBy(e => e.StreamId)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Version).ToList());
        foreach (var id in timedIds.Where(id => !streams.ContainsKey(id))) streams[id] = inBatch[id];
        var changes = await AnnualFlowsApplier.ApplyAsync(
            applicationEvents,
            id => Task.FromResult(known.GetValueOrDefault(id)),
            // Every count document of the agencies the batch touches, in one query (a few per agency: one per year).
            async agencies =>
            {
                var codes = agencies.ToArray();
                return await operations.Query<AnnualCounts>().Where(c => c.AgencyCode.IsOneOf(codes)).ToListAsync(cancellation);
            },
            // A13: whether the answer was late, from the statutory clock over the stream up to this event.
            (e, stats) =>
            {
                var history = streams.GetValueOrDefault(e.ApplicationId) ?? [];
                return Task.FromResult(stats.WithTimeliness(
                    [.. history.Where(h => h.Version <= versions[e]).Select(h => h.Data).OfType<IApplicationEvent>()], calendarInForce()));
            });
        foreach (var stats in changes.Statistics) operations.Store(stats);
        foreach (var doc in changes.Counts) operations.Store(doc);
    }
}

/// <summary>The documents one batch of events changed: to be stored as they are.</summary>
public sealed record AnnualCountChanges(IReadOnlyCollection<ApplicationStatistics> Statistics, IReadOnlyCollection<AnnualCounts> Counts);

/// <summary>
/// The core of <see cref="AnnualFlowsProjection"/>, free of Marten: given a batch of events and a way to load the
/// current documents, returns the documents to store. The property tests drive it over an in-memory store with random
/// batch splits; the projection drives it over the daemon's session.
/// </summary>
public static class AnnualFlowsApplier
{
    /// <param name="loadCounts">Every stored <see cref="AnnualCounts"/> of the given agencies (all their years).</param>
    /// <param name="timeliness">Sets <see cref="ApplicationStatistics.AnsweredLate"/> after an event that can change it
    /// (<see cref="ApplicationStatistics.CanChangeTimeliness"/>), from the application's history up to that event.</param>
    public static async Task<AnnualCountChanges> ApplyAsync(IEnumerable<IApplicationEvent> events,
        Func<Guid, Task<ApplicationStatistics?>> loadStatistics,
        Func<IReadOnlyCollection<string>, Task<IReadOnlyList<AnnualCounts>>> loadCounts,
        Func<IApplicationEvent, ApplicationStatistics, Task<ApplicationStatistics>> timeliness)
    {
        var initial = new Dictionary<Guid, ApplicationStatistics?>();
        var statistics = new Dictionary<Guid, ApplicationStatistics?>();
        var changed = new HashSet<Guid>();

        foreach (var applicationEvent in events)
        {
            var id = applicationEvent.ApplicationId;
            if (!statistics.TryGetValue(id, out var before))
                initial[id] = statistics[id] = before = await loadStatistics(id);
            var after = ApplicationStatistics.Fold(before, applicationEvent);
            if (after is null || ReferenceEquals(before, after)) continue;
            if (after.Closure == ClosureKind.Answered && ApplicationStatistics.CanChangeTimeliness(applicationEvent))
                after = await timeliness(applicationEvent, after);
            statistics[id] = after;
            changed.Add(id);
        }
        if (changed.Count == 0) return new AnnualCountChanges([], []);

        // Each changed application: retract what it counted before the batch, add what it counts after it.
        var agencies = changed.SelectMany(id => new[] { initial[id]?.AgencyCode, statistics[id]!.AgencyCode })
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        var stored = await loadCounts(agencies);
        var books = agencies.ToDictionary(a => a, a => new AgencyCountBook(a, stored.Where(c => c.AgencyCode == a)), StringComparer.Ordinal);
        foreach (var id in changed)
        {
            if (initial[id] is { } before) books[before.AgencyCode].Count(before, -1);
            var after = statistics[id]!;
            books[after.AgencyCode].Count(after, +1);
        }
        return new AnnualCountChanges([.. changed.Select(id => statistics[id]!)], [.. books.Values.SelectMany(b => b.Changed)]);
    }
}
