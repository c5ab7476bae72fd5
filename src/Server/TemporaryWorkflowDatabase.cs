// Temporary until the pg-launcher branch merges (it brings the private PostgreSQL); deleted at that merge.
namespace Server.Database;

public sealed class WorkflowDatabase : IAsyncDisposable
{
    public string ConnectionString { get; private init; } = "";
    public bool IsPrivate => false;
    public string Description => "configured server";
    public static Task<WorkflowDatabase> StartAsync(IConfiguration configuration, string contentRoot, bool temporary) =>
        Task.FromResult(new WorkflowDatabase { ConnectionString = configuration.GetConnectionString("Workflow") ?? throw new InvalidOperationException("no connection string") });
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
