using JasperFx.Events.Daemon;
using Marten;
using Marten.Events.Daemon.Coordination;
using IProjectionCoordinator = Marten.Events.Daemon.Coordination.IProjectionCoordinator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Projections;

/// <summary>
/// One async daemon per database, whichever processes run on it (docs/adr/0022). The app and every command-line host
/// (import, report, demo, rebuildtables, verify …) build the same host; each wraps Marten's Solo coordinator in this
/// one, which starts it only while holding a session-level PostgreSQL advisory lock on a dedicated connection. The
/// first process up runs the daemon; the others wait for its progress through the database
/// (<see cref="ProjectionCatchUp"/>) and take over within <see cref="PollInterval"/> when it stops or dies (its
/// connection closes, the lock is released). Marten's own HotCold mode would do this per shard, but its lock goes
/// through DistributedLock.Postgres 1.3.1, which refuses Npgsql data sources here (docs/adr/0002).
/// </summary>
public sealed class LeaderElectedProjectionCoordinator : IProjectionCoordinator, IAsyncDisposable
{
    /// <summary>The advisory lock key of the daemon leader ("WFDAEMON" in ASCII), per database.</summary>
    public const long LockKey = 0x5746_4441_454D_4F4E;

    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly ProjectionCoordinator inner;
    private readonly IDocumentStore store;
    private readonly ILogger logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private NpgsqlConnection? lockConnection;
    private CancellationTokenSource? stopping;
    private Task? loop;
    private bool paused;
    private bool innerStarted;
    private bool disposed;

    public LeaderElectedProjectionCoordinator(IDocumentStore store, ILoggerFactory loggers)
    {
        this.store = store;
        inner = new ProjectionCoordinator(store, new Logger<ProjectionCoordinator>(loggers));
        logger = loggers.CreateLogger<LeaderElectedProjectionCoordinator>();
    }

    /// <summary>Whether this process holds the lock (and so runs the daemon unless paused).</summary>
    public bool IsLeader => lockConnection is not null;

    /// <summary>Replaces Marten's coordinator registration (the hosted service Marten adds resolves to this one).</summary>
    public static void Register(IServiceCollection services)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(IProjectionCoordinator)
                                                       || d.ServiceType == typeof(JasperFx.Events.Daemon.IProjectionCoordinator)).ToList())
            services.Remove(descriptor);
        services.AddSingleton<LeaderElectedProjectionCoordinator>();
        services.AddSingleton<IProjectionCoordinator>(s => s.GetRequiredService<LeaderElectedProjectionCoordinator>());
        services.AddSingleton<JasperFx.Events.Daemon.IProjectionCoordinator>(s => s.GetRequiredService<LeaderElectedProjectionCoordinator>());
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        stopping = new CancellationTokenSource();
        loop = Task.Run(() => ElectAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host stopped twice (WebApplicationFactory's Dispose after DisposeAsync) stops a disposed coordinator: nothing to do.
        if (disposed) return;
        if (stopping is not null) await stopping.CancelAsync();
        if (loop is not null) await loop.ConfigureAwait(false);
        await gate.WaitAsync(CancellationToken.None);
        try
        {
            await inner.StopAsync(cancellationToken);
            innerStarted = false;
            await ReleaseAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stops this process's daemon agents (a rebuild, a reset); the lock stays held, nobody else takes over.</summary>
    public async Task PauseAsync()
    {
        await gate.WaitAsync();
        try
        {
            paused = true;
            if (innerStarted) await inner.PauseAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task ResumeAsync()
    {
        await gate.WaitAsync();
        try
        {
            paused = false;
            if (IsLeader)
            {
                await inner.ResumeAsync();
                innerStarted = true;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Waits until this process holds the lock; false when another process keeps it for <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForLeadershipAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!IsLeader)
        {
            if (DateTimeOffset.UtcNow > deadline) return false;
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellation);
        }
        return true;
    }

    /// <summary>Whether some process (this one or another) runs the daemon of this database now.</summary>
    public async Task<bool> AnyLeaderAsync(CancellationToken cancellation)
    {
        if (IsLeader) return true;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand("""
            select exists (select 1 from pg_locks where locktype = 'advisory' and granted and objsubid = 1
              and classid = (@key >> 32)::oid and objid = (@key & 4294967295)::oid
              and database = (select oid from pg_database where datname = current_database()))
            """, connection);
        command.Parameters.AddWithValue("key", LockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellation))!;
    }

    private async Task ElectAsync(CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                await gate.WaitAsync(cancellation);
                try
                {
                    if (IsLeader && !await StillConnectedAsync(cancellation))
                    {
                        logger.LogWarning("Lost the async daemon lock (database connection closed); stopping this process's daemon");
                        if (innerStarted) await inner.PauseAsync();
                        innerStarted = false;
                        await ReleaseAsync();
                    }
                    if (!IsLeader && await TryAcquireAsync(cancellation))
                        logger.LogInformation("This process runs the async daemon of its database");
                    if (IsLeader && !paused && !innerStarted)
                    {
                        await inner.StartAsync(cancellation);
                        innerStarted = true;
                    }
                }
                finally
                {
                    gate.Release();
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database is down or restarting: try again at the next turn.
                logger.LogWarning("Async daemon election failed, retrying: {Message}", exception.Message);
                await ReleaseAsync();
            }

            try
            {
                await Task.Delay(PollInterval, cancellation);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> TryAcquireAsync(CancellationToken cancellation)
    {
        // Its own unpooled connection: the lock lives exactly as long as this connection (or this process).
        var builder = new NpgsqlConnectionStringBuilder(store.Storage.Database.CreateConnection().ConnectionString)
        {
            Pooling = false, ApplicationName = "workflow-daemon-leader", KeepAlive = 5,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellation);
            await using var command = new NpgsqlCommand("select pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", LockKey);
            if ((bool)(await command.ExecuteScalarAsync(cancellation))!)
            {
                lockConnection = connection;
                return true;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return false;
    }

    private async Task<bool> StillConnectedAsync(CancellationToken cancellation)
    {
        try
        {
            await using var command = new NpgsqlCommand("select 1", lockConnection);
            await command.ExecuteScalarAsync(cancellation);
            return true;
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }

    private async Task ReleaseAsync()
    {
        var connection = lockConnection;
        lockConnection = null;
        if (connection is not null) await connection.DisposeAsync(); // closing the session releases its lock
    }

    public IProjectionDaemon DaemonForMainDatabase() => inner.DaemonForMainDatabase();

    public ValueTask<IProjectionDaemon> DaemonForDatabase(string databaseIdentifier) => inner.DaemonForDatabase(databaseIdentifier);

    public ValueTask<IReadOnlyList<IProjectionDaemon>> AllDaemonsAsync() => inner.AllDaemonsAsync();

    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        await ReleaseAsync();
        await inner.DisposeAsync();
        // The gate and the stop signal are not disposed: a host that gave up waiting for StopAsync disposes its services
        // while that StopAsync still runs, and it must still release the gate and cancel. Neither holds an OS handle
        // (no wait handle is ever asked of the semaphore, no timer of the source), so nothing leaks.
    }
}
