using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Linq.MatchesSql;

namespace Projections.Annual;

/// <summary>
/// Rebuilds the annual tables from the events: deletes every <see cref="ApplicationStatistics"/>, <see cref="AnnualCounts"/>
/// and <see cref="AnnualCountingState"/> document (Marten's rebuild of a custom <c>IProjection</c> does not know which
/// documents it owns) and replays the "AnnualFlows" projection — in memory (<see cref="RebuildAsync(IProgress{RebuildProgress}?, TimeSpan?, CancellationToken)"/>,
/// ADR 0024 addendum) or through a temporary async daemon (<see cref="RebuildThroughDaemonAsync"/>, the reference). In a
/// host with a running daemon the projection's agent is paused first, so nothing writes the documents meanwhile, and
/// resumed afterwards from the rebuilt position. The hash-chain seals are never rebuilt (ADR 10).
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
    /// Rebuilds by replaying the events in memory (<see cref="ReplayInMemoryAsync"/>, ADR 0024 addendum), reporting the
    /// events replayed after every chunk of streams to <paramref name="progress"/> (events/s, ETA). Any error — an event
    /// the projection cannot apply, a failed write, a timeout, a result that stops short of the last event — throws
    /// <see cref="AnnualTablesRebuildFailedException"/>: never "done".
    /// </summary>
    public Task RebuildAsync(IProgress<RebuildProgress>? progress, TimeSpan? timeout = null, CancellationToken cancellation = default) =>
        WithProjectionStoppedAsync(() => ReplayInMemoryAsync(progress, timeout, cancellation), cancellation);

    /// <summary>
    /// Rebuilds by replaying the "AnnualFlows" projection through a temporary async daemon, batch by batch, as it runs
    /// in production: slower (every batch loads and writes documents) and kept as the reference the in-memory replay is
    /// compared with (tests, bench). Progress is reported after every daemon batch; errors throw as for <see cref="RebuildAsync(IProgress{RebuildProgress}?, TimeSpan?, CancellationToken)"/>.
    /// </summary>
    public Task RebuildThroughDaemonAsync(IProgress<RebuildProgress>? progress, TimeSpan? timeout = null, CancellationToken cancellation = default) =>
        WithProjectionStoppedAsync(() => RebuildWithTemporaryDaemonAsync(progress, timeout, cancellation), cancellation);

    private async Task WithProjectionStoppedAsync(Func<Task> rebuild, CancellationToken cancellation)
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
            // meanwhile), rebuild, then resume from the rebuilt position.
            await coordinator.PauseAsync();
            try
            {
                await rebuild();
            }
            finally
            {
                await coordinator.ResumeAsync();
            }
            await EnsureCompleteAsync(cancellation);
            return;
        }

        await rebuild();
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

    /// <summary>Streams read and folded together: one query, a bounded working set (ADR 0024 addendum).</summary>
    public const int StreamsPerChunk = 5_000;

    /// <summary>
    /// The rebuild without the daemon's per-batch document loads (ADR 0024 addendum). The store is quiet (the daemon is
    /// stopped, see <see cref="WithProjectionStoppedAsync"/>); every event up to the last one stored is read once, a
    /// chunk of whole streams at a time. A chunk is folded by the projection's own code (<see cref="AnnualFlowsApplier"/>,
    /// <see cref="AnnualFlowsProjection.TimelinessOver"/>) exactly as a daemon batch in which every stream starts: no
    /// statistics to load, since each application is complete when its stream is. Its statistics are written by bulk
    /// COPY and forgotten while the next chunk is read; the count documents (a few per agency) are kept in memory and
    /// written at the end, with the counting state and the projection's progression set to the last event read, in one
    /// transaction, so the daemon continues from there.
    /// </summary>
    private async Task ReplayInMemoryAsync(IProgress<RebuildProgress>? progress, TimeSpan? timeout, CancellationToken cancellation)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var last = await LastEventAsync(cancellation);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(timeout ?? TimeoutFor(last));
        var token = limit.Token;
        Task? reading = null, writing = null;
        IReadOnlyList<string> dropped = [];
        try
        {
            var projection = FindProjection();
            // The number of events to replay, for the progress and its ETA: counted beside the replay, not before it.
            var counting = CountEventsUpToAsync(last, token);
            await DeleteDocumentsAsync(token);
            await ForgetProgressionAsync(token);
            // The statistics' secondary indexes are built once at the end, from the loaded table, instead of being
            // updated row by row during the COPY (put back whatever happens, see the finally below).
            dropped = await DropSecondaryIndexesAsync(token);
            // Opened on the emptied store: records the rules in force, as the daemon's first batch would.
            await using var session = store.LightweightSession();
            await AnnualCountingState.RecordWhenStartingAsync(session, token);

            var counts = new Dictionary<string, Dictionary<int, AnnualCounts>>(StringComparer.Ordinal);
            long replayed = 0;
            // The streams are listed a chunk at a time from mt_streams, in id order, by the task reading the chunk: no
            // listing of every stream first, and nothing kept per stream once its chunk is written.
            Task<Chunk>? next = ReadChunkAsync(null, last, projection.CalendarInForce, token);
            while (next is not null)
            {
                var chunk = await next;
                if (chunk.StreamCount == 0) break;
                // The next chunk is read while this one is folded and written (PostgreSQL and the client overlap).
                next = chunk.StreamCount == StreamsPerChunk ? ReadChunkAsync(chunk.LastStream, last, projection.CalendarInForce, token) : null;
                reading = next;
                var statistics = await FoldChunkAsync(chunk, counts);
                if (writing is not null) await writing;
                writing = statistics.Count == 0 ? null : store.BulkInsertAsync(statistics, batchSize: statistics.Count, cancellation: token);
                replayed += chunk.EventCount;
                var total = counting.IsCompletedSuccessfully ? counting.Result : await counting;
                progress?.Report(new RebuildProgress(replayed, Math.Max(total, replayed), watch.Elapsed));
            }
            if (writing is not null) await writing;
            writing = null;
            await RecreateIndexesAsync(dropped, token);
            dropped = [];

            foreach (var document in counts.Values.SelectMany(years => years.Values)) session.Store(document);
            session.QueueSqlCommand(
                $"insert into {store.Options.Events.DatabaseSchemaName}.mt_event_progression (name, last_seq_id, last_updated) " +
                "values (?, ?, transaction_timestamp()) on conflict (name) do update set last_seq_id = excluded.last_seq_id, last_updated = excluded.last_updated",
                AnnualFlowsProjection.ShardName, last);
            await session.SaveChangesAsync(token);
            progress?.Report(new RebuildProgress(replayed, replayed, watch.Elapsed));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            await limit.CancelAsync();
            await QuietlyAsync(reading);
            await QuietlyAsync(writing);
            throw new AnnualTablesRebuildFailedException("重放事件时出错", $"the replay failed: {e.Message}", e);
        }
        finally
        {
            // A failed rebuild leaves the schema as it found it (the documents are incomplete, and say so: no progression).
            if (dropped.Count > 0) await RecreateIndexesAsync(dropped, CancellationToken.None);
        }
    }

    /// <summary>
    /// Drops the secondary (non-unique) indexes of the statistics table and returns their definitions: the rebuild
    /// loads every row by COPY into the emptied table, and building each index once afterwards costs far less than
    /// inserting 1.5 million entries into four expression indexes one row at a time.
    /// </summary>
    private async Task<IReadOnlyList<string>> DropSecondaryIndexesAsync(CancellationToken token)
    {
        var table = StatisticsTable();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(token);
        var definitions = new List<(string Name, string Definition)>();
        await using (var list = new Npgsql.NpgsqlCommand(
            "select n.nspname || '.' || c.relname, pg_get_indexdef(i.indexrelid) from pg_index i " +
            "join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace " +
            "where i.indrelid = @table::regclass and not i.indisunique and not i.indisprimary order by c.relname", connection))
        {
            list.Parameters.AddWithValue("table", table);
            await using var reader = await list.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token)) definitions.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in definitions)
        {
            await using var drop = new Npgsql.NpgsqlCommand($"drop index if exists {name}", connection);
            await drop.ExecuteNonQueryAsync(token);
        }
        return [.. definitions.Select(d => d.Definition)];
    }

    /// <summary>Creates the indexes <see cref="DropSecondaryIndexesAsync"/> dropped, from their definitions.</summary>
    private async Task RecreateIndexesAsync(IReadOnlyList<string> definitions, CancellationToken token)
    {
        if (definitions.Count == 0) return;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(token);
        foreach (var definition in definitions)
        {
            await using var create = new Npgsql.NpgsqlCommand(
                definition.Replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", StringComparison.Ordinal), connection) { CommandTimeout = 3600 };
            await create.ExecuteNonQueryAsync(token);
        }
    }

    /// <summary>Marten's table of <see cref="ApplicationStatistics"/> (its naming: mt_doc_ + the type's name in lower case).</summary>
    private string StatisticsTable() => $"{store.Options.DatabaseSchemaName}.mt_doc_{nameof(ApplicationStatistics).ToLowerInvariant()}";

    /// <summary>Lets a task started alongside a failed one end (its own error is not the one to report).</summary>
    private static async Task QuietlyAsync(Task? task)
    {
        if (task is null) return;
        try { await task; }
        catch (Exception) { /* the rebuild already failed with the first error */ }
    }

    /// <summary>
    /// The events of a chunk of whole streams, ready to fold: each application's events in order and, for every event
    /// that can change an answer's timeliness, whether the statutory clock over the history up to it says late (A13) —
    /// computed here, on the reading task, while the previous chunk is folded (the clock is the costliest part).
    /// <see cref="LastStream"/> is where the next chunk's listing starts.
    /// </summary>
    private sealed record Chunk(int StreamCount, Guid LastStream, int EventCount,
        IReadOnlyList<Workflow.Applications.IApplicationEvent> ApplicationEvents, IReadOnlyDictionary<object, bool> AnsweredLate);

    /// <summary>Folds a chunk with the projection's code and adds it to the agencies' counts; returns the statistics.</summary>
    private static async Task<List<ApplicationStatistics>> FoldChunkAsync(Chunk chunk, Dictionary<string, Dictionary<int, AnnualCounts>> counts)
    {
        var changes = await AnnualFlowsApplier.ApplyAsync(
            chunk.ApplicationEvents,
            // Every stream of the chunk is whole in it: no application has statistics yet.
            _ => Task.FromResult<ApplicationStatistics?>(null),
            agencies => Task.FromResult<IReadOnlyList<AnnualCounts>>(
                [.. agencies.SelectMany(a => counts.TryGetValue(a, out var years) ? years.Values : Enumerable.Empty<AnnualCounts>())]),
            (e, statistics) => Task.FromResult(statistics.WithTimeliness(chunk.AnsweredLate[e])));
        foreach (var document in changes.Counts)
        {
            if (!counts.TryGetValue(document.AgencyCode, out var years)) counts[document.AgencyCode] = years = [];
            years[document.Year] = document;
        }
        return [.. changes.Statistics];
    }

    /// <summary>
    /// The next <see cref="StreamsPerChunk"/> streams after <paramref name="after"/> (from the first when null), in id
    /// order from mt_streams' primary key, and their events up to <paramref name="last"/>, prepared to fold.
    /// </summary>
    private async Task<Chunk> ReadChunkAsync(Guid? after, long last, Func<Workflow.Calendar.WorkdayCalendar> calendar, CancellationToken token)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(token);
        var ids = await StreamsAfterAsync(connection, after, token);
        if (ids.Length == 0) return new Chunk(0, Guid.Empty, 0, [], new Dictionary<object, bool>());
        // A chunk is a small range of a large table: PostgreSQL's plan estimates make it compile the query (JIT) and
        // start parallel workers for every chunk, which cost more than the scan (measured: 414 ms against 122 ms per
        // chunk of 16,600 events at 5 million). The rebuild's reads run without both.
        await using var transaction = await connection.BeginTransactionAsync(token);
        await using (var set = new Npgsql.NpgsqlCommand("set local jit = off; set local max_parallel_workers_per_gather = 0", connection, transaction))
            await set.ExecuteNonQueryAsync(token);
        List<IEvent> events;
        var (first, lastStream) = (ids[0], ids[^1]);
        await using (var session = store.QuerySession(Marten.Services.SessionOptions.ForTransaction(transaction)))
            // The chunk's streams are a contiguous range of ids: one scan of the (stream_id, version) index's range,
            // sorted here (each stream whole and in order; the order across streams does not matter, see the ADR).
            events = [.. await session.Events.QueryAllRawEvents()
                .Where(e => e.MatchesSql("d.stream_id >= ? and d.stream_id <= ?", first, lastStream) && e.Sequence <= last)
                .ToListAsync(token)];
        events.Sort(static (a, b) => a.StreamId != b.StreamId ? a.StreamId.CompareTo(b.StreamId) : a.Version.CompareTo(b.Version));
        var applicationEvents = events.Where(e => e.Data is Workflow.Applications.IApplicationEvent).ToList();
        var versions = applicationEvents.ToDictionary(e => e.Data, e => e.Version, (IEqualityComparer<object>)ReferenceEqualityComparer.Instance);
        var streams = applicationEvents.GroupBy(e => e.StreamId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Version).ToList());
        var calendarInForce = calendar();
        var answeredLate = new Dictionary<object, bool>(ReferenceEqualityComparer.Instance);
        foreach (var e in applicationEvents.Select(e => (Workflow.Applications.IApplicationEvent)e.Data).Where(ApplicationStatistics.CanChangeTimeliness))
        {
            var history = AnnualFlowsProjection.HistoryUpTo(streams, versions, e);
            answeredLate[e] = history.Count > 0 && ApplicationStatistics.AnsweredLateBy(history, calendarInForce, history[0].BusinessDate);
        }
        return new Chunk(ids.Length, ids[^1], events.Count,
            [.. applicationEvents.Select(e => (Workflow.Applications.IApplicationEvent)e.Data)], answeredLate);
    }

    /// <summary>The ids of the next <see cref="StreamsPerChunk"/> streams after <paramref name="after"/>, in id order (a primary-key range scan).</summary>
    private async Task<Guid[]> StreamsAfterAsync(Npgsql.NpgsqlConnection connection, Guid? after, CancellationToken token)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var command = new Npgsql.NpgsqlCommand(after is null
            ? $"select id from {schema}.mt_streams order by id limit {StreamsPerChunk}"
            : $"select id from {schema}.mt_streams where id > @after order by id limit {StreamsPerChunk}", connection);
        if (after is { } from) command.Parameters.AddWithValue("after", from);
        var ids = new List<Guid>(StreamsPerChunk);
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token)) ids.Add(reader.GetGuid(0));
        return [.. ids];
    }

    /// <summary>The number of events up to <paramref name="last"/> (the progress's total).</summary>
    private async Task<long> CountEventsUpToAsync(long last, CancellationToken token)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(token);
        await using var command = new Npgsql.NpgsqlCommand(
            $"select count(*) from {store.Options.Events.DatabaseSchemaName}.mt_events where seq_id <= @last", connection) { CommandTimeout = 600 };
        command.Parameters.AddWithValue("last", last);
        return (long)(await command.ExecuteScalarAsync(token))!;
    }

    /// <summary>
    /// The daemon's position of this projection is forgotten while the documents are rebuilt: a rebuild that fails
    /// half-way leaves no position claiming the events were applied.
    /// </summary>
    private async Task ForgetProgressionAsync(CancellationToken token)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(token);
        await using var command = new Npgsql.NpgsqlCommand(
            $"delete from {store.Options.Events.DatabaseSchemaName}.mt_event_progression where name = @name", connection);
        command.Parameters.AddWithValue("name", AnnualFlowsProjection.ShardName);
        await command.ExecuteNonQueryAsync(token);
    }

    /// <summary>The registered projection instance (its calendar in force counts answer timeliness, A13).</summary>
    private AnnualFlowsProjection FindProjection() =>
        store.Options is StoreOptions options
        && options.Projections.TryFindProjection(AnnualFlowsProjection.Name, out var source)
        && source is JasperFx.Events.Projections.ProjectionWrapper<IDocumentOperations, IQuerySession> { Inner: AnnualFlowsProjection projection }
            ? projection
            : throw new InvalidOperationException($"The projection {AnnualFlowsProjection.Name} is not registered in this store.");

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
