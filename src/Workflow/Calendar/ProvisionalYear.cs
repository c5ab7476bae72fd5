using System.Collections.Immutable;

namespace Workflow.Calendar;

/// <summary>
/// A year with no State Council notice yet (domain A2): weekends plus the statutory holidays of the rule in force that
/// year, and no 调休 days (only a notice can set them). Deadlines counted over such a year are marked 预计.
/// </summary>
public static class ProvisionalYear
{
    /// <summary>The version label of a provisional year, e.g. "2027.预计".</summary>
    public static string VersionOf(int year) => $"{year}.预计";

    /// <summary>The sentence shown beside every deadline that counts a day of a provisional year (user-visible, Chinese).</summary>
    public static string ReasonFor(IEnumerable<int> years)
    {
        var list = string.Join("、", years.Order().Select(y => $"{y}年"));
        return $"{list}国务院节假日安排尚未导入，按周末和《全国年节及纪念日放假办法》规定的法定节假日预计（不含调休），通知导入后期限可能变动";
    }

    /// <summary>The computed calendar file of <paramref name="year"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside what the lunar calendar supports.</exception>
    public static CalendarFile For(int year)
    {
        var holidays = StatutoryHolidays.Of(year);
        string rule = year >= StatutoryHolidays.Revision2024InForce.Year
            ? "《全国年节及纪念日放假办法》（2024年修订）"
            : "《全国年节及纪念日放假办法》（2013年修订）";
        return new CalendarFile(
            year,
            VersionOf(year),
            new CalendarSource($"预计：{rule}规定的法定节假日，未含调休", []),
            [$"No State Council notice for {year} is known; computed from the statutory holidays and weekends, without 调休 days."],
            // 中秋 can fall within 国庆 (2028-10-03): one day off named after both.
            [.. holidays.Where(h => h.Date.Year == year).GroupBy(h => h.Date)
                .Select(g => new CalendarDay(g.Key, string.Join("、", g.Select(h => h.Name).Distinct())))],
            ImmutableArray<CalendarDay>.Empty,
            $"provisional:{year}")
        {
            Kind = CalendarFileKind.Provisional,
        };
    }
}
