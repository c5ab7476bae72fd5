using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Server.Database;

/// <summary>Reading and describing the configured connection string.</summary>
public static class DatabaseConnection
{
    /// <summary>The name under <c>ConnectionStrings</c>: configuration key <c>ConnectionStrings:Workflow</c>,
    /// environment variable <c>ConnectionStrings__Workflow</c>.</summary>
    public const string Name = "Workflow";

    /// <summary>The configured connection string, or null when none (or only blanks) is configured.</summary>
    public static string? Configured(IConfiguration configuration) =>
        configuration.GetConnectionString(Name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Host, port, database and user of a connection string, for logs. Never includes the password.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"PostgreSQL at {builder.Host ?? "(default host)"}:{builder.Port}, database {builder.Database ?? "(default)"}, "
                + $"user {builder.Username ?? "(default)"}";
        }
        catch (ArgumentException)
        {
            return "PostgreSQL (connection string not understood)";
        }
    }
}
