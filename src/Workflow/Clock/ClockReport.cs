using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Workflow.Calendar;

namespace Workflow.Clock;

/// <summary>One calendar day of a <see cref="ClockReportModel"/>: counted as working day n, or skipped.</summary>
/// <param name="WorkingDayNumber">1-based number of the working day; null for a skipped (non-working) day.</param>
/// <param name="HolidayName">The holiday or 调休 name from the calendar data, if any.</param>
public sealed record ClockReportDay(DateOnly Date, DayKind Kind, int? WorkingDayNumber, string? HolidayName)
{
    public bool IsCounted => WorkingDayNumber is not null;
}

/// <summary>
/// A hand-checkable account of one working-day count (for <c>clock --received &lt;date&gt; [--workdays N]</c>): every day
/// from the day after receipt to the due date, counted or skipped, with 调休 make-up days marked.
/// </summary>
public sealed record ClockReportModel(
    DateOnly ReceivedOn,
    int WorkingDays,
    DateOnly DueOn,
    ClockRegime Regime,
    string CalendarVersion,
    ImmutableArray<ClockReportDay> Days)
{
    /// <summary>The provisional years counted (no notice yet: 预计, domain A2); empty if none.</summary>
    public ImmutableArray<int> ProvisionalYears { get; init; } = [];

    /// <summary>Whether the count crosses a provisional year.</summary>
    public bool Provisional => !ProvisionalYears.IsDefaultOrEmpty;

    private static readonly string[] WeekdayNames = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    /// <summary>The working days counted, in order (their count equals <see cref="WorkingDays"/>).</summary>
    public IEnumerable<ClockReportDay> CountedDays => Days.Where(d => d.IsCounted);

    /// <summary>The non-working days skipped on the way.</summary>
    public IEnumerable<ClockReportDay> SkippedDays => Days.Where(d => !d.IsCounted);

    /// <summary>The plain-text rendering for staff and lawyers, in Chinese.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine("答复期限核对表");
        text.AppendLine($"收到申请日期：{Iso(ReceivedOn)}（{WeekdayNames[(int)ReceivedOn.DayOfWeek]}）");
        text.AppendLine($"计算期限：{WorkingDays}个工作日，自收到申请之次日起算");
        text.AppendLine(Regime == ClockRegime.Regulation2008
            ? "适用规定：2019年5月15日前收到的申请，适用原条例（答复期限15个工作日，可延长不超过15个工作日）"
            : "适用规定：《中华人民共和国政府信息公开条例》（2019年修订，答复期限20个工作日，可延长不超过20个工作日）");
        text.AppendLine($"届满日期：{Iso(DueOn)}（{WeekdayNames[(int)DueOn.DayOfWeek]}）{(Provisional ? "（预计）" : "")}");
        if (Provisional) text.AppendLine($"预计：{ProvisionalYear.ReasonFor(ProvisionalYears)}");
        text.AppendLine($"工作日历版本：{CalendarVersion}");
        text.AppendLine();
        text.AppendLine("逐日核对：");
        foreach (var day in Days)
        {
            text.Append($"  {Iso(day.Date)}  {WeekdayNames[(int)day.Date.DayOfWeek]}  ");
            text.AppendLine(day switch
            {
                { WorkingDayNumber: { } n, Kind: DayKind.MakeUpWorkday } => $"第{n}个工作日（{day.HolidayName ?? "调休上班"}）",
                { WorkingDayNumber: { } n } => $"第{n}个工作日",
                { Kind: DayKind.DayOff } when Provisional && IsInProvisionalYear(day.Date) => $"不计（法定节假日，预计：{day.HolidayName}）",
                { Kind: DayKind.DayOff } => $"不计（放假：{day.HolidayName}）",
                _ => "不计（周末）",
            });
        }
        text.AppendLine();
        int skipped = SkippedDays.Count();
        int daysOff = SkippedDays.Count(d => d.Kind == DayKind.DayOff);
        int makeUp = CountedDays.Count(d => d.Kind == DayKind.MakeUpWorkday);
        text.AppendLine($"合计：计入{WorkingDays}个工作日（其中调休上班{makeUp}天）；跳过非工作日{skipped}天（其中放假{daysOff}天，周末{skipped - daysOff}天）。");
        return text.ToString();
    }

    private bool IsInProvisionalYear(DateOnly date) => ProvisionalYears.Contains(date.Year);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Builds <see cref="ClockReportModel"/>s. Pure: the dates are parameters, the system clock is never read.</summary>
public static class ClockReport
{
    /// <summary>
    /// The due date of <paramref name="workdays"/> working days after <paramref name="received"/> (domain A3), with every
    /// day in between. No pauses: this is the plain count for checking by hand.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workdays"/> is negative.</exception>
    /// <exception cref="CalendarYearNotLoadedException">The count runs outside the loaded calendar.</exception>
    public static ClockReportModel Describe(DateOnly received, int workdays, WorkdayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(workdays);

        calendar.KindOf(received); // a receipt the calendar cannot place (after 2100, say) is its error, not an overflow of the count
        var days = ImmutableArray.CreateBuilder<ClockReportDay>();
        var date = received;
        for (int counted = 0; counted < workdays;)
        {
            date = date.AddDays(1);
            var kind = calendar.KindOf(date);
            int? number = kind is DayKind.Workday or DayKind.MakeUpWorkday ? ++counted : null;
            days.Add(new ClockReportDay(date, kind, number, calendar.NameOf(date)));
        }
        // The day of receipt is never counted (A3): only the counted days' years can make the due date 预计.
        var provisionalYears = calendar.ProvisionalYearsBetween(received.AddDays(1), date);
        string version = calendar.Version + string.Concat(provisionalYears.Select(y => "+" + ProvisionalYear.VersionOf(y)));
        return new ClockReportModel(received, workdays, date, StatutoryClock.RegimeOf(received), version, days.ToImmutable())
        {
            ProvisionalYears = provisionalYears,
        };
    }

    /// <summary>The same, with the reply limit of the regime the receipt date falls under (15 before 2019-05-15, else 20).</summary>
    public static ClockReportModel Describe(DateOnly received, WorkdayCalendar calendar) =>
        Describe(received, StatutoryClock.BaseWorkingDaysOf(StatutoryClock.RegimeOf(received)), calendar);
}
