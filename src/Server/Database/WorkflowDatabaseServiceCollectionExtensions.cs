using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Server.Database;

public static class WorkflowDatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database as a singleton and stops its private server once the host has stopped, after every
    /// other hosted service (message handlers, projection daemons) has finished with it. The container does not
    /// dispose instances it was handed, hence the hosted service.
    /// </summary>
    public static IServiceCollection AddWorkflowDatabase(this IServiceCollection services, WorkflowDatabase database)
    {
        services.AddSingleton(database);
        services.AddHostedService(_ => new WorkflowDatabaseShutdown(database));
        return services;
    }
}

/// <summary>Stops the private database server in the host's last shutdown step.</summary>
internal sealed class WorkflowDatabaseShutdown(WorkflowDatabase database) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => database.DisposeAsync().AsTask();
}
