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

    /// <summary>Adds an agency with <c>agencies add</c>, as an administrator would before anything else.</summary>
    protected async Task AddAgencyAsync(string folder, string code, string name, string? prefix = null)
    {
        string[] arguments = prefix is null
            ? ["agencies", "add", "--code", code, "--name", name]
            : ["agencies", "add", "--code", code, "--name", name, "--prefix", prefix];
        var added = await CommandLineProcess.RunAsync(folder, Environment, arguments);
        added.ExitCode.Should().Be(0, added.All);
    }

    public async Task InitializeAsync() => database = await TestDatabase.StartAsync(databaseName);

    public async Task DisposeAsync()
    {
        if (database is not null) await database.DisposeAsync();
    }
}
