using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Projections.Integrity;
using Workflow.Applications;
using Workflow.Calendar;

namespace Projections.Cases;

/// <summary>
/// 案卷与待办 (inline, docs/adr/0031): in the transaction that appends an application's events, stores its
/// <see cref="ApplicationFile"/> and its <see cref="WorklistEntry"/> (or deletes the row when the application leaves the
/// worklist). Both come from the whole stream: the stored events and this transaction's, folded by the
/// <see cref="ApplicationFileProjection"/>'s aggregator (registered live: it is the fold, not a second writer) and read
/// by the statutory clock. The stored part of every stream and the <see cref="StreamSeal"/> of every stream the
/// transaction appends to are read in one batched query (<see cref="AppendReads"/>): one round trip where Marten's
/// inline aggregation, the worklist and the seal made one each. A stream this transaction starts is whole in it and is
/// not read at all.
/// </summary>
/// <param name="calendarFor">The calendar in force for an agency's applications (its and its ancestors' local days off included).</param>
public sealed class CaseFileProjection(Func<string?, WorkdayCalendar> calendarFor) : IProjection
{
    public const string Name = "CaseFile";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var appended = events.Where(e => e.Data is IApplicationEvent).GroupBy(e => e.StreamId)
            .ToDictionary(g => g.Key, g => g.ToList());
        var reads = await AppendReads.ReadAsync(operations, events,
            storedStreamsOf: started => [.. appended.Keys.Where(id => !started.Contains(id) && appended[id][0].Data is not ApplicationReceived)],
            cancellation);
        foreach (var (id, batch) in appended)
        {
            // The stored events, then this transaction's (a re-read inside the transaction never sees an event twice: the
            // versions already stored are skipped).
            var stored = reads.StoredEvents.GetValueOrDefault(id) ?? [];
            var last = stored.Count == 0 ? 0 : stored[^1].Version;
            var stream = stored.Concat(batch.Where(e => e.Version == 0 || e.Version > last)).ToList();
            var file = await WorklistProjection.FoldAsync(operations, stream, cancellation);
            if (file is null) continue; // not an application stream from its start (nothing to file)
            operations.Store(file);
            WorklistProjection.Keep(operations, id, WorklistProjection.Derive(file, stream, calendarFor));
        }
    }
}

/// <summary>
/// What the inline projections of one append need from the database, read in one batched query: the stored events of
/// the application streams the case file folds, and the seals of every stream appended to (not started). The seals are
/// kept for the <see cref="StreamSealProjection"/>, which runs after the case file in the same save, under the save's
/// event objects themselves (Marten hands each projection its own list of the same events): the seal projection takes
/// them only for exactly those events, so a seal read here is never used for another save.
/// </summary>
public sealed class AppendReads
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IEvent, SealsRead> SealsBySave = [];

    private sealed record SealsRead(IReadOnlyList<IEvent> Events, IReadOnlyDictionary<Guid, StreamSeal> Seals);

    public IReadOnlyDictionary<Guid, IReadOnlyList<IEvent>> StoredEvents { get; private init; } = new Dictionary<Guid, IReadOnlyList<IEvent>>();

    /// <summary>Reads the stored streams <paramref name="storedStreamsOf"/> names (given the started streams) and the seals, in one round trip.</summary>
    public static async Task<AppendReads> ReadAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events,
        Func<IReadOnlySet<Guid>, Guid[]> storedStreamsOf, CancellationToken cancellation)
    {
        var started = StartedStreams(operations);
        var toRead = storedStreamsOf(started);
        var appendedTo = AppendedTo(events, started);
        if (toRead.Length == 0 && appendedTo.Length == 0) return new AppendReads();
        var batch = ((IQuerySession)operations).CreateBatchQuery();
        var eventLoads = toRead.Chunk(WholeStreams.PerQuery)
            .Select(chunk => batch.Query<IEvent>().Where(e => e.StreamId.IsOneOf(chunk)).ToList()).ToList();
        var sealLoad = appendedTo.Length == 0 ? null : batch.LoadMany<StreamSeal>().ById(appendedTo);
        await batch.Execute(cancellation);

        var stored = new Dictionary<Guid, IReadOnlyList<IEvent>>(toRead.Length);
        foreach (var load in eventLoads)
            foreach (var (id, stream) in WholeStreams.ByStream(await load)) stored[id] = stream;
        if (sealLoad is not null) SealsBySave.AddOrUpdate(events[0], new SealsRead([.. events], (await sealLoad).ToDictionary(s => s.Id)));
        return new AppendReads { StoredEvents = stored };
    }

    /// <summary>
    /// The seals read for this save (<paramref name="events"/>) by <see cref="ReadAsync"/>, taken out so nothing else sees
    /// them; null when none were read for it (the seal projection then reads them itself).
    /// </summary>
    public static IReadOnlyDictionary<Guid, StreamSeal>? TakeSeals(IReadOnlyList<IEvent> events)
    {
        if (events.Count == 0 || !SealsBySave.TryGetValue(events[0], out var read)) return null;
        SealsBySave.Remove(events[0]);
        var same = read.Events.Count == events.Count && read.Events.Zip(events).All(pair => ReferenceEquals(pair.First, pair.Second));
        return same ? read.Seals : null;
    }

    /// <summary>The streams these events are appended to, not started: the ones whose seals exist and are read.</summary>
    public static Guid[] AppendedTo(IReadOnlyList<IEvent> events, IReadOnlySet<Guid> started) =>
        [.. events.Select(e => e.StreamId).Distinct().Where(id => !started.Contains(id))];

    /// <summary>The streams the session saving these events starts (not appends to), when the session says so.</summary>
    public static HashSet<Guid> StartedStreams(IDocumentOperations operations) => operations is IDocumentSession session
        ? session.PendingChanges.Streams().Where(s => s.ActionType == StreamActionType.Start).Select(s => s.Id).ToHashSet()
        : [];
}
