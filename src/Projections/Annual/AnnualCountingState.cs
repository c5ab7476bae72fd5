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

    /// <summary>
    /// How the figures are stored: 0 = the yearly flows of ADR 0008 (a state recorded before this property existed),
    /// 1 = per-(agency, year) counts as nested dictionaries (ADR 0024), <see cref="CurrentStorage"/> = the same counts as
    /// one array of cells in the <see cref="CountCells"/> layout (ADR 0024 addendum 2). A store built with an older
    /// storage serves nothing reliable until <c>rebuildtables</c>: <see cref="OutdatedVersionAsync"/> says so.
    /// </summary>
    public int Storage { get; set; }

    public const int CurrentStorage = 2;

    /// <summary>What <see cref="OutdatedVersionAsync"/> returns when the rules are current but the storage is not.</summary>
    public const int StorageOutdated = 0;

    /// <summary>The rules version the stored figures were counted by when it is older than the current one; null when they are current (or nothing is stored yet).</summary>
    public static async Task<int?> OutdatedVersionAsync(IQuerySession session, CancellationToken cancellation = default)
    {
        var state = await session.LoadAsync<AnnualCountingState>(DocumentId, cancellation);
        var version = state?.RulesVersion
                      ?? (await session.Query<ApplicationStatistics>().AnyAsync(cancellation) ? CountingRules.First : (int?)null);
        if (version < CountingRules.Current) return version;
        // Built before ADR 0024: no count documents until rebuildtables (the served tables would read zeros).
        return state is not null && state.Storage < CurrentStorage ? StorageOutdated : null;
    }

    /// <summary>Called by the projection on every batch: records the rules in force when the flows start from nothing.</summary>
    internal static async Task RecordWhenStartingAsync(IDocumentOperations operations, CancellationToken cancellation)
    {
        if (await operations.LoadAsync<AnnualCountingState>(DocumentId, cancellation) is not null) return;
        var builtBefore = await operations.Query<ApplicationStatistics>().AnyAsync(cancellation);
        operations.Store(new AnnualCountingState
        {
            RulesVersion = builtBefore ? CountingRules.First : CountingRules.Current,
            Storage = builtBefore ? StorageOutdated : CurrentStorage,
        });
    }

    /// <summary>The refusal to publish on figures counted by outdated rules.</summary>
    public static Workflow.Applications.Refusal OutdatedRefusal(int version) => version == StorageOutdated
        ? Workflow.Applications.Refusals.Rule("publication.storage-outdated",
            "年报统计的存储方式已更新（按单位、年度保存计数），现有统计尚未按新方式重建：请管理员停止系统后运行 rebuildtables 重建统计，再查看或发布年报。",
            "The annual figures are stored per agency and year since this release (ADR 0024) and have not been rebuilt yet: run rebuildtables before reading or publishing the tables.")
        : Workflow.Applications.Refusals.Rule("publication.rules-outdated",
        $"统计口径已更正（现行第{CountingRules.Current}版），现有统计仍按第{version}版口径计算：请管理员停止系统后运行 rebuildtables 重建统计，再发布年报。",
        $"The counting rules were corrected (version {CountingRules.Current}); the stored figures were counted by version {version}: run rebuildtables before publishing.");
}
