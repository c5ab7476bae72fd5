using JasperFx;
using Marten;

namespace Workflow.Applications;

/// <summary>
/// A change to one document under Marten's optimistic concurrency (a <c>[Version]</c> member), where two users changing
/// it at once is not a conflict for either of them (two topics added, two narrative saves): the change is made on the
/// document as stored and saved over exactly that version — inserted when it was never stored, so one stored meanwhile
/// fails the save instead of being overwritten — and when another change was saved in between, it is made again on the
/// fresh document, each attempt in a session of its own. Every change answered as saved is kept (docs/adr/0039).
/// </summary>
public static class VersionedDocumentChange
{
    /// <param name="load">The document as stored, and whether it was stored at all (false: a new one to insert).</param>
    /// <param name="change">The change on the loaded document; a <see cref="CommandRefusedException"/> is the answer.</param>
    /// <param name="attempts">How often the change is made again on fresh data before answering <see cref="Refusals.Busy"/>.</param>
    public static async Task<(T? Saved, Refusal? Refusal)> SaveAsync<T>(IDocumentStore store,
        Func<IDocumentSession, Task<(T Current, bool Stored)>> load, Func<T, T> change, int attempts, CancellationToken cancellation)
        where T : notnull
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var (current, stored) = await load(session);
            T changed;
            try
            {
                changed = change(current);
            }
            catch (CommandRefusedException refused)
            {
                return (default, refused.Refusal);
            }
            if (stored) session.Update(changed);
            else session.Insert(changed);
            try
            {
                await session.SaveChangesAsync(cancellation);
                return (changed, null);
            }
            catch (Exception conflict) when (conflict is ConcurrencyException or DocumentAlreadyExistsException)
            {
                if (attempt >= attempts) return (default, Refusals.Busy());
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellation);
            }
        }
    }
}
