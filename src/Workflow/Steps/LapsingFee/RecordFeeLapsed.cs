using Wolverine.Marten;
using Wolverine.Persistence;
using Workflow.Clock;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>逾期未缴费: the payment period ended without payment; the application closes.</summary>
public sealed record RecordFeeLapsed(Guid ApplicationId, int Version, DateOnly LapsedOn, string Actor) : IApplicationCommand;

public sealed class LapsingFeeRules : LifecycleStep<RecordFeeLapsed>
{
    public override string Name => "fee-lapse";

    public override int Order => 100;

    public override StepAuthority Authority => StepAuthority.OfficeDecision;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanRecordFeeLapse(state, context);

    public static Refusal? CanRecordFeeLapse(DisclosureApplication state, DecisionContext context) =>
        Open(state) ?? PayingFeeRules.FeeOutstanding(state) ?? PaymentPeriodEndedBy(state, context.Today, context);

    /// <summary>The lapse may be dated only after the payment period (<see cref="StatutoryClock.FeePaymentDueOn"/>).</summary>
    private static Refusal? PaymentPeriodEndedBy(DisclosureApplication state, DateOnly lapsedOn, DecisionContext context)
    {
        var paymentDue = StatutoryClock.FeePaymentDueOn(state.FeeNoticedOn!.Value, context.Calendar);
        return lapsedOn > paymentDue
            ? null
            : Refusals.Rule("fee.deadline-not-passed", $"缴费期限（{paymentDue:yyyy-MM-dd}，通知次日起{StatutoryClock.FeePaymentWorkingDays}个工作日）尚未届满。",
                $"The payment period (until {paymentDue:yyyy-MM-dd}, {StatutoryClock.FeePaymentWorkingDays} working days) has not ended.");
    }

    public static FeeLapsed Decide(DisclosureApplication state, RecordFeeLapsed command, DecisionContext context)
    {
        Require(CanRecordFeeLapse(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.LapsedOn, "lapsedOn", context);
        if (PaymentPeriodEndedBy(state, command.LapsedOn, context) is { } early) Refuse(early with { Field = "lapsedOn" });
        return new FeeLapsed(state.Id, command.LapsedOn, command.Actor);
    }
}

public static class RecordFeeLapsedHandler
{
    public static (UpdatedAggregate, FeeLapsed) Handle(RecordFeeLapsed command,
        [WriteAggregate(nameof(RecordFeeLapsed.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context) =>
        (new(), LapsingFeeRules.Decide(application, command, context.For(application)));
}
