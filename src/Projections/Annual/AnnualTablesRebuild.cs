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
            // Stop the host's agent of this projection so nothing writes the documents meanwhile, rebuild with a
            // temporary daemon (rebuilding with the host's daemon left its high-water detection stopped), then start
            // the host's agent again from the rebuilt position.
            var daemon = coordinator.DaemonForMainDatabase();
            await daemon.StopAgentAsync(AnnualFlowsProjection.ShardName);
            try
            {
                await RebuildWithTemporaryDaemonAsync(timeout, cancellation);
            }
            finally
            {
                await daemon.StartAgentAsync(AnnualFlowsProjection.ShardName, CancellationToken.None);
            }
            return;
        }

        await RebuildWithTemporaryDaemonAsync(timeout, cancellation);
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
    }
}
