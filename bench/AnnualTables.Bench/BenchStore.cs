using System.Diagnostics;
using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;
using Projections;
using Projections.Annual;
using Weasel.Core;
using Workflow;

namespace AnnualTablesBench;

/// <summary>
/// A Marten store configured like the app's (WorkflowHost: STJ with string enums in camelCase, ConfigureWorkflow,
/// ConfigureProjections, loud projection errors), in a schema of its own per data set size, so a seeded data set is
/// kept between runs and the 10k and 100k sets live side by side.
/// </summary>
public static class BenchStore
{
    public const string ConnectionVariable = "ConnectionStrings__Workflow";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Set {ConnectionVariable}, e.g. Host=127.0.0.1;Port=5499;Username=postgres;Database=bench (see bench/README.md).");

    public static string SchemaFor(int applications) => $"bench_{applications}";

    public static DocumentStore Create(int applications) => DocumentStore.For(options =>
    {
        options.Connection(ConnectionString);
        options.DatabaseSchemaName = SchemaFor(applications);
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        options.ConfigureWorkflow();
        options.ConfigureProjections();
        options.Projections.Errors.SkipApplyErrors = false;
        options.Projections.Errors.SkipSerializationErrors = false;
        options.Projections.Errors.SkipUnknownEvents = false;
        options.Projections.RebuildErrors.SkipApplyErrors = false;
        options.Projections.RebuildErrors.SkipSerializationErrors = false;
        options.Projections.RebuildErrors.SkipUnknownEvents = false;
    });

    /// <summary>Seeds the events unless exactly the expected streams are there, then builds the flows unless they are current.</summary>
    public static async Task EnsureReadyAsync(DocumentStore store, int applications, TextWriter log, bool build = true)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var schema = SchemaFor(applications);
        var counts = await CountsAsync(schema);
        if (counts.Streams != applications)
        {
            log.WriteLine($"[{schema}] {counts.Streams} streams found, {applications} expected: seeding from scratch.");
            await store.Advanced.Clean.CompletelyRemoveAllAsync();
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            var watch = Stopwatch.StartNew();
            var events = await SeedAsync(store, applications);
            // Statistics for the planner, as autovacuum would gather on a live store: without them the daemon's
            // page query over 3 million fresh rows can exceed the 30 s command timeout (seen at 1M).
            await using (var connection = new NpgsqlConnection(ConnectionString))
            {
                await connection.OpenAsync();
                await using var analyze = new NpgsqlCommand($"analyze {schema}.mt_events; analyze {schema}.mt_streams", connection);
                await analyze.ExecuteNonQueryAsync();
            }
            log.WriteLine($"[{schema}] seeded {applications} applications, {events} events in {watch.Elapsed.TotalSeconds:F1} s (bulk COPY).");
            counts = await CountsAsync(schema);
        }
        else log.WriteLine($"[{schema}] cached data set: {counts.Streams} applications, {counts.Events} events.");

        if (build && (counts.ProjectionSequence < counts.MaxSequence || counts.CountDocuments == 0))
        {
            log.WriteLine($"[{schema}] counts not current (projection at {counts.ProjectionSequence} of {counts.MaxSequence}): rebuilding.");
            await RebuildAsync(store, applications, log);
        }
    }

    /// <summary>
    /// Rebuilds "AnnualFlows" the way the app does (<see cref="AnnualTablesRebuild"/>), printing the progress as
    /// <c>rebuildtables</c> does, and reports events per second and the process's peak resident memory (VmHWM).
    /// </summary>
    public static async Task<double> RebuildAsync(DocumentStore store, int applications, TextWriter log, bool throughDaemon = false)
    {
        var schema = SchemaFor(applications);
        var before = await CountsAsync(schema);
        var watch = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var printed = TimeSpan.Zero;
        var peakDuring = 0L;
        var progress = new SynchronousProgress<RebuildProgress>(p =>
        {
            peakDuring = Math.Max(peakDuring, ResidentBytes("VmRSS"));
            if (p.Elapsed - printed < TimeSpan.FromSeconds(10) && p.Reached < p.LastEvent) return;
            printed = p.Elapsed;
            log.WriteLine($"[{schema}]   {p}; resident {ResidentBytes("VmRSS") / 1_048_576} MB");
        });
        var rebuild = new AnnualTablesRebuild(store);
        log.WriteLine($"[{schema}] rebuilding {(throughDaemon ? "through a temporary daemon (RebuildThroughDaemonAsync, the path before)" : "in memory (RebuildAsync, the path rebuildtables takes)")}");
        if (throughDaemon) await rebuild.RebuildThroughDaemonAsync(progress, TimeSpan.FromMinutes(90));
        else await rebuild.RebuildAsync(progress, TimeSpan.FromMinutes(60));
        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var after = await CountsAsync(schema);
        if (after.ProjectionSequence < after.MaxSequence)
            throw new InvalidOperationException($"Rebuild stopped at {after.ProjectionSequence} of {after.MaxSequence}.");
        var rate = before.Events / watch.Elapsed.TotalSeconds;
        log.WriteLine($"[{schema}] rebuild of {AnnualFlowsProjection.Name} ({(throughDaemon ? "daemon" : "in memory")}): {before.Events} events of {before.Streams} applications in " +
                      $"{watch.Elapsed.TotalSeconds:F1} s = {rate:F0} events/s; {after.CountDocuments} AnnualCounts and " +
                      $"{after.StatisticsDocuments} ApplicationStatistics documents written; peak resident memory of this process " +
                      $"{ResidentBytes("VmHWM") / 1_048_576} MB (VmHWM, seeding included when it ran in this process), " +
                      $"{peakDuring / 1_048_576} MB sampled during the rebuild; this process used {cpu.TotalSeconds:F1} s of CPU " +
                      $"({before.Events / Math.Max(cpu.TotalSeconds, 0.001):F0} events per CPU-second, PostgreSQL's not counted).");
        return rate;
    }

    /// <summary>
    /// A digest of every document the rebuild writes (jsonb text is normalized: key order does not matter), to check
    /// two rebuilds wrote the same tables and statistics.
    /// </summary>
    public static async Task<string> DocumentsDigestAsync(int applications)
    {
        var schema = SchemaFor(applications);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var digests = new List<string>();
        foreach (var table in new[] { "mt_doc_annualcounts", "mt_doc_applicationstatistics" })
        {
            await using var command = new NpgsqlCommand(
                $"select count(*) || ' ' || md5(coalesce(string_agg(md5(data::text), '' order by id), '')) from {schema}.{table}", connection) { CommandTimeout = 600 };
            digests.Add($"{table}: {await command.ExecuteScalarAsync()}");
        }
        return string.Join("; ", digests);
    }

    /// <summary>
    /// The (agency, year) pairs of the 50-agency tree, 2019–2025, whose served counts (<c>LoadCountsAsync</c>) differ from
    /// the tables built from the per-application statistics (<c>LoadAsync</c>): table 四 cell by cell and, per applicant
    /// type, 新收 / 上年结转 / 办结 / 结转下年度. Names the first few.
    /// </summary>
    public static async Task<(int Mismatches, string First)> CountsAgainstStatisticsAsync(DocumentStore store)
    {
        await using var session = store.QuerySession();
        var reader = new AnnualTableReader(session);
        var mismatches = new List<string>();
        foreach (var agency in Latency.Subtree)
        for (var year = 2019; year <= 2025; year++)
        {
            var counts = await reader.LoadCountsAsync([agency], year);
            var built = await reader.LoadAsync([agency], year);
            if (Describe(counts) != Describe(built)) mismatches.Add($"{agency} {year}: counts {Describe(counts)} / statistics {Describe(built)}");
        }
        return (mismatches.Count, string.Join(" | ", mismatches.Take(2)));

        static string Describe(Projections.Annual.AnnualTables t) => string.Join(",",
            Enum.GetValues<Workflow.Applications.ReviewBlock>().SelectMany(b => Enum.GetValues<Workflow.Applications.ReviewResultColumn>()
                .Select(c => t.Reviews.Count(b, c))).Concat(Enum.GetValues<Workflow.Applications.ApplicantType>()
                .SelectMany(a => new[] { t.Disclosure.Column(a).NewlyReceived, t.Disclosure.Column(a).CarriedIn,
                    t.Disclosure.Column(a).ResultTotal(), t.Disclosure.Column(a).CarriedOver })));
    }

    /// <summary>
    /// Appends the histories with Marten's bulk COPY import, in the order an office would have recorded them (by date,
    /// across applications), so the daemon sees an interleaved log like a live store's, not one application at a time.
    /// Inline projections (case file, hash-chain seals) are not run by the bulk path; the annual flows do not read them.
    /// </summary>
    private static async Task<long> SeedAsync(DocumentStore store, int applications)
    {
        var generator = new LifecycleGenerator(seed: 20261123);
        var headers = new List<BulkEventStreamHeader>(applications);
        var recorded = new List<(DateOnly On, int Stream, IEvent Event)>();
        for (var i = 0; i < applications; i++)
        {
            var history = generator.History(i);
            var action = StreamAction.Start(store.Events, history[0].ApplicationId, [.. history.Cast<object>()]);
            headers.Add(new BulkEventStreamHeader { Id = action.Id, Version = action.Events.Count, AggregateType = typeof(Workflow.Applications.DisclosureApplication) });
            var on = DateOnly.MinValue;
            var version = 0;
            foreach (var e in action.Events)
            {
                e.StreamId = action.Id;
                e.Version = ++version; // the streaming import takes versions from the events themselves
                // Recorded no earlier than the stream's previous event (a correction is recorded after what it corrects).
                var businessDate = ((Workflow.Applications.IApplicationEvent)e.Data).BusinessDate;
                on = businessDate > on ? businessDate : on;
                recorded.Add((on, i, e));
            }
        }
        var ordered = recorded.OrderBy(r => r.On).ThenBy(r => r.Stream).ThenBy(r => r.Event.Version).Select(r => r.Event).ToList();
        await store.BulkInsertEventStreamAsync(StorageConstants.DefaultTenantId, headers, ordered.ToAsyncEnumerable(), batchSize: 5_000);
        return ordered.Count;
    }

    public sealed record Counts(long Streams, long Events, long MaxSequence, long ProjectionSequence, long CountDocuments, long StatisticsDocuments);

    public static async Task<Counts> CountsAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        async Task<long> Scalar(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var value = await command.ExecuteScalarAsync();
            return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return new Counts(
            await Scalar($"select count(*) from {schema}.mt_streams"),
            await Scalar($"select count(*) from {schema}.mt_events"),
            await Scalar($"select coalesce(max(seq_id), 0) from {schema}.mt_events"),
            await Scalar($"select coalesce(max(last_seq_id), 0) from {schema}.mt_event_progression where name = '{AnnualFlowsProjection.ShardName}'"),
            await Scalar($"select count(*) from {schema}.mt_doc_annualcounts"),
            await Scalar($"select count(*) from {schema}.mt_doc_applicationstatistics"));
    }

    /// <summary>A line of /proc/self/status in bytes (VmRSS: resident now; VmHWM: the peak), 0 where there is none.</summary>
    public static long ResidentBytes(string field)
    {
        if (!File.Exists("/proc/self/status")) return 0;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}

/// <summary>Reports on the caller's thread.</summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
