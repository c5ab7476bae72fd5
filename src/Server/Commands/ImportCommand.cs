using System.Globalization;
using JasperFx.CommandLine;
using Server.Database;
using Workflow.Import;

namespace Server.Commands;

public sealed class ImportInput : HostedCommandInput
{
    [Description("JSON Lines 文件，每行一个办理步骤（见 README）/ JSON lines file, one step per line (see README)")]
    public string File { get; set; } = "";

    [Description("记录为经办人的用户名（默认 import）/ the actor recorded on the events (default: import)")]
    public string ActorFlag { get; set; } = "import";

    [Description("逐行导入时同时导入的案件数（默认 8）/ cases imported at once with --per-line (default: 8)")]
    public int ParallelFlag { get; set; } = 8;

    [Description("逐行经命令总线导入（ADR 0029 之前的方式，较慢）/ every line as its own command through the bus (slower, as before ADR 0029)")]
    [FlagAlias("per-line", true)]
    public bool PerLineFlag { get; set; }
}

[Description("导入历史登记台账 / Import historical applications from JSON lines")]
public sealed class ImportCommand : JasperFxAsyncCommand<ImportInput>
{
    public override async Task<bool> Execute(ImportInput input)
    {
        if (!System.IO.File.Exists(input.File))
        {
            Console.Error.WriteLine($"找不到文件：{input.File}（{Path.GetFullPath(input.File)}）/ File not found: {Path.GetFullPath(input.File)}");
            return false;
        }
        // The import writes events; projecting them into the annual tables is the async daemon's work, which would take
        // the CPU from the import here. This process does not run it: the app's daemon (or the next command that takes
        // the daemon's lock) catches up afterwards (docs/adr/0029).
        return await CommandHost.RunAsync(input, host => ImportAsync(host, input), daemonPaused: true);
    }

    private static async Task<bool> ImportAsync(IHost host, ImportInput input)
    {
        using var scope = host.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<ApplicationImporter>();
        // Counted first (a fast read) so the progress lines can say how much is left.
        long total = 0;
        using (var counter = System.IO.File.OpenText(input.File))
            while (await counter.ReadLineAsync() is { } line)
                if (!string.IsNullOrWhiteSpace(line) && !line.TrimStart().StartsWith("//", StringComparison.Ordinal)) total++;
        using var reader = System.IO.File.OpenText(input.File);
        var options = new ImportOptions
        {
            Parallelism = Math.Max(1, input.ParallelFlag),
            PerLine = input.PerLineFlag,
            TotalLines = total,
            Progress = new Progress(ProgressLine),
        };
        var summary = await importer.ImportAsync(reader, input.ActorFlag, options);
        if (summary.Registered + summary.StepsApplied > 0) await RefreshStatisticsAsync(host);

        var seconds = Math.Max(summary.Elapsed.TotalSeconds, 0.001);
        Console.WriteLine($"共 {summary.Lines} 行：新登记 {summary.Registered} 件，导入步骤 {summary.StepsApplied} 个，已存在而跳过 {summary.AlreadyPresent} 行，出错 {summary.Errors.Count} 行。");
        Console.WriteLine($"{summary.Lines} lines: {summary.Registered} registered, {summary.StepsApplied} steps applied, {summary.AlreadyPresent} already present, {summary.Errors.Count} errors.");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"用时 {summary.Elapsed.TotalSeconds:0.0} 秒，每秒 {summary.Lines / seconds:0} 行 / took {summary.Elapsed.TotalSeconds:0.0} s, {summary.Lines / seconds:0} lines/s"));
        foreach (var error in summary.Errors)
            Console.WriteLine($"  第 {error.LineNumber} 行（{error.Reference}）[{error.Code}] {error.Chinese} / {error.English}");
        return summary.Succeeded;
    }

    /// <summary>
    /// The planner's statistics of the tables the import filled, so that the worklist reads its index from the first
    /// request after a large import, not after autovacuum's next round. A failure costs speed, not data: it is reported
    /// and the import's own result stands.
    /// </summary>
    private static async Task RefreshStatisticsAsync(IHost host)
    {
        var store = host.Services.GetRequiredService<Marten.IDocumentStore>();
        try
        {
            await PlannerStatistics.RefreshAsync(store);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Workflow.Import")
                .LogWarning(e, "Refreshing the planner statistics after the import failed; autovacuum will do it later");
        }
    }

    /// <summary>One progress line: lines handled of the total, cases per second, and the time left at that rate.</summary>
    public static string ProgressLine(ImportProgress progress)
    {
        var total = progress.TotalLines is { } known ? known.ToString(CultureInfo.InvariantCulture) : "?";
        var percent = progress.TotalLines is > 0 ? $"（{100.0 * progress.Lines / progress.TotalLines.Value:0}%）" : "";
        var eta = progress.Remaining is { } left ? Clock(left) : "?";
        return string.Create(CultureInfo.InvariantCulture,
            $"进度 {progress.Lines}/{total} 行{percent}，{progress.CasesPerSecond:0} 件/秒，预计剩余 {eta} / progress: {progress.Lines}/{total} lines, {progress.CasesPerSecond:0} cases/s, ETA {eta}");
    }

    private static string Clock(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}"
        : $"{span.Minutes}:{span.Seconds:00}";

    /// <summary>Writes each report as it comes, on the calling thread (not a captured context: a command has none).</summary>
    private sealed class Progress(Func<ImportProgress, string> format) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => Console.WriteLine(format(value));
    }
}
