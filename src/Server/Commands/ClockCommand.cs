using System.Globalization;
using JasperFx.CommandLine;
using Workflow.Calendar;
using Workflow.Clock;

namespace Server.Commands;

public sealed class ClockInput
{
    [Description("收到申请日期 / receipt date, yyyy-MM-dd")]
    public string ReceivedFlag { get; set; } = "";

    [Description("工作日数（默认按收到日期适用20或15个工作日）/ working days (default: 20, or 15 before 2019-05-15)")]
    public int? WorkdaysFlag { get; set; }
}

[Description("打印答复期限和逐日计数，便于人工核对 / Print the due date and the working days counted")]
public sealed class ClockCommand : JasperFxCommand<ClockInput>
{
    public override bool Execute(ClockInput input)
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
        try
        {
            var calendar = CalendarConfiguration.LoadStandalone();
            var model = input.WorkdaysFlag is { } days
                ? ClockReport.Describe(received, days, calendar)
                : ClockReport.Describe(received, calendar);
            Console.WriteLine(model.ToText());
            return true;
        }
        catch (CalendarYearNotLoadedException exception)
        {
            Console.Error.WriteLine($"{exception.ChineseMessage} / {exception.Message}");
            return false;
        }
    }
}
