using System.Globalization;
using AnnualTablesBench;
using BenchmarkDotNet.Running;

// --rebuild [--applications 10000,100000]: seed if needed, then time the rebuild of "AnnualFlows" (events per second,
//     peak resident memory).
// --seed [--applications ...]: seed and build the data sets only (--events-only: seed, do not build).
// --latency [--applications ...] [--calls 300] [--as-of]: p50/p99 of serving, drill-down (and the as-of view).
// Anything else goes to BenchmarkDotNet, e.g. --filter '*'.
if (args.Contains("--rebuild") || args.Contains("--seed") || args.Contains("--latency"))
{
    var index = Array.IndexOf(args, "--applications");
    var sizes = index >= 0 && index + 1 < args.Length
        ? args[index + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()
        : [10_000, 100_000];
    foreach (var applications in sizes)
    {
        using var store = BenchStore.Create(applications);
        // --rebuild: the timed rebuild is the only one (its peak memory is the rebuild's, not the seeding's).
        await BenchStore.EnsureReadyAsync(store, applications, Console.Out, build: !args.Contains("--rebuild") && !args.Contains("--events-only"));
        if (args.Contains("--rebuild")) await BenchStore.RebuildAsync(store, applications, Console.Out);
        if (args.Contains("--latency"))
        {
            var callsAt = Array.IndexOf(args, "--calls");
            var calls = callsAt >= 0 ? int.Parse(args[callsAt + 1], CultureInfo.InvariantCulture) : 300;
            await Latency.MeasureAsync(store, applications, calls, args.Contains("--as-of"), Console.Out);
        }
    }
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(AnnualTableBenchmarks).Assembly).Run(args);
return 0;
