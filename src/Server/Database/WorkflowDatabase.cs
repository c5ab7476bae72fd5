using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Server.Database;

/// <summary>
/// The app's database: the configured server when <c>ConnectionStrings:Workflow</c> is set (used as is),
/// otherwise a <see cref="PrivatePostgres"/> started from the machine's PostgreSQL binaries.
/// Disposing stops the private server (a configured server is left alone).
/// </summary>
public sealed class WorkflowDatabase : IAsyncDisposable
{
    /// <summary>Optional configuration key: the persistent data folder of the private server.</summary>
    public const string DataDirectoryKey = "Database:DataDirectory";

    /// <summary>Optional configuration key: true for a throw-away private server (tests, demos).</summary>
    public const string TemporaryKey = "Database:Temporary";

    private WorkflowDatabase(string connectionString, PrivatePostgres? privateServer, string description)
    {
        ConnectionString = connectionString;
        PrivateServer = privateServer;
        Description = description;
    }

    public string ConnectionString { get; }

    /// <summary>True when the database is a private server this process started and will stop.</summary>
    public bool IsPrivate => PrivateServer is not null;

    public PrivatePostgres? PrivateServer { get; }

    /// <summary>Where the data lives, for logs. Never holds a password.</summary>
    public string Description { get; }

    public override string ToString() => Description;

    /// <summary>
    /// Uses the configured connection string, or else starts a private server: in a fresh temporary folder when
    /// <paramref name="temporary"/>, otherwise in the persistent folder (<see cref="DataDirectoryKey"/>, or
    /// <see cref="DefaultDataDirectory"/> of <paramref name="contentRootPath"/>).
    /// </summary>
    public static async Task<WorkflowDatabase> StartAsync(
        IConfiguration configuration, string contentRootPath, bool temporary, ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        if (DatabaseConnection.Configured(configuration) is { } configured)
        {
            return new WorkflowDatabase(configured, privateServer: null, DatabaseConnection.Describe(configured) + " (configured)");
        }

        var dataDirectory = temporary
            ? NewTemporaryDataDirectory()
            : configuration[DataDirectoryKey] is { Length: > 0 } chosen ? chosen : DefaultDataDirectory(contentRootPath);
        var server = await PrivatePostgres.StartAsync(
            dataDirectory, temporary, new PrivatePostgresOptions { Logger = logger }, cancellationToken).ConfigureAwait(false);
        return new WorkflowDatabase(server.ConnectionString, server, server.Description);
    }

    /// <summary>
    /// The persistent data folder for an app whose content root is <paramref name="contentRootPath"/>; each
    /// checkout gets its own (the last part is a hash of the path). As root: <c>/var/lib/workflow/postgresql/&lt;hash&gt;</c>
    /// (the postgres user cannot enter /root); otherwise <c>$XDG_DATA_HOME/workflow/postgresql/&lt;hash&gt;</c>
    /// (usually <c>~/.local/share/...</c>).
    /// </summary>
    public static string DefaultDataDirectory(string contentRootPath)
    {
        var fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(contentRootPath));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fullPath)))[..16];
        var root = PostgresAccount.ProcessIsRoot
            ? "/var/lib/workflow"
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "workflow");
        return Path.Combine(root, "postgresql", hash);
    }

    /// <summary>A new, not yet existing folder under the system temporary folder (e.g. <c>/tmp/workflow-pg/&lt;guid&gt;</c>).</summary>
    public static string NewTemporaryDataDirectory() =>
        Path.Combine(Path.GetTempPath(), "workflow-pg", Guid.NewGuid().ToString("N"));

    public ValueTask DisposeAsync() => PrivateServer?.DisposeAsync() ?? ValueTask.CompletedTask;
}
