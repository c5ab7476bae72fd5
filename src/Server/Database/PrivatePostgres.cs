using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Server.Database;

/// <summary>Settings of a private PostgreSQL server; the defaults are what the app uses.</summary>
public sealed record PrivatePostgresOptions
{
    /// <summary>The binaries to use; found with <see cref="PostgresBinaries.Locate()"/> when null.</summary>
    public PostgresBinaries? Binaries { get; init; }

    /// <summary>The process whose end stops the server (see <see cref="PostgresWatchdog"/>). Defaults to this process.</summary>
    public int? OwnerProcessId { get; init; }

    /// <summary>How long to wait for the server to accept connections.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public ILogger? Logger { get; init; }
}

/// <summary>
/// A PostgreSQL cluster of our own, run from the machine's PostgreSQL binaries: created in a data folder when
/// that folder holds none, started on a free loopback port with trust authentication, stopped on dispose.
/// A watchdog stops it when the owner process ends in any way, so no postgres process outlives the app.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    public const string DatabaseName = "workflow";
    public const string SuperUser = "postgres";
    public const string LogFileName = "private-postgres.log";

    private const int PortAttempts = 3;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly PostgresBinaries _binaries;
    private readonly Process? _watchdog;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _stopping = new(1, 1);
    private bool _stopped;

    private PrivatePostgres(
        string dataDirectory, bool temporary, int port, PostgresBinaries binaries, Process? watchdog, int postmasterProcessId,
        string serverVersion, ILogger logger)
    {
        OwnsServer = watchdog is not null;
        DataDirectory = dataDirectory;
        IsTemporary = temporary;
        Port = port;
        _binaries = binaries;
        _watchdog = watchdog;
        PostmasterProcessId = postmasterProcessId;
        ServerVersion = serverVersion;
        _logger = logger;
        ConnectionString = BuildConnectionString(port, DatabaseName, pooling: true);
        if (OwnsServer) AppDomain.CurrentDomain.ProcessExit += StopOnProcessExit;
    }

    /// <summary>
    /// False when this instance attached to the server another running instance of the app started on the same data
    /// folder (e.g. <c>report</c> run while the app is up): it uses that server and leaves it running on dispose.
    /// </summary>
    public bool OwnsServer { get; }

    public string DataDirectory { get; }
    public bool IsTemporary { get; }
    public int Port { get; }
    /// <summary>The postmaster this instance started or attached to (after a supervised restart see <see cref="CurrentPostmasterProcessId"/>).</summary>
    public int PostmasterProcessId { get; }

    /// <summary>The postmaster running now, from postmaster.pid (the watchdog restarts a postmaster that died), or null.</summary>
    public int? CurrentPostmasterProcessId()
    {
        try
        {
            return ReadPostmasterProcessId(DataDirectory);
        }
        catch (Exception exception) when (exception is IOException or FormatException or InvalidOperationException or UnauthorizedAccessException)
        {
            return null;
        }
    }
    public string ServerVersion { get; }

    /// <summary>To the <c>workflow</c> database, as the <c>postgres</c> superuser, over TCP on 127.0.0.1. No password (trust).</summary>
    public string ConnectionString { get; }

    public string LogFile => Path.Combine(DataDirectory, LogFileName);

    public string Description =>
        $"private PostgreSQL {ServerVersion} on 127.0.0.1:{Port}, database {DatabaseName}, "
        + $"{(IsTemporary ? "temporary " : "")}data folder {DataDirectory}";

    public static Task<PrivatePostgres> StartAsync(string dataDirectory, bool temporary, CancellationToken cancellationToken = default) =>
        StartAsync(dataDirectory, temporary, new PrivatePostgresOptions(), cancellationToken);

    /// <summary>Creates the cluster if <paramref name="dataDirectory"/> holds none, starts it and creates the
    /// <c>workflow</c> database if missing. A <paramref name="temporary"/> cluster's folder is deleted on dispose.</summary>
    public static async Task<PrivatePostgres> StartAsync(
        string dataDirectory, bool temporary, PrivatePostgresOptions options, CancellationToken cancellationToken = default)
    {
        var logger = options.Logger ?? NullLogger.Instance;
        var binaries = options.Binaries ?? PostgresBinaries.Locate();
        var directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory));
        var createdFolder = !Directory.Exists(directory);

        try
        {
            CreateDataDirectory(directory);
            await PostgresAccount.PrepareDataDirectoryAsync(directory, cancellationToken).ConfigureAwait(false);

            if (!File.Exists(Path.Combine(directory, "PG_VERSION")))
            {
                await CreateClusterAsync(binaries, directory, temporary, logger, cancellationToken).ConfigureAwait(false);
            }

            if (await DealWithPreviousPostmasterAsync(binaries, directory, temporary, logger, cancellationToken).ConfigureAwait(false)
                is { } running)
            {
                var (version, _) = await ProbeAsync(running.Port, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Using the PostgreSQL server (process {ProcessId}, port {Port}) another running instance started on {DataDirectory}",
                    running.ProcessId, running.Port, directory);
                return new PrivatePostgres(directory, temporary: false, running.Port, binaries, watchdog: null, running.ProcessId, version, logger);
            }

            for (var attempt = 1; ; attempt++)
            {
                var port = FreeLoopbackPort();
                var started = await TryLaunchAsync(binaries, directory, temporary, port, options, logger, cancellationToken)
                    .ConfigureAwait(false);
                if (started is not null)
                {
                    logger.LogInformation("Started {Server}", started.Description);
                    return started;
                }

                if (attempt == PortAttempts)
                {
                    throw StartFailure(directory, $"port {port} (and {PortAttempts - 1} before it) was taken", $"端口 {port}（及之前的 {PortAttempts - 1} 个端口）已被占用");
                }

                logger.LogWarning("Port {Port} was taken before PostgreSQL could use it; trying another one", port);
            }
        }
        catch when (temporary && createdFolder)
        {
            TryDeleteFolder(directory);
            throw;
        }
    }

    private static void CreateDataDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        if (Path.GetDirectoryName(directory) is { } parent)
        {
            Directory.CreateDirectory(parent);
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static async Task CreateClusterAsync(
        PostgresBinaries binaries, string directory, bool temporary, ILogger logger, CancellationToken cancellationToken)
    {
        if (Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new PrivatePostgresException(
                $"The data folder {directory} is not empty but holds no PostgreSQL cluster (no PG_VERSION file). Empty it or choose another folder.",
                $"数据文件夹 {directory} 不是空的，但其中没有 PostgreSQL 数据库集群（没有 PG_VERSION 文件）。请清空它或另选文件夹。");
        }

        logger.LogInformation("Creating a PostgreSQL cluster in {DataDirectory}", directory);
        string[] common = ["-D", directory, "-A", "trust", "-U", SuperUser, "-E", "UTF8", .. temporary ? ["--no-sync"] : Array.Empty<string>()];

        // C.UTF-8 gives proper character classes for non-ASCII text; not every system has that locale.
        var result = await PostgresAccount.RunAsync(binaries.InitDb, [.. common, "--locale=C.UTF-8"], StopTimeout, cancellationToken)
            .ConfigureAwait(false);
        if (!result.Succeeded)
        {
            logger.LogInformation("initdb with locale C.UTF-8 failed, retrying with --no-locale: {Output}", result.Output);
            result = await PostgresAccount.RunAsync(binaries.InitDb, [.. common, "--no-locale"], StopTimeout, cancellationToken)
                .ConfigureAwait(false);
        }

        if (!result.Succeeded)
        {
            throw new PrivatePostgresException(
                $"initdb could not create a PostgreSQL cluster in {directory}:{Environment.NewLine}{result.Output}",
                $"initdb 无法在 {directory} 中创建 PostgreSQL 数据库集群（详见上文英文输出）。");
        }
    }

    /// <summary>
    /// A <c>postmaster.pid</c> left behind must not block the start. If its process is gone, the file is stale and
    /// removed. If a postmaster of this folder still runs under a live watchdog, another instance of the app is
    /// using the folder: we refuse rather than pull the database from under it. If it runs without a watchdog
    /// (an orphan, e.g. its watchdog was killed too), we stop it and start our own.
    /// </summary>
    /// <summary>
    /// Clears what a previous run left behind. Returns the running server when another live instance of the app owns one
    /// on this folder and this start is not temporary: the caller attaches to it instead of starting a second server.
    /// </summary>
    private static async Task<(int ProcessId, int Port)?> DealWithPreviousPostmasterAsync(
        PostgresBinaries binaries, string directory, bool temporary, ILogger logger, CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(directory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var firstLine = File.ReadLines(pidFile).FirstOrDefault();
        if (!int.TryParse(firstLine, NumberStyles.Integer, CultureInfo.InvariantCulture, out var processId)
            || !ProcessTable.IsRunning(processId))
        {
            logger.LogInformation("Removing the stale {PidFile} (process {ProcessId} is gone)", pidFile, firstLine);
            File.Delete(pidFile);
            return null;
        }

        if (!ProcessTable.CommandLine(processId).Contains(directory))
        {
            // Some other process got the id, or a postmaster started with another spelling of the path:
            // leave the file to PostgreSQL's own lock checks.
            return null;
        }

        var parent = ProcessTable.Find(processId)?.ParentProcessId ?? 0;
        if (PostgresWatchdog.IsWatchdog(parent) && ProcessTable.IsRunning(parent))
        {
            // postmaster.pid line 4 is the port (PostgreSQL's documented layout).
            var lines = File.ReadLines(pidFile).Take(4).ToList();
            if (!temporary && lines.Count == 4 && int.TryParse(lines[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port))
            {
                return (processId, port);
            }
            throw new PrivatePostgresException(
                $"The data folder {directory} is in use by a PostgreSQL server (process {processId}) that another running instance "
                + "of the app started. Stop that instance first, or give this one another data folder (configuration key Database:DataDirectory).",
                $"数据文件夹 {directory} 正被本程序另一个运行中的实例所启动的 PostgreSQL 服务器（进程 {processId}）使用。"
                + "请先停止那个实例，或为本实例指定其他数据文件夹（配置项 Database:DataDirectory）。");
        }

        logger.LogWarning("Stopping an orphaned PostgreSQL server (process {ProcessId}) left running on {DataDirectory}", processId, directory);
        var stop = await PostgresAccount.RunAsync(
            binaries.PgCtl, ["stop", "-D", directory, "-m", "fast", "-w", "-t", "60"], StopTimeout, cancellationToken).ConfigureAwait(false);
        if (!stop.Succeeded && ProcessTable.IsRunning(processId))
        {
            throw new PrivatePostgresException(
                $"Could not stop the orphaned PostgreSQL server (process {processId}) on {directory}:{Environment.NewLine}{stop.Output}",
                $"无法停止遗留在 {directory} 上的 PostgreSQL 服务器（进程 {processId}）。");
        }

        return null;
    }

    private static async Task<PrivatePostgres?> TryLaunchAsync(
        PostgresBinaries binaries, string directory, bool temporary, int port, PrivatePostgresOptions options, ILogger logger,
        CancellationToken cancellationToken)
    {
        var logFile = Path.Combine(directory, LogFileName);
        var watchdog = StartWatchdog(binaries, directory, temporary, port, options.OwnerProcessId ?? Environment.ProcessId, logFile);

        var deadline = Stopwatch.StartNew();
        Exception? lastError = null;
        while (true)
        {
            try
            {
                var (version, dataDirectory) = await ProbeAsync(port, cancellationToken).ConfigureAwait(false);
                if (!string.Equals(Path.TrimEndingDirectorySeparator(dataDirectory), directory, StringComparison.Ordinal))
                {
                    // Someone else's server took the port between our check and our start.
                    await StopWatchdogAsync(watchdog, binaries, directory, logger).ConfigureAwait(false);
                    return null;
                }

                await CreateDatabaseIfMissingAsync(port, cancellationToken).ConfigureAwait(false);
                var postmasterProcessId = ReadPostmasterProcessId(directory);
                return new PrivatePostgres(directory, temporary, port, binaries, watchdog, postmasterProcessId, version, logger);
            }
            catch (Exception exception) when (exception is NpgsqlException or SocketException or TimeoutException or IOException)
            {
                lastError = exception;
            }
            catch
            {
                await StopWatchdogAsync(watchdog, binaries, directory, logger).ConfigureAwait(false);
                throw;
            }

            if (watchdog.HasExited)
            {
                var log = LogTail(logFile);
                if (log.Contains("Address already in use", StringComparison.Ordinal) || log.Contains("could not bind", StringComparison.Ordinal))
                {
                    return null;
                }

                throw StartFailure(directory, $"the server exited (code {watchdog.ExitCode})", $"服务器已退出（退出码 {watchdog.ExitCode}）");
            }

            if (deadline.Elapsed > options.StartTimeout)
            {
                await StopWatchdogAsync(watchdog, binaries, directory, logger).ConfigureAwait(false);
                throw StartFailure(
                    directory,
                    $"it did not accept connections within {options.StartTimeout.TotalSeconds:0} s (last error: {lastError?.Message})",
                    $"它在 {options.StartTimeout.TotalSeconds:0} 秒内未能接受连接");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    private static Process StartWatchdog(
        PostgresBinaries binaries, string directory, bool temporary, int port, int ownerProcessId, string logFile)
    {
        // A Unix socket path may hold at most 107 bytes; beyond that PostgreSQL would refuse to start.
        var socketDirectory = Encoding.UTF8.GetByteCount(Path.Combine(directory, ".s.PGSQL.65535")) <= 107 ? directory : "";
        List<string> postmaster =
        [
            binaries.Postgres, "-D", directory, "-p", port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", $"unix_socket_directories={socketDirectory}",
            "-c", "logging_collector=off",
        ];
        if (temporary)
        {
            // Test clusters: no fsync (an OS crash may lose them; no matter), but a commit still reaches the WAL before
            // it is acknowledged (synchronous_commit stays on, cheap without fsync), so a killed server restarted by the
            // watchdog keeps every acknowledged transaction, as a real one does: the fault tests rely on it.
            postmaster.AddRange(["-c", "fsync=off", "-c", "full_page_writes=off"]);
        }

        var command = PostgresWatchdog.Command(ownerProcessId, logFile, postmaster);
        var startInfo = new ProcessStartInfo(command.Program)
        {
            UseShellExecute = false,
            // Not inherited from the app: the watchdog writes to the log file, and nothing must write to the
            // app's console once the app is gone.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<(string Version, string DataDirectory)> ProbeAsync(int port, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(BuildConnectionString(port, "postgres", pooling: false));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT current_setting('server_version'), current_setting('data_directory')", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetString(0), reader.GetString(1));
    }

    private static async Task CreateDatabaseIfMissingAsync(int port, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(BuildConnectionString(port, "postgres", pooling: false));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", DatabaseName);
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string BuildConnectionString(int port, string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Database = database,
            Username = SuperUser,
            Pooling = pooling,
            Timeout = 5,
        }.ConnectionString;

    private static int ReadPostmasterProcessId(string directory) =>
        int.TryParse(File.ReadLines(Path.Combine(directory, "postmaster.pid")).FirstOrDefault(), out var processId) ? processId : 0;

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static PrivatePostgresException StartFailure(string directory, string englishReason, string chineseReason)
    {
        var logFile = Path.Combine(directory, LogFileName);
        return new PrivatePostgresException(
            $"The private PostgreSQL server in {directory} could not be started: {englishReason}.{Environment.NewLine}"
            + $"Last lines of {logFile}:{Environment.NewLine}{LogTail(logFile)}",
            $"无法启动位于 {directory} 的私有 PostgreSQL 服务器：{chineseReason}。服务器日志见 {logFile}（末尾几行如上）。"
            + "也可以通过连接字符串 ConnectionStrings:Workflow（环境变量 ConnectionStrings__Workflow）改用您自己的服务器。");
    }

    private static string LogTail(string logFile, int lines = 20)
    {
        try
        {
            return File.Exists(logFile) ? string.Join(Environment.NewLine, File.ReadLines(logFile).TakeLast(lines)) : "(no log file)";
        }
        catch (IOException exception)
        {
            return $"(log not readable: {exception.Message})";
        }
    }

    /// <summary>Stops the server (fast shutdown: open transactions are rolled back, committed data is kept) and,
    /// for a temporary cluster, deletes its folder. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            AppDomain.CurrentDomain.ProcessExit -= StopOnProcessExit;
            using (var pooled = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            if (_watchdog is null)
            {
                _logger.LogInformation("Left the PostgreSQL server of {DataDirectory} running for the instance that started it", DataDirectory);
                return;
            }

            await StopWatchdogAsync(_watchdog, _binaries, DataDirectory, _logger).ConfigureAwait(false);
            _watchdog.Dispose();
            if (IsTemporary)
            {
                TryDeleteFolder(DataDirectory);
            }

            _logger.LogInformation("Stopped the private PostgreSQL server of {DataDirectory}", DataDirectory);
        }
        finally
        {
            _stopping.Release();
        }
    }

    /// <summary>Last resort when nobody disposed us (e.g. SIGTERM to a program without a host); the watchdog
    /// would stop the server a second later anyway, but in order is better.</summary>
    private void StopOnProcessExit(object? sender, EventArgs e) => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static async Task StopWatchdogAsync(Process watchdog, PostgresBinaries binaries, string directory, ILogger logger)
    {
        if (!watchdog.HasExited && File.Exists(Path.Combine(directory, "postmaster.pid")))
        {
            var stop = await PostgresAccount.RunAsync(
                binaries.PgCtl, ["stop", "-D", directory, "-m", "fast", "-w", "-t", "60"], StopTimeout, CancellationToken.None)
                .ConfigureAwait(false);
            if (!stop.Succeeded)
            {
                logger.LogWarning("pg_ctl stop failed on {DataDirectory}: {Output}", directory, stop.Output);
            }
        }

        // The watchdog notices the postmaster is gone within a second and exits.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await watchdog.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("The PostgreSQL watchdog of {DataDirectory} did not exit; killing it", directory);
            watchdog.Kill(entireProcessTree: true);
        }
    }

    private static void TryDeleteFolder(string directory)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

                return;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(200);
            }
        }
    }
}
