using Marten;
using Projections.Annual.Publication;

namespace Projections.Annual;

/// <summary>
/// Which counting rules (<see cref="CountingRules"/>) the yearly flows were built under. The projection records it when
/// it starts on a store that has no statistics yet (a new store, or the replay of a rebuild); a store whose flows were
/// built before this record existed was counted by the first rules. When a release corrects the rules, the figures
/// already stored keep the old counting until <c>rebuildtables</c> replays the events: the 年报 page says so and a year
/// cannot be published on outdated figures (ADR 0020), instead of an office learning it from a published report.
/// </summary>
public sealed class AnnualCountingState
{
    public const string DocumentId = "annual-flows";

    public string Id { get; set; } = DocumentId;

    public int RulesVersion { get; set; }

    /// <summary>The rules version the stored figures were counted by when it is older than the current one; null when they are current (or nothing is stored yet).</summary>
    public static async Task<int?> OutdatedVersionAsync(IQuerySession session, CancellationToken cancellation = default)
    {
        var state = await session.LoadAsync<AnnualCountingState>(DocumentId, cancellation);
        var version = state?.RulesVersion
                      ?? (await session.Query<ApplicationStatistics>().AnyAsync(cancellation) ? CountingRules.First : (int?)null);
        return version < CountingRules.Current ? version : null;
    }

    /// <summary>Called by the projection on every batch: records the rules in force when the flows start from nothing.</summary>
    internal static async Task RecordWhenStartingAsync(IDocumentOperations operations, CancellationToken cancellation)
    {
        if (await operations.LoadAsync<AnnualCountingState>(DocumentId, cancellation) is not null) return;
        var builtBefore = await operations.Query<ApplicationStatistics>().AnyAsync(cancellation);
        operations.Store(new AnnualCountingState { RulesVersion = builtBefore ? CountingRules.First : CountingRules.Current });
    }

    /// <summary>The refusal to publish on figures counted by outdated rules.</summary>
    public static Workflow.Applications.Refusal OutdatedRefusal(int version) => Workflow.Applications.Refusals.Rule("publication.rules-outdated",
        $"统计口径已更正（现行第{CountingRules.Current}版），现有统计仍按第{version}版口径计算：请管理员停止系统后运行 rebuildtables 重建统计，再发布年报。",
        $"The counting rules were corrected (version {CountingRules.Current}); the stored figures were counted by version {version}: run rebuildtables before publishing.");
}
