using Wolverine.Marten;
using Wolverine.Persistence;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>申请人撤回: the applicant withdrew the application; it closes.</summary>
public sealed record WithdrawApplication(Guid ApplicationId, int Version, DateOnly WithdrawnOn, string Reason, string Actor) : IApplicationCommand;

public sealed class WithdrawingRules : LifecycleStep<WithdrawApplication>
{
    public override string Name => "withdrawal";

    public override int Order => 130;

    public override StepAuthority Authority => StepAuthority.CaseWork;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanWithdraw(state, context);

    public static Refusal? CanWithdraw(DisclosureApplication state, DecisionContext context) => Open(state);

    public static ApplicationWithdrawn Decide(DisclosureApplication state, WithdrawApplication command, DecisionContext context)
    {
        Require(CanWithdraw(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.WithdrawnOn, "withdrawnOn", context);
        RequireText(command.Reason, "撤回说明", "reason", MaxTextLength, "reason");
        return new ApplicationWithdrawn(state.Id, command.WithdrawnOn, command.Reason.Trim(), command.Actor);
    }
}

public static class WithdrawApplicationHandler
{
    public static (UpdatedAggregate, ApplicationWithdrawn) Handle(WithdrawApplication command,
        [WriteAggregate(nameof(WithdrawApplication.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context) =>
        (new(), WithdrawingRules.Decide(application, command, context.For(application)));
}
