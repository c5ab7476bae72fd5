using Workflow.Testing;

namespace Server.Tests.CommandLine;

/// <summary>
/// A test of the command line on a database of its own: every command runs as its own process (as a user types it) with
/// <see cref="Environment"/> naming that database.
/// </summary>
public abstract class CommandLineDatabaseTests(string databaseName) : IAsyncLifetime
{
    private TestDatabase? database;

    protected TestDatabase Database => database ?? throw new InvalidOperationException("The database starts in InitializeAsync.");

    /// <summary>What a command's process needs to use <see cref="Database"/>.</summary>
    protected Dictionary<string, string?> Environment => new() { ["ConnectionStrings__Workflow"] = Database.ConnectionString };

    public async Task InitializeAsync() => database = await TestDatabase.StartAsync(databaseName);

    public async Task DisposeAsync()
    {
        if (database is not null) await database.DisposeAsync();
    }
}
