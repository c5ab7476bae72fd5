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

    /// <summary>Starts the host, runs the command's work and stops the host in an orderly way, whatever happened.</summary>
    public static async Task<bool> RunAsync(JasperFx.CommandLine.NetCoreInput input, Func<IHost, Task<bool>> work)
    {
        using var host = await StartAsync(input);
        try
        {
            return await work(host);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>
    /// The annual tables are kept by the async daemon: a command waits until they have seen every event. With no event
    /// at all there is nothing to wait for (Marten's wait would report "no event activity").
    /// </summary>
    public static async Task CatchUpAsync(IHost host)
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.QuerySession())
        {
            if (!await session.Events.QueryAllRawEvents().AnyAsync()) return;
        }
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(5));
    }
}
