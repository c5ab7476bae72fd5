using System.Globalization;
using Workflow.Calendar;

namespace Workflow.Tests.Calendar;

/// <summary>
/// The shipped data against domain B §4.2. The expected lists below are transcribed by hand from the "Weekdays off"
/// and "Weekend working days" lines of §4.2, independently of the holiday ranges the JSON files were written from.
/// </summary>
public class ShippedCalendarDataTests
{
    public static TheoryData<int, string> WeekdaysOff => new()
    {
        { 2019, "01-01, 02-04…02-08, 04-05, 05-01…05-03, 06-07, 09-13, 10-01…10-04, 10-07" },
        { 2020, "01-01, 01-24, 01-27…01-31, 04-06, 05-01, 05-04, 05-05, 06-25, 06-26, 10-01, 10-02, 10-05…10-08" },
        { 2021, "01-01, 02-11, 02-12, 02-15…02-17, 04-05, 05-03…05-05, 06-14, 09-20, 09-21, 10-01, 10-04…10-07" },
        { 2022, "01-03, 01-31…02-04, 04-04, 04-05, 05-02…05-04, 06-03, 09-12, 10-03…10-07" },
        { 2023, "01-02, 01-23…01-27, 04-05, 05-01…05-03, 06-22, 06-23, 09-29, 10-02…10-06" },
        { 2024, "01-01, 02-12…02-16, 04-04, 04-05, 05-01…05-03, 06-10, 09-16, 09-17, 10-01…10-04, 10-07" },
        { 2025, "01-01, 01-28…01-31, 02-03, 02-04, 04-04, 05-01, 05-02, 05-05, 06-02, 10-01…10-03, 10-06…10-08" },
        { 2026, "01-01, 01-02, 02-16…02-20, 02-23, 04-06, 05-01, 05-04, 05-05, 06-19, 09-25, 10-01, 10-02, 10-05…10-07" },
    };

    public static TheoryData<int, string> WeekendWorkingDays => new()
    {
        { 2019, "2018-12-29, 02-02, 02-03, 04-28, 05-05, 09-29, 10-12" },
        { 2020, "01-19, 04-26, 05-09, 06-28, 09-27, 10-10" },
        { 2021, "02-07, 02-20, 04-25, 05-08, 09-18, 09-26, 10-09" },
        { 2022, "01-29, 01-30, 04-02, 04-24, 05-07, 10-08, 10-09" },
        { 2023, "01-28, 01-29, 04-23, 05-06, 06-25, 10-07, 10-08" },
        { 2024, "02-04, 02-18, 04-07, 04-28, 05-11, 09-14, 09-29, 10-12" },
        { 2025, "01-26, 02-08, 04-27, 09-28, 10-11" },
        { 2026, "01-04, 02-14, 02-28, 05-09, 09-20, 10-10" },
    };

    [Fact]
    public void Ships_one_file_per_year_2016_to_2026()
    {
        var files = CalendarFile.LoadShipped();

        files.Select(f => f.Year).Should().Equal(2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026);
        files.Should().OnlyContain(f => !string.IsNullOrWhiteSpace(f.Version) && !string.IsNullOrWhiteSpace(f.Source.Notice));
        // 2019-2026 were checked against republished notices (domain.md §4.2) and cite them.
        files.Where(f => f.Year >= 2019).Should().OnlyContain(f => f.Source.Urls.Length > 0);
        // 2016-2018 say plainly that they were reconstructed and not checked against a source copy.
        files.Where(f => f.Year < 2019).Should().OnlyContain(f => f.Notes.Any(n => n.Contains("Checked against the official text")));
        WorkdayCalendar.Official.Version.Should().Be("2016.1+2017.1+2018.1+2019.2+2020.2+2021.1+2022.1+2023.1+2024.1+2025.1+2026.1");
    }

    [Theory]
    [InlineData(2016, "01-01 02-08 02-09 02-10 02-11 02-12 04-04 05-02 06-09 06-10 09-15 09-16 10-03 10-04 10-05 10-06 10-07", "02-06 02-14 06-12 09-18 10-08 10-09")]
    [InlineData(2017, "01-02 01-27 01-30 01-31 02-01 02-02 04-03 04-04 05-01 05-29 05-30 10-02 10-03 10-04 10-05 10-06", "01-22 02-04 04-01 05-27 09-30")]
    [InlineData(2018, "01-01 02-15 02-16 02-19 02-20 02-21 04-05 04-06 04-30 05-01 06-18 09-24 10-01 10-02 10-03 10-04 10-05", "02-11 02-24 04-08 04-28 09-29 09-30")]
    public void Pre_2019_files_hold_the_old_notices_days(int year, string weekdaysOff, string makeUpDays)
    {
        var calendar = WorkdayCalendar.Official;
        foreach (var day in weekdaysOff.Split(' ').Select(md => DateOnly.Parse($"{year}-{md}")))
            calendar.IsWorkingDay(day).Should().BeFalse($"{day} is a day off");
        foreach (var day in makeUpDays.Split(' ').Select(md => DateOnly.Parse($"{year}-{md}")))
            calendar.KindOf(day).Should().Be(DayKind.MakeUpWorkday, $"{day} is a 调休 working day");
    }

    [Theory]
    [MemberData(nameof(WeekdaysOff))]
    public void Weekdays_off_of_each_file_equal_the_official_list(int year, string expected)
    {
        var file = CalendarFile.LoadShipped().Single(f => f.Year == year);

        var actual = file.DaysOff
            .Select(d => d.Date)
            .Where(d => d.Year == year && d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

        actual.Should().BeEquivalentTo(Expand(year, expected), o => o.WithStrictOrdering());
    }

    [Theory]
    [MemberData(nameof(WeekdaysOff))]
    public void Every_weekday_of_the_year_is_a_working_day_unless_listed(int year, string expected)
    {
        var off = Expand(year, expected).ToHashSet();
        var calendar = WorkdayCalendar.Official;

        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            calendar.IsWorkingDay(d).Should().Be(!off.Contains(d), "{0} is {1} in §4.2", d, off.Contains(d) ? "off" : "a working day");
        }
    }

    [Theory]
    [MemberData(nameof(WeekendWorkingDays))]
    public void Make_up_working_days_of_each_file_equal_the_official_list(int year, string expected)
    {
        var file = CalendarFile.LoadShipped().Single(f => f.Year == year);

        file.MakeUpWorkdays.Select(d => d.Date).Should().BeEquivalentTo(Expand(year, expected), o => o.WithStrictOrdering());
    }

    [Theory]
    [MemberData(nameof(WeekendWorkingDays))]
    public void Weekend_days_are_off_unless_a_make_up_day(int year, string expected)
    {
        var makeUp = Expand(year, expected).ToHashSet();
        var calendar = WorkdayCalendar.Official;

        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) continue;
            calendar.IsWorkingDay(d).Should().Be(makeUp.Contains(d), "{0} is a weekend day", d);
        }
    }

    /// <summary>Expands "01-27…01-31, 04-06, 2018-12-29" into dates of <paramref name="year"/> (or the full date given).</summary>
    internal static IEnumerable<DateOnly> Expand(int year, string list)
    {
        foreach (var part in list.Split(',', StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('…');
            var from = ParseDay(year, ends[0]);
            var to = ends.Length == 2 ? ParseDay(year, ends[1]) : from;
            for (var d = from; d <= to; d = d.AddDays(1))
            {
                if (ends.Length == 2 && d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
                yield return d;
            }
        }
    }

    private static DateOnly ParseDay(int year, string text) => text.Length == 10
        ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)
        : DateOnly.ParseExact($"{year}-{text}", "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
