using Wolverine.Marten;
using Wolverine.Persistence;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>收到征求意见回复: the consulted party answered (consent to disclosure, or not, or unstated).</summary>
public sealed record RecordConsultationReply(Guid ApplicationId, int Version, int ConsultationNumber, DateOnly RepliedOn, bool? ConsentsToDisclosure, string? Summary, string Actor) : IApplicationCommand;

public sealed class ReceivingConsultationReplyRules : LifecycleStep<RecordConsultationReply>
{
    public override string Name => "consultation-reply";

    public override int Order => 70;

    public override StepAuthority Authority => StepAuthority.CaseWork;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanRecordConsultationReply(state, context);

    public static Refusal? CanRecordConsultationReply(DisclosureApplication state, DecisionContext context) =>
        Open(state) ?? (state.OpenConsultations.IsEmpty
            ? Refusals.Rule("consultation.not-open", "没有待回复的征求意见。", "No consultation is awaiting a reply.")
            : null);

    public static ConsultationReplied Decide(DisclosureApplication state, RecordConsultationReply command, DecisionContext context)
    {
        Require(CanRecordConsultationReply(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.RepliedOn, "repliedOn", context);
        if (!state.OpenConsultations.TryGetValue(command.ConsultationNumber, out var sentOn))
            Refuse(Refusals.Rule("consultation.not-open", $"没有待回复的第 {command.ConsultationNumber} 号征求意见。",
                $"Consultation {command.ConsultationNumber} is not awaiting a reply.", "consultationNumber"));
        if (command.RepliedOn < sentOn)
            Refuse(Refusals.DateBefore("征求意见发出日期", "the consultation letter", command.RepliedOn, sentOn, "repliedOn"));
        OptionalText(command.Summary, "意见摘要", "summary", MaxTextLength, "summary");
        return new ConsultationReplied(state.Id, command.ConsultationNumber, command.RepliedOn, command.ConsentsToDisclosure,
            command.Summary?.Trim(), command.Actor);
    }
}

public static class RecordConsultationReplyHandler
{
    public static (UpdatedAggregate, ConsultationReplied) Handle(RecordConsultationReply command,
        [WriteAggregate(nameof(RecordConsultationReply.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context) =>
        (new(), ReceivingConsultationReplyRules.Decide(application, command, context.For(application)));
}
