using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Projections.Cases;
using Server.Tests.Support;
using Workflow.Applications;
using static Server.Tests.Support.Scenarios;

namespace Server.Tests.Applications;

/// <summary>
/// Registrations at one book committed in groups (ADR 0036), through Wolverine against PostgreSQL. The book's row is held
/// locked by the test, so the first registration's group waits at its draw and the ones sent after it queue for the next
/// group: which registrations share a transaction is then known, not a matter of timing.
/// </summary>
public sealed class RegistrationGroupsTests(AppFixture app) : IntegrationContext(app)
{
    private static readonly DateOnly Received = new(2024, 11, 4);

    [Fact]
    public async Task registrations_waiting_for_the_book_are_numbered_and_committed_together_in_arrival_order()
    {
        await App.Commands.RegisterAsync(Registration(Received)); // the book exists: number 1

        var (first, waiting) = await RegisterWhileTheBookIsHeldAsync(
            Registration(Received), [Registration(Received), Registration(Received), Registration(Received)]);

        first.Result!.RegistrationNumber.Should().Be("qxg公开〔2024〕第2号");
        waiting.Select(o => o.Result!.RegistrationNumber).Should().Equal("qxg公开〔2024〕第3号", "qxg公开〔2024〕第4号", "qxg公开〔2024〕第5号");
        var transactions = await TransactionsOfAsync([first, .. waiting]);
        transactions[0].Should().NotBe(transactions[1], "the first group committed alone, before the others arrived");
        transactions.Skip(1).Distinct().Should().ContainSingle("the three that waited were committed in one transaction");
        await TheBookAndTheCaseFilesAgreeAsync(5);
    }

    [Fact]
    public async Task a_group_that_fails_for_one_registration_is_committed_one_by_one_and_the_duplicate_finds_the_first()
    {
        await App.Commands.RegisterAsync(Registration(Received));

        // Two requests with one id in the same group: the group's second entry insert fails, the group rolls back whole,
        // and each is committed alone; the second then fails alone, is retried by Wolverine and finds the first's entry.
        var (first, waiting) = await RegisterWhileTheBookIsHeldAsync(Registration(Received),
            [Registration(Received), Registration(Received, externalId: "portal-7"), Registration(Received, externalId: "portal-7")]);

        waiting.Should().OnlyContain(o => o.Succeeded);
        waiting[0].Result!.RegistrationNumber.Should().Be("qxg公开〔2024〕第3号");
        waiting[1].Result!.RegistrationNumber.Should().Be("qxg公开〔2024〕第4号");
        waiting[2].Result.Should().Be(waiting[1].Result! with { AlreadyRegistered = true });
        var transactions = await TransactionsOfAsync([first, waiting[0], waiting[1]]);
        transactions.Should().OnlyHaveUniqueItems("after the group failed, each registration was committed alone");
        await TheBookAndTheCaseFilesAgreeAsync(4);
    }

    [Fact]
    public async Task a_registration_refused_before_its_number_never_joins_a_group_and_spends_no_number()
    {
        await App.Commands.RegisterAsync(Registration(Received));
        var noContact = Registration(Received) with { Applicant = new Applicant("张三", null, null, null, null) };

        var (_, waiting) = await RegisterWhileTheBookIsHeldAsync(Registration(Received), [Registration(Received), noContact, Registration(Received)]);

        waiting[1].Refusal!.Code.Should().Be("applicant.no-contact");
        waiting[0].Result!.RegistrationNumber.Should().Be("qxg公开〔2024〕第3号");
        waiting[2].Result!.RegistrationNumber.Should().Be("qxg公开〔2024〕第4号");
        await TheBookAndTheCaseFilesAgreeAsync(4);
    }

    [Fact]
    public async Task a_write_batch_marten_replays_after_a_deadlock_draws_its_numbers_again_and_never_reuses_one()
    {
        await App.Commands.RegisterAsync(Registration(Received));
        await WithOneDeadlockAsync(async () =>
        {
            var second = await App.Commands.RegisterAsync(Registration(Received));
            var third = await App.Commands.RegisterAsync(Registration(Received));

            second.Result!.RegistrationNumber.Should().Be("qxg公开〔2024〕第2号");
            third.Result!.RegistrationNumber.Should().Be("qxg公开〔2024〕第3号", "the replay without its draw did not commit number 2 behind the book's back");
        });
        await TheBookAndTheCaseFilesAgreeAsync(3);
    }

    [Fact]
    public async Task a_replay_of_the_draw_that_created_the_book_fails_too_and_the_book_starts_at_one()
    {
        // The replay's transaction does not have the book at all (its creation was rolled back with the draw).
        await WithOneDeadlockAsync(async () =>
        {
            var first = await App.Commands.RegisterAsync(Registration(Received));
            var second = await App.Commands.RegisterAsync(Registration(Received));

            first.Result!.RegistrationNumber.Should().Be("qxg公开〔2024〕第1号");
            second.Result!.RegistrationNumber.Should().Be("qxg公开〔2024〕第2号");
        });
        await TheBookAndTheCaseFilesAgreeAsync(2);
    }

    /// <summary>
    /// Runs <paramref name="registrations"/> while the next worklist row written fails once with a deadlock (40P01), which
    /// Marten replays in a new transaction: without the draw, which ran before the batch. The sequence is not
    /// transactional, so the failure happens once.
    /// </summary>
    private async Task WithOneDeadlockAsync(Func<Task> registrations)
    {
        var schema = Store.Options.DatabaseSchemaName;
        await Store.Storage.Database.EnsureStorageExistsAsync(typeof(WorklistEntry)); // the trigger's table
        var removal = $"""
            drop trigger if exists test_deadlock_once on {schema}.mt_doc_worklistentry;
            drop function if exists {schema}.test_deadlock_once();
            drop sequence if exists {schema}.test_deadlock_once;
            """;
        await ExecuteAsync(removal + $"""
            create sequence {schema}.test_deadlock_once;
            create function {schema}.test_deadlock_once() returns trigger language plpgsql as $$
            begin
              if nextval('{schema}.test_deadlock_once') = 1 then
                raise exception 'deadlock simulated by the test' using errcode = '40P01';
              end if;
              return new;
            end $$;
            create trigger test_deadlock_once before insert on {schema}.mt_doc_worklistentry
              for each row execute function {schema}.test_deadlock_once();
            """);
        try
        {
            await registrations();
        }
        finally
        {
            await ExecuteAsync(removal);
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Holds the book's row lock, sends <paramref name="first"/> (its group then waits at the draw), sends the others one
    /// after another while it waits, and lets the book go.
    /// </summary>
    private async Task<(RegistrationOutcome First, RegistrationOutcome[] Waiting)> RegisterWhileTheBookIsHeldAsync(
        RegisterApplication first, RegisterApplication[] others)
    {
        await using var holder = Store.Storage.Database.CreateConnection();
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand(
            $"select 1 from {Store.Options.DatabaseSchemaName}.mt_doc_registrationbook where id = @id for update", holder, transaction))
        {
            hold.Parameters.AddWithValue("id", RegistrationBook.IdFor(Agency, Received.Year));
            (await hold.ExecuteScalarAsync()).Should().Be(1, "the book exists and is now held");
        }

        var firstSent = Task.Run(() => App.Commands.RegisterAsync(first));
        await WaitUntilTheDrawWaitsAsync();
        var groups = App.Services.GetRequiredService<RegistrationGroups>();
        var othersSent = new List<Task<RegistrationOutcome>>();
        foreach (var other in others)
        {
            // Sent one after another, each once the one before waits for the book (or was refused): arrival order is
            // sending order, whatever the machine's speed.
            var waitingBefore = groups.CountWaiting(Agency, Received.Year);
            var sent = Task.Run(() => App.Commands.RegisterAsync(other));
            othersSent.Add(sent);
            await WaitForAsync(() => sent.IsCompleted || groups.CountWaiting(Agency, Received.Year) > waitingBefore);
        }
        firstSent.IsCompleted.Should().BeFalse("the book is held");
        await transaction.CommitAsync();
        var firstOutcome = await firstSent.WaitAsync(TimeSpan.FromSeconds(30));
        var waiting = await Task.WhenAll(othersSent).WaitAsync(TimeSpan.FromSeconds(30));
        return (firstOutcome, waiting);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var attempt = 0; !condition(); attempt++)
        {
            if (attempt == 400) throw new TimeoutException("A registration never reached its book's queue.");
            await Task.Delay(25);
        }
    }

    /// <summary>
    /// Waits until a backend waits for a row lock (the first group's draw) on the book. Asked on a connection of its own:
    /// inside the holder's transaction, pg_stat_activity would answer the same snapshot every time.
    /// </summary>
    private async Task WaitUntilTheDrawWaitsAsync()
    {
        await using var observer = Store.Storage.Database.CreateConnection();
        await observer.OpenAsync();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await using var waiting = new NpgsqlCommand(
                "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%mt_doc_registrationbook%'", observer);
            if ((long)(await waiting.ExecuteScalarAsync())! > 0) return;
            await Task.Delay(25);
        }
        throw new TimeoutException("The first registration's draw never waited for the held book.");
    }

    /// <summary>The transaction (xmin of the first event) of each registered application.</summary>
    private async Task<long[]> TransactionsOfAsync(IEnumerable<RegistrationOutcome> outcomes)
    {
        await using var connection = Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        var transactions = new List<long>();
        foreach (var outcome in outcomes)
        {
            await using var xmin = new NpgsqlCommand(
                $"select xmin::text::bigint from {Store.Options.DatabaseSchemaName}.mt_events where stream_id = @id and version = 1", connection);
            xmin.Parameters.AddWithValue("id", outcome.Result!.ApplicationId);
            transactions.Add((long)(await xmin.ExecuteScalarAsync())!);
        }
        return [.. transactions];
    }

    private async Task TheBookAndTheCaseFilesAgreeAsync(int registered)
    {
        await using var session = Store.QuerySession();
        var numbers = (await session.Query<ApplicationFile>().ToListAsync()).Select(f => f.RegistrationNumber).ToList();
        numbers.Should().BeEquivalentTo(Enumerable.Range(1, registered).Select(n => $"qxg公开〔2024〕第{n}号"), "numbers have no gaps");
        (await session.LoadAsync<RegistrationBook>(RegistrationBook.IdFor(Agency, Received.Year)))!.LastSequence.Should().Be(registered);
    }
}
