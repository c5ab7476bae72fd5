using BenchmarkDotNet.Attributes;
using Marten;
using Npgsql;
using Projections.Annual;

namespace AnnualTablesBench;

/// <summary>
/// Serving one annual table: <see cref="AnnualTableReader.LoadCountsAsync"/> as an endpoint calls it, a fresh query
/// session per call, for one agency and for a 50-agency subtree, for the middle year 2022 of the seeded 2019-2024, at
/// 10k and 100k applications. (The p50/p99 figures of the README come from <c>--latency</c>.)
/// </summary>
[Config(typeof(BenchConfig))]
public class AnnualTableBenchmarks
{
    public const int Year = 2022;
    private static readonly string[] OneAgency = Latency.OneAgency;
    private static readonly string[] Subtree = Latency.Subtree;

    [Params(10_000, 100_000)]
    public int Applications { get; set; }

    private DocumentStore store = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        store = BenchStore.Create(Applications);
        await BenchStore.EnsureReadyAsync(store, Applications, Console.Out);
        await ReportWhatIsReadAsync(OneAgency);
        await ReportWhatIsReadAsync(Subtree);
    }

    [GlobalCleanup]
    public void Cleanup() => store.Dispose();

    [Benchmark(Baseline = true, Description = "LoadCountsAsync(1 agency, 2022)")]
    public async Task<AnnualTables> OneAgencyTable()
    {
        await using var session = store.QuerySession();
        return await new AnnualTableReader(session).LoadCountsAsync(OneAgency, Year);
    }

    [Benchmark(Description = "LoadCountsAsync(50-agency subtree, 2022)")]
    public async Task<AnnualTables> SubtreeTable()
    {
        await using var session = store.QuerySession();
        return await new AnnualTableReader(session).LoadCountsAsync(Subtree, Year);
    }

    /// <summary>
    /// Shows that serving a table reads a few flow documents and no events: the SQL Marten sends, captured by a session
    /// logger; the number of documents and their bytes (independent of N in count, growing with N in size); the events.
    /// </summary>
    private async Task ReportWhatIsReadAsync(string[] codes)
    {
        var schema = BenchStore.SchemaFor(Applications);
        var logger = new CapturingLogger();
        await using (var session = store.QuerySession())
        {
            session.Logger = logger;
            var tables = await new AnnualTableReader(session).LoadCountsAsync(codes, Year);
            Console.WriteLine($"[{schema}] {string.Join("+", codes)} {Year}: newly received {tables.Disclosure.Applicants.Values.Sum(c => c.NewlyReceived)}, " +
                              $"carried in {tables.Disclosure.Applicants.Values.Sum(c => c.CarriedIn)}, " +
                              $"closed {tables.Disclosure.Applicants.Values.Sum(c => c.ResultTotal())}, " +
                              $"carried over {tables.Disclosure.Applicants.Values.Sum(c => c.CarriedOver)}");
        }
        foreach (var sql in logger.Commands)
            Console.WriteLine($"[{schema}]   SQL sent: {sql}");
        if (logger.Commands.Any(sql => sql.Contains("mt_events", StringComparison.Ordinal)))
            throw new InvalidOperationException("Serving a table touched mt_events.");

        await using var connection = new NpgsqlConnection(BenchStore.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select count(*), coalesce(sum(pg_column_size(data)), 0) from {schema}.mt_doc_annualcounts " +
            $"where data ->> 'agencyCode' = any(@codes) and (data ->> 'year')::int = @year", connection);
        command.Parameters.AddWithValue("codes", codes);
        command.Parameters.AddWithValue("year", Year);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var counts = await BenchStore.CountsAsync(schema);
        Console.WriteLine($"[{schema}]   documents read: {reader.GetInt64(0)} AnnualCounts ({reader.GetInt64(1) / 1024} KiB stored, compressed); " +
                          $"events in the store, none read: {counts.Events}");
    }
}
