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
            try
            {
                await host.Services.GetRequiredService<AnnualTablesRebuild>().RebuildAsync();
            }
            catch (ProjectionOwnedElsewhereException owned)
            {
                Console.Error.WriteLine(owned.Message);
                return false;
            }
            Console.WriteLine($"年报统计已重建，用时 {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} 秒。 / Annual tables rebuilt.");
            return true;
        });
    }
}
