using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Workflow.Applications;

namespace Projections.Annual;

/// <summary>
/// 年报统计 (async): keeps <see cref="ApplicationStatistics"/> per application and <see cref="AnnualFlows"/> per agency and
/// year. For every event it folds the application's facts, retracts what the old facts contributed to the yearly flows
/// and adds what the new facts contribute — so a correction that moves a receipt date into another year, changes the
/// applicant type or the outcome, moves the application between cells and years with nothing left behind.
/// Documents touched by several events of one batch are loaded once and written once.
/// </summary>
public sealed class AnnualFlowsProjection : IProjection
{
    public const string Name = "AnnualFlows";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var statistics = new Dictionary<Guid, ApplicationStatistics?>();
        var flows = new Dictionary<string, AnnualFlows>();

        foreach (var @event in events)
        {
            if (@event.Data is not IApplicationEvent applicationEvent) continue;
            var id = applicationEvent.ApplicationId;
            if (!statistics.TryGetValue(id, out var before))
                statistics[id] = before = await operations.LoadAsync<ApplicationStatistics>(id, cancellation);
            var after = ApplicationStatistics.Fold(before, applicationEvent);
            if (after is null || ReferenceEquals(before, after)) continue;

            var touched = (before is null ? [] : AnnualContribution.FlowIds(before)).Concat(AnnualContribution.FlowIds(after)).Distinct();
            foreach (var flowId in touched.Where(flowId => !flows.ContainsKey(flowId)))
                flows[flowId] = await operations.LoadAsync<AnnualFlows>(flowId, cancellation) ?? NewFlows(flowId);

            if (before is not null) AnnualContribution.Retract(before, flowId => flows[flowId]);
            AnnualContribution.Contribute(after, flowId => flows[flowId]);
            statistics[id] = after;
        }

        foreach (var stats in statistics.Values.OfType<ApplicationStatistics>()) operations.Store(stats);
        foreach (var doc in flows.Values) operations.Store(doc);
    }

    private static AnnualFlows NewFlows(string flowId)
    {
        var separator = flowId.LastIndexOf(':');
        return AnnualFlows.Create(flowId[..separator], int.Parse(flowId[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
