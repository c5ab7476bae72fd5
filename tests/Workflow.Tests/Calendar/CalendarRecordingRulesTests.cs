using Workflow.Calendar;

namespace Workflow.Tests.Calendar;

/// <summary>The rules of a calendar file and a notice a recording relies on (docs/adr/0038).</summary>
public sealed class CalendarRecordingRulesTests
{
    [Theory]
    [InlineData("""{ "year": 2027, "version": "2027.1", "daysOff": null }""")]
    [InlineData("""{ "year": 2027, "version": "2027.1", "makeUpWorkdays": [] }""")]
    public void a_file_without_days_off_is_refused_naming_the_field_in_chinese(string json)
    {
        var refused = FluentActions.Invoking(() => CalendarFile.Parse(json, "test")).Should().Throw<CalendarDataException>().Which;
        refused.ChineseMessage.Should().Contain("daysOff").And.Contain("缺少");
        refused.Message.Should().Contain("daysOff");
    }

    [Fact]
    public void an_empty_list_of_days_off_is_a_file_with_none()
    {
        CalendarFile.Parse("""{ "year": 2027, "version": "x", "kind": "local", "agency": "a", "daysOff": [] }""", "test").DaysOff.Should().BeEmpty();
    }

    [Fact]
    public void a_national_file_must_give_the_statutory_holidays_off_a_weekend_one_need_not_be_listed()
    {
        var all = StatutoryHolidays.Of(2027);
        CalendarFile File(IEnumerable<StatutoryHoliday> off, params DateOnly[] worked) =>
            new(2027, "t", new CalendarSource("", []), [], [.. off.Select(h => new CalendarDay(h.Date, h.Name))],
                [.. worked.Select(d => new CalendarDay(d, "调休上班"))], "test");

        StatutoryHolidays.MissingFrom(File(all)).Should().BeEmpty();
        StatutoryHolidays.MissingFrom(File([])).Select(h => h.Date).Should().Equal(
            all.Where(h => h.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Select(h => h.Date));
        var weekend = all.First(h => h.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        StatutoryHolidays.MissingFrom(File(all.Where(h => h != weekend))).Should().BeEmpty("a weekend day is off without being listed");
        StatutoryHolidays.MissingFrom(File(all.Where(h => h != weekend), weekend.Date)).Should().Equal(weekend);
        StatutoryHolidays.MissingFrom(File([]) with { Year = 2005 }).Should().BeEmpty("the rules before 2008 are not known");
    }

    [Theory]
    [InlineData(9999)]
    [InlineData(1900)]
    public void a_notice_of_a_year_outside_the_calendar_is_unreadable_not_an_exception_of_the_holidays(int year)
    {
        var text = $"经国务院批准，现将{year}年元旦放假调休日期的具体安排通知如下。\n一、元旦：1月1日放假，共1天。\n国务院办公厅";
        FluentActions.Invoking(() => HolidayNoticeParser.Parse(text)).Should().Throw<HolidayNoticeFormatException>()
            .Which.ChineseMessage.Should().Contain("1902-2100");
    }
}
