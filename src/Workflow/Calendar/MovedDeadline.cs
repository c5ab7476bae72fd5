using Workflow.Clock;

namespace Workflow.Calendar;

/// <summary>
/// A deadline of an open application that moved because the calendar changed (domain A2): listed for the staff of the
/// application's agency until one of them acknowledges it. One document per deadline and change (ADR 0018).
/// </summary>
public sealed class MovedDeadline
{
    public Guid Id { get; set; }

    /// <summary>The <see cref="CalendarChange"/> that moved it.</summary>
    public Guid ChangeId { get; set; }

    public Guid ApplicationId { get; set; }
    public string AgencyCode { get; set; } = "";
    public string RegistrationNumber { get; set; } = "";

    /// <summary>Which deadline: 答复期限, 补正告知期限 or 缴费期限.</summary>
    public string Deadline { get; set; } = "";

    public DateOnly? OldDate { get; set; }
    public DateOnly? NewDate { get; set; }

    /// <summary>Whether the new date is still 预计 (it counts a year with no notice).</summary>
    public bool NewDateProvisional { get; set; }

    public string OldCalendarVersion { get; set; } = "";
    public string NewCalendarVersion { get; set; } = "";
    public DateTimeOffset ListedAt { get; set; }

    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }

    public bool IsAcknowledged => AcknowledgedAt is not null;
}

/// <summary>Which deadlines of a clock moved between two calendars.</summary>
public static class DeadlineMoves
{
    public const string Reply = "答复期限";
    public const string SupplementNotice = "补正告知期限";
    public const string FeePayment = "缴费期限";

    /// <summary>
    /// The deadlines that differ between <paramref name="before"/> and <paramref name="after"/> (the same application,
    /// the same date, two calendars): the reply due date; the last day to send a 补正 notice while none was sent in the
    /// current period; the payment deadline of an outstanding fee notice.
    /// </summary>
    public static IEnumerable<(string Deadline, DateOnly? OldDate, DateOnly? NewDate)> Compare(ClockReading before, ClockReading after)
    {
        if (!after.IsOpen) yield break;
        if (before.DueOn != after.DueOn) yield return (Reply, before.DueOn, after.DueOn);
        bool noticeStillPossible = !after.Supplements.Any(s => s.PeriodStartedOn == after.StartedOn) && after.DueOn is not null;
        if (noticeStillPossible && before.SupplementNoticeDueOn != after.SupplementNoticeDueOn)
            yield return (SupplementNotice, before.SupplementNoticeDueOn, after.SupplementNoticeDueOn);
        bool feeOutstanding = after.Fees.Any(f => f.PaidOn is null && f.LapsedOn is null);
        if (feeOutstanding && before.FeePaymentDueOn != after.FeePaymentDueOn)
            yield return (FeePayment, before.FeePaymentDueOn, after.FeePaymentDueOn);
    }
}
