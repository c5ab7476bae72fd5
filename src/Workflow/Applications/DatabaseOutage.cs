using System.Net.Sockets;
using Npgsql;

namespace Workflow.Applications;

/// <summary>
/// Tells a database outage (server down, restarting, unreachable) from a bug: an outage is answered 503 with
/// Retry-After, since nothing was stored and the same request may be sent again (docs/adr/0004, supervision); anything else stays a 500.
/// A registration group (docs/adr/0036) answers such a failure to every registration in it at once. A conflict between
/// transactions (deadlock, serialization failure, lock not available) is not an outage, though Npgsql calls it transient.
/// </summary>
public static class DatabaseOutage
{
    public static bool IsOutage(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up), 08xxx connection.
                    return postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal);
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                case SocketException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsOutage):
                    return true;
            }
        }
        return false;
    }
}
