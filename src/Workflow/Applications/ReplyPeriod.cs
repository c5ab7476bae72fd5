using Workflow.Calendar;
using Workflow.Clock;

namespace Workflow.Applications;

/// <summary>
/// Which reply period (答复期限) a step belongs to. A supplement received (补正, Art. 30) restarts the period in full
/// (A5), so the period in force starts on the latest supplement's receipt date, or on the receipt date when there was
/// none. An extension (延期, Art. 33) or an Art. 35 date belongs to the period running on its date: one dated before the
/// restart was part of the earlier period and no longer stands. This one rule is read by the statutory clock, the write
/// model (<see cref="DisclosureApplication.Extended"/>: a new extension may then be approved in the restarted period)
/// and the annual statistics (延期办结 counts only an extension that stands), so the three always agree.
/// </summary>
public static class ReplyPeriod
{
    /// <summary>The start of the period in force: the latest supplement's receipt date, else the receipt date.</summary>
    public static DateOnly StartOf(DateOnly receivedOn, DateOnly? latestSupplementReceivedOn) =>
        latestSupplementReceivedOn is { } restart && restart > receivedOn ? restart : receivedOn;

    /// <summary>Whether a step dated <paramref name="stepOn"/> belongs to the period that started on <paramref name="periodStartedOn"/>.</summary>
    public static bool BelongsToPeriod(DateOnly stepOn, DateOnly periodStartedOn) => stepOn >= periodStartedOn;

    /// <summary>Whether an extension dated <paramref name="extendedOn"/> stands in the period in force.</summary>
    public static bool ExtensionStands(DateOnly? extendedOn, DateOnly periodStartedOn) =>
        extendedOn is { } on && BelongsToPeriod(on, periodStartedOn);

    /// <summary>
    /// The due date the statutory clock computes on <paramref name="on"/> from the application's events, or null when
    /// there is none to compare with (a 补正 awaited, a date before the receipt, a year outside the calendar). The Art. 35
    /// decision compares with it; its handler and the tests both read it here.
    /// </summary>
    public static DateOnly? ComputedDueOn(IReadOnlyList<IApplicationEvent> history, WorkdayCalendar calendar, DateOnly on)
    {
        try
        {
            return StatutoryClock.Compute(history, calendar, on).ComputedDueOn;
        }
        catch (Exception e) when (e is ArgumentException or CalendarYearNotLoadedException)
        {
            return null;
        }
    }
}
