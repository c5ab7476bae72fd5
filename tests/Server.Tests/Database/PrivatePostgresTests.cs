using System.Diagnostics;
using Npgsql;
using Server.Database;

namespace Server.Tests.Database;

/// <summary>Each test starts real PostgreSQL servers; they share a collection so they run one after another.</summary>
[Collection(PrivatePostgresCollection.Name)]
public sealed class PrivatePostgresTests : IAsyncLifetime
{
    private readonly string _dataDirectory = WorkflowDatabase.NewTemporaryDataDirectory();
    private readonly List<Process> _processes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var process in _processes.Where(process => !process.HasExited))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        // Whatever a failed test left behind: no server may outlive the test run.
        foreach (var processId in ProcessTable.WithArgument(_dataDirectory))
        {
            try { Process.GetProcessById(processId).Kill(entireProcessTree: true); } catch (ArgumentException) { }
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Data_written_survives_a_stop_and_a_restart_on_the_same_folder()
    {
        await using (var first = await PrivatePostgres.StartAsync(_dataDirectory, temporary: false))
        {
            await ExecuteAsync(first.ConnectionString, "CREATE TABLE notes (id int PRIMARY KEY, text text NOT NULL)");
            await ExecuteAsync(first.ConnectionString, "INSERT INTO notes VALUES (1, '你好, persistence')");
        }

        ProcessTable.WithArgument(_dataDirectory).Should().BeEmpty();
        File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")).Should().BeTrue("a persistent folder is kept");

        await using var second = await PrivatePostgres.StartAsync(_dataDirectory, temporary: false);
        (await QueryAsync(second.ConnectionString, "SELECT text FROM notes WHERE id = 1")).Should().Be("你好, persistence");
    }

    [Fact]
    public async Task Serves_the_workflow_database_on_loopback_and_runs_as_postgres_when_root()
    {
        await using var server = await PrivatePostgres.StartAsync(_dataDirectory, temporary: true);

        var connection = new NpgsqlConnectionStringBuilder(server.ConnectionString);
        connection.Host.Should().Be("127.0.0.1");
        connection.Database.Should().Be("workflow");
        (await QueryAsync(server.ConnectionString, "SELECT current_database()")).Should().Be("workflow");
        (await QueryAsync(server.ConnectionString, "SELECT current_setting('listen_addresses')")).Should().Be("127.0.0.1");
        (await QueryAsync(server.ConnectionString, "SELECT current_setting('unix_socket_directories')")).Should().Be(_dataDirectory);
        if (Environment.UserName == "root")
        {
            OwnerUserId(server.PostmasterProcessId).Should().NotBe(0, "PostgreSQL must not run as root");
        }
    }

    [Fact]
    public async Task After_dispose_no_process_of_the_data_folder_remains_and_a_temporary_folder_is_gone()
    {
        var server = await PrivatePostgres.StartAsync(_dataDirectory, temporary: true);
        var postmaster = server.PostmasterProcessId;
        ProcessTable.IsRunning(postmaster).Should().BeTrue();
        ProcessTable.WithArgument(_dataDirectory).Should().Contain(postmaster).And.HaveCountGreaterThan(1, "the watchdog names the folder too");

        await server.DisposeAsync();

        ProcessTable.IsRunning(postmaster).Should().BeFalse();
        ProcessTable.WithArgument(_dataDirectory).Should().BeEmpty();
        Directory.Exists(_dataDirectory).Should().BeFalse();
    }

    [Fact]
    public async Task When_the_owner_process_is_killed_the_watchdog_stops_postgres()
    {
        var owner = Start("sleep", "300");
        await using var server = await PrivatePostgres.StartAsync(
            _dataDirectory, temporary: true, new PrivatePostgresOptions { OwnerProcessId = owner.Id });
        (await QueryAsync(server.ConnectionString, "SELECT 1")).Should().Be(1);

        owner.Kill(); // SIGKILL: the owner gets no chance to clean up.

        (await WaitUntilAsync(() => ProcessTable.WithArgument(_dataDirectory).Count == 0, TimeSpan.FromSeconds(10)))
            .Should().BeTrue("the watchdog stops PostgreSQL within a few seconds of the owner's death");
        ProcessTable.IsRunning(server.PostmasterProcessId).Should().BeFalse();
        File.ReadAllText(server.LogFile).Should().Contain("owner process").And.Contain("database system is shut down");
    }

    [Fact]
    public async Task A_stale_postmaster_pid_file_does_not_prevent_the_next_start()
    {
        await (await PrivatePostgres.StartAsync(_dataDirectory, temporary: false)).DisposeAsync();
        var gone = Start("true");
        await gone.WaitForExitAsync();
        await File.WriteAllTextAsync(Path.Combine(_dataDirectory, "postmaster.pid"), $"{gone.Id}\n{_dataDirectory}\n");

        await using var server = await PrivatePostgres.StartAsync(_dataDirectory, temporary: true);

        (await QueryAsync(server.ConnectionString, "SELECT 1")).Should().Be(1);
    }

    [Fact]
    public async Task An_orphaned_postgres_of_the_same_folder_is_stopped_and_replaced()
    {
        await (await PrivatePostgres.StartAsync(_dataDirectory, temporary: false)).DisposeAsync();
        var binaries = PostgresBinaries.Locate();
        var pgCtl = PostgresAccount.Command(binaries.PgCtl,
        [
            "start", "-w", "-D", _dataDirectory, "-l", Path.Combine(_dataDirectory, "orphan.log"),
            "-o", $"-p {FreeLoopbackPort()} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_dataDirectory}",
        ]);
        var started = await ExternalCommand.RunAsync(pgCtl.Program, pgCtl.Arguments, TimeSpan.FromSeconds(30), CancellationToken.None);
        started.Succeeded.Should().BeTrue(started.Output);
        var orphan = int.Parse(File.ReadLines(Path.Combine(_dataDirectory, "postmaster.pid")).First());
        ProcessTable.IsRunning(orphan).Should().BeTrue();

        await using var server = await PrivatePostgres.StartAsync(_dataDirectory, temporary: true);

        ProcessTable.IsRunning(orphan).Should().BeFalse();
        server.PostmasterProcessId.Should().NotBe(orphan);
        (await QueryAsync(server.ConnectionString, "SELECT 1")).Should().Be(1);
    }

    [Fact]
    public async Task A_second_instance_on_a_folder_in_use_attaches_to_its_server_and_leaves_it_running()
    {
        await using var first = await PrivatePostgres.StartAsync(_dataDirectory, temporary: false);

        await using (var second = await PrivatePostgres.StartAsync(_dataDirectory, temporary: false))
        {
            second.OwnsServer.Should().BeFalse();
            second.Port.Should().Be(first.Port);
            second.PostmasterProcessId.Should().Be(first.PostmasterProcessId);
            (await QueryAsync(second.ConnectionString, "SELECT 1")).Should().Be(1);
        }

        first.OwnsServer.Should().BeTrue();
        ProcessTable.IsRunning(first.PostmasterProcessId).Should().BeTrue("the attached instance must not stop the owner's server");
        (await QueryAsync(first.ConnectionString, "SELECT 1")).Should().Be(1);
    }

    [Fact]
    public async Task A_temporary_start_on_a_folder_in_use_by_another_running_instance_is_refused_and_left_alone()
    {
        await using var first = await PrivatePostgres.StartAsync(_dataDirectory, temporary: false);

        var second = () => PrivatePostgres.StartAsync(_dataDirectory, temporary: true);

        (await second.Should().ThrowAsync<PrivatePostgresException>())
            .Which.Message.Should().Contain("in use").And.Contain("正被");
        (await QueryAsync(first.ConnectionString, "SELECT 1")).Should().Be(1);
        Directory.Exists(_dataDirectory).Should().BeTrue();
    }

    [Fact]
    public async Task A_non_empty_folder_without_a_cluster_is_refused()
    {
        Directory.CreateDirectory(_dataDirectory);
        await File.WriteAllTextAsync(Path.Combine(_dataDirectory, "precious.txt"), "keep me");

        var start = () => PrivatePostgres.StartAsync(_dataDirectory, temporary: true);

        (await start.Should().ThrowAsync<PrivatePostgresException>()).Which.Message.Should().Contain("not empty").And.Contain("不是空的");
        File.Exists(Path.Combine(_dataDirectory, "precious.txt")).Should().BeTrue();
    }

    private Process Start(string program, params string[] arguments)
    {
        var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false })!;
        _processes.Add(process);
        return process;
    }

    private static int FreeLoopbackPort() => CommandLine.CommandLineProcess.FreeLoopbackPort();

    private static int OwnerUserId(int processId) =>
        int.Parse(File.ReadLines($"/proc/{processId}/status").First(line => line.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<object?> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}

[CollectionDefinition(Name)]
public sealed class PrivatePostgresCollection
{
    public const string Name = "Private PostgreSQL servers";
}
