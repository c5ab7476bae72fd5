using Wolverine.Marten;
using Wolverine.Persistence;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>登记复议结果: the reconsideration body decided one of the application's reconsiderations.</summary>
public sealed record DecideReconsideration(Guid ApplicationId, int Version, int CaseNumber, DateOnly DecidedOn, ReviewDecision Decision, string? Summary, string Actor) : IApplicationCommand;

public sealed class DecidingReconsiderationRules : LifecycleStep<DecideReconsideration>
{
    public override string Name => "reconsideration-decision";

    public override int Order => 150;

    public override StepAuthority Authority => StepAuthority.CaseWork;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanDecideReconsideration(state, context);

    public static Refusal? CanDecideReconsideration(DisclosureApplication state, DecisionContext context) =>
        ReviewCases.SomeUndecided(ReviewKind.Reconsideration, state.Reconsiderations.Select(r => r.DecidedOn));

    public static ReconsiderationDecided Decide(DisclosureApplication state, DecideReconsideration command, DecisionContext context)
    {
        Require(CanDecideReconsideration(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.DecidedOn, "decidedOn", context);
        RequireDefined(command.Decision, "复议结果", "decision", "decision");
        var review = state.Reconsiderations.FirstOrDefault(r => r.CaseNumber == command.CaseNumber);
        ReviewCases.RequireUndecided(ReviewKind.Reconsideration, "复议申请日期", command.CaseNumber, review?.FiledOn, review?.DecidedOn, command.DecidedOn);
        if (command.Decision == ReviewDecision.SuitDismissed)
            Refuse(Refusals.Invalid("reconsideration.decision-kind", "“驳回起诉”是诉讼裁定，不适用于行政复议。",
                "'Suit dismissed' is a court ruling, not a reconsideration decision.", "decision"));
        OptionalText(command.Summary, "结果摘要", "summary", MaxTextLength, "summary");
        return new ReconsiderationDecided(state.Id, command.CaseNumber, command.DecidedOn, command.Decision, command.Summary?.Trim(), command.Actor);
    }
}

/// <summary>What deciding a reconsideration and deciding a lawsuit share: a case is decided once, if it exists, not before it was filed.</summary>
public static class ReviewCases
{
    /// <summary>The guard of a decision step: some case of the kind awaits its decision.</summary>
    public static Refusal? SomeUndecided(ReviewKind review, IEnumerable<DateOnly?> decidedOn)
    {
        var (kind, kindChinese) = Named(review);
        var cases = decidedOn.ToList();
        if (cases.Count == 0)
            return Refusals.Rule($"{kind}.unknown", $"本申请没有登记{kindChinese}。", $"No {kind} is recorded.");
        if (cases.All(d => d is not null))
            return Refusals.Rule($"{kind}.already-decided", $"已登记的{kindChinese}均已审结；如有错误请更正。", $"Every {kind} is already decided.");
        return null;
    }

    public static void RequireUndecided(ReviewKind review, string filedChinese, int caseNumber,
        DateOnly? filedOn, DateOnly? alreadyDecidedOn, DateOnly decidedOn)
    {
        var (kind, kindChinese) = Named(review);
        var filed = filedOn ?? throw new CommandRefusedException(
            Refusals.Rule($"{kind}.unknown", $"没有第 {caseNumber} 号{kindChinese}。", $"No {kind} {caseNumber}.", "caseNumber"));
        if (alreadyDecidedOn is not null)
            Refuse(Refusals.Rule($"{kind}.already-decided", $"该{kindChinese}已审结；如有错误请更正。", $"That {kind} is already decided.", "caseNumber"));
        if (decidedOn < filed)
            Refuse(Refusals.DateBefore(filedChinese, "the filing date", decidedOn, filed, "decidedOn"));
    }

    /// <summary>The kind as refusal codes spell it ("reconsideration", "lawsuit") and its term (行政复议, 行政诉讼).</summary>
    private static (string Code, string Chinese) Named(ReviewKind review) =>
        (review == ReviewKind.Reconsideration ? "reconsideration" : "lawsuit", Vocabulary.ChineseTerms.Of(review));
}

public static class DecideReconsiderationHandler
{
    public static (UpdatedAggregate, ReconsiderationDecided) Handle(DecideReconsideration command,
        [WriteAggregate(nameof(DecideReconsideration.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context) =>
        (new(), DecidingReconsiderationRules.Decide(application, command, context.For(application)));
}
