using System.Collections.Concurrent;

namespace Workflow.Applications;

/// <summary>
/// Group commit (docs/adr/0036): requests that must pass one at a time under one key (registrations at one registration
/// book) are committed together. Whoever arrives while a group is committing waits for the next group, which takes every
/// request waiting by then, in arrival order, up to <see cref="MaxGroupSize"/>. One group is one call of the commit
/// function (for registrations: one transaction, one draw of the book, one fsync). A group that fails for a reason one of
/// its requests may cause is committed again one request at a time, so that failure reaches only the request that causes
/// it; a failure of everything alike (the database unreachable) is the answer of the whole group at once, as it would have
/// been of each request alone. Requests under different keys never wait for each other.
/// </summary>
public sealed class GroupCommit<TRequest, TResult>
{
    private readonly ConcurrentDictionary<string, KeyQueue> queues = new(StringComparer.Ordinal);
    private readonly Func<string, IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> commit;
    private readonly Func<Exception, bool> failsEveryone;

    /// <param name="commit">Commits one group under its key and answers one result per request, in the group's order.</param>
    /// <param name="maxGroupSize">The most requests one group takes.</param>
    /// <param name="failsEveryone">
    /// True for a failure that no request causes and every request would meet alone (a lost connection): the group is
    /// answered with it instead of being committed again one by one. By default every failure is tried one by one.
    /// </param>
    public GroupCommit(Func<string, IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> commit, int maxGroupSize = 32,
        Func<Exception, bool>? failsEveryone = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxGroupSize, 1);
        this.commit = commit;
        this.failsEveryone = failsEveryone ?? (_ => false);
        MaxGroupSize = maxGroupSize;
    }

    public int MaxGroupSize { get; }

    /// <summary>
    /// Queues <paramref name="request"/> under <paramref name="key"/> and answers its result once its group committed, or
    /// the exception its own commit threw. A request cancelled while it still waits is taken out and never committed; once
    /// its group has started, it is answered with the group's outcome (the commit does not stop halfway for one caller).
    /// </summary>
    public async Task<TResult> SubmitAsync(string key, TRequest request, CancellationToken cancellation)
    {
        var queue = queues.GetOrAdd(key, _ => new KeyQueue());
        var waiting = new Waiting(request);
        bool startDraining;
        lock (queue)
        {
            queue.Pending.Add(waiting);
            startDraining = !queue.Draining;
            queue.Draining = true;
        }
        if (startDraining)
        {
            // The groups are committed off the caller's flow: the first caller must not serve everyone after it, and the
            // commit must not run under one request's execution context (its activity, its cancellation).
            if (ExecutionContext.IsFlowSuppressed()) _ = Task.Run(() => DrainAsync(key, queue), CancellationToken.None);
            else using (ExecutionContext.SuppressFlow()) _ = Task.Run(() => DrainAsync(key, queue), CancellationToken.None);
        }

        if (!cancellation.CanBeCanceled) return await waiting.Outcome.Task;
        try
        {
            return await waiting.Outcome.Task.WaitAsync(cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            lock (queue)
            {
                if (queue.Pending.Remove(waiting)) throw;
            }
            return await waiting.Outcome.Task; // already in a group: its outcome, not a guess
        }
    }

    /// <summary>How many requests under <paramref name="key"/> wait for a group (not those of the group committing).</summary>
    public int CountWaiting(string key)
    {
        if (!queues.TryGetValue(key, out var queue)) return 0;
        lock (queue) return queue.Pending.Count;
    }

    private async Task DrainAsync(string key, KeyQueue queue)
    {
        while (true)
        {
            List<Waiting> group;
            lock (queue)
            {
                if (queue.Pending.Count == 0)
                {
                    queue.Draining = false;
                    return;
                }
                var size = Math.Min(queue.Pending.Count, MaxGroupSize);
                group = queue.Pending.GetRange(0, size);
                queue.Pending.RemoveRange(0, size);
            }
            try
            {
                await CommitGroupAsync(key, group);
            }
            catch (Exception unexpected)
            {
                // Nothing above should throw (each failure is answered); if something does, it is this group's answer,
                // and the key goes on: a request must never wait for a drain that stopped.
                Answer(group, unexpected);
            }
        }
    }

    /// <summary>
    /// Commits a group and answers every request in it: with its result, or after a failure one request may cause, with
    /// each request's own outcome committed alone; a failure of everything alike answers the rest at once.
    /// </summary>
    private async Task CommitGroupAsync(string key, List<Waiting> group)
    {
        var failure = await TryCommitAsync(key, group);
        if (failure is null) return;
        if (group.Count == 1 || failsEveryone(failure))
        {
            Answer(group, failure);
            return;
        }
        for (var i = 0; i < group.Count; i++)
        {
            var alone = await TryCommitAsync(key, [group[i]]);
            if (alone is null) continue;
            if (failsEveryone(alone))
            {
                Answer(group.GetRange(i, group.Count - i), alone);
                return;
            }
            Answer([group[i]], alone);
        }
    }

    /// <summary>Commits <paramref name="group"/> and answers its results, or returns the failure unanswered.</summary>
    private async Task<Exception?> TryCommitAsync(string key, List<Waiting> group)
    {
        IReadOnlyList<TResult> results;
        try
        {
            results = await commit(key, [.. group.Select(w => w.Request)]);
        }
        catch (Exception failure)
        {
            return failure;
        }
        if (results.Count != group.Count)
        {
            // Committed, but answered wrongly: a bug of the commit function, not a reason to commit again.
            Answer(group, new InvalidOperationException($"A group of {group.Count} was answered with {results.Count} results."));
            return null;
        }
        for (var i = 0; i < group.Count; i++) group[i].Outcome.TrySetResult(results[i]);
        return null;
    }

    private static void Answer(IEnumerable<Waiting> waiting, Exception failure)
    {
        foreach (var request in waiting) request.Outcome.TrySetException(failure);
    }

    private sealed class KeyQueue
    {
        public readonly List<Waiting> Pending = [];
        public bool Draining;
    }

    private sealed class Waiting(TRequest request)
    {
        public TRequest Request { get; } = request;
        public TaskCompletionSource<TResult> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
