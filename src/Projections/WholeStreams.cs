using System.Runtime.CompilerServices;
using JasperFx.Events;
using Marten;

namespace Projections;

/// <summary>
/// The whole event streams of many applications, read <see cref="PerQuery"/> streams per query (one round trip per chunk,
/// not per stream), each stream's events in version order. The worklist's page, its rows' re-derivation and backfill, a
/// calendar change's moved deadlines and the inline projections' batched read (<see cref="Cases.AppendReads"/>) all read
/// streams this way.
/// </summary>
public static class WholeStreams
{
    public const int PerQuery = 500;

    /// <summary>Each of <paramref name="ids"/> with its events (none for an unknown or archived stream), in the order given, a chunk at a time.</summary>
    public static async IAsyncEnumerable<(Guid Id, IReadOnlyList<IEvent> Events)> ReadAsync(IQuerySession session, IEnumerable<Guid> ids,
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        foreach (var chunk in ids.Chunk(PerQuery))
        {
            var streams = ByStream(await session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(chunk)).ToListAsync(cancellation));
            foreach (var id in chunk) yield return (id, streams.GetValueOrDefault(id) ?? []);
        }
    }

    /// <summary>Events read for many streams, grouped by stream, each stream in version order.</summary>
    public static Dictionary<Guid, IReadOnlyList<IEvent>> ByStream(IEnumerable<IEvent> events) =>
        events.GroupBy(e => e.StreamId).ToDictionary(g => g.Key, g => (IReadOnlyList<IEvent>)[.. g.OrderBy(e => e.Version)]);

    /// <summary>The streams of <paramref name="ids"/> by id (a small set: all are held at once).</summary>
    public static async Task<Dictionary<Guid, IReadOnlyList<IEvent>>> ReadAllAsync(IQuerySession session, IReadOnlyCollection<Guid> ids,
        CancellationToken cancellation = default)
    {
        var streams = new Dictionary<Guid, IReadOnlyList<IEvent>>(ids.Count);
        await foreach (var (id, events) in ReadAsync(session, ids, cancellation)) streams[id] = events;
        return streams;
    }
}
