using System.Collections.Concurrent;
using Workflow.Applications;

namespace Workflow.Tests.Applications;

/// <summary>
/// <see cref="GroupCommit{TRequest,TResult}"/> (ADR 0036), with a commit function the test holds open: who waits, what a
/// group takes, what a failure reaches, what a cancellation removes. The registrations' own group (one transaction, gap-free
/// numbers) is tested against PostgreSQL in Server.Tests.
/// </summary>
public sealed class GroupCommitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>A commit function that records each group and waits until the test releases it.</summary>
    private sealed class HeldCommits
    {
        private readonly ConcurrentQueue<(string Key, int[] Group, TaskCompletionSource Release)> started = new();
        private readonly SemaphoreSlim startedSignal = new(0);

        public List<(string Key, int[] Group)> Committed { get; } = [];

        public Func<int, bool> Fails { get; init; } = _ => false;

        public async Task<IReadOnlyList<string>> CommitAsync(string key, IReadOnlyList<int> group)
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            started.Enqueue((key, [.. group], release));
            startedSignal.Release();
            await release.Task;
            if (group.Any(Fails)) throw new InvalidOperationException($"request {group.First(Fails)} fails");
            lock (Committed) Committed.Add((key, [.. group]));
            return [.. group.Select(r => $"{key}:{r}")];
        }

        /// <summary>Waits for the next group to start and answers it; <see cref="ReleaseAsync"/> lets it finish.</summary>
        public async Task<(string Key, int[] Group, TaskCompletionSource Release)> NextAsync()
        {
            (await startedSignal.WaitAsync(Patience)).Should().BeTrue("a group should have started");
            started.TryDequeue(out var next).Should().BeTrue();
            return next;
        }

        public async Task<int[]> ReleaseNextAsync()
        {
            var next = await NextAsync();
            next.Release.SetResult();
            return next.Group;
        }

        public async Task NothingStartsAsync()
        {
            (await startedSignal.WaitAsync(TimeSpan.FromMilliseconds(100))).Should().BeFalse("no group should have started");
        }
    }

    [Fact]
    public async Task requests_arriving_while_a_group_commits_are_committed_together_next_in_arrival_order()
    {
        var commits = new HeldCommits();
        var groups = new GroupCommit<int, string>(commits.CommitAsync);

        var first = groups.SubmitAsync("book", 1, CancellationToken.None);
        var firstGroup = await commits.NextAsync();
        firstGroup.Group.Should().Equal(1);
        var waiting = new List<Task<string>>();
        for (var request = 2; request <= 5; request++)
        {
            waiting.Add(groups.SubmitAsync("book", request, CancellationToken.None));
            await Task.Delay(5); // arrival order is submission order
        }
        await commits.NothingStartsAsync(); // one group at a time under one key
        waiting.Should().OnlyContain(t => !t.IsCompleted);

        firstGroup.Release.SetResult();
        (await first.WaitAsync(Patience)).Should().Be("book:1");
        (await commits.ReleaseNextAsync()).Should().Equal(2, 3, 4, 5);
        (await Task.WhenAll(waiting).WaitAsync(Patience)).Should().Equal("book:2", "book:3", "book:4", "book:5");
        commits.Committed.Select(c => c.Group.Length).Should().Equal(1, 4);
    }

    [Fact]
    public async Task a_group_takes_at_most_the_largest_size_and_the_rest_follows()
    {
        var commits = new HeldCommits();
        var groups = new GroupCommit<int, string>(commits.CommitAsync, maxGroupSize: 3);

        var first = groups.SubmitAsync("book", 0, CancellationToken.None);
        var held = await commits.NextAsync();
        var waiting = Enumerable.Range(1, 7).Select(r => groups.SubmitAsync("book", r, CancellationToken.None)).ToList();
        held.Release.SetResult();

        (await commits.ReleaseNextAsync()).Should().HaveCount(3);
        (await commits.ReleaseNextAsync()).Should().HaveCount(3);
        (await commits.ReleaseNextAsync()).Should().HaveCount(1);
        await Task.WhenAll(waiting.Append(first)).WaitAsync(Patience);
        commits.Committed.SelectMany(c => c.Group).Should().BeEquivalentTo(Enumerable.Range(0, 8), "every request committed once");
    }

    [Fact]
    public async Task a_failed_group_is_committed_again_one_by_one_and_only_the_culprit_fails()
    {
        var commits = new HeldCommits { Fails = r => r == 3 };
        var groups = new GroupCommit<int, string>(commits.CommitAsync);

        var first = groups.SubmitAsync("book", 1, CancellationToken.None);
        var held = await commits.NextAsync();
        var waiting = new[] { 2, 3, 4 }.Select(r => groups.SubmitAsync("book", r, CancellationToken.None)).ToList();
        held.Release.SetResult();

        (await commits.ReleaseNextAsync()).Should().Equal(2, 3, 4); // the group fails for 3
        (await commits.ReleaseNextAsync()).Should().Equal(2);
        (await commits.ReleaseNextAsync()).Should().Equal(3);
        (await commits.ReleaseNextAsync()).Should().Equal(4);

        (await waiting[0].WaitAsync(Patience)).Should().Be("book:2");
        await waiting[1].Awaiting(t => t.WaitAsync(Patience)).Should().ThrowAsync<InvalidOperationException>().WithMessage("request 3 fails");
        (await waiting[2].WaitAsync(Patience)).Should().Be("book:4");
        (await first).Should().Be("book:1");
        commits.Committed.Select(c => c.Group).Should().BeEquivalentTo(new[] { new[] { 1 }, [2], [4] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task a_failure_of_everything_alike_is_the_whole_groups_answer_without_trying_each_alone()
    {
        var commits = new HeldCommits { Fails = r => r >= 2 };
        var groups = new GroupCommit<int, string>(commits.CommitAsync, failsEveryone: e => e is InvalidOperationException);

        var first = groups.SubmitAsync("book", 1, CancellationToken.None);
        var held = await commits.NextAsync();
        var waiting = new[] { 2, 3, 4 }.Select(r => groups.SubmitAsync("book", r, CancellationToken.None)).ToList();
        held.Release.SetResult();

        (await commits.ReleaseNextAsync()).Should().Equal(2, 3, 4);
        foreach (var request in waiting)
            await request.Awaiting(t => t.WaitAsync(Patience)).Should().ThrowAsync<InvalidOperationException>();
        await commits.NothingStartsAsync(); // not tried one by one
        (await first).Should().Be("book:1");
    }

    [Fact]
    public async Task an_outage_met_while_committing_one_by_one_answers_the_rest_without_trying_them()
    {
        // 2 fails for its own reason; 3 meets what fails everyone (say the database went down meanwhile).
        var commits = new HeldCommits { Fails = r => r is 2 or 3 };
        var groups = new GroupCommit<int, string>(commits.CommitAsync, failsEveryone: e => e.Message == "request 3 fails");

        var first = groups.SubmitAsync("book", 1, CancellationToken.None);
        var held = await commits.NextAsync();
        var waiting = new[] { 2, 3, 4, 5 }.Select(r => groups.SubmitAsync("book", r, CancellationToken.None)).ToList();
        held.Release.SetResult();
        await first;

        (await commits.ReleaseNextAsync()).Should().Equal(2, 3, 4, 5); // fails for 2: one by one
        (await commits.ReleaseNextAsync()).Should().Equal(2);           // 2 alone: its own failure
        (await commits.ReleaseNextAsync()).Should().Equal(3);           // 3 alone meets the outage
        await commits.NothingStartsAsync();                              // 4 and 5 are not tried

        await waiting[0].Awaiting(t => t.WaitAsync(Patience)).Should().ThrowAsync<InvalidOperationException>().WithMessage("request 2 fails");
        foreach (var request in waiting.Skip(1))
            await request.Awaiting(t => t.WaitAsync(Patience)).Should().ThrowAsync<InvalidOperationException>().WithMessage("request 3 fails");
    }

    [Fact]
    public async Task a_group_answered_with_the_wrong_number_of_results_is_failed_not_committed_again()
    {
        var calls = 0;
        var groups = new GroupCommit<int, string>((_, group) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult<IReadOnlyList<string>>(["only one"]);
        });
        var first = groups.SubmitAsync("book", 1, CancellationToken.None);
        (await first.WaitAsync(Patience)).Should().Be("only one");

        var blocker = new TaskCompletionSource();
        var blocking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new GroupCommit<int, string>(async (_, group) =>
        {
            Interlocked.Increment(ref calls);
            if (group.Contains(0))
            {
                blocking.SetResult();
                await blocker.Task;
            }
            return [.. group.Take(1).Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        });
        var holding = held.SubmitAsync("book", 0, CancellationToken.None);
        await blocking.Task.WaitAsync(Patience);
        var pair = new[] { 1, 2 }.Select(r => held.SubmitAsync("book", r, CancellationToken.None)).ToList();
        held.CountWaiting("book").Should().Be(2, "a request waits as soon as it is submitted");
        blocker.SetResult();
        await holding;
        foreach (var request in pair)
            await request.Awaiting(t => t.WaitAsync(Patience)).Should().ThrowAsync<InvalidOperationException>().WithMessage("*2 was answered with 1*");
        calls.Should().Be(3, "the pair was committed once, not again one by one");
    }

    [Fact]
    public async Task a_single_request_that_fails_gets_its_exception_and_the_key_goes_on()
    {
        var commits = new HeldCommits { Fails = r => r == 1 };
        var groups = new GroupCommit<int, string>(commits.CommitAsync);

        var failing = groups.SubmitAsync("book", 1, CancellationToken.None);
        await commits.ReleaseNextAsync();
        await failing.Awaiting(t => t.WaitAsync(Patience)).Should().ThrowAsync<InvalidOperationException>();
        await commits.NothingStartsAsync(); // a group of one is not tried twice

        var next = groups.SubmitAsync("book", 2, CancellationToken.None);
        await commits.ReleaseNextAsync();
        (await next.WaitAsync(Patience)).Should().Be("book:2");
    }

    [Fact]
    public async Task requests_under_different_keys_do_not_wait_for_each_other()
    {
        var commits = new HeldCommits();
        var groups = new GroupCommit<int, string>(commits.CommitAsync);

        var atOneBook = groups.SubmitAsync("agency-a:2026", 1, CancellationToken.None);
        var held = await commits.NextAsync();
        var atAnother = groups.SubmitAsync("agency-b:2026", 2, CancellationToken.None);
        var other = await commits.NextAsync(); // started while the first is still held
        other.Key.Should().Be("agency-b:2026");
        other.Release.SetResult();
        (await atAnother.WaitAsync(Patience)).Should().Be("agency-b:2026:2");
        atOneBook.IsCompleted.Should().BeFalse();
        held.Release.SetResult();
        (await atOneBook.WaitAsync(Patience)).Should().Be("agency-a:2026:1");
    }

    [Fact]
    public async Task a_request_cancelled_while_it_waits_is_never_committed_one_already_committing_gets_its_outcome()
    {
        var commits = new HeldCommits();
        var groups = new GroupCommit<int, string>(commits.CommitAsync);
        using var leaves = new CancellationTokenSource();
        using var leavesLate = new CancellationTokenSource();

        var committing = groups.SubmitAsync("book", 1, leavesLate.Token);
        var held = await commits.NextAsync();
        var cancelled = groups.SubmitAsync("book", 2, leaves.Token);
        var stays = groups.SubmitAsync("book", 3, CancellationToken.None);
        leaves.Cancel();
        await cancelled.Awaiting(t => t.WaitAsync(Patience)).Should().ThrowAsync<OperationCanceledException>();
        leavesLate.Cancel(); // its group has started: it is answered with what happened

        held.Release.SetResult();
        (await committing.WaitAsync(Patience)).Should().Be("book:1");
        (await commits.ReleaseNextAsync()).Should().Equal(3);
        (await stays.WaitAsync(Patience)).Should().Be("book:3");
        commits.Committed.SelectMany(c => c.Group).Should().Equal(1, 3);
    }
}

/// <summary>Which failures of a registration group are the database's own (answered to the whole group at once).</summary>
public sealed class RegistrationGroupFailureTests
{
    [Fact]
    public void a_lost_connection_is_an_outage_a_deadlock_or_a_duplicate_key_is_one_groups_conflict()
    {
        DatabaseOutage.IsOutage(new Npgsql.NpgsqlException("connection lost", new System.IO.IOException())).Should().BeTrue();
        DatabaseOutage.IsOutage(new InvalidOperationException("wrapped", new Npgsql.PostgresException("shutting down", "FATAL", "FATAL", "57P01")))
            .Should().BeTrue("the cause is looked for through the inner exceptions");
        DatabaseOutage.IsOutage(new Npgsql.PostgresException("deadlock detected", "ERROR", "ERROR", "40P01"))
            .Should().BeFalse("Npgsql calls a deadlock transient, but the database is there: one registration alone gets past it");
        DatabaseOutage.IsOutage(new Npgsql.PostgresException("duplicate key", "ERROR", "ERROR", "23505")).Should().BeFalse();
    }

    [Fact]
    public void the_draws_guard_failure_is_told_from_other_bad_input()
    {
        RegistrationBooks.IsGuardFailure(new InvalidOperationException("batch failed",
            new Npgsql.PostgresException("invalid input syntax for type integer: \"registration book not as drawn\"", "ERROR", "ERROR", "22P02")))
            .Should().BeTrue();
        RegistrationBooks.IsGuardFailure(new Npgsql.PostgresException("invalid input syntax for type integer: \"abc\"", "ERROR", "ERROR", "22P02"))
            .Should().BeFalse();
    }
}
