using Marten;

namespace Server.Commands;

/// <summary>Starts the application host for a command that reads or writes data, and waits for the projections.</summary>
public static class CommandHost
{
    /// <param name="daemonPaused">
    /// True for a command that must not project while it works (import, rebuildtables): this process's async daemon is
    /// paused before the host starts, so it never begins a load that the command would cancel mid-query (a host started
    /// and then paused logged "Error trying to load events … Query was cancelled" when a backlog was waiting). The
    /// command may still take the daemon's lock; a rebuild resumes the daemon when it is done.
    /// </param>
    public static async Task<IHost> StartAsync(HostedCommandInput input, bool daemonPaused = false)
    {
        var host = input.BuildHost();
        if (daemonPaused) await host.Services.GetRequiredService<Projections.LeaderElectedProjectionCoordinator>().PauseAsync();
        await host.StartAsync();
        return host;
    }

    /// <summary>Starts the host, runs the command's work and stops the host in an orderly way, whatever happened.</summary>
    public static async Task<bool> RunAsync(HostedCommandInput input, Func<IHost, Task<bool>> work, bool daemonPaused = false)
    {
        using var host = await StartAsync(input, daemonPaused);
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
