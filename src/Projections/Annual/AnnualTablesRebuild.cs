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

    /// <summary>
    /// The time a replay of <paramref name="events"/> events may take when no timeout is given: ten minutes, or the time
    /// at 500 events/s if longer (a few million events on a loaded machine must not time out half-way).
    /// </summary>
    public static TimeSpan TimeoutFor(long events) => TimeSpan.FromSeconds(Math.Max(DefaultTimeout.TotalSeconds, events / 500.0));

    public async Task RebuildAsync(TimeSpan? timeout = null, CancellationToken cancellation = default) =>
        await RebuildAsync(null, timeout, cancellation);

    /// <summary>
    /// Rebuilds, reporting the position reached after every daemon batch to <paramref name="progress"/> (events/s, ETA).
    /// Any error of the replay — an event the projection cannot apply, a batch the daemon rejects, a timeout, a replay
    /// that stops short of the last event — throws <see cref="AnnualTablesRebuildFailedException"/>: never "done".
    /// </summary>
    public async Task RebuildAsync(IProgress<RebuildProgress>? progress, TimeSpan? timeout = null, CancellationToken cancellation = default)
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
                await RebuildWithTemporaryDaemonAsync(progress, timeout, cancellation);
            }
            finally
            {
                await coordinator.ResumeAsync();
            }
            await EnsureCompleteAsync(cancellation);
            return;
        }

        await RebuildWithTemporaryDaemonAsync(progress, timeout, cancellation);
        await EnsureCompleteAsync(cancellation);
    }

    /// <summary>A rebuild that stopped short of the last event failed, whatever was logged: say so instead of "done".</summary>
    private async Task EnsureCompleteAsync(CancellationToken cancellation)
    {
        var last = await LastEventAsync(cancellation);
        var progress = await store.Advanced.ProjectionProgressFor(new JasperFx.Events.Projections.ShardName(AnnualFlowsProjection.Name), token: cancellation);
        if (progress < last)
            throw new AnnualTablesRebuildFailedException($"停在第 {progress} 个事件（共 {last} 个）",
                $"the replay stopped at event {progress} of {last}", null);
    }

    /// <summary>The last stored event (a sequence value spent by a rolled-back append is not an event to reach).</summary>
    private async Task<long> LastEventAsync(CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new Npgsql.NpgsqlCommand(
            $"select coalesce(max(seq_id), 0) from {store.Options.Events.DatabaseSchemaName}.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync(cancellation))!;
    }

    private async Task RebuildWithTemporaryDaemonAsync(IProgress<RebuildProgress>? progress, TimeSpan? timeout, CancellationToken cancellation)
    {
        var last = await LastEventAsync(cancellation);
        using var temporary = await store.BuildProjectionDaemonAsync();
        // Every shard state the replay publishes: the position for the progress, and any failure (a paused or stopped
        // shard, an exception) that Marten would otherwise only log while the rebuild call returns.
        var watcher = new ReplayWatcher(AnnualFlowsProjection.Name, last, progress);
        using var subscription = temporary.Tracker.Subscribe(watcher);
        await DeleteDocumentsAsync(cancellation);
        try
        {
            await temporary.RebuildProjectionAsync(AnnualFlowsProjection.Name, timeout ?? TimeoutFor(last), cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            throw new AnnualTablesRebuildFailedException("重放事件时出错", $"the replay failed: {e.Message}", e);
        }
        if (watcher.Failure is { } failure)
            throw new AnnualTablesRebuildFailedException("重放事件时出错", $"the replay reported an error: {failure.Message}", failure);
        watcher.Finish();
    }

    private async Task DeleteDocumentsAsync(CancellationToken cancellation)
    {
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(ApplicationStatistics), cancellation);
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(AnnualCounts), cancellation);
        // The flow documents of before ADR 0024 (one entry per application) are no longer kept: drop them if present.
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(cancellation);
            await using var drop = new Npgsql.NpgsqlCommand(
                $"drop table if exists {store.Options.DatabaseSchemaName}.mt_doc_annualflows", connection);
            await drop.ExecuteNonQueryAsync(cancellation);
        }
        // The replay starts from nothing and records the counting rules it runs under.
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(AnnualCountingState), cancellation);
    }
}

/// <summary>Where a rebuild stands: the last event applied of <see cref="LastEvent"/>, the rate so far and the time left.</summary>
public sealed record RebuildProgress(long Reached, long LastEvent, TimeSpan Elapsed)
{
    public double EventsPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : Reached / Elapsed.TotalSeconds;

    /// <summary>The time left at the rate so far (null before the first batch).</summary>
    public TimeSpan? Remaining => EventsPerSecond <= 0 ? null : TimeSpan.FromSeconds((LastEvent - Reached) / EventsPerSecond);

    public override string ToString() =>
        $"{Reached:N0} / {LastEvent:N0} 事件 events, {EventsPerSecond:N0} 事件/秒 events/s, " +
        $"剩余 ETA {(Remaining is { } left ? $"{left:hh\\:mm\\:ss}" : "?")}";
}

/// <summary>Follows the shard states of a replay: reports progress and keeps the first failure.</summary>
internal sealed class ReplayWatcher(string projectionName, long lastEvent, IProgress<RebuildProgress>? progress) : IObserver<JasperFx.Events.Projections.ShardState>
{
    private readonly System.Diagnostics.Stopwatch watch = System.Diagnostics.Stopwatch.StartNew();
    private long reached;

    public Exception? Failure { get; private set; }

    public void OnNext(JasperFx.Events.Projections.ShardState value)
    {
        if (!value.ShardName.StartsWith(projectionName + ":", StringComparison.Ordinal)) return;
        if (value.Exception is not null || value.Action is JasperFx.Events.Daemon.ShardAction.Paused)
        {
            Failure ??= value.Exception ?? new InvalidOperationException($"{value.ShardName} paused at event {value.Sequence}.");
            return;
        }
        if (value.Action != JasperFx.Events.Daemon.ShardAction.Updated || value.Sequence <= reached) return;
        reached = value.Sequence;
        progress?.Report(new RebuildProgress(reached, lastEvent, watch.Elapsed));
    }

    public void Finish() => progress?.Report(new RebuildProgress(Math.Max(reached, lastEvent), lastEvent, watch.Elapsed));

    public void OnError(Exception error) => Failure ??= error;

    public void OnCompleted() { }
}

/// <summary>The rebuild did not complete: the tables must not be trusted until a rebuild succeeds.</summary>
public sealed class AnnualTablesRebuildFailedException(string chinese, string english, Exception? inner) : InvalidOperationException(
    $"年报统计重建失败：{chinese}，统计表不完整，请排除问题后重新运行 rebuildtables。 / Rebuilding the annual tables failed: {english}; the tables are incomplete until rebuildtables succeeds.", inner);

/// <summary>The projection is run by another process (the running application): this one may not rebuild it.</summary>
public sealed class ProjectionOwnedElsewhereException(string shardName) : InvalidOperationException(
    $"Projection {shardName} is run by another process on this database (the running application): stop it before rebuilding. / 年报统计正由另一个进程（正在运行的应用）维护，请先停止应用再重建。")
{
    public string ShardName { get; } = shardName;
}
