using Workflow.Calendar;

namespace Workflow.Applications;

/// <summary>Supplies decisions with today's date in China (from the injected <see cref="TimeProvider"/>) and the calendar.</summary>
public sealed class DecisionContextSource(TimeProvider time, CalendarInForce calendars)
{
    public static readonly TimeZoneInfo ChinaStandardTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The calendar in force now (it changes when a notice is imported: ADR 0018).</summary>
    public WorkdayCalendar Calendar => calendars.Current;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), ChinaStandardTime).DateTime);

    public DecisionContext Current() => new(Today, calendars.Current);

    /// <summary>The calendar in force for an application of <paramref name="agencyCode"/> (its and its ancestors' local days off included).</summary>
    public WorkdayCalendar CalendarFor(string? agencyCode) => calendars.For(agencyCode);

    /// <summary>Today and the calendar of the application's agency (its and its ancestors' local days off included).</summary>
    public DecisionContext For(DisclosureApplication? application) =>
        application is null ? Current() : new(Today, calendars.For(application.AgencyCode));
}
