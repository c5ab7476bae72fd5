using Wolverine.Marten;
using Wolverine.Persistence;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>登记答复送达: the answer letter reached the applicant; the annual tables count the answer in that year.</summary>
public sealed record RecordAnswerServed(Guid ApplicationId, int Version, ServiceMethod Method, DateOnly ServedOn, string Actor) : IApplicationCommand;

public sealed class ServingAnswerRules : LifecycleStep<RecordAnswerServed>
{
    public override string Name => "answer-service";

    public override int Order => 120;

    public override StepAuthority Authority => StepAuthority.CaseWork;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanRecordAnswerServed(state, context);

    public static Refusal? CanRecordAnswerServed(DisclosureApplication state, DecisionContext context)
    {
        if (state.Closure != ClosureKind.Answered)
            return Refusals.Rule("served.not-answered", "申请尚未答复，不能登记送达。", "The application has not been answered.");
        if (state.AnswerServed)
            return Refusals.Rule("served.already", "答复书的送达已登记；如有错误请更正。", "Service of the answer is already recorded.");
        return null;
    }

    public static AnswerServed Decide(DisclosureApplication state, RecordAnswerServed command, DecisionContext context)
    {
        Require(CanRecordAnswerServed(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.ServedOn, "servedOn", context);
        RequireDefined(command.Method, "送达方式", "service method", "method");
        if (command.ServedOn < state.ClosedOn)
            Refuse(Refusals.DateBefore("答复日期", "the answer date", command.ServedOn, state.ClosedOn!.Value, "servedOn"));
        return new AnswerServed(state.Id, command.Method, command.ServedOn, command.Actor);
    }
}

public static class RecordAnswerServedHandler
{
    public static (UpdatedAggregate, AnswerServed) Handle(RecordAnswerServed command,
        [WriteAggregate(nameof(RecordAnswerServed.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context) =>
        (new(), ServingAnswerRules.Decide(application, command, context.For(application)));
}
