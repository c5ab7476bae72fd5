using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Marten.Internal;
using Workflow.Applications;
using Workflow.Calendar;

namespace Projections.Cases;

/// <summary>
/// 待办 (inline, docs/adr/0030): keeps one <see cref="WorklistEntry"/> per application on the worklist in the transaction
/// that appends its events, and deletes it when the application leaves the worklist. The case file is folded by the
/// <see cref="ApplicationFileProjection"/>'s own aggregator and the clock read by <see cref="Workflow.Clock.StatutoryClock"/>
/// over the whole stream: a stream this transaction starts is whole in it; the others are read in one query.
/// </summary>
/// <param name="calendarFor">The calendar in force for an agency's applications (its and its ancestors' local days off included).</param>
public sealed class WorklistProjection(Func<string?, WorkdayCalendar> calendarFor) : IProjection
{
    public const string Name = "Worklist";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var appended = events.Where(e => e.Data is IApplicationEvent).GroupBy(e => e.StreamId)
            .ToDictionary(g => g.Key, g => g.ToList());
        if (appended.Count == 0) return;
        var started = operations is IDocumentSession session
            ? session.PendingChanges.Streams().Where(s => s.ActionType == StreamActionType.Start).Select(s => s.Id).ToHashSet()
            : [];
        var toRead = appended.Keys.Where(id => !started.Contains(id) && appended[id][0].Data is not ApplicationReceived).ToArray();
        var earlier = toRead.Length == 0 ? [] : await WholeStreams.ReadAllAsync(operations, toRead, cancellation);
        foreach (var (id, batch) in appended)
        {
            // The stored events, then this transaction's (a re-read inside the transaction never sees an event twice: the
            // versions already stored are skipped).
            var stored = earlier.GetValueOrDefault(id) ?? [];
            var last = stored.Count == 0 ? 0 : stored[^1].Version;
            var stream = stored.Concat(batch.Where(e => e.Version == 0 || e.Version > last)).ToList();
            Keep(operations, id, await DeriveAsync(operations, stream, calendarFor, cancellation));
        }
    }

    /// <summary>Stores the application's row, or deletes it when the application is not on the worklist (null).</summary>
    private static void Keep(IDocumentOperations operations, Guid id, WorklistEntry? entry)
    {
        if (entry is null) operations.Delete<WorklistEntry>(id);
        else operations.Store(entry);
    }

    /// <summary>The row of one application from its whole stream (null: not on the worklist).</summary>
    public static async Task<WorklistEntry?> DeriveAsync(IQuerySession session, IReadOnlyList<IEvent> stream,
        Func<string?, WorkdayCalendar> calendarFor, CancellationToken cancellation)
    {
        var file = await ((IMartenSession)session).Options.Projections.AggregatorFor<ApplicationFile>()
            .BuildAsync(stream, session, null, cancellation);
        if (file is null) return null;
        var history = stream.Select(e => e.Data).OfType<IApplicationEvent>().ToList();
        return WorklistEntry.Derive(file, history, calendarFor(file.AgencyCode));
    }

    /// <summary>
    /// Re-derives the rows of <paramref name="agencyCodes"/> (all agencies if null) with <paramref name="calendarFor"/>, e.g.
    /// after a calendar change, and stores them in <paramref name="session"/> (saved by the caller, with the change);
    /// a row whose application is no longer on the worklist is deleted.
    /// </summary>
    /// <returns>The number of rows re-derived.</returns>
    public static async Task<int> RederiveAsync(IDocumentSession session, IReadOnlyCollection<string>? agencyCodes,
        Func<string?, WorkdayCalendar> calendarFor, CancellationToken cancellation)
    {
        var query = session.Query<WorklistEntry>();
        var ids = agencyCodes is null
            ? await query.Select(e => e.Id).ToListAsync(cancellation)
            : await query.Where(e => e.AgencyCode.IsOneOf(agencyCodes.ToArray())).Select(e => e.Id).ToListAsync(cancellation);
        await DeriveEachAsync(session, ids, calendarFor, (id, entry) => Keep(session, id, entry), cancellation);
        return ids.Count;
    }

    /// <summary>
    /// Creates the missing rows of <paramref name="agencyCodes"/>: applications on the worklist whose events were appended
    /// before this projection existed (a database upgraded to it). Compares the ids of the applications on the worklist with
    /// the ids of the rows.
    /// </summary>
    /// <returns>The number of rows created.</returns>
    public static async Task<int> BackfillAsync(IDocumentStore store, string[] agencyCodes, Func<string?, WorkdayCalendar> calendarFor,
        CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var files = session.Query<ApplicationFile>().Where(f => f.AgencyCode.IsOneOf(agencyCodes)).Where(WorklistEntry.OnWorklist);
        var rows = session.Query<WorklistEntry>().Where(e => e.AgencyCode.IsOneOf(agencyCodes));
        // The ids, not two counts: a row left over for a case that is no longer on the worklist must not hide a missing one.
        var have = (await rows.Select(e => e.Id).ToListAsync(cancellation)).ToHashSet();
        var missing = (await files.Select(f => f.Id).ToListAsync(cancellation)).Where(id => !have.Contains(id)).ToArray();
        if (missing.Length == 0) return 0;
        var created = 0;
        await DeriveEachAsync(session, missing, calendarFor, (_, entry) =>
        {
            if (entry is null) return;
            session.Insert(entry);
            created++;
        }, cancellation);
        await session.SaveChangesAsync(cancellation);
        return created;
    }

    /// <summary>
    /// Derives the row of each of <paramref name="ids"/> from its whole stream (<see cref="WholeStreams"/>: a chunk of
    /// streams per query) and hands the application's id and its row (null: not on the worklist) to <paramref name="use"/>.
    /// An id without events (no such application, or its stream archived) is not on the worklist either: null.
    /// </summary>
    private static async Task DeriveEachAsync(IDocumentSession session, IEnumerable<Guid> ids, Func<string?, WorkdayCalendar> calendarFor,
        Action<Guid, WorklistEntry?> use, CancellationToken cancellation)
    {
        await foreach (var (id, stream) in WholeStreams.ReadAsync(session, ids, cancellation))
            use(id, stream.Count == 0 ? null : await DeriveAsync(session, stream, calendarFor, cancellation));
    }
}
