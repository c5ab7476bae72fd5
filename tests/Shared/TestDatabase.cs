using Microsoft.Extensions.Configuration;
using Npgsql;
using Server.Database;

namespace Workflow.Testing;

/// <summary>
/// The database one test host runs on. With a server configured (ConnectionStrings__Workflow), each fixture gets a
/// database of its own on it — the configured name plus <c>_purpose</c>, created when missing — so fixtures of one run
/// (and test projects running in parallel) never reset each other's data. With nothing configured, a temporary private
/// cluster, deleted when disposed. Shared by the test projects as a linked source file.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly WorkflowDatabase? privateCluster;

    private TestDatabase(string connectionString, WorkflowDatabase? privateCluster)
    {
        ConnectionString = connectionString;
        this.privateCluster = privateCluster;
    }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> StartAsync(string purpose)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        if (DatabaseConnection.Configured(configuration) is { } configured)
            return new TestDatabase(await EnsureSiblingDatabaseAsync(configured, "_" + purpose), null);
        var cluster = await WorkflowDatabase.StartAsync(new ConfigurationBuilder().Build(), AppContext.BaseDirectory, temporary: true);
        return new TestDatabase(cluster.ConnectionString, cluster);
    }

    public async ValueTask DisposeAsync()
    {
        if (privateCluster is not null) await privateCluster.DisposeAsync();
    }

    /// <summary>The configured database with a suffix on its name, created if it does not exist yet.</summary>
    private static async Task<string> EnsureSiblingDatabaseAsync(string connectionString, string suffix)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = (builder.Database ?? "postgres") + suffix;
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"create database \"{name.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        builder.Database = name;
        return builder.ConnectionString;
    }
}
