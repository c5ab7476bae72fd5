using Marten;
using Marten.Events;

namespace Projections;

/// <summary>
/// Waits until the async projections (the annual tables) have seen every event. With no event at all there is nothing
/// to wait for — Marten's own wait would report "no event activity" and time out — so it returns at once.
/// </summary>
public static class ProjectionCatchUp
{
    public static async Task WaitAsync(IDocumentStore store, TimeSpan timeout)
    {
        if ((await store.Advanced.FetchEventStoreStatistics()).EventCount == 0) return;
        await store.WaitForNonStaleProjectionDataAsync(timeout);
    }
}
