using Wolverine.Marten;
using Wolverine.Persistence;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>补正告知: ask the applicant, once and for everything at a time, to complete an unclear application (Art. 30).</summary>
public sealed record RequestSupplement(Guid ApplicationId, int Version, DateOnly RequestedOn, DateOnly Deadline, string WhatToSupplement, string Actor) : IApplicationCommand;

public sealed class RequestingSupplementRules : LifecycleStep<RequestSupplement>
{
    public override string Name => "supplement-request";

    public override int Order => 10;

    public override StepAuthority Authority => StepAuthority.CaseWork;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanRequestSupplement(state, context);

    public static Refusal? CanRequestSupplement(DisclosureApplication state, DecisionContext context)
    {
        if (Open(state) is { } closed) return closed;
        if (state.Status == ApplicationStatus.AwaitingSupplement)
            return Refusals.Rule("supplement.already-open", "已发出补正告知且尚未收到补正材料，补正应一次性告知（《条例》第三十条）。",
                "A supplement request is already open; Art. 30 requires one notice at a time.");
        if (state.SupplementRequests > 0 && !state.SupplementEverReceived)
            return Refusals.Rule("supplement.second-without-supplement", "再次补正仅限于收到补正材料后内容仍不明确的情形。",
                "A second supplement request is allowed only after a supplement was received.");
        return null;
    }

    public static SupplementRequested Decide(DisclosureApplication state, RequestSupplement command, DecisionContext context)
    {
        Require(CanRequestSupplement(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.RequestedOn, "requestedOn", context);
        if (command.Deadline <= command.RequestedOn)
            Refuse(Refusals.Invalid("supplement.deadline-not-after-request", "补正期限应晚于告知日期。",
                "The supplement deadline must be after the notice date.", "deadline"));
        RequireCountable(command.Deadline, "补正期限", "supplement deadline", "deadline", context);
        RequireText(command.WhatToSupplement, "需要补正的事项", "what to supplement", MaxTextLength, "whatToSupplement");
        return new SupplementRequested(state.Id, command.RequestedOn, command.Deadline, command.WhatToSupplement.Trim(), command.Actor);
    }
}

public static class RequestSupplementHandler
{
    public static (UpdatedAggregate, SupplementRequested) Handle(RequestSupplement command,
        [WriteAggregate(nameof(RequestSupplement.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context) =>
        (new(), RequestingSupplementRules.Decide(application, command, context.For(application)));
}
