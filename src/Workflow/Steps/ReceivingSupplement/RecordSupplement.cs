using Wolverine.Marten;
using Wolverine.Persistence;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>收到补正材料: the applicant completed the application; the reply period restarts in full (A5).</summary>
public sealed record RecordSupplement(Guid ApplicationId, int Version, DateOnly ReceivedOn, string? Summary, string Actor) : IApplicationCommand;

public sealed class ReceivingSupplementRules : LifecycleStep<RecordSupplement>
{
    public override string Name => "supplement";

    public override int Order => 20;

    public override StepAuthority Authority => StepAuthority.CaseWork;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanRecordSupplement(state, context);

    public static Refusal? CanRecordSupplement(DisclosureApplication state, DecisionContext context) =>
        Open(state) ?? AwaitingSupplement(state);

    /// <summary>A supplement request is open (shared with the lapse step).</summary>
    public static Refusal? AwaitingSupplement(DisclosureApplication state) =>
        state.Status == ApplicationStatus.AwaitingSupplement
            ? null
            : Refusals.Rule("supplement.none-open", "本申请没有待补正的告知。", "No supplement request is open.");

    public static SupplementReceived Decide(DisclosureApplication state, RecordSupplement command, DecisionContext context)
    {
        Require(CanRecordSupplement(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.ReceivedOn, "receivedOn", context);
        if (command.ReceivedOn < state.SupplementRequestedOn)
            Refuse(Refusals.DateBefore("补正告知日期", "the supplement notice", command.ReceivedOn, state.SupplementRequestedOn!.Value, "receivedOn"));
        OptionalText(command.Summary, "补正内容摘要", "summary", MaxTextLength, "summary");
        return new SupplementReceived(state.Id, command.ReceivedOn, command.Summary?.Trim(), command.Actor);
    }
}

public static class RecordSupplementHandler
{
    public static (UpdatedAggregate, SupplementReceived) Handle(RecordSupplement command,
        [WriteAggregate(nameof(RecordSupplement.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context) =>
        (new(), ReceivingSupplementRules.Decide(application, command, context.For(application)));
}
