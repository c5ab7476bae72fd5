using Workflow.Calendar;

namespace Workflow.Tests.Calendar;

public class WorkdayCalendarTests
{
    private static readonly WorkdayCalendar Calendar = WorkdayCalendar.Official;

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2019-05-01", false)] // 劳动节, extended in March 2019 to 05-01..05-04
    [InlineData("2019-05-03", false)]
    [InlineData("2019-05-05", true)]  // Sunday, 调休上班
    [InlineData("2019-04-28", true)]  // Sunday, 调休上班
    [InlineData("2020-01-31", false)] // Spring Festival as extended by 国办发明电〔2020〕1号
    [InlineData("2020-02-01", false)] // the original make-up Saturday lapsed
    [InlineData("2020-02-03", true)]
    [InlineData("2024-02-09", true)]  // 除夕 2024 stayed a working day
    [InlineData("2025-01-28", false)] // 除夕 2025 is a statutory holiday under the 2024 rules
    [InlineData("2025-05-02", false)] // second day of 劳动节 under the 2024 rules
    [InlineData("2025-01-26", true)]  // Sunday, 调休上班
    [InlineData("2026-01-04", true)]  // Sunday, 调休上班
    [InlineData("2026-03-07", false)] // an ordinary Saturday
    public void Knows_days_off_and_make_up_days(string date, bool working)
    {
        Calendar.IsWorkingDay(D(date)).Should().Be(working);
    }

    [Fact]
    public void Kind_and_name_of_a_day()
    {
        Calendar.KindOf(D("2019-05-05")).Should().Be(DayKind.MakeUpWorkday);
        Calendar.NameOf(D("2019-05-05")).Should().Be("劳动节调休上班");
        Calendar.KindOf(D("2019-05-04")).Should().Be(DayKind.DayOff); // a Saturday inside the range
        Calendar.NameOf(D("2019-05-04")).Should().Be("劳动节");
        Calendar.KindOf(D("2019-05-11")).Should().Be(DayKind.Weekend);
        Calendar.KindOf(D("2019-05-10")).Should().Be(DayKind.Workday);
        Calendar.NameOf(D("2019-05-10")).Should().BeNull();
    }

    [Theory]
    // Counting starts the day after the start date (A3).
    [InlineData("2019-04-30", 1, "2019-05-05")] // 05-01..05-04 off, 05-05 Sunday worked
    [InlineData("2019-04-30", 2, "2019-05-06")]
    [InlineData("2019-12-31", 1, "2020-01-02")] // across the year end, 元旦 off
    [InlineData("2019-12-31", 3, "2020-01-06")]
    [InlineData("2020-01-23", 1, "2020-02-03")] // 01-24..02-02 off, 02-01 no longer a make-up day
    [InlineData("2020-01-17", 1, "2020-01-19")] // Saturday 01-18 off, Sunday 01-19 worked
    [InlineData("2025-01-27", 1, "2025-02-05")] // 除夕 01-28 to 02-04 off
    [InlineData("2025-01-24", 1, "2025-01-26")] // Sunday make-up day
    [InlineData("2025-04-30", 1, "2025-05-06")] // 05-01..05-05 off
    [InlineData("2019-05-12", 1, "2019-05-13")] // start on a Sunday: day 1 is the Monday
    [InlineData("2019-05-13", 0, "2019-05-13")]
    public void Adds_working_days(string start, int n, string expected)
    {
        Calendar.AddWorkingDays(D(start), n).Should().Be(D(expected));
    }

    [Fact]
    public void Twenty_working_days_from_a_receipt_before_christmas_end_on_a_make_up_sunday()
    {
        // Received Fri 2019-12-20. Days: 12-23..27 (1-5), 12-30, 12-31 (6-7), 2020-01-01 off, 01-02, 01-03 (8-9),
        // 01-06..10 (10-14), 01-13..17 (15-19), Sat 01-18 off, Sun 01-19 调休上班 (20).
        Calendar.AddWorkingDays(D("2019-12-20"), 20).Should().Be(D("2020-01-19"));
    }

    [Fact]
    public void Working_days_between_is_exclusive_of_the_start_and_inclusive_of_the_end()
    {
        Calendar.WorkingDaysBetween(D("2019-04-30"), D("2019-05-06")).Should().Be(2);
        Calendar.WorkingDaysBetween(D("2019-05-06"), D("2019-05-06")).Should().Be(0);
        Calendar.WorkingDaysBetween(D("2019-05-06"), D("2019-04-30")).Should().Be(-2);
        Calendar.WorkingDaysBetween(D("2019-12-20"), D("2020-01-19")).Should().Be(20);
    }

    [Fact]
    public void Add_and_between_agree_over_every_start_of_2019_to_2026()
    {
        for (var start = D("2019-01-01"); start <= D("2026-10-31"); start = start.AddDays(1))
        {
            var due = Calendar.AddWorkingDays(start, 20);
            Calendar.IsWorkingDay(due).Should().BeTrue();
            Calendar.WorkingDaysBetween(start, due).Should().Be(20);
        }
    }

    [Fact]
    public void A_year_with_no_file_is_provisional_not_an_error()
    {
        Calendar.IsProvisional(2027).Should().BeTrue();
        Calendar.Covers(2027).Should().BeFalse();
        Calendar.IsWorkingDay(D("2027-01-04")).Should().BeTrue();
        Calendar.IsWorkingDay(D("2027-01-01")).Should().BeFalse("元旦 is a statutory holiday");
    }

    [Fact]
    public void Only_a_year_the_lunar_calendar_cannot_compute_and_no_file_covers_is_an_error()
    {
        var act = () => Calendar.IsWorkingDay(D("2101-03-01"));

        var ex = act.Should().Throw<CalendarYearNotLoadedException>().Which;
        ex.Year.Should().Be(2101);
        ex.ChineseMessage.Should().Be("工作日历未包含2101年，请先导入该年度的放假安排");
        ex.LoadedYears.Should().Equal(2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026);
    }

    [Fact]
    public void Counting_into_a_year_with_no_file_uses_the_provisional_year()
    {
        Calendar.AddWorkingDays(D("2026-12-20"), 20).Should().Be(D("2027-01-18"));
        Calendar.ProvisionalYearsBetween(D("2026-12-20"), D("2027-01-18")).Should().Equal(2027);
    }

    [Fact]
    public void Boundary_entries_of_the_2019_file_hold_even_while_2018_is_provisional()
    {
        var only2019 = WorkdayCalendar.FromFiles(CalendarFile.LoadShipped().Where(f => f.Year == 2019));

        only2019.IsProvisional(2018).Should().BeTrue();
        only2019.KindOf(D("2018-12-29")).Should().Be(DayKind.MakeUpWorkday, "the 2019 notice names it");
        only2019.AddWorkingDays(D("2019-01-01"), 1).Should().Be(D("2019-01-02"));
    }

    [Fact]
    public void With_2018_loaded_the_2019_files_boundary_entries_take_effect()
    {
        Calendar.KindOf(D("2018-12-29")).Should().Be(DayKind.MakeUpWorkday); // Saturday worked before 元旦
        Calendar.IsWorkingDay(D("2018-12-31")).Should().BeFalse();           // Monday off
    }

    [Fact]
    public void Negative_counts_are_refused()
    {
        var act = () => Calendar.AddWorkingDays(D("2020-03-02"), -1);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
