using Wolverine.Marten;
using Wolverine.Persistence;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>登记缴费: the applicant paid the fee noticed; the clock's fee pause ends.</summary>
public sealed record RecordFeePaid(Guid ApplicationId, int Version, DateOnly PaidOn, decimal Amount, string Actor) : IApplicationCommand;

public sealed class PayingFeeRules : LifecycleStep<RecordFeePaid>
{
    public override string Name => "fee-payment";

    public override int Order => 90;

    public override StepAuthority Authority => StepAuthority.CaseWork;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanRecordFeePaid(state, context);

    public static Refusal? CanRecordFeePaid(DisclosureApplication state, DecisionContext context) => Open(state) ?? FeeOutstanding(state);

    /// <summary>A fee notice awaits payment (shared with the lapse step).</summary>
    public static Refusal? FeeOutstanding(DisclosureApplication state) =>
        state.FeeOutstanding ? null : Refusals.Rule("fee.none-outstanding", "没有待缴的费用。", "No fee is outstanding.");

    public static FeePaid Decide(DisclosureApplication state, RecordFeePaid command, DecisionContext context)
    {
        Require(CanRecordFeePaid(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.PaidOn, "paidOn", context);
        if (command.PaidOn < state.FeeNoticedOn)
            Refuse(Refusals.DateBefore("收费通知日期", "the fee notice", command.PaidOn, state.FeeNoticedOn!.Value, "paidOn"));
        if (command.Amount <= 0) Refuse(Refusals.Invalid("fee.amount", "缴费金额应大于零。", "The amount paid must be positive.", "amount"));
        return new FeePaid(state.Id, command.PaidOn, command.Amount, command.Actor);
    }
}

public static class RecordFeePaidHandler
{
    public static (UpdatedAggregate, FeePaid) Handle(RecordFeePaid command,
        [WriteAggregate(nameof(RecordFeePaid.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context) =>
        (new(), PayingFeeRules.Decide(application, command, context.For(application)));
}
