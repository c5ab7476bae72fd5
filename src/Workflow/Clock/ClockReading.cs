using System.Collections.Immutable;
using System.Globalization;
using Workflow.Applications;

namespace Workflow.Clock;

/// <summary>Which regulation's time limits apply (domain A4), by the receipt date after corrections.</summary>
public enum ClockRegime
{
    /// <summary>旧条例 (国务院令第492号): received before 2019-05-15; 15 working days, one extension of up to 15.</summary>
    Regulation2008,
    /// <summary>新条例 (国务院令第711号): received on or after 2019-05-15; 20 working days, one extension of up to 20.</summary>
    Regulation2019,
}

/// <summary>The state of the statutory clock on the reading's date.</summary>
public enum ClockStatus
{
    Running,            // 计时中
    Paused,             // 暂停计时 (consultation or fee notice outstanding)
    AwaitingSupplement, // 等待补正 (the clock is stopped and will restart in full)
    Closed,             // 已办结 (answered, lapsed or withdrawn: the clock is frozen)
}

/// <summary>Why the clock stops.</summary>
public enum PauseReason
{
    Consultation, // 征求意见 (Art. 32, 34)
    Fee,          // 收费通知至缴费 (FEE2020)
}

/// <summary>Where the due date comes from.</summary>
public enum DueDateBasis
{
    Computed,  // 依法计算
    Article35, // 依第三十五条确定的合理期限 (A8)
}

/// <summary>
/// A stretch of days on which the clock stood still, after merging overlapping consultations and fee notices.
/// Both ends are included: no working day from <see cref="From"/> to <see cref="To"/> is counted.
/// </summary>
/// <param name="From">The first day not counted (the day the letter was sent or the fee notice issued, or the day after the start date if the pause began earlier).</param>
/// <param name="To">The last day not counted (the reply, the end of the 15 days, the payment); for an open pause, the reading's date.</param>
/// <param name="IsOpen">Still under way on the reading's date; <see cref="To"/> is then provisional.</param>
/// <param name="Reasons">The reasons that make up the stretch.</param>
/// <param name="WorkingDays">The working days inside the stretch, i.e. the days the due date moves later.</param>
public sealed record PauseInterval(DateOnly From, DateOnly To, bool IsOpen, ImmutableArray<PauseReason> Reasons, int WorkingDays);

/// <summary>One 补正 notice (A5) and what became of it.</summary>
/// <param name="RequestedOn">The day the notice went out.</param>
/// <param name="PeriodStartedOn">The receipt (or previous supplement) date the 7 working days run from.</param>
/// <param name="NoticeDueOn">The last day the notice could go out: 7 working days after <paramref name="PeriodStartedOn"/>.</param>
/// <param name="NoticeInTime">Whether <paramref name="RequestedOn"/> ≤ <paramref name="NoticeDueOn"/> (a late notice is allowed but is a compliance finding).</param>
/// <param name="Deadline">The deadline given to the applicant.</param>
/// <param name="ReceivedOn">The day the supplement arrived (the clock restarted), if it did.</param>
/// <param name="LapsedOn">The day the application was closed as 逾期不补正, if it was.</param>
public sealed record SupplementTrack(
    DateOnly RequestedOn, DateOnly PeriodStartedOn, DateOnly NoticeDueOn, bool NoticeInTime, DateOnly Deadline,
    DateOnly? ReceivedOn, DateOnly? LapsedOn)
{
    /// <summary>Neither received nor lapsed.</summary>
    public bool IsOutstanding => ReceivedOn is null && LapsedOn is null;
}

/// <summary>A5: a 补正 notice that went out when the reply was already overdue, and by how much.</summary>
/// <param name="NoticeOn">The day the 补正 notice went out.</param>
/// <param name="DueOn">The due date that had passed.</param>
/// <param name="WorkingDaysOverdue">Working days overdue on <paramref name="NoticeOn"/>.</param>
public sealed record OverdueAtSupplementNotice(DateOnly NoticeOn, DateOnly DueOn, int WorkingDaysOverdue);

/// <summary>One consultation (A6).</summary>
/// <param name="ReplyDueOn">The end of the consulted party's 15 working days, counted from the day after sending.</param>
/// <param name="RepliedOn">The day the reply arrived, if it did (a reply after <paramref name="ReplyDueOn"/> no longer stops the clock).</param>
/// <param name="PauseEndsOn">The last day this consultation stops the clock: the reply, or <paramref name="ReplyDueOn"/>; null while neither has happened.</param>
/// <param name="Lapsed">The 15 working days ended without a reply.</param>
public sealed record ConsultationTrack(
    int Number, ConsultationParty Party, string Consultee, DateOnly SentOn, DateOnly ReplyDueOn,
    DateOnly? RepliedOn, DateOnly? PauseEndsOn, bool Lapsed);

/// <summary>One fee notice (A7).</summary>
/// <param name="PaymentDueOn">The end of the 20 working days from the day after the notice (the notice date stands for the applicant's receipt).</param>
/// <param name="IsPaymentOverdue">Unpaid, not closed as lapsed, and the reading's date is after <paramref name="PaymentDueOn"/>.</param>
public sealed record FeeTrack(
    DateOnly NoticedOn, decimal Amount, DateOnly PaymentDueOn, DateOnly? PaidOn, DateOnly? LapsedOn, bool IsPaymentOverdue);

/// <summary>Something in the history the clock had to decide about (ignored or capped), for the history page.</summary>
public sealed record ClockNote(string Code, string Message, string ChineseMessage);

/// <summary>
/// The statutory clock of one application on one date, derived from its events by <see cref="StatutoryClock"/>.
/// Never stored: recomputed from the events and the calendar whose <see cref="CalendarVersion"/> it records.
/// </summary>
public sealed record ClockReading
{
    public required Guid ApplicationId { get; init; }

    /// <summary>The date the reading is for (events dated later were ignored).</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary><see cref="Calendar.WorkdayCalendar.Version"/> of the calendar used.</summary>
    public required string CalendarVersion { get; init; }

    public required ClockRegime Regime { get; init; }

    /// <summary>
    /// 预计: the reading counts a day of a year that has no State Council notice yet, so its dates (the due date, the
    /// 补正 notice limit, a fee deadline) are computed from the statutory holidays and weekends without 调休 and may move
    /// when the notice is imported (domain A2). Not to be confused with <see cref="IsDueDateProvisional"/> (an open pause).
    /// </summary>
    public bool Provisional => !ProvisionalYears.IsDefaultOrEmpty;

    /// <summary>The provisional years the reading counted (empty if none).</summary>
    public ImmutableArray<int> ProvisionalYears { get; init; } = [];

    /// <summary>Why the reading is 预计, for staff (Chinese); null when not provisional.</summary>
    public string? ProvisionalReason => Provisional ? Calendar.ProvisionalYear.ReasonFor(ProvisionalYears) : null;

    /// <summary>"（预计）" after a date of a provisional reading, "" otherwise: the one label every page uses.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ProvisionalMark => Provisional ? "（预计）" : "";

    /// <summary>The receipt date after any corrections (收到申请之日).</summary>
    public required DateOnly ReceivedOn { get; init; }

    /// <summary>The day counting runs from: the receipt, or the latest supplement received (补正后重新起算).</summary>
    public required DateOnly StartedOn { get; init; }

    /// <summary>Whether <see cref="StartedOn"/> is a supplement's receipt rather than the application's.</summary>
    public required bool RestartedBySupplement { get; init; }

    /// <summary>15 or 20 by <see cref="Regime"/>.</summary>
    public required int BaseWorkingDays { get; init; }

    /// <summary>The approved extension in the current period (0 if none).</summary>
    public required int ExtensionWorkingDays { get; init; }

    /// <summary><see cref="BaseWorkingDays"/> + <see cref="ExtensionWorkingDays"/>.</summary>
    public int LimitWorkingDays => BaseWorkingDays + ExtensionWorkingDays;

    /// <summary>
    /// The due date (答复期限届满日): the Art. 35 date if one was set, else the computed date. Null while a 补正 is
    /// outstanding (the clock will restart in full) or if the application closed while one was.
    /// </summary>
    public required DateOnly? DueOn { get; init; }

    /// <summary>The computed due date even when Art. 35 replaced it (null while a 补正 is outstanding).</summary>
    public required DateOnly? ComputedDueOn { get; init; }

    public required DueDateBasis DueDateBasis { get; init; }

    /// <summary>The reason given with the Art. 35 date, when <see cref="DueDateBasis"/> is Article35.</summary>
    public required string? Article35Reason { get; init; }

    /// <summary>
    /// True while a pause is open: the due date is computed as if the clock ran again from the day after
    /// <see cref="AsOf"/>, so it is the earliest the due date can be; each further paused working day moves it one later.
    /// </summary>
    public required bool IsDueDateProvisional { get; init; }

    /// <summary>Working days counted from the day after <see cref="StartedOn"/> to <see cref="AsOf"/> or the closure, excluding paused days.</summary>
    public required int WorkingDaysUsed { get; init; }

    /// <summary>
    /// Working days left: limit − used; under Art. 35, the working days from <see cref="AsOf"/> (or the closure) to the
    /// Art. 35 date. Negative when overdue.
    /// </summary>
    public required int WorkingDaysLeft { get; init; }

    /// <summary>Working days inside the pauses of the current period (up to the reading's date or the closure).</summary>
    public required int PausedWorkingDays { get; init; }

    public required ClockStatus Status { get; init; }

    /// <summary>Open and <see cref="AsOf"/> is after <see cref="DueOn"/>.</summary>
    public required bool IsOverdue { get; init; }

    /// <summary>Open, not overdue, and at most 5 working days left.</summary>
    public required bool IsDueSoon { get; init; }

    /// <summary>Open and a consultation or fee notice stops the clock on <see cref="AsOf"/>.</summary>
    public bool IsPaused => Status == ClockStatus.Paused;

    public bool IsOpen => Status != ClockStatus.Closed;

    /// <summary>The merged pauses of the current period.</summary>
    public required ImmutableArray<PauseInterval> Pauses { get; init; }

    /// <summary>The latest day a 补正 notice may go out in the current period: 7 working days after <see cref="StartedOn"/>.</summary>
    public required DateOnly SupplementNoticeDueOn { get; init; }

    /// <summary>The applicant's deadline of the outstanding 补正, if one is outstanding.</summary>
    public required DateOnly? SupplementDueOn { get; init; }

    /// <summary>An outstanding 补正 whose deadline has passed without a lapse being recorded.</summary>
    public bool IsSupplementDeadlinePassed => SupplementDueOn is { } due && AsOf > due && IsOpen;

    public required ImmutableArray<SupplementTrack> Supplements { get; init; }

    public required ImmutableArray<ConsultationTrack> Consultations { get; init; }

    public required ImmutableArray<FeeTrack> Fees { get; init; }

    /// <summary>The payment deadline of the outstanding fee notice, else of the latest one; null if none.</summary>
    public required DateOnly? FeePaymentDueOn { get; init; }

    /// <summary>How the application closed, if it did.</summary>
    public required ClosureKind? ClosedBy { get; init; }

    public required DateOnly? ClosedOn { get; init; }

    /// <summary>The service date of the answer: <c>ServedOn</c> of the answer, or a later <see cref="AnswerServed"/>; null if unknown.</summary>
    public required DateOnly? AnswerServedOn { get; init; }

    /// <summary>
    /// For an answered application: whether the service date (or, if unknown, the answer date) is on or before
    /// <see cref="DueOn"/>. Null if not answered or there is no due date.
    /// </summary>
    public required bool? AnsweredInTime { get; init; }

    public required ImmutableArray<ClockNote> Notes { get; init; }

    /// <summary>
    /// A5: the 补正 notices sent after the reply was already overdue. The overdue mark stays on the case (worklist, history,
    /// findings) even though the supplement restarts the clock.
    /// </summary>
    public ImmutableArray<OverdueAtSupplementNotice> OverdueAtSupplementNotices { get; init; } = [];

    /// <summary>Whether the case was overdue when a 补正 notice went out (A5).</summary>
    public bool WasOverdueAtSupplementNotice => !OverdueAtSupplementNotices.IsDefaultOrEmpty;

    /// <summary>"补正告知时已超期N个工作日" for the latest such notice, or null (A5): the one label pages use.</summary>
    public string? OverdueAtSupplementNoticeText => WasOverdueAtSupplementNotice
        ? $"补正告知时已超期{OverdueAtSupplementNotices[^1].WorkingDaysOverdue}个工作日（原届满日期{Iso(OverdueAtSupplementNotices[^1].DueOn)}，{Iso(OverdueAtSupplementNotices[^1].NoticeOn)}告知补正）"
        : null;

    /// <summary>A one-line status for staff, in Chinese.</summary>
    public string StatusText => BaseStatusText + (OverdueAtSupplementNoticeText is { } mark ? $"；{mark}" : "");

    private string BaseStatusText => Status switch
    {
        ClockStatus.AwaitingSupplement => $"等待补正（补正期限：{Iso(SupplementDueOn)}），期限将自收到补正之次日起重新计算",
        ClockStatus.Closed => $"已办结（{ClosureText}，{Iso(ClosedOn)}）" + InTimeText,
        ClockStatus.Paused => $"暂停计时（{PauseText}），已用{WorkingDaysUsed}个工作日，届满日期暂计为{Iso(DueOn)}{ProvisionalMark}" + Article35Text,
        _ => IsOverdue
            ? $"已超期{-WorkingDaysLeft}个工作日，届满日期{Iso(DueOn)}{ProvisionalMark}" + Article35Text
            : $"计时中，已用{WorkingDaysUsed}个工作日，剩余{WorkingDaysLeft}个工作日，届满日期{Iso(DueOn)}{ProvisionalMark}" + Article35Text,
    };

    private string ClosureText => ClosedBy switch
    {
        ClosureKind.Answered => "已答复",
        ClosureKind.SupplementLapsed => "逾期不补正",
        ClosureKind.FeeLapsed => "逾期未缴费",
        ClosureKind.Withdrawn => "申请人撤回",
        _ => "",
    };

    private string InTimeText => AnsweredInTime switch
    {
        true => "，按期答复",
        false => $"，逾期答复（届满日期{Iso(DueOn)}）",
        null => "",
    };

    private string PauseText => string.Join("、", Pauses.Where(p => p.IsOpen).SelectMany(p => p.Reasons).Distinct()
        .Select(r => r == PauseReason.Consultation ? "征求意见" : "待缴费"));

    private string Article35Text => DueDateBasis == DueDateBasis.Article35 ? "（依第三十五条确定的合理期限）" : "";

    private static string Iso(DateOnly? date) =>
        date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
}

/// <summary>The reading right after one event of the history, for the legal history page.</summary>
/// <param name="EventIndex">The event's position in the history (0-based).</param>
public sealed record ClockTraceEntry(int EventIndex, IApplicationEvent Event, ClockReading Reading);
