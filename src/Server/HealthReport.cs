using Marten.Events.Daemon.Coordination;
using Npgsql;
using Server.Database;

namespace Server;

/// <summary>
/// GET /health: is the database reachable, is the event store schema in place, is the async daemon running. Anonymous
/// callers (load balancers, monitors) get only <see cref="Status"/>; the details name the server and are for
/// administrators.
/// </summary>
public sealed record HealthReport(bool Healthy, bool DatabaseReachable, bool EventStoreReady, bool DaemonRunning, string Database, string? Problem)
{
    public string Status => Healthy ? "healthy" : "unhealthy";

    public static async Task<HealthReport> CheckAsync(IProjectionCoordinator coordinator, WorkflowDatabase database, CancellationToken cancellation)
    {
        bool reachable = false, schemaReady = false, daemonRunning = false;
        string? problem = null;
        try
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(cancellation);
            reachable = true;
            await using var command = new NpgsqlCommand("select to_regclass(@table) is not null", connection);
            command.Parameters.AddWithValue("table", $"{WorkflowHost.SchemaName}.mt_events");
            schemaReady = (bool)(await command.ExecuteScalarAsync(cancellation))!;
            if (!schemaReady) problem = "event store schema not created yet";
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            problem = $"database unreachable: {exception.Message}";
        }

        if (reachable && schemaReady)
        {
            try
            {
                // One daemon per database (docs/adr/0022): it runs in this process or in another one on the same
                // database (a command that started first); either is healthy, unless this process's agents are paused.
                var local = coordinator.DaemonForMainDatabase();
                daemonRunning = coordinator is Projections.LeaderElectedProjectionCoordinator elected
                    ? (elected.IsLeader ? local.IsRunning && !local.HasAnyPaused() : await elected.AnyLeaderAsync(cancellation))
                    : local.IsRunning && !local.HasAnyPaused();
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                problem ??= $"async daemon unavailable: {exception.Message}";
            }
        }
        if (reachable && schemaReady && !daemonRunning) problem = "async projection daemon is not running";
        return new HealthReport(reachable && schemaReady && daemonRunning, reachable, schemaReady, daemonRunning, database.Description, problem);
    }
}

