using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Marten.Internal;
using Workflow.Applications;
using Workflow.Calendar;

namespace Projections.Cases;

/// <summary>
/// 待办 (docs/adr/0030): the one row per application on the worklist, derived from the application's whole stream. The
/// <see cref="CaseFileProjection"/> keeps it in the transaction that appends the events (with the case file, docs/adr/0031);
/// a calendar change re-derives the rows it moves, and an upgraded database gets its missing rows from the backfill.
/// </summary>
public static class WorklistProjection
{
    /// <summary>Stores the application's row, or deletes it when the application is not on the worklist (null).</summary>
    public static void Keep(IDocumentOperations operations, Guid id, WorklistEntry? entry)
    {
        if (entry is null) operations.Delete<WorklistEntry>(id);
        else operations.Store(entry);
    }

    /// <summary>The row of one application from its whole stream (null: not on the worklist).</summary>
    public static async Task<WorklistEntry?> DeriveAsync(IQuerySession session, IReadOnlyList<IEvent> stream,
        Func<string?, WorkdayCalendar> calendarFor, CancellationToken cancellation) =>
        await FoldAsync(session, stream, cancellation) is { } file ? Derive(file, stream, calendarFor) : null;

    /// <summary>The case file of a whole stream, folded by the <see cref="ApplicationFileProjection"/> (null: no application).</summary>
    public static async Task<ApplicationFile?> FoldAsync(IQuerySession session, IReadOnlyList<IEvent> stream, CancellationToken cancellation) =>
        await ((IMartenSession)session).Options.Projections.AggregatorFor<ApplicationFile>().BuildAsync(stream, session, null, cancellation);

    /// <summary>The row of an application from its case file and whole stream (null: not on the worklist).</summary>
    public static WorklistEntry? Derive(ApplicationFile file, IReadOnlyList<IEvent> stream, Func<string?, WorkdayCalendar> calendarFor) =>
        WorklistEntry.Derive(file, [.. stream.Select(e => e.Data).OfType<IApplicationEvent>()], calendarFor(file.AgencyCode));

    /// <summary>
    /// Re-derives the rows of <paramref name="agencyCodes"/> (all agencies if null) with <paramref name="calendarFor"/>, e.g.
    /// after a calendar change, and stores them in <paramref name="session"/> (saved by the caller, with the change);
    /// a row whose application is no longer on the worklist is deleted.
    /// <para>
    /// Answers and other steps keep being appended meanwhile. So that a re-derived row is never older than its stream
    /// (docs/adr/0042): this starts the session's transaction, and before a chunk's streams are read, locks their
    /// <c>mt_streams</c> rows <c>for share</c> in it. An append to one of them (which updates that row) committed before
    /// the lock is read; one in flight is waited for, then read; one started later waits until the caller commits, then
    /// writes its own row over the re-derived one. A row deleted meanwhile (the case closed) derives null again: it stays deleted.
    /// </para>
    /// </summary>
    /// <returns>The number of rows re-derived.</returns>
    public static async Task<int> RederiveAsync(IDocumentSession session, IReadOnlyCollection<string>? agencyCodes,
        Func<string?, WorkdayCalendar> calendarFor, CancellationToken cancellation)
    {
        await session.BeginTransactionAsync(cancellation);
        var query = session.Query<WorklistEntry>();
        var ids = agencyCodes is null
            ? await query.Select(e => e.Id).ToListAsync(cancellation)
            : await query.Where(e => e.AgencyCode.IsOneOf(agencyCodes.ToArray())).Select(e => e.Id).ToListAsync(cancellation);
        foreach (var chunk in ids.Order().Chunk(WholeStreams.PerQuery))
        {
            await LockStreamsAsync(session, chunk, cancellation);
            await DeriveEachAsync(session, chunk, calendarFor, (id, entry) => Keep(session, id, entry), cancellation);
        }
        return ids.Count;
    }

    /// <summary>
    /// Takes a share lock on the <c>mt_streams</c> rows of <paramref name="ids"/> in the session's transaction, in id order:
    /// appends to those streams (which update their row) wait until it commits; other re-derivations (share) do not.
    /// </summary>
    private static async Task LockStreamsAsync(IDocumentSession session, Guid[] ids, CancellationToken cancellation)
    {
        var schema = ((IMartenSession)session).Options.Events.DatabaseSchemaName;
        await using var command = new Npgsql.NpgsqlCommand(
            $"select id from {schema}.mt_streams where id = any(@ids) order by id for share", session.Connection);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) { }
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
