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

    /// <summary>Where temporary data folders are made: <c>/tmp/workflow-pg</c> (or under <c>$TMPDIR</c>).</summary>
    public static string TemporaryDataRoot => Path.Combine(Path.GetTempPath(), "workflow-pg");

    /// <summary>A new, not yet existing folder under <see cref="TemporaryDataRoot"/>. Also removes the folders that
    /// killed processes left there: older than an hour and named by no running process.</summary>
    public static string NewTemporaryDataDirectory()
    {
        RemoveAbandonedTemporaryFolders(TimeSpan.FromHours(1));
        return Path.Combine(TemporaryDataRoot, Guid.NewGuid().ToString("N"));
    }

    private static void RemoveAbandonedTemporaryFolders(TimeSpan minimumAge)
    {
        if (!Directory.Exists(TemporaryDataRoot))
        {
            return;
        }

        var abandoned = Directory.EnumerateDirectories(TemporaryDataRoot)
            .Where(folder => DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) > minimumAge)
            .Where(folder => ProcessTable.WithArgument(folder).Count == 0);
        foreach (var folder in abandoned)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Someone else's or in use: not ours to insist on.
            }
        }
    }

    public ValueTask DisposeAsync() => PrivateServer?.DisposeAsync() ?? ValueTask.CompletedTask;
}
