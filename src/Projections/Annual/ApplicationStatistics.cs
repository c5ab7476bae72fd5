using Projections.Tables;
using Workflow.Applications;

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
    public bool Extended { get; init; }
    public DateOnly? ClosedOn { get; init; }
    public ClosureKind? Closure { get; init; }
    public ResultRow? Row { get; init; }
    public DateOnly? FeePaidOn { get; init; }
    public decimal FeePaid { get; init; }
    public IReadOnlyList<ReviewFacts> Reviews { get; init; } = [];
    /// <summary>申请内容分类, as last assigned.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];
    /// <summary>收费通知: every fee notice issued, by date, with the amount noticed.</summary>
    public IReadOnlyList<FeeNoticeFacts> FeeNotices { get; init; } = [];

    public static ApplicationStatistics? Fold(ApplicationStatistics? current, IApplicationEvent @event) => @event switch
    {
        ApplicationReceived e => new ApplicationStatistics
        {
            Id = e.ApplicationId, AgencyCode = e.AgencyCode, ReceivedOn = e.ReceivedOn,
            ApplicantType = e.ApplicantType, Channel = e.Channel, Topics = e.Topics ?? [],
        },
        _ when current is null => null,
        // Only the first closing event closes (the write side refuses any later one).
        ReplyExtended when current.ClosedOn is null => current with { Extended = true },
        ApplicationAnswered e when current.ClosedOn is null => current.Closed(e.AnsweredOn, ClosureKind.Answered, e.Row),
        SupplementLapsed e when current.ClosedOn is null => current.Closed(e.LapsedOn, ClosureKind.SupplementLapsed, OutcomeRules.RowOf(ClosureKind.SupplementLapsed)),
        FeeLapsed e when current.ClosedOn is null => current.Closed(e.LapsedOn, ClosureKind.FeeLapsed, OutcomeRules.RowOf(ClosureKind.FeeLapsed)),
        ApplicationWithdrawn e when current.ClosedOn is null => current.Closed(e.WithdrawnOn, ClosureKind.Withdrawn, OutcomeRules.RowOf(ClosureKind.Withdrawn)),
        FeePaid e => current with { FeePaidOn = e.PaidOn, FeePaid = e.Amount },
        FeeNoticed e => current with { FeeNotices = [.. current.FeeNotices, new FeeNoticeFacts(current.FeeNotices.Count + 1, e.NoticedOn, e.Amount)] },
        TopicsAssigned e => current with { Topics = e.Topics },
        ReconsiderationFiled e => current with
        {
            Reviews = [.. current.Reviews, new ReviewFacts(ReviewBlock.Reconsideration, e.CaseNumber, e.FiledOn, null, null)],
        },
        LawsuitFiled e => current with
        {
            Reviews = [.. current.Reviews, new ReviewFacts(
                // 复议后起诉: the same application had a reconsideration before the suit (A12).
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
        CorrectableFact.ResultRow when ClosedOn is not null => this with { Row = e.NewEnum<ResultRow>() },
        _ => this,
    };
}
