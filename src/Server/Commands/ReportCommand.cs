using JasperFx.CommandLine;
using Projections.Tables;
using Projections.Tables.Rendering;
using Server.Reports;

namespace Server.Commands;

public sealed class ReportInput : HostedCommandInput
{
    [Description("机关代码 / agency code")]
    public string AgencyFlag { get; set; } = "";

    [Description("年度 / report year")]
    public int YearFlag { get; set; }

    [Description("表格式：2021 | 2019 | legacy（默认按年度）/ layout: 2021 | 2019 | legacy (default by year)")]
    public string? FormatFlag { get; set; }

    [Description("输出文件 .xlsx | .csv | .json | .html；不填则输出到终端 / output file; terminal text when omitted")]
    public string? OutFlag { get; set; }

    [Description("含下属部门（汇总本级及所属部门）/ sum over the agency and its departments")]
    public bool TreeFlag { get; set; }
}

[Description("年度报告表三、表四 / Annual report tables 三 and 四")]
public sealed class ReportCommand : JasperFxAsyncCommand<ReportInput>
{
    public override async Task<bool> Execute(ReportInput input)
    {
        if (string.IsNullOrWhiteSpace(input.AgencyFlag) || !AnnualReportPipeline.IsReportYear(input.YearFlag))
        {
            Console.Error.WriteLine("请给出 --agency <机关代码> 和 --year <年度>。 / Give --agency <code> and --year <yyyy>.");
            return false;
        }
        if (input.FormatFlag is not null && !TableLayouts.TryGetByCode(input.FormatFlag, out _))
        {
            Console.Error.WriteLine($"未知的表格式：{input.FormatFlag}（可选 2021、2019、legacy）。 / Unknown format '{input.FormatFlag}'.");
            return false;
        }
        var extension = input.OutFlag is null ? null : Path.GetExtension(input.OutFlag).ToLowerInvariant();
        if (extension is not (null or ".xlsx" or ".csv" or ".json" or ".html"))
        {
            Console.Error.WriteLine("输出文件的扩展名应为 .xlsx、.csv、.json 或 .html。 / --out must end in .xlsx, .csv, .json or .html.");
            return false;
        }
        if (input.OutFlag is not null && Path.GetDirectoryName(Path.GetFullPath(input.OutFlag)) is { } folder && !Directory.Exists(folder))
        {
            Console.Error.WriteLine($"输出文件所在的文件夹不存在：{folder} / The folder of --out does not exist: {folder}");
            return false;
        }

        return await CommandHost.RunAsync(input, host => WriteReportAsync(host, input, extension));
    }

    private static async Task<bool> WriteReportAsync(IHost host, ReportInput input, string? extension)
    {
        await CommandHost.CatchUpAsync(host);
        await using var services = host.Services.CreateAsyncScope();
        var pipeline = services.ServiceProvider.GetRequiredService<AnnualReportPipeline>();
        // The operator at the machine sees every agency (no visibility filter); the flags were checked above.
        var (scope, refusal) = await pipeline.ScopeAsync(new ReportRequest(input.AgencyFlag, input.YearFlag, input.FormatFlag, input.TreeFlag),
            visibleAgencies: null, UnknownLayout.Refuse);
        if (refusal is not null)
        {
            Console.Error.WriteLine($"{refusal.Chinese} / {refusal.English}");
            return false;
        }
        var report = await pipeline.RenderAsync(scope!);
        if (extension is null)
        {
            Console.WriteLine(TextTableRenderer.Render(report));
            return true;
        }
        var file = AnnualReportPipeline.File(report, extension[1..], Path.GetFileNameWithoutExtension(input.OutFlag!))!;
        try
        {
            await File.WriteAllBytesAsync(input.OutFlag!, file.Content);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"无法写入输出文件：{input.OutFlag} / Cannot write {input.OutFlag}: {exception.Message}");
            return false;
        }
        Console.WriteLine($"已写入 / written: {Path.GetFullPath(input.OutFlag!)}");
        return true;
    }
}
