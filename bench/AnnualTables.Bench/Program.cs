using System.Globalization;
using AnnualTablesBench;
using BenchmarkDotNet.Running;

// --rebuild [--applications 10000,100000]: seed if needed, then time the rebuild of "AnnualFlows" (events per second).
// --seed [--applications ...]: seed and build the data sets only.
// Anything else goes to BenchmarkDotNet, e.g. --filter '*'.
if (args.Contains("--rebuild") || args.Contains("--seed"))
{
    var index = Array.IndexOf(args, "--applications");
    var sizes = index >= 0 && index + 1 < args.Length
        ? args[index + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()
        : [10_000, 100_000];
    foreach (var applications in sizes)
    {
        using var store = BenchStore.Create(applications);
        await BenchStore.EnsureReadyAsync(store, applications, Console.Out);
        if (args.Contains("--rebuild")) await BenchStore.RebuildAsync(store, applications, Console.Out);
    }
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(AnnualTableBenchmarks).Assembly).Run(args);
return 0;
