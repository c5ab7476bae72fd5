using Marten;
using Marten.Events;

namespace Server.Commands;

/// <summary>Starts the application host for a command that reads or writes data, and waits for the projections.</summary>
public static class CommandHost
{
    public static async Task<IHost> StartAsync(JasperFx.CommandLine.NetCoreInput input)
    {
        var host = input.BuildHost();
        await host.StartAsync();
        return host;
    }

    /// <summary>The annual tables are kept by the async daemon: a command waits until they have seen every event.</summary>
    public static Task CatchUpAsync(IHost host) =>
        host.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(5));
}
