using System.Globalization;
using System.Text;

namespace Workflow.Calendar;

/// <summary>
/// A year as month grids for checking a notice by eye (the <c>calendar</c> command and the calendar page): Monday to
/// Sunday columns, each day marked 休 (day off), 班 (调休 make-up working day) or nothing.
/// </summary>
public static class MonthGrid
{
    /// <summary>The mark of a day: "休", "班", or "" for an ordinary working day or weekend.</summary>
    public static string MarkOf(WorkdayCalendar calendar, DateOnly date) => calendar.KindOf(date) switch
    {
        DayKind.DayOff => "休",
        DayKind.MakeUpWorkday => "班",
        _ => "",
    };

    /// <summary>The weeks of a month: 7 cells Monday..Sunday, null outside the month.</summary>
    public static IEnumerable<DateOnly?[]> WeeksOf(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        int offset = ((int)first.DayOfWeek + 6) % 7; // Monday = 0
        var week = new DateOnly?[7];
        for (var day = first; day.Month == month; day = day.AddDays(1))
        {
            int column = (offset + day.Day - 1) % 7;
            week[column] = day;
            if (column == 6)
            {
                yield return week;
                week = new DateOnly?[7];
            }
        }
        if (week.Any(d => d is not null)) yield return week;
    }

    /// <summary>The months of <paramref name="year"/> that hold a day off or a make-up day, as plain text.</summary>
    public static string ToText(WorkdayCalendar calendar, int year, bool onlyMonthsWithHolidays = true)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{year}年（休 = 放假，班 = 调休上班）");
        for (int month = 1; month <= 12; month++)
        {
            var days = Enumerable.Range(1, DateTime.DaysInMonth(year, month)).Select(d => new DateOnly(year, month, d)).ToList();
            if (onlyMonthsWithHolidays && days.All(d => MarkOf(calendar, d) == "" )) continue;
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"  {month}月");
            text.AppendLine("   一   二   三   四   五   六   日");
            foreach (var week in WeeksOf(year, month))
            {
                text.Append(' ');
                foreach (var cell in week)
                {
                    if (cell is not { } date)
                    {
                        text.Append("     ");
                        continue;
                    }
                    string mark = MarkOf(calendar, date);
                    text.Append(CultureInfo.InvariantCulture, $"{date.Day,3}{(mark.Length == 0 ? "  " : mark)}");
                }
                text.AppendLine();
            }
            foreach (var name in days.Select(d => (d, calendar.NameOf(d))).Where(x => x.Item2 is not null).GroupBy(x => x.Item2))
                text.AppendLine(CultureInfo.InvariantCulture, $"   {name.Key}：{string.Join("、", name.Select(x => x.d.ToString("M月d日", CultureInfo.InvariantCulture)))}");
        }
        return text.ToString();
    }
}
