using Wolverine.Marten;
using Wolverine.Persistence;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>登记诉讼结果: the court decided one of the application's lawsuits.</summary>
public sealed record DecideLawsuit(Guid ApplicationId, int Version, int CaseNumber, DateOnly DecidedOn, ReviewDecision Decision, string? Summary, string Actor) : IApplicationCommand;

public sealed class DecidingLawsuitRules : LifecycleStep<DecideLawsuit>
{
    public override string Name => "lawsuit-decision";

    public override int Order => 170;

    public override StepAuthority Authority => StepAuthority.CaseWork;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanDecideLawsuit(state, context);

    public static Refusal? CanDecideLawsuit(DisclosureApplication state, DecisionContext context) =>
        ReviewCases.SomeUndecided(ReviewKind.Lawsuit, state.Lawsuits.Select(l => l.DecidedOn));

    public static LawsuitDecided Decide(DisclosureApplication state, DecideLawsuit command, DecisionContext context)
    {
        Require(CanDecideLawsuit(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.DecidedOn, "decidedOn", context);
        RequireDefined(command.Decision, "诉讼结果", "decision", "decision");
        var suit = state.Lawsuits.FirstOrDefault(l => l.CaseNumber == command.CaseNumber);
        ReviewCases.RequireUndecided(ReviewKind.Lawsuit, "起诉日期", command.CaseNumber, suit?.FiledOn, suit?.DecidedOn, command.DecidedOn);
        OptionalText(command.Summary, "结果摘要", "summary", MaxTextLength, "summary");
        return new LawsuitDecided(state.Id, command.CaseNumber, command.DecidedOn, command.Decision, command.Summary?.Trim(), command.Actor);
    }
}

public static class DecideLawsuitHandler
{
    public static (UpdatedAggregate, LawsuitDecided) Handle(DecideLawsuit command,
        [WriteAggregate(nameof(DecideLawsuit.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context) =>
        (new(), DecidingLawsuitRules.Decide(application, command, context.For(application)));
}
