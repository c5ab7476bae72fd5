using JasperFx.CommandLine;
using Projections.Annual;

namespace Server.Commands;

public sealed class RebuildTablesInput : HostedCommandInput
{
}

[Description("从事件重建年报统计（先清除后重放）/ Rebuild the annual-table projection from the events")]
public sealed class RebuildTablesCommand : JasperFxAsyncCommand<RebuildTablesInput>
{
    public override async Task<bool> Execute(RebuildTablesInput input)
    {
        return await CommandHost.RunAsync(input, async host =>
        {
            var started = DateTimeOffset.UtcNow;
            var printed = TimeSpan.Zero;
            // Progress after each daemon batch, at most every 2 s: events/s and the time left (docs/adr/0024).
            var progress = new SynchronousProgress<RebuildProgress>(p =>
            {
                if (p.Elapsed - printed < TimeSpan.FromSeconds(2) && p.Reached < p.LastEvent) return;
                printed = p.Elapsed;
                Console.WriteLine($"重建中 rebuilding: {p}");
            });
            try
            {
                await host.Services.GetRequiredService<AnnualTablesRebuild>().RebuildAsync(progress);
            }
            catch (Exception failure) when (failure is ProjectionOwnedElsewhereException or AnnualTablesRebuildFailedException)
            {
                Console.Error.WriteLine(failure.Message);
                return false;
            }
            catch (Exception failure)
            {
                // Whatever else went wrong (the database went away, …): a failure, never "rebuilt".
                Console.Error.WriteLine($"年报统计重建失败，统计表不完整，请排除问题后重新运行 rebuildtables。 / Rebuilding the annual tables failed; the tables are incomplete: {failure.Message}");
                return false;
            }
            Console.WriteLine($"年报统计已重建，用时 {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} 秒。 / Annual tables rebuilt.");
            return true;
        }, daemonPaused: true); // the rebuild pauses the daemon anyway; started paused, it never begins a load to cancel
    }
}

/// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and print out of order).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
