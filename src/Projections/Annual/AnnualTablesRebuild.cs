using JasperFx.Events.Daemon;
using Marten;

namespace Projections.Annual;

/// <summary>
/// Rebuilds the yearly flows from the events: deletes every <see cref="ApplicationStatistics"/> and
/// <see cref="AnnualFlows"/> document (Marten's rebuild of a custom <c>IProjection</c> does not know which documents
/// it owns) and replays the "AnnualFlows" projection through the async daemon. In a host with a running daemon the
/// projection's agent is stopped first, so nothing writes the documents while they are deleted, and started again
/// afterwards; without a running daemon a temporary one is built for the rebuild.
/// </summary>
public sealed class AnnualTablesRebuild(IDocumentStore store, IProjectionCoordinator? coordinator = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public async Task RebuildAsync(TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        if (coordinator is not null)
        {
            // One daemon per database (docs/adr/0022): only the process running the daemon may rebuild. Beside a
            // running application that runs it, rebuilding here would race the application's agent (Marten logs
            // ProgressionProgressOutOfOrderException and the tables depend on who wins): refuse loudly instead.
            if (coordinator is LeaderElectedProjectionCoordinator elected
                && !await elected.WaitForLeadershipAsync(TimeSpan.FromSeconds(5), cancellation))
                throw new ProjectionOwnedElsewhereException(AnnualFlowsProjection.ShardName);

            // Pause this host's coordinator (its agents stop, its locks stay held, nothing restarts an agent
            // meanwhile), rebuild with a temporary daemon, then resume from the rebuilt position.
            await coordinator.PauseAsync();
            try
            {
                await RebuildWithTemporaryDaemonAsync(timeout, cancellation);
            }
            finally
            {
                await coordinator.ResumeAsync();
            }
            await EnsureCompleteAsync(cancellation);
            return;
        }

        await RebuildWithTemporaryDaemonAsync(timeout, cancellation);
        await EnsureCompleteAsync(cancellation);
    }

    /// <summary>A rebuild that stopped short of the last event failed, whatever was logged: say so instead of "done".</summary>
    private async Task EnsureCompleteAsync(CancellationToken cancellation)
    {
        // The last stored event (a sequence value spent by a rolled-back append is not an event to reach).
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new Npgsql.NpgsqlCommand(
            $"select coalesce(max(seq_id), 0) from {store.Options.Events.DatabaseSchemaName}.mt_events", connection);
        var last = (long)(await command.ExecuteScalarAsync(cancellation))!;
        var progress = await store.Advanced.ProjectionProgressFor(new JasperFx.Events.Projections.ShardName(AnnualFlowsProjection.Name), token: cancellation);
        if (progress < last)
            throw new InvalidOperationException(
                $"The rebuild of {AnnualFlowsProjection.Name} stopped at event {progress} of {last}: the tables are incomplete.");
    }

    private async Task RebuildWithTemporaryDaemonAsync(TimeSpan? timeout, CancellationToken cancellation)
    {
        using var temporary = await store.BuildProjectionDaemonAsync();
        await DeleteDocumentsAsync(cancellation);
        await temporary.RebuildProjectionAsync(AnnualFlowsProjection.Name, timeout ?? DefaultTimeout, cancellation);
    }

    private async Task DeleteDocumentsAsync(CancellationToken cancellation)
    {
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(ApplicationStatistics), cancellation);
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(AnnualFlows), cancellation);
        // The replay starts from nothing and records the counting rules it runs under.
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(AnnualCountingState), cancellation);
    }
}

/// <summary>The projection is run by another process (the running application): this one may not rebuild it.</summary>
public sealed class ProjectionOwnedElsewhereException(string shardName) : InvalidOperationException(
    $"Projection {shardName} is run by another process on this database (the running application): stop it before rebuilding. / 年报统计正由另一个进程（正在运行的应用）维护，请先停止应用再重建。")
{
    public string ShardName { get; } = shardName;
}
