using System.Globalization;
using JasperFx.CommandLine;
using Marten;
using Server.Calendar;
using Workflow.Calendar;

namespace Server.Commands;

public sealed class CalendarInput : HostedCommandInput
{
    [Description("import-notice <通知正文文件> | import <日历文件.json> | show --year YYYY")]
    public string Action { get; set; } = "";

    [Description("文件 / the notice text file or the JSON calendar file")]
    public string File { get; set; } = "";

    [Description("年度（用于 show）/ the year to show")]
    [FlagAlias("year", true)]
    public int? YearFlag { get; set; }

    [Description("不询问，直接记录 / record without asking for confirmation")]
    public bool YesFlag { get; set; }

    [Description("记录为操作人的用户名（默认 calendar）/ who is recorded as having made the change (default: calendar)")]
    [FlagAlias("by", true)]
    public string ByFlag { get; set; } = "calendar";
}

[Description("工作日历：导入国务院放假通知或日历文件，查看年度 / The working-day calendar: import a notice or a file, show a year")]
public sealed class CalendarCommand : JasperFxAsyncCommand<CalendarInput>
{
    public CalendarCommand()
    {
        Usage("Import a notice text, or a JSON calendar file").Arguments(x => x.Action, x => x.File);
        Usage("Show a year").Arguments(x => x.Action);
    }

    /// <summary>Where the command reads the confirmation from (the console; a test hands its own).</summary>
    public static TextReader Confirmation { get; set; } = Console.In;

    public override async Task<bool> Execute(CalendarInput input)
    {
        switch (input.Action.Trim().ToLowerInvariant())
        {
            case "import-notice" or "import" when !System.IO.File.Exists(input.File):
                Console.Error.WriteLine($"找不到文件：{input.File} / File not found: {input.File}");
                return false;
            case "import-notice":
                return await CommandHost.RunAsync(input, host => ImportNoticeAsync(host, input));
            case "import":
                return await CommandHost.RunAsync(input, host => ImportFileAsync(host, input));
            case "show" when input.YearFlag is not { } y || !StatutoryHolidays.Supports(y):
                Console.Error.WriteLine("请用 --year YYYY 给出年度（1902-2100）。 / Give the year as --year YYYY (1902-2100).");
                return false;
            case "show":
                return await CommandHost.RunAsync(input, host => ShowAsync(host, input.YearFlag!.Value));
            default:
                Console.Error.WriteLine("用法 / usage: calendar import-notice <file> [--yes] | calendar import <file.json> | calendar show --year YYYY");
                return false;
        }
    }

    private static async Task<CalendarBook> BookAsync(IHost host)
    {
        var calendars = host.Services.GetRequiredService<CalendarInForce>();
        await calendars.RefreshAsync(host.Services.GetRequiredService<IDocumentStore>(), force: true);
        return calendars.Book;
    }

    private static async Task<bool> ImportNoticeAsync(IHost host, CalendarInput input)
    {
        var book = await BookAsync(host);
        var text = await System.IO.File.ReadAllTextAsync(input.File);
        CalendarFile file;
        try
        {
            file = CalendarImport.FromNotice(book, text);
        }
        catch (HolidayNoticeFormatException exception)
        {
            Console.Error.WriteLine($"{exception.ChineseMessage} / {exception.Message}");
            return false;
        }
        return await ConfirmAndRecordAsync(host, book, file, file.Source.Notice, text, input);
    }

    private static async Task<bool> ImportFileAsync(IHost host, CalendarInput input)
    {
        var book = await BookAsync(host);
        CalendarFile file;
        try
        {
            file = CalendarFile.Parse(await System.IO.File.ReadAllTextAsync(input.File), input.File);
        }
        catch (CalendarDataException exception)
        {
            Console.Error.WriteLine($"日历文件格式有误 / {exception.Message}");
            return false;
        }
        return await ConfirmAndRecordAsync(host, book, file, $"日历文件 {Path.GetFileName(input.File)}（版本{file.Version}）", null, input);
    }

    private static async Task<bool> ConfirmAndRecordAsync(IHost host, CalendarBook book, CalendarFile file, string source, string? text,
        CalendarInput input)
    {
        var preview = file.Kind == CalendarFileKind.Local ? null : CalendarImport.Preview(book, file);
        if (preview is not null)
        {
            Console.WriteLine(preview.Grid);
            Console.WriteLine($"现行版本 {preview.PreviousVersion} → 新版本 {file.Version}；变动的日期 {preview.Days.Count} 天：");
            foreach (var day in preview.Days)
                Console.WriteLine($"  {day.Date:yyyy-MM-dd}  {day.Before} → {day.After}");
        }
        if (!input.YesFlag)
        {
            Console.Write("确认记录？(y/N) / Record it? (y/N) ");
            var answer = Confirmation.ReadLine()?.Trim().ToLowerInvariant();
            if (answer is not ("y" or "yes" or "是"))
            {
                Console.WriteLine("未记录。 / Nothing recorded.");
                return true;
            }
        }
        using var scope = host.Services.CreateScope();
        var recorder = scope.ServiceProvider.GetRequiredService<CalendarRecorder>();
        try
        {
            var result = await recorder.RecordAsync(file, source, text, input.ByFlag);
            Console.WriteLine($"已记录 {file.Year} 年工作日历版本 {result.Change.Version}（原版本 {result.Change.PreviousVersion}），变动 {result.Change.Days.Count} 天。");
            Console.WriteLine($"Recorded {file.Year} calendar version {result.Change.Version} (was {result.Change.PreviousVersion}); {result.Change.Days.Count} days changed.");
            Console.WriteLine($"期限变动的在办申请 {result.Moved.Count} 项 / {result.Moved.Count} deadlines of open applications moved:");
            foreach (var m in result.Moved)
                Console.WriteLine($"  {m.RegistrationNumber}  {m.Deadline}  {Iso(m.OldDate)} → {Iso(m.NewDate)}{(m.NewDateProvisional ? "（预计）" : "")}");
            return true;
        }
        catch (CalendarRecordException exception)
        {
            Console.Error.WriteLine($"{exception.ChineseMessage} / {exception.Message}");
            return false;
        }
    }

    private static async Task<bool> ShowAsync(IHost host, int year)
    {
        var book = await BookAsync(host);
        var view = CalendarApi.ViewOf(book, year);
        Console.WriteLine($"{year}年工作日历，版本 {view.Version}{(view.Provisional ? "（预计）" : "")}");
        Console.WriteLine($"来源：{view.Source}");
        if (view.ProvisionalReason is { } reason) Console.WriteLine($"预计：{reason}");
        Console.WriteLine(MonthGrid.ToText(book.Current, year));
        if (view.History.Count > 0)
        {
            Console.WriteLine("变更记录 / history:");
            foreach (var change in view.History)
                Console.WriteLine($"  {change.RecordedAt:yyyy-MM-dd HH:mm} {change.RecordedBy}  {change.PreviousVersion} → {change.Version}  {change.Source}（{change.Days.Count} 天变动）");
        }
        return true;
    }

    private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
}
