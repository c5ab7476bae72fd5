using Npgsql;

namespace Server.Tests.CommandLine;

/// <summary>
/// <c>rebuildtables</c> from the shell (issue 17, docs/adr/0024): it prints its progress and "rebuilt" only when the
/// replay reached every event; a replay that hits an error exits 1 with the reason in Chinese and English.
/// </summary>
public sealed class RebuildTablesCommandTests() : CommandLineDatabaseTests("cli_rebuild")
{
    [Fact]
    public async Task A_rebuild_prints_progress_and_succeeds_and_one_that_hits_a_broken_event_fails_loudly_with_exit_1()
    {
        var folder = CommandLineProcess.NewWorkingDirectory();
        await AddAgencyAsync(folder, "rb", "重建测试县人民政府");
        var ledger = Path.Combine(folder, "台账.jsonl");
        await File.WriteAllLinesAsync(ledger, Enumerable.Range(1, 3).Select(i =>
            $$"""{"ref":"2024-{{i:D3}}","step":"register","agencyCode":"rb","receivedOn":"2024-03-0{{i}}","channel":"letter","applicantType":"naturalPerson","applicant":{"name":"申请人{{i}}","idNumber":null,"phone":"13800000000","address":null,"email":null},"items":["某村征地补偿方案"],"requestedForm":"paper","externalRequestId":null}"""));
        var imported = await CommandLineProcess.RunAsync(folder, Environment, "import", ledger);
        imported.ExitCode.Should().Be(0, imported.All);

        var rebuilt = await CommandLineProcess.RunAsync(folder, Environment, "rebuildtables");
        rebuilt.ExitCode.Should().Be(0, rebuilt.All);
        rebuilt.Output.Should().Contain("events/s").And.Contain("ETA").And.Contain("Annual tables rebuilt");
        rebuilt.All.Should().NotContain("ProgressionProgressOutOfOrder");

        // An event the projection cannot read (its receipt date is not a date): the replay cannot complete.
        await using (var connection = new NpgsqlConnection(Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var corrupt = new NpgsqlCommand(
                "update workflow.mt_events set data = jsonb_set(data, '{receivedOn}', '\"not a date\"') " +
                "where seq_id = (select min(seq_id) from workflow.mt_events where type = 'application_received')", connection);
            (await corrupt.ExecuteNonQueryAsync()).Should().Be(1);
        }

        var failed = await CommandLineProcess.RunAsync(folder, Environment, "rebuildtables");
        failed.ExitCode.Should().Be(1, failed.All);
        failed.Errors.Should().Contain("年报统计重建失败").And.Contain("Rebuilding the annual tables failed");
        failed.Output.Should().NotContain("Annual tables rebuilt");
    }
}
