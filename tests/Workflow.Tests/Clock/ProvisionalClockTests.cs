using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;

namespace Workflow.Tests.Clock;

public sealed class ProvisionalClockTests
{
    private static readonly WorkdayCalendar Calendar = WorkdayCalendar.Official;

    private static List<IApplicationEvent> Received(DateOnly on) =>
    [
        new ApplicationReceived(Guid.NewGuid(), "qxg", "qxg公开〔2026〕1号", 1, null, on, Channel.Letter, ApplicantType.NaturalPerson,
            new Applicant("张三", null, null, null, null), [new RequestedItem(1, "某文件")], RequestedForm.Paper, "clerk"),
    ];

    [Fact]
    public void A_deadline_that_counts_a_day_of_a_year_with_no_notice_is_marked_provisional_with_the_reason()
    {
        var reading = StatutoryClock.Compute(Received(new DateOnly(2026, 12, 7)), Calendar, new DateOnly(2026, 12, 7));

        reading.DueOn.Should().Be(new DateOnly(2027, 1, 5));
        reading.Provisional.Should().BeTrue();
        reading.ProvisionalYears.Should().Equal(2027);
        reading.ProvisionalReason.Should().Contain("2027年国务院节假日安排尚未导入");
        reading.CalendarVersion.Should().Be(Calendar.Version + "+2027.预计");
        reading.StatusText.Should().Contain("2027-01-05（预计）");
    }

    [Fact]
    public void A_deadline_inside_years_with_notices_is_not_provisional()
    {
        var reading = StatutoryClock.Compute(Received(new DateOnly(2026, 11, 2)), Calendar, new DateOnly(2026, 11, 2));

        reading.DueOn!.Value.Year.Should().Be(2026);
        reading.Provisional.Should().BeFalse();
        reading.ProvisionalReason.Should().BeNull();
        reading.CalendarVersion.Should().Be(Calendar.Version);
        reading.StatusText.Should().NotContain("预计");
    }

    [Fact]
    public void The_day_of_receipt_is_not_counted_so_its_year_cannot_make_the_due_date_provisional()
    {
        // Received 2015-12-31 (no 2015 notice in the calendar): every counted day is in 2016, which has its notice.
        var reading = StatutoryClock.Compute(Received(new DateOnly(2015, 12, 31)), Calendar, new DateOnly(2016, 1, 4));

        reading.DueOn.Should().Be(new DateOnly(2016, 1, 22));
        reading.Provisional.Should().BeFalse();
        ClockReport.Describe(new DateOnly(2015, 12, 31), 15, Calendar).Provisional.Should().BeFalse();
    }

    [Fact]
    public void Reading_an_overdue_case_in_a_year_without_a_notice_does_not_make_its_past_due_date_provisional()
    {
        // Due 2026-11-30 (inside 2026, which has its notice); read on 2027-01-04, before the 2027 notice exists.
        var reading = StatutoryClock.Compute(Received(new DateOnly(2026, 11, 2)), Calendar, new DateOnly(2027, 1, 4));

        reading.IsOverdue.Should().BeTrue();
        reading.DueOn!.Value.Year.Should().Be(2026);
        reading.Provisional.Should().BeFalse();
        reading.StatusText.Should().NotContain("预计");
    }

    [Fact]
    public void The_supplement_notice_limit_alone_can_make_a_reading_provisional()
    {
        // Received 2026-12-28: the 7-day 补正 notice limit already runs into 2027.
        var reading = StatutoryClock.Compute(Received(new DateOnly(2026, 12, 28)), Calendar, new DateOnly(2026, 12, 28));

        reading.SupplementNoticeDueOn.Year.Should().Be(2027);
        reading.Provisional.Should().BeTrue();
    }

    [Fact]
    public void The_clock_report_marks_the_due_date_and_the_statutory_days_as_provisional()
    {
        var report = ClockReport.Describe(new DateOnly(2026, 12, 7), Calendar);
        var text = report.ToText();

        report.DueOn.Should().Be(new DateOnly(2027, 1, 5));
        report.Provisional.Should().BeTrue();
        text.Should().Contain("届满日期：2027-01-05（星期二）（预计）");
        text.Should().Contain("预计：2027年国务院节假日安排尚未导入");
        text.Should().Contain("2027-01-01  星期五  不计（法定节假日，预计：元旦）");
        text.Should().Contain("工作日历版本：").And.Contain("+2027.预计");
    }
}
