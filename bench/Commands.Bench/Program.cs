using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Server.Database;

// Commands at the speed of the database (issue 16): the HTTP API's throughput and latency for register + answer, side
// by side in one run with a baseline of single-row INSERTs through Npgsql on the same PostgreSQL. Ratios, not absolute
// times, are the figures to compare (the machine is shared). See bench/README.md.
//
// dotnet run -c Release --project bench/Commands.Bench -- [--server <Server.dll>] [--cases 1000] [--clients 1,4,8] [--breakdown [--verbose]] [--pages <open cases> [--pages-baseline <Server.dll>]] [--keep]
var options = BenchOptions.Parse(args);
Console.WriteLine($"Commands.Bench: {options.CasesPerLevel} cases (= {options.CasesPerLevel * 2} commands) per level, clients {string.Join(", ", options.Clients)}");
Console.WriteLine($"app: {options.ServerAssembly}");

// A private cluster with PostgreSQL's durable defaults (fsync and synchronous_commit on): the test clusters turn them
// off, and an answer counts as accepted only when its events are durably committed. Its folder is removed afterwards.
var dataFolder = Path.Combine(Path.GetTempPath(), "commands-bench-" + Guid.NewGuid().ToString("N")[..8]);
var databaseSettings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataDirectory"] = dataFolder }).Build();
await using var database = await WorkflowDatabase.StartAsync(databaseSettings, AppContext.BaseDirectory, temporary: false);
var connectionString = database.ConnectionString;
if (args.Contains("--keep")) Console.WriteLine($"keeping the data folder {dataFolder} (--keep)");
else AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { } };
await using (var connection = new NpgsqlConnection(connectionString))
{
    await connection.OpenAsync();
    foreach (var setting in new[] { "fsync", "synchronous_commit", "server_version" })
    {
        await using var show = new NpgsqlCommand($"show {setting}", connection);
        Console.WriteLine($"PostgreSQL {setting}: {await show.ExecuteScalarAsync()}");
    }
}

// --without-daemon: the bench holds the daemon leader's advisory lock, so the app never projects asynchronously. A
// diagnostic only (the annual tables stay empty): it shows the async daemon's share of the CPU a command costs.
await using var daemonLock = args.Contains("--without-daemon") ? new NpgsqlConnection(connectionString) : null;
if (daemonLock is not null)
{
    await daemonLock.OpenAsync();
    await using var take = new NpgsqlCommand($"select pg_advisory_lock({Projections.LeaderElectedProjectionCoordinator.LockKey})", daemonLock);
    await take.ExecuteNonQueryAsync();
    Console.WriteLine("--without-daemon: the async daemon does not run (its leader lock is held by the bench)");
}
await using var app = await RunningApp.StartAsync(options.ServerAssembly, connectionString);
using var client = await app.SignedInClientAsync();

Console.WriteLine("warm-up: 100 cases at 1 client");
await ApiLoad.RunAsync(client, clients: 1, cases: 100, options.Agency);
// Then at the highest level too: measured first after a short warm-up, 8 clients ran while the JIT was still tiering
// the concurrent paths up (app CPU per command 4.6 ms against 2.4 ms on the same level run again right after).
Console.WriteLine($"warm-up: 300 cases at {options.Clients.Max()} clients");
await ApiLoad.RunAsync(client, clients: options.Clients.Max(), cases: 300, options.Agency);
// And on until the JIT has settled: for its first 20-60 s the app's tiered compilation recompiles thousands of methods
// in the background (perf: 55-67 % of the app's CPU in its first 20 s), on the same two cores PostgreSQL needs, and the
// level measured first (1 client) ran up to a fifth slower and at half again the app's CPU per command than the same
// level run again later (bench/README.md, session 9). Warm-up rounds at every level until the tiered compiler's thread
// took under 5 % of the app's CPU in the last round, at most two minutes.
await JitSettling.WarmUpAsync(app.ProcessId, round: clients => ApiLoad.RunAsync(client, clients, cases: 50 * clients, options.Agency),
    options.Clients, TimeSpan.FromMinutes(2));

if (args.Contains("--breakdown"))
{
    // Where one command's time goes: every statement PostgreSQL receives while one registration and one answer run,
    // read from the server's log between two markers (bench/README.md, "Where the time goes").
    await StatementBreakdown.RunAsync(connectionString, Path.Combine(dataFolder, PrivatePostgres.LogFileName), client, options.Agency,
        verbose: args.Contains("--verbose"));
}

var rows = new List<(int Clients, LoadResult Baseline, LoadResult Api, CpuShare Cpu)>();
var postmaster = CpuMeter.PostmasterOf(dataFolder);
foreach (var clients in options.Clients)
{
    var baseline = await InsertBaseline.RunAsync(connectionString, clients, inserts: options.CasesPerLevel * 2);
    var before = CpuMeter.Read(app.ProcessId, postmaster);
    var api = await ApiLoad.RunAsync(client, clients, options.CasesPerLevel, options.Agency);
    var cpu = CpuMeter.Read(app.ProcessId, postmaster) - before;
    rows.Add((clients, baseline, api, cpu));
    Console.WriteLine($"{clients} clients: baseline {baseline}; API {api}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  CPU per command at {clients} clients: app {cpu.AppMs / api.Operations:0.00} ms, PostgreSQL {cpu.PostgresMs / api.Operations:0.00} ms, this bench {cpu.BenchMs / api.Operations:0.00} ms"));
}

Console.WriteLine();
Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}   cores: {Environment.ProcessorCount}");
Console.WriteLine("| clients | INSERT/s | INSERT p50 / p99 | API commands/s | API p50 / p99 | API/INSERT throughput | API p99 / INSERT p99 | CPU per command: app / PostgreSQL |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var (clients, baseline, api, cpu) in rows)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {clients} | {baseline.PerSecond:0} | {baseline.P50:0.0} / {baseline.P99:0.0} ms | {api.PerSecond:0} | {api.P50:0.0} / {api.P99:0.0} ms | {api.PerSecond / baseline.PerSecond:P1} | {api.P99 / baseline.P99:0.0}× | {cpu.AppMs / api.Operations:0.00} / {cpu.PostgresMs / api.Operations:0.00} ms |"));

if (args.SkipWhile(a => a != "--pages").Skip(1).FirstOrDefault() is { } pagesOpenCases)
{
    // Issue 16 goal 3: case page and worklist served in p99 < 50 ms with the agency's open cases in the store. With
    // --pages-baseline <Server.dll>, that build runs too, on its own database of the same PostgreSQL, filled the same way,
    // and the two are timed in turns in the same run (bench/README.md, "Pages").
    var targets = new List<(string Label, HttpClient Client)>();
    await using var baselineApp = args.SkipWhile(a => a != "--pages-baseline").Skip(1).FirstOrDefault() is { } baselineServer
        ? await RunningApp.StartAsync(Path.GetFullPath(baselineServer), await PageLoad.SecondDatabaseAsync(connectionString, "baseline"))
        : null;
    if (baselineApp is not null) targets.Add(("baseline", await baselineApp.SignedInClientAsync()));
    targets.Add(("this build", client));
    var databases = baselineApp is null ? new[] { connectionString } : [baselineApp.ConnectionString, connectionString];
    await PageLoad.RunAsync(targets, databases, options.Agency, int.Parse(pagesOpenCases, CultureInfo.InvariantCulture));
}

var verify = await app.RunCommandAsync("verify", "--json");
Console.WriteLine($"verify after the run: exit {verify.ExitCode}");
if (verify.ExitCode != 0) Console.WriteLine(verify.Output);
return rows.All(row => row.Api.Failures == 0) && verify.ExitCode == 0 ? 0 : 1;

/// <summary>CPU time (user + system) spent by the app, by PostgreSQL (postmaster and all its backends) and by this bench.</summary>
readonly record struct CpuShare(double AppMs, double PostgresMs, double BenchMs)
{
    public static CpuShare operator -(CpuShare after, CpuShare before) =>
        new(after.AppMs - before.AppMs, after.PostgresMs - before.PostgresMs, after.BenchMs - before.BenchMs);
}

/// <summary>
/// Reads CPU time from <c>/proc</c>. The machine is shared and its load moves throughput from run to run; the CPU a
/// command costs the app and the database moves far less, and on 2 cores it is what bounds throughput at 8 clients.
/// PostgreSQL's share is the postmaster's own time, its reaped children's (<c>cutime</c>/<c>cstime</c>) and its live
/// backends'.
/// </summary>
static class CpuMeter
{
    private static readonly double MillisecondsPerTick = 1000.0 / 100; // USER_HZ is 100 on Linux

    public static int PostmasterOf(string dataFolder) =>
        int.Parse(File.ReadLines(Path.Combine(dataFolder, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    public static CpuShare Read(int appProcess, int postmaster)
    {
        var postgres = Ticks(postmaster, withChildren: true);
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == postmaster) continue;
            if (Stat(pid) is { } stat && ParentOf(stat) == postmaster) postgres += Ticks(pid, withChildren: false);
        }
        return new CpuShare(Ticks(appProcess, withChildren: false) * MillisecondsPerTick, postgres * MillisecondsPerTick,
            Ticks(Environment.ProcessId, withChildren: false) * MillisecondsPerTick);
    }

    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' '); // fields from the 3rd (state) on
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static int ParentOf(string[] stat) => int.Parse(stat[1], CultureInfo.InvariantCulture);

    private static long Ticks(int pid, bool withChildren)
    {
        if (Stat(pid) is not { } stat) return 0;
        long Field(int number) => long.Parse(stat[number - 3], CultureInfo.InvariantCulture);
        return Field(14) + Field(15) + (withChildren ? Field(16) + Field(17) : 0);
    }
}

/// <summary>
/// The app's tiered JIT, read from its background compilation thread (<c>.NET Tiered Com…</c>) in <c>/proc</c>: warm-up
/// rounds run until that thread took under <see cref="SettledShare"/> of the app's CPU in the last round.
/// </summary>
static class JitSettling
{
    public const double SettledShare = 0.05;

    public static async Task WarmUpAsync(int appProcess, Func<int, Task<LoadResult>> round, IReadOnlyList<int> levels, TimeSpan atMost)
    {
        var clock = Stopwatch.StartNew();
        for (var rounds = 1; ; rounds++)
        {
            var (appBefore, jitBefore) = Ticks(appProcess);
            foreach (var clients in levels.Distinct()) await round(clients);
            var (appAfter, jitAfter) = Ticks(appProcess);
            var share = appAfter > appBefore ? (double)(jitAfter - jitBefore) / (appAfter - appBefore) : 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warm-up round {rounds} at {string.Join(", ", levels.Distinct())} clients: tiered JIT {share:P0} of the app's CPU"));
            if (share < SettledShare) return;
            if (clock.Elapsed > atMost)
            {
                Console.WriteLine($"warm-up: the JIT did not settle within {atMost.TotalSeconds:0} s; measuring anyway");
                return;
            }
        }
    }

    /// <summary>CPU ticks of the whole process (ended threads included) and of its tiered compilation thread.</summary>
    private static (long App, long Jit) Ticks(int pid)
    {
        long jit = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered", StringComparison.Ordinal))
                    jit += UserAndSystem(Path.Combine(task, "stat"));
            }
            catch (IOException) { } // a thread that ended meanwhile
        }
        return (UserAndSystem($"/proc/{pid}/stat"), jit);
    }

    private static long UserAndSystem(string statFile)
    {
        var stat = File.ReadAllText(statFile);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // from the 3rd field (state) on
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}

sealed record BenchOptions(string ServerAssembly, int CasesPerLevel, int[] Clients, string Agency)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string flag, string fallback) => args.SkipWhile(a => a != flag).Skip(1).FirstOrDefault() ?? fallback;
        var repository = FindRepository();
        var defaultServer = new[] { "Release", "Debug" }
            .Select(configuration => Path.Combine(repository, "src", "Server", "bin", configuration, "net10.0", "Server.dll"))
            .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("Build the app first: dotnet build -c Release src/Server");
        return new BenchOptions(
            Path.GetFullPath(Value("--server", defaultServer)),
            int.Parse(Value("--cases", "1000"), CultureInfo.InvariantCulture),
            Value("--clients", "1,4,8").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(),
            "bench");
    }

    private static string FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Workflow.sln"))) return folder.FullName;
        throw new InvalidOperationException("Run from inside the repository.");
    }
}

/// <summary>Throughput and latency of one load level; a failure is an answer that was not the expected success.</summary>
sealed record LoadResult(int Operations, double Seconds, double P50, double P99, int Failures)
{
    public double PerSecond => Operations / Seconds;

    public static LoadResult From(List<double> latencies, double seconds, int failures)
    {
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        return new LoadResult(latencies.Count, seconds, Percentile(0.50), Percentile(0.99), failures);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Operations} ops in {Seconds:0.0} s = {PerSecond:0}/s, p50 {P50:0.0} ms, p99 {P99:0.0} ms, failures {Failures}");
}

/// <summary>The baseline: one small jsonb document per INSERT, one transaction each, <c>clients</c> connections at once.</summary>
static class InsertBaseline
{
    public static async Task<LoadResult> RunAsync(string connectionString, int clients, int inserts)
    {
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand("create table if not exists bench_baseline (id bigserial primary key, doc jsonb not null)", setup);
            await create.ExecuteNonQueryAsync();
        }
        var latencies = new List<double>();
        var remaining = inserts;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var mine = new List<double>();
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var started = Stopwatch.GetTimestamp();
                await using var insert = new NpgsqlCommand("insert into bench_baseline (doc) values (@doc::jsonb)", connection);
                insert.Parameters.AddWithValue("doc", """{"applicant":"张三","items":["某村征地补偿方案"],"channel":"letter"}""");
                await insert.ExecuteNonQueryAsync();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            lock (latencies) latencies.AddRange(mine);
        }));
        return LoadResult.From(latencies, clock.Elapsed.TotalSeconds, 0);
    }
}

/// <summary>The real API: per case, POST /api/applications then POST …/steps/answer with the version seen; every answer checked.</summary>
static class ApiLoad
{
    private static readonly DateOnly ReceivedOn = new(2026, 11, 16); // a Monday
    private static readonly DateOnly AnsweredOn = new(2026, 11, 20);

    public static async Task<LoadResult> RunAsync(HttpClient client, int clients, int cases, string agency)
    {
        var latencies = new List<double>();
        var serverRegister = new List<double>();
        var serverAnswer = new List<double>();
        var failures = 0;
        var remaining = cases;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            var mine = new List<double>();
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var started = Stopwatch.GetTimestamp();
                using var registered = await client.PostAsJsonAsync("/api/applications", Registration(agency));
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (PageLoad.ServerTimeOf(registered) is { } registerServer) lock (serverRegister) serverRegister.Add(registerServer);
                if ((int)registered.StatusCode != 201)
                {
                    Interlocked.Increment(ref failures);
                    Console.Error.WriteLine($"register: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync()}");
                    continue;
                }
                var id = (await registered.Content.ReadFromJsonAsync<JsonObject>())!["applicationId"]!.GetValue<Guid>();
                started = Stopwatch.GetTimestamp();
                using var answered = await client.PostAsJsonAsync($"/api/applications/{id}/steps/answer", Answer());
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (PageLoad.ServerTimeOf(answered) is { } answerServer) lock (serverAnswer) serverAnswer.Add(answerServer);
                if ((int)answered.StatusCode != 200)
                {
                    Interlocked.Increment(ref failures);
                    Console.Error.WriteLine($"answer: {(int)answered.StatusCode} {await answered.Content.ReadAsStringAsync()}");
                }
            }
            lock (latencies) latencies.AddRange(mine);
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        // The app's own time per command (Server-Timing), beside the client's: what is left is HTTP and the load generator.
        var register = LoadResult.From(serverRegister, elapsed, 0);
        var answer = LoadResult.From(serverAnswer, elapsed, 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  server time at {clients} clients: register p50 {register.P50:0.00} / p99 {register.P99:0.0} ms, answer p50 {answer.P50:0.00} / p99 {answer.P99:0.0} ms"));
        return LoadResult.From(latencies, elapsed, failures);
    }

    public static JsonObject Registration(string agency) => new()
    {
        ["agencyCode"] = agency,
        ["receivedOn"] = ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["channel"] = "letter",
        ["applicantType"] = "naturalPerson",
        ["applicant"] = new JsonObject { ["name"] = "张三", ["idNumber"] = null, ["phone"] = "13800000000", ["address"] = null, ["email"] = null },
        ["items"] = new JsonArray("某村征地补偿方案"),
        ["requestedForm"] = "paper",
        ["externalRequestId"] = null,
    };

    public static JsonObject Answer() => new()
    {
        ["version"] = 1,
        ["answeredOn"] = AnsweredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["items"] = new JsonArray(new JsonObject { ["itemNumber"] = 1, ["result"] = "disclosed", ["reason"] = null }),
        ["chosenRow"] = null,
        ["replyDocumentNumber"] = "基准府公开复〔2026〕1号",
        ["serviceMethod"] = "post",
        ["servedOn"] = AnsweredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}

/// <summary>The app as its own process on a loopback port, set up through its own command line (agency, user).</summary>
sealed class RunningApp : IAsyncDisposable
{
    private const string UserName = "clerk";
    private const string Password = "Qxg-初始密码-2026";
    private readonly Process process;
    private readonly string serverAssembly;
    private readonly string connectionString;

    private RunningApp(Process process, string serverAssembly, string connectionString, Uri address)
    {
        this.process = process;
        this.serverAssembly = serverAssembly;
        this.connectionString = connectionString;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The app's process id (its CPU time is read from <c>/proc</c>).</summary>
    public int ProcessId => process.Id;

    /// <summary>The database the app runs on.</summary>
    public string ConnectionString => connectionString;

    public static async Task<RunningApp> StartAsync(string serverAssembly, string connectionString)
    {
        var port = FreePort();
        var start = Start(serverAssembly, connectionString, []);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var app = new RunningApp(process, serverAssembly, connectionString, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            using var probe = new HttpClient { BaseAddress = app.Address };
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    if ((await probe.GetAsync("/health")).IsSuccessStatusCode) break;
                }
                catch (HttpRequestException) when (attempt < 1200)
                {
                }
                if (process.HasExited) throw new InvalidOperationException("The app exited during start-up.");
                await Task.Delay(100);
            }
            Check(await app.RunCommandAsync("agencies", "add", "--code", "bench", "--name", "基准测试县人民政府", "--prefix", "基准府公开"));
            Check(await app.RunCommandAsync("users", "add", "--agency", "bench", "--role", "登记员", "--role", "承办人", "--role", "审核人", "--name", UserName));
            return app;
        }
        catch
        {
            // A failed start must not leave the app running (its daemon would load every later measurement on this machine).
            await app.DisposeAsync();
            throw;
        }
    }

    public async Task<HttpClient> SignedInClientAsync()
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64 };
        var client = new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };
        var token = await client.PostAsJsonAsync("/api/auth/token", new { userName = UserName, password = Password });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public async Task<(int ExitCode, string Output)> RunCommandAsync(params string[] arguments)
    {
        var start = Start(serverAssembly, connectionString, arguments);
        start.Environment["WORKFLOW_STAFF_PASSWORD"] = Password;
        using var command = Process.Start(start)!;
        var output = command.StandardOutput.ReadToEndAsync();
        var errors = command.StandardError.ReadToEndAsync();
        await command.WaitForExitAsync();
        return (command.ExitCode, await output + await errors);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            await term!.WaitForExitAsync();
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private static ProcessStartInfo Start(string serverAssembly, string connectionString, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(serverAssembly)!,
        };
        start.ArgumentList.Add(serverAssembly);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ConnectionStrings__Workflow"] = connectionString + Environment.GetEnvironmentVariable("BENCH_APP_CONNECTION_OPTIONS");
        return start;
    }

    private static void Check((int ExitCode, string Output) outcome)
    {
        if (outcome.ExitCode != 0) throw new InvalidOperationException(outcome.Output);
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>
/// Turns on PostgreSQL's statement log for one registration, one answer and five idle seconds, and counts what the app
/// sent: statements, pool checkouts (Npgsql's <c>DISCARD ALL</c> on every reuse of a pooled connection), the database's
/// own time (<c>log_duration</c>) against the time the client waited.
/// </summary>
static class StatementBreakdown
{
    public static async Task RunAsync(string connectionString, string logFile, HttpClient client, string agency, bool verbose)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task Sql(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        await Sql("alter system set log_statement = 'all'");
        await Sql("alter system set log_duration = on");
        await Sql("alter system set log_line_prefix = '%m [%p] '");
        await Sql("select pg_reload_conf()");
        await Task.Delay(500);
        var results = new List<(string Name, double ClientMs)>();
        for (var round = 0; round < 3; round++)
        {
            await Sql($"select 'breakdown:register:{round}:begin'");
            var started = Stopwatch.GetTimestamp();
            using var registered = await client.PostAsJsonAsync("/api/applications", ApiLoad.Registration(agency));
            var registerMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await Sql($"select 'breakdown:register:{round}:end'");
            var id = (await registered.Content.ReadFromJsonAsync<JsonObject>())!["applicationId"]!.GetValue<Guid>();
            await Sql($"select 'breakdown:answer:{round}:begin'");
            started = Stopwatch.GetTimestamp();
            using var answered = await client.PostAsJsonAsync($"/api/applications/{id}/steps/answer", ApiLoad.Answer());
            var answerMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await Sql($"select 'breakdown:answer:{round}:end'");
            if ((int)registered.StatusCode != 201 || (int)answered.StatusCode != 200)
                throw new InvalidOperationException($"breakdown: register {(int)registered.StatusCode}, answer {(int)answered.StatusCode}");
            results.Add(($"register:{round}", registerMs));
            results.Add(($"answer:{round}", answerMs));
        }
        await Sql("select 'breakdown:idle:begin'");
        await Task.Delay(TimeSpan.FromSeconds(5));
        await Sql("select 'breakdown:idle:end'");
        await Sql("alter system reset log_statement");
        await Sql("alter system reset log_duration");
        await Sql("alter system reset log_line_prefix");
        await Sql("select pg_reload_conf()");
        await Task.Delay(300);

        // The log is shared with the server's other messages; read it without locking the writer out.
        string[] lines;
        await using (var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new StreamReader(stream))
            lines = (await reader.ReadToEndAsync()).Split('\n');
        Console.WriteLine();
        Console.WriteLine("| request | client time | statements | of which DISCARD ALL | database time |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (name, clientMs) in results.Append(("idle", 5000.0)))
        {
            var (statements, discards, databaseMs, listing) = Between(lines, $"breakdown:{name}:begin", $"breakdown:{name}:end");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {clientMs:0.0} ms | {statements} | {discards} | {databaseMs:0.0} ms |"));
            if (verbose && !name.StartsWith("idle", StringComparison.Ordinal))
                foreach (var line in listing) Console.WriteLine("    " + line);
        }
    }

    private static (int Statements, int Discards, double DatabaseMs, List<string> Listing) Between(string[] lines, string begin, string end)
    {
        var inside = false;
        int statements = 0, discards = 0;
        double databaseMs = 0;
        var listing = new List<string>();
        foreach (var line in lines)
        {
            if (line.Contains(begin, StringComparison.Ordinal)) { inside = true; continue; }
            if (!inside) continue;
            if (line.Contains(end, StringComparison.Ordinal)) break;
            var statement = line.IndexOf(" statement: ", StringComparison.Ordinal) is var s and >= 0 ? line[(s + 12)..]
                : line.IndexOf("  execute ", StringComparison.Ordinal) is var e and >= 0 ? line[(line.IndexOf(':', e + 10) + 1)..].Trim()
                : null;
            if (statement is not null)
            {
                statements++;
                if (statement.StartsWith("DISCARD ALL", StringComparison.OrdinalIgnoreCase)) discards++;
                var pid = ProcessOf(line);
                // The log line's prefix is '%m [%p] ': the time of day (to the millisecond) shows the gaps between statements.
                var time = line.Length > 23 && line[10] == ' ' ? line[11..23] : "";
                listing.Add($"{time} {pid} {(statement.Length > 110 ? statement[..110] + "…" : statement)}");
            }
            else if (line.IndexOf("duration: ", StringComparison.Ordinal) is var d and >= 0)
            {
                var text = line[(d + 10)..];
                if (double.TryParse(text[..text.IndexOf(' ')], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
                {
                    databaseMs += ms;
                    var pid = ProcessOf(line);
                    var last = listing.FindLastIndex(entry => entry.Contains(pid, StringComparison.Ordinal));
                    if (last >= 0) listing[last] = string.Create(CultureInfo.InvariantCulture, $"{ms,7:0.000} ms ") + listing[last];
                }
            }
        }
        return (statements, discards, databaseMs, listing);
    }

    /// <summary>The backend of a log line, "[pid]" from the '%m [%p] ' prefix ("" when the line has none).</summary>
    private static string ProcessOf(string line) => line.IndexOf('[') is var p and >= 0 ? line[p..(line.IndexOf(']', p) + 1)] : "";
}

/// <summary>
/// Pages at one client: registers <c>openCases</c> more applications in each app (left open, 8 at a time; the POSTs' own
/// latencies are the registration figures), waits until each app's async daemon has projected them (the timing is of
/// the pages, not of a daemon catching up beside them), warms each request up with <see cref="WarmUpCalls"/> calls (JIT,
/// first renders), then times <see cref="TimedCalls"/> GETs each of the case page, the case API, the worklist and its
/// last page and the home page, the apps in turns request by request, over <see cref="TimedCalls"/> different cases, and
/// <see cref="TimedCalls"/> registration POSTs at one client. It
/// prints p50 / p99 of the server time (the app's <c>Server-Timing</c> header: pipeline entry to response start) and of
/// the client time (loopback, the body read).
/// </summary>
static class PageLoad
{
    public const int WarmUpCalls = 20;
    public const int TimedCalls = 200;
    /// <summary>A fresh database in the same cluster, for a second app.</summary>
    public static async Task<string> SecondDatabaseAsync(string connectionString, string name)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(connectionString) { Database = name }.ConnectionString;
    }

    public static async Task RunAsync(IReadOnlyList<(string Label, HttpClient Client)> targets, IReadOnlyList<string> databases, string agency, int openCases)
    {
        var samples = new List<Guid[]>();
        foreach (var (label, client) in targets)
        {
            var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
            var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
            var serverTimes = new System.Collections.Concurrent.ConcurrentBag<double>();
            var failures = 0;
            var remaining = openCases;
            var filling = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                while (Interlocked.Decrement(ref remaining) >= 0)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var registered = await client.PostAsJsonAsync("/api/applications", ApiLoad.Registration(agency));
                    var body = await registered.Content.ReadAsByteArrayAsync();
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (ServerTimeOf(registered) is { } serverTime) serverTimes.Add(serverTime);
                    if ((int)registered.StatusCode == 201)
                        ids.Add(JsonNode.Parse(body)!["applicationId"]!.GetValue<Guid>());
                    else Interlocked.Increment(ref failures);
                }
            }));
            var result = LoadResult.From([.. latencies], filling.Elapsed.TotalSeconds, failures);
            var server = LoadResult.From([.. serverTimes], 0, 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pages [{label}]: {ids.Count} open cases registered in {filling.Elapsed.TotalSeconds:0} s; registration POST /api/applications at 8 clients: server p50 {server.P50:0.0} ms, p99 {server.P99:0.0} ms; client p50 {result.P50:0.0} ms, p99 {result.P99:0.0} ms, failures {failures}; load {File.ReadAllText("/proc/loadavg").Trim()}"));
            samples.Add([.. ids.Take(TimedCalls)]);
        }
        foreach (var database in databases) await WaitForDaemonAsync(database);
        // The planner's statistics as autovacuum leaves them within a minute (and `import` at its end, ADR 0035): timed
        // straight after a bulk fill, the planner still believes the worklist table empty and sorts every row of the agency.
        foreach (var database in databases)
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            var analysed = await Server.Database.PlannerStatistics.RefreshAsync(connection, Server.WorkflowHost.SchemaName);
            Console.WriteLine($"pages: analysed {analysed.Count} tables (ADR 0035)");
        }
        foreach (var (name, path) in new (string, Func<Guid[], int, string>)[]
                 {
                     ("case page GET /applications/{id}", (sample, i) => $"/applications/{sample[i % sample.Length]}"),
                     ("case API GET /api/applications/{id}", (sample, i) => $"/api/applications/{sample[i % sample.Length]}"),
                     ("worklist GET /worklist", (_, _) => "/worklist"),
                     ("worklist GET /worklist?page=100 (filtered by agency)", (_, _) => $"/worklist?agency={agency}&page=100"),
                     ("home page GET /", (_, _) => "/"),
                 })
        {
            for (var i = 0; i < WarmUpCalls; i++)
                for (var t = 0; t < targets.Count; t++)
                {
                    using var response = await targets[t].Client.GetAsync(path(samples[t], TimedCalls - 1 - i));
                    await response.Content.ReadAsByteArrayAsync();
                }
            var client = targets.Select(_ => new List<double>()).ToArray();
            var server = targets.Select(_ => new List<double>()).ToArray();
            var failures = new int[targets.Count];
            for (var i = 0; i < TimedCalls; i++)
            {
                for (var t = 0; t < targets.Count; t++)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await targets[t].Client.GetAsync(path(samples[t], i));
                    await response.Content.ReadAsByteArrayAsync();
                    client[t].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (ServerTimeOf(response) is { } serverTime) server[t].Add(serverTime);
                    if (!response.IsSuccessStatusCode) failures[t]++;
                }
            }
            for (var t = 0; t < targets.Count; t++)
            {
                var clientTimes = LoadResult.From(client[t], client[t].Sum() / 1000, failures[t]);
                var serverResult = LoadResult.From(server[t], 0, 0);
                var serverTimes = server[t].Count == 0 ? "no Server-Timing header" : string.Create(CultureInfo.InvariantCulture,
                    $"server p50 {serverResult.P50:0.0} ms, p99 {serverResult.P99:0.0} ms");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"pages [{targets[t].Label}]: {name}: {serverTimes}; client p50 {clientTimes.P50:0.0} ms, p99 {clientTimes.P99:0.0} ms; {TimedCalls} calls, failures {failures[t]}"));
            }
        }
        // The registration POST at one client, as a clerk sends it, on the full worklist (its server time is the goal's).
        for (var t = 0; t < targets.Count; t++)
        {
            var client = new List<double>();
            var server = new List<double>();
            var failures = 0;
            for (var i = 0; i < WarmUpCalls + TimedCalls; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await targets[t].Client.PostAsJsonAsync("/api/applications", ApiLoad.Registration(agency));
                await response.Content.ReadAsByteArrayAsync();
                if ((int)response.StatusCode != 201) failures++;
                if (i < WarmUpCalls) continue;
                client.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (ServerTimeOf(response) is { } serverTime) server.Add(serverTime);
            }
            var clientTimes = LoadResult.From(client, client.Sum() / 1000, failures);
            var serverTimes = LoadResult.From(server, 0, 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pages [{targets[t].Label}]: registration POST /api/applications at 1 client: server p50 {serverTimes.P50:0.0} ms, p99 {serverTimes.P99:0.0} ms; client p50 {clientTimes.P50:0.0} ms, p99 {clientTimes.P99:0.0} ms; {TimedCalls} calls, failures {failures}"));
        }
        Console.WriteLine($"pages: load average {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    /// <summary>The app's own time for a response, from its <c>Server-Timing</c> header (null without one).</summary>
    public static double? ServerTimeOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(Server.ServerTiming.HeaderName, out var values) ? Server.ServerTiming.Parse(values.FirstOrDefault()) : null;

    /// <summary>Waits (up to 5 minutes) until every async projection of the app's database has reached its last event.</summary>
    private static async Task WaitForDaemonAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(5))
        {
            await using var behind = new NpgsqlCommand(
                "select coalesce((select max(seq_id) from workflow.mt_events), 0) - coalesce((select min(last_seq_id) from workflow.mt_event_progression where name <> 'HighWaterMark'), 0)", connection);
            if (Convert.ToInt64(await behind.ExecuteScalarAsync(), CultureInfo.InvariantCulture) <= 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pages: the async daemon caught up after {waited.Elapsed.TotalSeconds:0.0} s"));
                return;
            }
            await Task.Delay(250);
        }
        Console.WriteLine("pages: the async daemon did not catch up in 5 minutes; timing anyway");
    }
}
