using Wolverine.Marten;
using Wolverine.Persistence;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>逾期不补正: the supplement deadline passed without a supplement; the application closes (视为放弃申请).</summary>
public sealed record RecordSupplementLapsed(Guid ApplicationId, int Version, DateOnly LapsedOn, string Actor) : IApplicationCommand;

public sealed class LapsingSupplementRules : LifecycleStep<RecordSupplementLapsed>
{
    public override string Name => "supplement-lapse";

    public override int Order => 30;

    public override StepAuthority Authority => StepAuthority.OfficeDecision;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanRecordSupplementLapse(state, context);

    public static Refusal? CanRecordSupplementLapse(DisclosureApplication state, DecisionContext context) =>
        Open(state) ?? ReceivingSupplementRules.AwaitingSupplement(state) ?? DeadlinePassedBy(state, context.Today);

    /// <summary>The lapse may be dated only after the supplement deadline.</summary>
    private static Refusal? DeadlinePassedBy(DisclosureApplication state, DateOnly lapsedOn) =>
        lapsedOn > state.SupplementDeadline
            ? null
            : Refusals.Rule("supplement.deadline-not-passed",
                $"补正期限（{state.SupplementDeadline:yyyy-MM-dd}）尚未届满，不能按逾期不补正办结。",
                $"The supplement deadline ({state.SupplementDeadline:yyyy-MM-dd}) has not passed.");

    public static SupplementLapsed Decide(DisclosureApplication state, RecordSupplementLapsed command, DecisionContext context)
    {
        Require(CanRecordSupplementLapse(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.LapsedOn, "lapsedOn", context);
        if (DeadlinePassedBy(state, command.LapsedOn) is { } early) Refuse(early with { Field = "lapsedOn" });
        return new SupplementLapsed(state.Id, command.LapsedOn, command.Actor);
    }
}

public static class RecordSupplementLapsedHandler
{
    public static (UpdatedAggregate, SupplementLapsed) Handle(RecordSupplementLapsed command,
        [WriteAggregate(nameof(RecordSupplementLapsed.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context) =>
        (new(), LapsingSupplementRules.Decide(application, command, context.For(application)));
}
