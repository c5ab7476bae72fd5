using Npgsql;

namespace Server.Tests.CommandLine;

/// <summary>
/// After <c>import</c>, the planner's statistics of the tables it filled are fresh (docs/adr/0035): the first worklist
/// request after a large import reads the urgency index instead of sorting every row the planner believed absent.
/// </summary>
public sealed class ImportStatisticsTests() : CommandLineDatabaseTests("import_stats")
{
    [Fact]
    public async Task Import_analyses_the_tables_it_filled()
    {
        var folder = CommandLineProcess.NewWorkingDirectory();
        await AddAgencyAsync(folder, "stats", "统计测试县人民政府", "统计府公开");
        (await AnalysedTablesAsync()).Should().NotContain("mt_doc_worklistentry");

        await File.WriteAllLinesAsync(Path.Combine(folder, "open.jsonl"), Enumerable.Range(1, 3).Select(i =>
            $$"""{"ref":"2024-00{{i}}","step":"register","agencyCode":"stats","receivedOn":"2024-03-04","channel":"letter","applicantType":"naturalPerson","applicant":{"name":"张三","phone":"13800000000","idNumber":null,"address":null,"email":null},"items":["某村征地补偿方案"],"requestedForm":"paper","externalRequestId":null}"""));
        var import = await CommandLineProcess.RunAsync(folder, Environment, "import", "open.jsonl");
        import.ExitCode.Should().Be(0, import.All);
        import.Output.Should().Contain("3 registered");

        (await AnalysedTablesAsync()).Should().Contain(["mt_events", "mt_streams", "mt_doc_applicationfile", "mt_doc_worklistentry"]);
    }

    /// <summary>The workflow's tables analysed by an explicit ANALYZE (autovacuum's own runs are counted apart).</summary>
    private async Task<List<string>> AnalysedTablesAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select relname from pg_stat_user_tables where schemaname = 'workflow' and last_analyze is not null", connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }
}
