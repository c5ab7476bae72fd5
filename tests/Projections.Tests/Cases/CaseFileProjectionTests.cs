using Marten;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Projections.Cases;
using Projections.Integrity;
using Projections.Tests.Support;
using Workflow.Applications;

namespace Projections.Tests.Cases;

/// <summary>
/// <see cref="CaseFileProjection"/> on PostgreSQL (docs/adr/0031): the case file it stores is the fold of the whole
/// stream, the worklist row and the hash chain stay right, and an append to a stored stream reads what the inline
/// projections need in one round trip.
/// </summary>
public sealed class CaseFileProjectionTests(AnnualAppFixture app) : AnnualContext(app)
{
    [Fact]
    public async Task an_append_reads_the_stored_stream_and_its_seal_in_one_round_trip()
    {
        var id = await RegisterAsync(D(2024, 12, 2));
        var counter = new ExecutionCounter();
        await using (var session = App.Store.LightweightSession())
        {
            session.Logger = counter;
            session.Events.Append(id, new NoteAdded(id, D(2024, 12, 3), "电话联系申请人", Clerk));
            await session.SaveChangesAsync();
        }

        // One read (the stored events and the seal in one batch), then the write. Before, the case file, the stream and
        // the seal were three reads, one after the other.
        counter.Executions.Should().HaveCount(2);
        counter.Executions[0].Should().Contain("mt_events").And.Contain("mt_doc_streamseal").And.NotContain("mt_doc_applicationfile");
        counter.Executions[1].Should().Contain("mt_quick_append_events");
        (await new IntegrityVerifier(App.Store, TimeProvider.System).VerifyStreamAsync(id)).Breaks.Should().BeEmpty();
    }

    [Fact]
    public async Task the_stored_case_file_is_the_fold_of_the_whole_stream_after_every_step()
    {
        var id = await RegisterAsync(D(2024, 12, 2), items: 2);
        await StepAsync(id, v => new RequestSupplement(id, v, D(2024, 12, 3), D(2024, 12, 18), "请补正身份证明", Clerk));
        await FileMatchesFoldAsync(id);
        await StepAsync(id, v => new RecordSupplement(id, v, D(2024, 12, 5), null, Clerk));
        await AnswerAsync(id, D(2024, 12, 10), ItemResult.Disclosed, ItemResult.WithheldStateSecret);
        await CorrectAsync(id, CorrectableFact.ApplicantName, "王六");

        var file = await FileMatchesFoldAsync(id);
        file.StreamVersion.Should().Be(5);
        file.Status.Should().Be(ApplicationStatus.Closed);
        (await new IntegrityVerifier(App.Store, TimeProvider.System).VerifyStreamAsync(id)).Breaks.Should().BeEmpty();
    }

    [Fact]
    public async Task two_saves_of_one_session_each_seal_their_own_events()
    {
        var first = await RegisterAsync(D(2024, 12, 2));
        var second = await RegisterAsync(D(2024, 12, 2));
        await using (var session = App.Store.LightweightSession())
        {
            session.Events.Append(first, new NoteAdded(first, D(2024, 12, 3), "第一次", Clerk));
            await session.SaveChangesAsync();
            session.Events.Append(first, new NoteAdded(first, D(2024, 12, 4), "第二次", Clerk));
            session.Events.Append(second, new NoteAdded(second, D(2024, 12, 4), "另一件", Clerk));
            await session.SaveChangesAsync();
        }

        var verifier = new IntegrityVerifier(App.Store, TimeProvider.System);
        (await verifier.VerifyAllAsync()).Breaks.Should().BeEmpty();
        await using var query = App.Store.QuerySession();
        (await query.LoadAsync<StreamSeal>(first))!.HeadVersion.Should().Be(3);
        (await query.LoadAsync<StreamSeal>(second))!.HeadVersion.Should().Be(2);
        (await FileMatchesFoldAsync(first)).StreamVersion.Should().Be(3);
    }

    private async Task<ApplicationFile> FileMatchesFoldAsync(Guid id)
    {
        await using var session = App.Store.QuerySession();
        var stored = await session.LoadAsync<ApplicationFile>(id);
        var fold = await session.Events.AggregateStreamAsync<ApplicationFile>(id);
        stored.Should().NotBeNull();
        stored.Should().BeEquivalentTo(fold);
        return stored!;
    }

    /// <summary>The SQL of every command or batch a session sends, in order (the transaction's COMMIT is not one).</summary>
    private sealed class ExecutionCounter : IMartenSessionLogger
    {
        public List<string> Executions { get; } = [];

        public void OnBeforeExecute(NpgsqlCommand command) => Executions.Add(command.CommandText);

        public void OnBeforeExecute(NpgsqlBatch batch) => Executions.Add(string.Join(";\n", batch.BatchCommands.Select((NpgsqlBatchCommand c) => c.CommandText)));

        public void LogSuccess(NpgsqlCommand command) { }

        public void LogFailure(NpgsqlCommand command, Exception ex) { }

        public void LogSuccess(NpgsqlBatch batch) { }

        public void LogFailure(NpgsqlBatch batch, Exception ex) { }

        public void LogFailure(Exception ex, string message) { }

        public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }
    }
}
