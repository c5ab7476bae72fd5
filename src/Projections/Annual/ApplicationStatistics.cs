using Projections.Tables;
using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;

namespace Projections.Annual;

public sealed record ReviewFacts(ReviewBlock Block, int CaseNumber, DateOnly FiledOn, DateOnly? DecidedOn, ReviewDecision? Decision)
{
    /// <summary>A stable key for this case within its application.</summary>
    public string Key(Guid applicationId) => $"{applicationId:N}:{Block}:{CaseNumber}";
}

/// <summary>One 收费通知 of an application: its number within the application, date and amount.</summary>
public sealed record FeeNoticeFacts(int Number, DateOnly NoticedOn, decimal Amount)
{
    public string Key(Guid applicationId) => $"{applicationId:N}:fee:{Number}";
}

/// <summary>
/// The facts of one application that the annual tables count, folded from its events with corrections applied
/// (A11, A15: the tables follow the corrected facts). A pure fold: the projection, the as-of replay and the tests
/// all use it. Dates are business dates (A1), never record times.
/// </summary>
public sealed record ApplicationStatistics
{
    public Guid Id { get; init; }
    public string AgencyCode { get; init; } = "";
    public DateOnly ReceivedOn { get; init; }
    public ApplicantType ApplicantType { get; init; }
    public Channel Channel { get; init; }

    /// <summary>The latest extension's date and the latest supplement's receipt (the reply period in force, A5).</summary>
    public DateOnly? ExtendedOn { get; init; }
    public DateOnly? LatestSupplementReceivedOn { get; init; }

    /// <summary>延期办结 counts an extension that stands in the period in force (<see cref="ReplyPeriod.ExtensionStands"/>).</summary>
    public bool Extended => ReplyPeriod.ExtensionStands(ExtendedOn, ReplyPeriod.StartOf(ReceivedOn, LatestSupplementReceivedOn));

    /// <summary>
    /// The date the application closed for the tables (A11): the answer's service date, the lapse or the withdrawal.
    /// An answer without a service date leaves it null: the application is still open for the tables (答复待送达).
    /// </summary>
    public DateOnly? ClosedOn { get; init; }
    public ClosureKind? Closure { get; init; }
    public ResultRow? Row { get; init; }

    /// <summary>The date of the answer itself (the reply letter), when there is one.</summary>
    public DateOnly? AnsweredOn { get; init; }

    /// <summary>The per-item results of the answer (A9): the pre-2019 table reads rows 1 and 5 from them.</summary>
    public IReadOnlyList<ItemResult> ItemResults { get; init; } = [];

    /// <summary>
    /// The statutory clock says the answer came after its limit (A13: stated under the table, never hidden in 按时办结).
    /// Set by whoever folds with the calendar (<see cref="WithTimeliness"/>); false when unknown.
    /// </summary>
    public bool AnsweredLate { get; init; }

    public DateOnly? FeePaidOn { get; init; }
    public decimal FeePaid { get; init; }
    public IReadOnlyList<ReviewFacts> Reviews { get; init; } = [];
    /// <summary>申请内容分类, as last assigned.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];
    /// <summary>收费通知: every fee notice issued, by date, with the amount noticed.</summary>
    public IReadOnlyList<FeeNoticeFacts> FeeNotices { get; init; } = [];

    /// <summary>The receipt year, stored in the document so the drill-down query can use an index (ADR 0024).</summary>
    public int ReceivedYear => ReceivedOn.Year;

    /// <summary>The year the application closes for table 三 (<see cref="AnnualCells.ClosedYear"/>), null while open; stored for the drill-down query.</summary>
    public int? ClosedYear => AnnualCells.ClosedYear(this);

    /// <summary>The last year the application counts in (<see cref="AnnualCells.LastYear"/>; 9999 while open); stored for the drill-down query.</summary>
    public int CountedUntilYear => AnnualCells.LastYear(this);

    /// <summary>Answered, and the answer not yet served: open for the tables until <see cref="AnswerServed"/> (A11).</summary>
    public bool AwaitingService => Closure == ClosureKind.Answered && ClosedOn is null;

    public static ApplicationStatistics? Fold(ApplicationStatistics? current, IApplicationEvent @event) => @event switch
    {
        ApplicationReceived e => new ApplicationStatistics
        {
            Id = e.ApplicationId, AgencyCode = e.AgencyCode, ReceivedOn = e.ReceivedOn,
            ApplicantType = e.ApplicantType, Channel = e.Channel, Topics = e.Topics ?? [],
        },
        _ when current is null => null,
        // Only the first closing event closes (the write side refuses any later one).
        ReplyExtended e when current.Closure is null => current with
        {
            ExtendedOn = current.ExtendedOn is { } latest && latest > e.ExtendedOn ? latest : e.ExtendedOn,
        },
        SupplementReceived e when current.Closure is null => current with
        {
            LatestSupplementReceivedOn = current.LatestSupplementReceivedOn is { } latest && latest > e.ReceivedOn ? latest : e.ReceivedOn,
        },
        // A11: an answer closes in the year it was served; one recorded without service stays open until served.
        ApplicationAnswered e when current.Closure is null => current with
        {
            Closure = ClosureKind.Answered, Row = e.Row, AnsweredOn = e.AnsweredOn, ClosedOn = e.ServedOn,
            ItemResults = [.. e.Items.Select(i => i.Result)],
        },
        AnswerServed e when current.AwaitingService => current with { ClosedOn = e.ServedOn },
        SupplementLapsed e when current.Closure is null => current.Closed(e.LapsedOn, ClosureKind.SupplementLapsed, OutcomeRules.RowOf(ClosureKind.SupplementLapsed)),
        FeeLapsed e when current.Closure is null => current.Closed(e.LapsedOn, ClosureKind.FeeLapsed, OutcomeRules.RowOf(ClosureKind.FeeLapsed)),
        ApplicationWithdrawn e when current.Closure is null => current.Closed(e.WithdrawnOn, ClosureKind.Withdrawn, OutcomeRules.RowOf(ClosureKind.Withdrawn)),
        FeePaid e => current with { FeePaidOn = e.PaidOn, FeePaid = e.Amount },
        FeeNoticed e => current with { FeeNotices = [.. current.FeeNotices, new FeeNoticeFacts(current.FeeNotices.Count + 1, e.NoticedOn, e.Amount)] },
        TopicsAssigned e => current with { Topics = e.Topics },
        ReconsiderationFiled e => current with
        {
            Reviews = [.. current.Reviews.Select(r => r.Block == ReviewBlock.LitigationWithoutReconsideration && e.FiledOn <= r.FiledOn
                    // A12 is about dates: a reconsideration filed before the suit, whenever it was recorded.
                    ? r with { Block = ReviewBlock.LitigationAfterReconsideration } : r),
                new ReviewFacts(ReviewBlock.Reconsideration, e.CaseNumber, e.FiledOn, null, null)],
        },
        LawsuitFiled e => current with
        {
            Reviews = [.. current.Reviews, new ReviewFacts(
                // 复议后起诉: the same application had a reconsideration filed on or before the suit's date (A12).
                e.AfterReconsideration is not null || current.Reviews.Any(r => r.Block == ReviewBlock.Reconsideration && r.FiledOn <= e.FiledOn)
                    ? ReviewBlock.LitigationAfterReconsideration : ReviewBlock.LitigationWithoutReconsideration,
                e.CaseNumber, e.FiledOn, null, null)],
        },
        ReconsiderationDecided e => current.Decided(ReviewBlock.Reconsideration, e.CaseNumber, e.DecidedOn, e.Decision),
        LawsuitDecided e => current.Decided(null, e.CaseNumber, e.DecidedOn, e.Decision),
        FactCorrected e => current.Corrected(e),
        _ => current,
    };

    public static ApplicationStatistics? FoldAll(IEnumerable<IApplicationEvent> events) =>
        events.Aggregate((ApplicationStatistics?)null, Fold);

    /// <summary>The fold of a whole history with the answer's timeliness read from the statutory clock (A13).</summary>
    public static ApplicationStatistics? FoldAll(IReadOnlyList<IApplicationEvent> events, WorkdayCalendar calendar) =>
        FoldAll(events)?.WithTimeliness(events, calendar);

    /// <summary>
    /// These facts with <see cref="AnsweredLate"/> read from the statutory clock over the application's history (pauses
    /// and restarts applied, corrections included). Only an answered application can be late; a history the calendar
    /// cannot count (a year not loaded) is left as not late.
    /// </summary>
    public ApplicationStatistics WithTimeliness(IReadOnlyList<IApplicationEvent> history, WorkdayCalendar calendar)
    {
        if (Closure != ClosureKind.Answered) return AnsweredLate ? this with { AnsweredLate = false } : this;
        bool late;
        try
        {
            var asOf = history.Count == 0 ? ReceivedOn : history.Max(e => e.BusinessDate);
            late = StatutoryClock.Compute(history, calendar, asOf).AnsweredInTime == false;
        }
        catch (Exception e) when (e is ArgumentException or CalendarYearNotLoadedException)
        {
            late = false;
        }
        return late == AnsweredLate ? this : this with { AnsweredLate = late };
    }

    /// <summary>Whether an event can change <see cref="AnsweredLate"/> of an answered application.</summary>
    public static bool CanChangeTimeliness(IApplicationEvent e) =>
        e is ApplicationAnswered or AnswerServed or FactCorrected { Fact: CorrectableFact.ReceivedOn };

    /// <summary>The category of the pre-2019 统计表 （三）申请答复数 (from the row and the item results, A13, ADR 0009).</summary>
    public LegacyAnswerCategory? LegacyAnswer => Row is { } row ? LegacyAnswerMapping.CategoryOf(row, ItemResults) : null;

    private ApplicationStatistics Closed(DateOnly on, ClosureKind closure, ResultRow row) =>
        this with { ClosedOn = on, Closure = closure, Row = row };

    private ApplicationStatistics Decided(ReviewBlock? block, int caseNumber, DateOnly on, ReviewDecision decision) => this with
    {
        Reviews = [.. Reviews.Select(r => r.CaseNumber == caseNumber
            && (block is null ? r.Block != ReviewBlock.Reconsideration : r.Block == block)
            ? r with { DecidedOn = on, Decision = decision } : r)],
    };

    private ApplicationStatistics Corrected(FactCorrected e) => e.Fact switch
    {
        CorrectableFact.ReceivedOn => this with { ReceivedOn = e.NewDate() },
        CorrectableFact.ApplicantType => this with { ApplicantType = e.NewEnum<ApplicantType>() },
        CorrectableFact.Channel => this with { Channel = e.NewEnum<Channel>() },
        CorrectableFact.ResultRow when Closure is not null => this with { Row = e.NewEnum<ResultRow>() },
        _ => this,
    };
}
