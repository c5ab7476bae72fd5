using System.Globalization;
using Workflow.Calendar;
using Workflow.Clock;

namespace Workflow.Tests.Clock;

/// <summary>A5: a 补正 notice sent after the reply was already overdue keeps the overdue mark.</summary>
public sealed class OverdueBeforeSupplementTests
{
    private static readonly WorkdayCalendar Calendar = WorkdayCalendar.Official;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void A_supplement_notice_18_working_days_after_the_due_date_keeps_the_case_marked_overdue()
    {
        var received = new DateOnly(2026, 10, 9);
        var due = Calendar.AddWorkingDays(received, 20);
        var noticeOn = Calendar.AddWorkingDays(due, 18);
        var story = Story.ReceivedOn(Iso(received)).SupplementRequested(Iso(noticeOn), Iso(noticeOn.AddDays(15)));

        var awaiting = StatutoryClock.Compute(story.Events, Calendar, noticeOn);
        awaiting.Status.Should().Be(ClockStatus.AwaitingSupplement);
        awaiting.OverdueAtSupplementNotices.Should().Equal(new OverdueAtSupplementNotice(noticeOn, due, 18));
        awaiting.StatusText.Should().Contain("补正告知时已超期18个工作日");

        var supplementOn = Calendar.AddWorkingDays(noticeOn, 3);
        var restarted = StatutoryClock.Compute(story.SupplementReceived(Iso(supplementOn)).Events, Calendar, supplementOn);
        restarted.IsOverdue.Should().BeFalse("the supplement restarts the clock in full");
        restarted.WorkingDaysLeft.Should().Be(20);
        restarted.WasOverdueAtSupplementNotice.Should().BeTrue("the restart does not erase the overdue days");
        restarted.OverdueAtSupplementNoticeText.Should().Contain($"原届满日期{Iso(due)}");
    }

    [Fact]
    public void A_timely_supplement_notice_carries_no_overdue_mark()
    {
        var story = Story.ReceivedOn("2026-10-09").SupplementRequested("2026-10-12", "2026-10-30");

        var reading = StatutoryClock.Compute(story.Events, Calendar, new DateOnly(2026, 10, 12));

        reading.WasOverdueAtSupplementNotice.Should().BeFalse();
        reading.StatusText.Should().NotContain("超期");
    }
}
