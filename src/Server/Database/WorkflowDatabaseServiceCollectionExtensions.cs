using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Server.Database;

/// <summary>
/// Starts the database on first use, not at start-up: a command that needs no database (<c>clock</c>, <c>help</c>)
/// then never starts a private PostgreSQL, and one that does starts it exactly once.
/// </summary>
public sealed class WorkflowDatabaseLauncher(IConfiguration configuration, string contentRootPath, bool temporary)
{
    private readonly Lazy<WorkflowDatabase> database = new(() =>
        WorkflowDatabase.StartAsync(configuration, contentRootPath, temporary).GetAwaiter().GetResult());

    public WorkflowDatabase Database => database.Value;

    public bool Started => database.IsValueCreated;
}

public static class LazyWorkflowDatabaseRegistration
{
    /// <summary>
    /// Registers a database started on first resolution and stopped in the host's last shutdown step, after every other
    /// hosted service (message handlers, projection daemons) has finished with it. The container does not dispose
    /// instances a factory hands it for us here, hence the hosted service.
    /// </summary>
    public static IServiceCollection AddLazyWorkflowDatabase(this IServiceCollection services, WorkflowDatabaseLauncher launcher)
    {
        services.AddSingleton(launcher);
        services.AddSingleton(_ => launcher.Database);
        services.AddHostedService(_ => new WorkflowDatabaseLauncherShutdown(launcher));
        return services;
    }
}

/// <summary>Stops the private database server in the host's last shutdown step, if it was ever started.</summary>
internal sealed class WorkflowDatabaseLauncherShutdown(WorkflowDatabaseLauncher launcher) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) =>
        launcher.Started ? launcher.Database.DisposeAsync().AsTask() : Task.CompletedTask;
}
