using JasperFx.Events.Daemon;
using Marten;

namespace Projections.Annual;

/// <summary>
/// Rebuilds the yearly flows from the events: deletes every <see cref="ApplicationStatistics"/> and
/// <see cref="AnnualFlows"/> document (Marten's rebuild of a custom <c>IProjection</c> does not know which documents
/// it owns) and replays the "AnnualFlows" projection through the async daemon. In a host with a running daemon the
/// projection's agent is stopped first, so nothing writes the documents while they are deleted, and the rebuild
/// restarts it; without a running daemon a temporary one is built for the rebuild.
/// </summary>
public sealed class AnnualTablesRebuild(IDocumentStore store, IProjectionCoordinator? coordinator = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public async Task RebuildAsync(TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        if (coordinator is not null)
        {
            var daemon = coordinator.DaemonForMainDatabase();
            await daemon.StopAgentAsync(AnnualFlowsProjection.ShardName);
            await DeleteDocumentsAsync(cancellation);
            await daemon.RebuildProjectionAsync(AnnualFlowsProjection.Name, timeout ?? DefaultTimeout, cancellation);
            if (!daemon.CurrentAgents().Any(agent => agent.Name.Identity == AnnualFlowsProjection.ShardName))
                await daemon.StartAgentAsync(AnnualFlowsProjection.ShardName, cancellation);
            return;
        }

        using var temporary = await store.BuildProjectionDaemonAsync();
        await DeleteDocumentsAsync(cancellation);
        await temporary.RebuildProjectionAsync(AnnualFlowsProjection.Name, timeout ?? DefaultTimeout, cancellation);
    }

    private async Task DeleteDocumentsAsync(CancellationToken cancellation)
    {
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(ApplicationStatistics), cancellation);
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(AnnualFlows), cancellation);
    }
}
