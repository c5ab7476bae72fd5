// Temporary until the clock branch merges (it brings the real WorkdayCalendar); deleted at that merge.
namespace Workflow.Calendar {

public sealed class WorkdayCalendar
{
    public static WorkdayCalendar Official { get; } = new();
    public bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    public DateOnly AddWorkingDays(DateOnly start, int n)
    {
        var d = start;
        while (n > 0) { d = d.AddDays(1); if (IsWorkingDay(d)) n--; }
        return d;
    }
}
}

namespace Workflow.Clock
{
    public static class FeeSchedule
    {
        public static decimal ProposePerApplication(int applicationsThisMonthIncludingThis) => 0m;
        public static decimal ProposePerPage(int pages) => 0m;
    }
}
