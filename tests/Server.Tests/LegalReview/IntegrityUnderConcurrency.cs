using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Projections.Integrity;
using Workflow.Applications;
using static Server.Tests.Support.Scenarios;

namespace Server.Tests.LegalReview;

/// <summary>
/// Concurrent staff must never make the tamper check cry wolf: conflicts and duplicate registrations leave Marten
/// tombstones in mt_events, which are not application events and must not be reported as unsealed streams.
/// </summary>
public sealed class IntegrityUnderConcurrency(LegalReviewFixture app) : LegalReviewContext(app)
{
    private static readonly DateOnly Received = new(2024, 11, 4);

    private IntegrityVerifier Verifier => App.Services.GetRequiredService<IntegrityVerifier>();

    [Fact]
    public async Task concurrent_registrations_duplicates_and_stale_steps_leave_a_store_that_verifies()
    {
        At(Received);
        var distinct = Enumerable.Range(0, 10).Select(i => App.Commands.RegisterAsync(Registration(Received, $"portal-{i}")));
        var duplicates = Enumerable.Range(0, 5).Select(_ => App.Commands.RegisterAsync(Registration(Received, "portal-same")));
        var registrations = await Task.WhenAll(distinct.Concat(duplicates));
        registrations.Should().OnlyContain(r => r.Succeeded, "every registration is taken, the duplicates answer with the first");

        var shared = registrations[0].Result!.ApplicationId;
        var steps = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            App.Commands.SendAsync(new AddNote(shared, 1, Received, $"并发备注{i}", Clerk))));
        steps.Count(s => s.Succeeded).Should().Be(1, "all six saw version 1; one wins and the others are stale");
        steps.Where(s => !s.Succeeded).Should().OnlyContain(s => s.Refusal!.Code == "version.stale");

        var report = await Verifier.VerifyAllAsync();

        report.Intact.Should().BeTrue(report.FirstBreak?.Message);
        report.StreamsChecked.Should().Be(11);
    }

    [Fact]
    public async Task a_tombstone_row_is_not_a_break_but_anything_else_in_the_tombstone_stream_is()
    {
        At(Received);
        await App.Bus.RegisterAsync(Received);
        // Exactly what Marten writes when a failed append had already been given a sequence number: in the tombstone
        // stream of the process that wrote it, whose id is a new Guid in every process (JasperFx's Tombstone.StreamId).
        var anotherProcessesTombstoneStream = Guid.NewGuid();
        await AppendToTombstoneStreamAsync(JasperFx.Events.Tombstone.StreamId, "tombstone");
        await AppendToTombstoneStreamAsync(anotherProcessesTombstoneStream, "tombstone");

        (await Verifier.VerifyAllAsync()).Intact.Should().BeTrue();

        await AppendToTombstoneStreamAsync(anotherProcessesTombstoneStream, "application_received");
        var report = await Verifier.VerifyAllAsync();

        report.Intact.Should().BeFalse();
        report.FirstBreak!.StreamId.Should().Be(anotherProcessesTombstoneStream);
    }

    [Fact]
    public async Task a_tombstone_row_inside_an_applications_stream_is_a_break()
    {
        At(Received);
        var registered = await App.Bus.RegisterAsync(Received);

        await AppendToTombstoneStreamAsync(registered.ApplicationId, "tombstone");

        (await Verifier.VerifyAllAsync()).Intact.Should().BeFalse();
    }

    private async Task AppendToTombstoneStreamAsync(Guid stream, string type)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            insert into workflow.mt_streams (id, tenant_id, version, is_archived) values (@stream, '*DEFAULT*', 0, false)
                on conflict do nothing;
            insert into workflow.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived)
                select s, gen_random_uuid(), @stream, s, '{}', @type, now(), '*DEFAULT*', 'JasperFx.Events.Tombstone, JasperFx.Events', false
                from (select nextval('workflow.mt_events_sequence') as s) as next;
            """, connection);
        command.Parameters.AddWithValue("stream", stream);
        command.Parameters.AddWithValue("type", type);
        await command.ExecuteNonQueryAsync();
    }
}
