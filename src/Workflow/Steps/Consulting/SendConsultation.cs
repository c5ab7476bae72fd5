using Wolverine.Marten;
using Wolverine.Persistence;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>征求意见: a letter to a third party or another agency; the clock pauses until the reply or 15 working days.</summary>
public sealed record SendConsultation(Guid ApplicationId, int Version, ConsultationParty Party, string Consultee, DateOnly SentOn, string Actor) : IApplicationCommand;

public sealed class ConsultingRules : LifecycleStep<SendConsultation>
{
    public override string Name => "consultation";

    public override int Order => 60;

    public override StepAuthority Authority => StepAuthority.CaseWork;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanConsult(state, context);

    public static Refusal? CanConsult(DisclosureApplication state, DecisionContext context) => Open(state);

    public static ConsultationSent Decide(DisclosureApplication state, SendConsultation command, DecisionContext context)
    {
        Require(CanConsult(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.SentOn, "sentOn", context);
        RequireDefined(command.Party, "征求对象类型", "party", "party");
        RequireText(command.Consultee, "征求意见对象", "consultee", MaxNameLength, "consultee");
        return new ConsultationSent(state.Id, state.ConsultationsSent + 1, command.Party, command.Consultee.Trim(), command.SentOn, command.Actor);
    }
}

public static class SendConsultationHandler
{
    public static (UpdatedAggregate, ConsultationSent) Handle(SendConsultation command,
        [WriteAggregate(nameof(SendConsultation.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context) =>
        (new(), ConsultingRules.Decide(application, command, context.For(application)));
}
