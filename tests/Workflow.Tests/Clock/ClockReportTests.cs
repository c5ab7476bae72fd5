using Workflow.Calendar;
using Workflow.Clock;
using static Workflow.Tests.Clock.Story;

namespace Workflow.Tests.Clock;

public class ClockReportTests
{
    [Fact]
    public void Lists_counted_and_skipped_days_with_make_up_days_marked()
    {
        // Received Tue 2019-04-30: 05-01..05-04 off (劳动节), Sun 05-05 worked (调休), so day 1 is 05-05.
        var model = ClockReport.Describe(D("2019-04-30"), 3, WorkdayCalendar.Official);

        model.DueOn.Should().Be(D("2019-05-07"));
        model.CountedDays.Select(d => d.Date).Should().Equal(D("2019-05-05"), D("2019-05-06"), D("2019-05-07"));
        model.SkippedDays.Select(d => d.Date).Should().Equal(D("2019-05-01"), D("2019-05-02"), D("2019-05-03"), D("2019-05-04"));
        model.Days[4].Should().Be(new ClockReportDay(D("2019-05-05"), DayKind.MakeUpWorkday, 1, "劳动节调休上班"));

        var text = model.ToText();
        text.Should().Contain("届满日期：2019-05-07（星期二）");
        text.Should().Contain("2019-05-01  星期三  不计（放假：劳动节）");
        text.Should().Contain("2019-05-05  星期日  第1个工作日（劳动节调休上班）");
        text.Should().Contain("适用原条例");
        text.Should().Contain("合计：计入3个工作日（其中调休上班1天）；跳过非工作日4天（其中放假4天，周末0天）。");
    }

    [Fact]
    public void Default_count_follows_the_regime_of_the_receipt_date()
    {
        ClockReport.Describe(D("2019-05-14"), WorkdayCalendar.Official).WorkingDays.Should().Be(15);

        var model = ClockReport.Describe(D("2019-12-20"), WorkdayCalendar.Official);
        model.WorkingDays.Should().Be(20);
        model.DueOn.Should().Be(D("2020-01-19"));
        model.CountedDays.Should().HaveCount(20);
        model.ToText().Should().Contain("2020-01-01  星期三  不计（放假：元旦）").And.Contain("2020-01-18  星期六  不计（周末）");
    }

    [Fact]
    public void Zero_days_is_the_receipt_date_and_beyond_2100_is_an_error()
    {
        ClockReport.Describe(D("2021-03-01"), 0, WorkdayCalendar.Official).DueOn.Should().Be(D("2021-03-01"));
        ClockReport.Describe(D("2026-12-20"), 20, WorkdayCalendar.Official).Provisional.Should().BeTrue("2027 has no notice yet");

        var act = () => ClockReport.Describe(D("2100-12-20"), 20, WorkdayCalendar.Official);
        act.Should().Throw<CalendarYearNotLoadedException>();
        var lastDay = () => ClockReport.Describe(DateOnly.MaxValue, 20, WorkdayCalendar.Official);
        lastDay.Should().Throw<CalendarYearNotLoadedException>("the calendar's error, not the count's overflow").Which.Year.Should().Be(9999);
    }
}
