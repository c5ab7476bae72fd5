using JasperFx.CommandLine;
using Workflow.Import;

namespace Server.Commands;

public sealed class ImportInput : HostedCommandInput
{
    [Description("JSON Lines 文件，每行一个办理步骤（见 README）/ JSON lines file, one step per line (see README)")]
    public string File { get; set; } = "";

    [Description("记录为经办人的用户名（默认 import）/ the actor recorded on the events (default: import)")]
    public string ActorFlag { get; set; } = "import";
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
        return await CommandHost.RunAsync(input, host => ImportAsync(host, input));
    }

    private static async Task<bool> ImportAsync(IHost host, ImportInput input)
    {
        using var scope = host.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<ApplicationImporter>();
        using var reader = System.IO.File.OpenText(input.File);
        var summary = await importer.ImportAsync(reader, input.ActorFlag);

        Console.WriteLine($"共 {summary.Lines} 行：新登记 {summary.Registered} 件，导入步骤 {summary.StepsApplied} 个，已存在而跳过 {summary.AlreadyPresent} 行，出错 {summary.Errors.Count} 行。");
        Console.WriteLine($"{summary.Lines} lines: {summary.Registered} registered, {summary.StepsApplied} steps applied, {summary.AlreadyPresent} already present, {summary.Errors.Count} errors.");
        foreach (var error in summary.Errors)
            Console.WriteLine($"  第 {error.LineNumber} 行（{error.Reference}）[{error.Code}] {error.Chinese} / {error.English}");
        return summary.Succeeded;
    }
}
