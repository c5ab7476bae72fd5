using Marten;

namespace Server.Commands;

/// <summary>Starts the application host for a command that reads or writes data, and waits for the projections.</summary>
public static class CommandHost
{
    public static async Task<IHost> StartAsync(HostedCommandInput input)
    {
        var host = input.BuildHost();
        await host.StartAsync();
        return host;
    }

    /// <summary>Starts the host, runs the command's work and stops the host in an orderly way, whatever happened.</summary>
    public static async Task<bool> RunAsync(HostedCommandInput input, Func<IHost, Task<bool>> work)
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

    /// <summary>The annual tables are kept by the async daemon: a command waits until they have seen every event.</summary>
    public static Task CatchUpAsync(IHost host) =>
        Projections.ProjectionCatchUp.WaitAsync(host.Services.GetRequiredService<IDocumentStore>(), TimeSpan.FromMinutes(5));
}
