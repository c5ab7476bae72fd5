using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Server.Database;
using Server.Demo;
using Workflow.Applications;
using Workflow.Calendar;

// Import at the speed of the database (issue 16): writes a realistic 登记台账 (the demo's lifecycle mix) as JSON lines,
// then runs the app's own `import` command on it against a private, durable PostgreSQL (fsync and synchronous_commit
// on), timing it from process start to exit (start-up included) and sampling its resident memory; then imports the
// same file again (it must change nothing) and runs `verify`. See bench/README.md.
//
// dotnet run -c Release --project bench/Import.Bench -- [--cases 100000] [--simple] [--parallel 8] [--keep] [--file out.jsonl] [--server Server.dll]
var options = BenchOptions.Parse(args);
Console.WriteLine($"Import.Bench: {options.Cases} cases ({(options.Simple ? "register + answer" : "the demo's lifecycle mix")}), app {options.ServerAssembly}");

// 1. The 台账, written lazily (a 100,000-case file is never held in memory).
var today = options.Today;
var generated = Stopwatch.StartNew();
var lines = await Ledger.WriteAsync(options.File, options.Cases, today, options.Simple);
Console.WriteLine($"wrote {lines} lines to {options.File} in {generated.Elapsed.TotalSeconds:0.0} s (cases received {today.Year - 3}-01-01 … {today:yyyy-MM-dd})");

// 2. A private durable cluster, the demo's agencies set up through the app's command line.
var dataFolder = Path.Combine(Path.GetTempPath(), "import-bench-" + Guid.NewGuid().ToString("N")[..8]);
var databaseSettings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataDirectory"] = dataFolder }).Build();
await using var database = await WorkflowDatabase.StartAsync(databaseSettings, AppContext.BaseDirectory, temporary: false);
if (options.Keep) Console.WriteLine($"keeping the data folder {dataFolder} (--keep)");
else AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { } };
await using (var connection = new NpgsqlConnection(database.ConnectionString))
{
    await connection.OpenAsync();
    foreach (var setting in new[] { "fsync", "synchronous_commit", "server_version" })
    {
        await using var show = new NpgsqlCommand($"show {setting}", connection);
        Console.WriteLine($"PostgreSQL {setting}: {await show.ExecuteScalarAsync()}");
    }
}
var app = new AppCommands(options.ServerAssembly, database.ConnectionString);
foreach (var agency in DemoPlan.Agencies)
{
    List<string> add = ["agencies", "add", "--code", agency.Code, "--name", agency.Name, "--prefix", agency.RegistrationPrefix];
    if (agency.ParentCode is not null) add.AddRange(["--parent", agency.ParentCode]);
    var added = await app.RunAsync([.. add], echo: false);
    if (added.ExitCode != 0) throw new InvalidOperationException(added.Output);
}

// 3. The import, then the same file again, each as its own process.
// --parallel is passed on only when given, so the bench also runs an app built before the flag existed (--server).
string[] import = options.Parallel is { } parallel
    ? ["import", options.File, "--parallel", parallel.ToString(CultureInfo.InvariantCulture)]
    : ["import", options.File];
var first = await app.RunAsync(import, echo: true);
var second = await app.RunAsync(import, echo: true);
var verify = await app.RunAsync(["verify", "--json"], echo: false);

Console.WriteLine();
Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}   cores: {Environment.ProcessorCount}");
Console.WriteLine("| run | lines | wall time (start-up included) | lines/s | cases/s | peak resident memory | exit |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var (name, run) in new[] { ("first import", first), ("second import (nothing to do)", second) })
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {lines} | {run.Elapsed.TotalSeconds:0.0} s | {lines / run.Elapsed.TotalSeconds:0} | {options.Cases / run.Elapsed.TotalSeconds:0} | {run.PeakResidentBytes / 1024.0 / 1024.0:0} MB | {run.ExitCode} |"));
Console.WriteLine($"second import summary: {second.Output.Split('\n').FirstOrDefault(l => l.Contains(" lines: ", StringComparison.Ordinal))?.Trim()}");
Console.WriteLine($"verify after the imports: exit {verify.ExitCode}");
if (verify.ExitCode != 0) Console.WriteLine(verify.Output);
var nothingSecondTime = second.Output.Contains(" 0 registered, 0 steps applied,", StringComparison.Ordinal);
if (!nothingSecondTime) Console.WriteLine("the second import wrote something: it must not");
return first.ExitCode == 0 && second.ExitCode == 0 && nothingSecondTime && verify.ExitCode == 0 ? 0 : 1;

sealed record BenchOptions(string ServerAssembly, int Cases, bool Simple, int? Parallel, bool Keep, string File, DateOnly Today)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string flag, string fallback) => args.SkipWhile(a => a != flag).Skip(1).FirstOrDefault() ?? fallback;
        var repository = FindRepository();
        var defaultServer = new[] { "Release", "Debug" }
            .Select(configuration => Path.Combine(repository, "src", "Server", "bin", configuration, "net10.0", "Server.dll"))
            .FirstOrDefault(System.IO.File.Exists) ?? throw new InvalidOperationException("Build the app first: dotnet build -c Release src/Server");
        var cases = int.Parse(Value("--cases", "100000"), CultureInfo.InvariantCulture);
        var simple = args.Contains("--simple");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, DecisionContextSource.ChinaStandardTime).DateTime);
        return new BenchOptions(
            Path.GetFullPath(Value("--server", defaultServer)), cases, simple,
            Value("--parallel", "") is { Length: > 0 } p ? int.Parse(p, CultureInfo.InvariantCulture) : null,
            args.Contains("--keep"),
            Path.GetFullPath(Value("--file", Path.Combine(Path.GetTempPath(), $"ledger-{cases}{(simple ? "-simple" : "")}.jsonl"))),
            Value("--today", "") is { Length: > 0 } given ? DateOnly.Parse(given, CultureInfo.InvariantCulture) : today);
    }

    private static string FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "Workflow.sln"))) return folder.FullName;
        throw new InvalidOperationException("Run from inside the repository.");
    }
}

/// <summary>Writes a 台账 as the README's import format: one line per step, <c>ref</c> and <c>step</c>, the command's fields.</summary>
static class Ledger
{
    public static async Task<long> WriteAsync(string path, int cases, DateOnly today, bool simple)
    {
        long written = 0;
        await using var file = new StreamWriter(path, append: false, new UTF8Encoding(false));
        var index = 0;
        foreach (var demo in DemoPlan.Ledger(cases, today, WorkdayCalendar.Official))
        {
            index++;
            var reference = $"{demo.Registration.ReceivedOn.Year}-{index:000000}";
            // The importer gives every registration the request id import:<ref>, which makes a rerun find it.
            await file.WriteLineAsync(Line(reference, ApplicationSteps.Register, demo.Registration with { ExternalRequestId = null }));
            written++;
            if (simple)
            {
                var answeredOn = WorkdayCalendar.Official.AddWorkingDays(demo.Registration.ReceivedOn, 5);
                if (answeredOn > today) answeredOn = demo.Registration.ReceivedOn;
                var items = demo.Registration.Items.Select((_, i) => new ItemAnswer(i + 1, ItemResult.Disclosed, null)).ToList();
                await file.WriteLineAsync(Line(reference, "answer",
                    new AnswerApplication(Guid.Empty, 0, answeredOn, items, null, $"台账复〔{answeredOn.Year}〕{index}号", ServiceMethod.Post, answeredOn, "import")));
                written++;
                continue;
            }
            foreach (var step in demo.Steps)
            {
                var command = step.Command(Guid.Empty, 0);
                await file.WriteLineAsync(Line(reference, ApplicationSteps.StepOf(command.GetType()), command));
                written++;
            }
        }
        return written;
    }

    private static string Line(string reference, string step, object command)
    {
        var fields = JsonSerializer.SerializeToNode(command, command.GetType(), ApplicationSteps.Json)!.AsObject();
        var line = new JsonObject { ["ref"] = reference, ["step"] = step };
        foreach (var (name, value) in fields.ToList())
        {
            if (name is "applicationId" or "version" or "actor" || value is null) continue;
            fields.Remove(name);
            line[name] = value;
        }
        return line.ToJsonString();
    }
}

sealed record CommandRun(int ExitCode, string Output, TimeSpan Elapsed, long PeakResidentBytes);

/// <summary>The app's command line as its own process; its wall time and the peak of its resident memory (sampled).</summary>
sealed class AppCommands(string serverAssembly, string connectionString)
{
    public async Task<CommandRun> RunAsync(string[] arguments, bool echo)
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
        start.Environment["ConnectionStrings__Workflow"] = connectionString;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (echo && !e.Data.StartsWith("  第 ", StringComparison.Ordinal)) Console.WriteLine("  " + e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, ResidentBytes(process.Id));
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(100));
        }
        await process.WaitForExitAsync();
        var elapsed = clock.Elapsed;
        lock (output) return new CommandRun(process.ExitCode, output.ToString(), elapsed, peak);
    }

    private static long ResidentBytes(int processId)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
