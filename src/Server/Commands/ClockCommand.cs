using System.Globalization;
using JasperFx.CommandLine;
using Marten;
using Workflow.Calendar;
using Workflow.Clock;

namespace Server.Commands;

public sealed class ClockInput : HostedCommandInput
{
    [Description("收到申请日期 / receipt date, yyyy-MM-dd")]
    public string ReceivedFlag { get; set; } = "";

    [Description("工作日数（默认按收到日期适用20或15个工作日）/ working days (default: 20, or 15 before 2019-05-15)")]
    public int? WorkdaysFlag { get; set; }
}

[Description("打印答复期限和逐日计数，便于人工核对 / Print the due date and the working days counted")]
public sealed class ClockCommand : JasperFxAsyncCommand<ClockInput>
{
    public override async Task<bool> Execute(ClockInput input)
    {
        if (!DateOnly.TryParseExact(input.ReceivedFlag, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var received))
        {
            Console.Error.WriteLine("请用 --received yyyy-MM-dd 给出收到申请日期。 / Give the receipt date as --received yyyy-MM-dd.");
            return false;
        }
        if (input.WorkdaysFlag is < 1 or > 200)
        {
            Console.Error.WriteLine("工作日数应在 1 至 200 之间。 / --workdays must be between 1 and 200.");
            return false;
        }
        // The calendar in force: the shipped years and Calendar:Folder plus the notices recorded in the database (ADR 0018).
        return await CommandHost.RunAsync(input, async host =>
        {
            var calendars = host.Services.GetRequiredService<CalendarInForce>();
            await calendars.RefreshAsync(host.Services.GetRequiredService<IDocumentStore>(), force: true);
            return Print(received, input.WorkdaysFlag, calendars.Current, Console.Out, Console.Error);
        });
    }

    /// <summary>Prints the count; a year with no notice is counted as 预计 (never an error). False only beyond 2100.</summary>
    public static bool Print(DateOnly received, int? workdays, WorkdayCalendar calendar, TextWriter output, TextWriter errors)
    {
        try
        {
            var model = workdays is { } days ? ClockReport.Describe(received, days, calendar) : ClockReport.Describe(received, calendar);
            output.WriteLine(model.ToText());
            return true;
        }
        catch (CalendarYearNotLoadedException exception)
        {
            errors.WriteLine($"{exception.ChineseMessage} / {exception.Message}");
            return false;
        }
    }
}
