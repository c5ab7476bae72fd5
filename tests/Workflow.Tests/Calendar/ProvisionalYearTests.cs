using Workflow.Calendar;

namespace Workflow.Tests.Calendar;

public sealed class ProvisionalYearTests
{
    [Theory]
    [InlineData(2016, 4)] [InlineData(2017, 4)] [InlineData(2018, 5)] [InlineData(2019, 5)] [InlineData(2020, 4)]
    [InlineData(2021, 4)] [InlineData(2022, 5)] [InlineData(2023, 5)] [InlineData(2024, 4)] [InlineData(2025, 4)]
    [InlineData(2026, 5)] [InlineData(2027, 5)] [InlineData(2028, 4)] [InlineData(2029, 4)] [InlineData(2030, 5)]
    public void Qingming_is_the_day_the_sun_reaches_15_degrees_in_china_standard_time(int year, int aprilDay) =>
        SolarTerms.QingmingOf(year).Should().Be(new DateOnly(year, 4, aprilDay));

    [Theory]
    [InlineData(2020, "2020-01-25", "2020-06-25", "2020-10-01")] // 中秋 on 国庆 (leap 四月 in 2020)
    [InlineData(2023, "2023-01-22", "2023-06-22", "2023-09-29")] // leap 二月
    [InlineData(2025, "2025-01-29", "2025-05-31", "2025-10-06")] // leap 六月: 中秋 after it
    [InlineData(2027, "2027-02-06", "2027-06-09", "2027-09-15")]
    public void Lunar_holidays_mind_leap_months(int year, string springFestival, string dragonBoat, string midAutumn)
    {
        StatutoryHolidays.LunarDate(year, 1, 1).Should().Be(DateOnly.Parse(springFestival, System.Globalization.CultureInfo.InvariantCulture));
        StatutoryHolidays.LunarDate(year, 5, 5).Should().Be(DateOnly.Parse(dragonBoat, System.Globalization.CultureInfo.InvariantCulture));
        StatutoryHolidays.LunarDate(year, 8, 15).Should().Be(DateOnly.Parse(midAutumn, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_2024_revision_adds_new_years_eve_and_the_second_of_may_from_2025()
    {
        StatutoryHolidays.Of(2024).Should().HaveCount(11);
        StatutoryHolidays.Of(2024).Should().NotContain(h => h.Date == new DateOnly(2024, 2, 9), "除夕 2024 was not a statutory holiday yet");
        StatutoryHolidays.Of(2025).Should().HaveCount(13);
        StatutoryHolidays.Of(2025).Should().Contain(new StatutoryHoliday(new DateOnly(2025, 1, 28), "春节"));
        StatutoryHolidays.Of(2025).Should().Contain(new StatutoryHoliday(new DateOnly(2025, 5, 2), "劳动节"));
    }

    public static TheoryData<int> OfficialYears() => [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];

    [Theory]
    [MemberData(nameof(OfficialYears))]
    public void Every_statutory_holiday_under_the_rule_in_force_is_a_day_off_of_that_years_official_file(int year)
    {
        var official = WorkdayCalendar.Official;
        official.IsProvisional(year).Should().BeFalse();

        foreach (var holiday in StatutoryHolidays.Of(year))
            official.KindOf(holiday.Date).Should().Be(DayKind.DayOff, $"{holiday.Date:yyyy-MM-dd} is {holiday.Name} of {year}");
    }

    [Fact]
    public void Year_2027_is_provisional_statutory_holidays_and_weekends_with_no_make_up_days()
    {
        var calendar = WorkdayCalendar.Official;
        var file = calendar.ArrangementOf(2027);

        calendar.IsProvisional(2027).Should().BeTrue();
        file.IsProvisional.Should().BeTrue();
        file.Version.Should().Be("2027.预计");
        file.MakeUpWorkdays.Should().BeEmpty();
        file.DaysOff.Select(d => $"{d.Date:MM-dd} {d.Name}").Should().Equal(
            "01-01 元旦", "02-05 春节", "02-06 春节", "02-07 春节", "02-08 春节", "04-05 清明节", "05-01 劳动节", "05-02 劳动节",
            "06-09 端午节", "09-15 中秋节", "10-01 国庆节", "10-02 国庆节", "10-03 国庆节");
        calendar.IsWorkingDay(new DateOnly(2027, 2, 5)).Should().BeFalse("除夕 (Friday)");
        calendar.IsWorkingDay(new DateOnly(2027, 2, 9)).Should().BeTrue("no 调休 is invented");
        calendar.NameOf(new DateOnly(2027, 4, 5)).Should().Be("清明节");
    }

    [Fact]
    public void Mid_autumn_inside_the_national_day_holiday_is_one_day_off_named_after_both()
    {
        StatutoryHolidays.LunarDate(2028, 8, 15).Should().Be(new DateOnly(2028, 10, 3));
        var file = ProvisionalYear.For(2028);

        file.DaysOff.Select(d => d.Date).Should().OnlyHaveUniqueItems();
        file.DaysOff.Single(d => d.Date == new DateOnly(2028, 10, 3)).Name.Should().Be("中秋节、国庆节");
    }

    [Fact]
    public void Every_year_to_2100_computes_without_a_clash()
    {
        for (int year = 1902; year <= 2100; year++)
            ProvisionalYear.For(year).DaysOff.Select(d => d.Date).Should().OnlyHaveUniqueItems($"year {year}");
    }

    [Fact]
    public void A_deadline_into_a_year_with_no_file_never_errors()
    {
        var calendar = WorkdayCalendar.Official;

        calendar.AddWorkingDays(new DateOnly(2026, 12, 7), 20).Should().Be(new DateOnly(2027, 1, 5));
        calendar.ProvisionalYearsBetween(new DateOnly(2026, 12, 7), new DateOnly(2027, 1, 5)).Should().Equal(2027);
        calendar.AddWorkingDays(new DateOnly(2035, 6, 1), 250).Year.Should().Be(2036);
    }

    [Fact]
    public void A_later_notice_version_replaces_the_earlier_one_whole_and_can_remove_a_day_off()
    {
        var wrong = CalendarFile.Parse("""{ "year": 2027, "version": "2027.1", "daysOff": [ { "date": "2027-03-01", "name": "误录" } ] }""", "a");
        var corrected = CalendarFile.Parse("""{ "year": 2027, "version": "2027.2", "kind": "notice", "daysOff": [ { "date": "2027-01-01", "name": "元旦" } ] }""", "b");

        var first = WorkdayCalendar.Official.With([wrong]);
        var second = first.With([corrected]);

        first.IsWorkingDay(new DateOnly(2027, 3, 1)).Should().BeFalse();
        second.IsWorkingDay(new DateOnly(2027, 3, 1)).Should().BeTrue("the later version no longer has that day off");
        second.IsProvisional(2027).Should().BeFalse();
        second.Version.Should().EndWith("+2026.1+2027.2");
    }
}
