using System.Diagnostics;
using System.Globalization;
using Marten;
using Projections.Annual;
using Projections.Tables;
using Workflow.Applications;
using Workflow.Calendar;

namespace AnnualTablesBench;

/// <summary>
/// Latency percentiles of what an endpoint does, each call with a fresh query session, measured one call at a time
/// with a Stopwatch after a warm-up (p99 needs hundreds of calls, more than BenchmarkDotNet's short job takes):
/// serving the year's tables 三/四 (<see cref="AnnualTableReader.RenderAsync"/>) for one agency and a 50-agency
/// subtree, the drill-down of one cell, and once the as-of view of the year (it replays events).
/// </summary>
public static class Latency
{
    public const int Year = 2022;
    public static readonly string[] OneAgency = ["gov-d01"];
    public static readonly string[] Subtree = [.. LifecycleGenerator.Agencies.Take(50)];

    public sealed record Figures(string Name, int Calls, double P50, double P99, double Mean, double CpuPerCall);

    public static async Task<IReadOnlyList<Figures>> MeasureAsync(DocumentStore store, int applications, int calls, bool asOf, TextWriter log)
    {
        var schema = BenchStore.SchemaFor(applications);
        var results = new List<Figures>
        {
            await TimeAsync("counts 1 agency (LoadCountsAsync)", calls, async () =>
            {
                await using var session = store.QuerySession();
                await new AnnualTableReader(session).LoadCountsAsync(OneAgency, Year);
            }),
            await TimeAsync("counts 50-agency tree (LoadCountsAsync)", calls, async () =>
            {
                await using var session = store.QuerySession();
                await new AnnualTableReader(session).LoadCountsAsync(Subtree, Year);
            }),
            await TimeAsync("serve 1 agency (RenderAsync, counts)", calls, async () =>
            {
                await using var session = store.QuerySession();
                await new AnnualTableReader(session).RenderAsync(OneAgency, "bench", Year);
            }),
            await TimeAsync("serve 50-agency tree (RenderAsync, counts)", calls, async () =>
            {
                await using var session = store.QuerySession();
                await new AnnualTableReader(session).RenderAsync(Subtree, "bench", Year);
            }),
            await TimeAsync("drill-down 1 agency: 三 予以公开 自然人", Math.Max(20, calls / 5), async () =>
            {
                await using var session = store.QuerySession();
                await new AnnualTableReader(session).DrillDownAsync(OneAgency, Year, DisclosureFact.Result(ResultRow.Disclosed, ApplicantType.NaturalPerson));
            }),
            await TimeAsync("drill-down 1 agency: 结转下年度 自然人", Math.Max(20, calls / 5), async () =>
            {
                await using var session = store.QuerySession();
                await new AnnualTableReader(session).DrillDownAsync(OneAgency, Year, DisclosureFact.CarriedOver(ApplicantType.NaturalPerson));
            }),
            await TimeAsync("tables with every id, 1 agency (LoadAsync: publication, section)", Math.Max(10, calls / 20), async () =>
            {
                await using var session = store.QuerySession();
                await new AnnualTableReader(session).LoadAsync(OneAgency, Year);
            }),
        };
        if (asOf) results.Add(await TimeAsync("as-of view, 1 agency (replays its events)", 3, () => AsOfAsync(store, OneAgency, Year)));

        await using (var session = store.QuerySession())
        {
            var counts = await new AnnualTableReader(session).LoadCountsAsync(Subtree, Year);
            var detailed = await new AnnualTableReader(session).LoadAsync(OneAgency, Year);
            var one = await new AnnualTableReader(session).LoadCountsAsync(OneAgency, Year);
            log.WriteLine($"[{schema}] {Year}: tree newly received {counts.Disclosure.NewlyReceivedTotal()}, closed {counts.Disclosure.ResultTotal()}, " +
                          $"identity violations {counts.Disclosure.CheckIdentity().Count}; gov-d01 counts {one.Disclosure.ResultTotal()} closed = " +
                          $"{detailed.Disclosure.ResultTotal()} from the per-application statistics");
        }
        foreach (var f in results)
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{schema}] {f.Name}: p50 {f.P50:F2} ms, p99 {f.P99:F2} ms, mean {f.Mean:F2} ms, client CPU {f.CpuPerCall:F2} ms/call ({f.Calls} calls)"));
        return results;
    }

    /// <summary>Warm-up calls per measured operation (at most twice the measured calls): 200, or the WARMUP variable.</summary>
    private static int WarmUp => int.TryParse(Environment.GetEnvironmentVariable("WARMUP"), out var n) ? n : 200;

    private static async Task<Figures> TimeAsync(string name, int calls, Func<Task> call)
    {
        // Warm-up: long enough for .NET's tiered JIT to reach optimised code (a served app is warm); with the 20 calls of
        // before, the first measured calls ran unoptimised code and the JIT's background compilation counted as client CPU.
        for (var i = 0; i < (calls < 10 ? 1 : Math.Min(WarmUp, calls * 2)); i++) await call();
        var times = new double[calls];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < calls; i++)
        {
            var watch = Stopwatch.StartNew();
            await call();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        var cpuPerCall = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / calls;
        Array.Sort(times);
        double At(double p) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(p * times.Length) - 1)];
        return new Figures(name, calls, At(0.50), At(0.99), times.Average(), cpuPerCall);
    }

    /// <summary>
    /// What <c>LegalReviewReader.AnnualTablesAsOfAsync</c> does: every event of the agency's streams recorded by now,
    /// folded per application and built in memory. (The bench schemas have no inline <c>ApplicationFile</c>, so the
    /// streams are named from the statistics documents instead.)
    /// </summary>
    private static async Task AsOfAsync(DocumentStore store, string[] codes, int year)
    {
        await using var session = store.QuerySession();
        var until = DateTimeOffset.UtcNow;
        var ids = (await session.Query<ApplicationStatistics>().Where(s => codes.Contains(s.AgencyCode)).Select(s => s.Id).ToListAsync()).ToArray();
        var events = await session.Events.QueryAllRawEvents().Where(e => ids.Contains(e.StreamId) && e.Timestamp <= until).ToListAsync();
        var statistics = events.GroupBy(e => e.StreamId)
            .Select(stream => ApplicationStatistics.FoldAll([.. stream.OrderBy(e => e.Version).Select(e => e.Data).OfType<IApplicationEvent>()], WorkdayCalendar.Official))
            .OfType<ApplicationStatistics>()
            .ToList();
        AnnualTableBuilder.Build(AnnualTableBuilder.TableId(codes), year, AnnualContribution.FromStatistics(statistics).Values);
    }
}
