using Wolverine.Marten;
using Wolverine.Persistence;
using Workflow.Clock;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>延期答复: the head of the disclosure office approves one extension of the reply period (Art. 33).</summary>
public sealed record ExtendReply(Guid ApplicationId, int Version, DateOnly ExtendedOn, int WorkingDays, string ApprovedBy, string Reason, string Actor) : IApplicationCommand;

public sealed class ExtendingRules : LifecycleStep<ExtendReply>
{
    public override string Name => "extension";

    public override int Order => 40;

    public override StepAuthority Authority => StepAuthority.OfficeDecision;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanExtend(state, context);

    public static Refusal? CanExtend(DisclosureApplication state, DecisionContext context)
    {
        if (Open(state) is { } closed) return closed;
        if (state.Extended)
            return Refusals.Rule("extension.second", "答复期限只能延长一次（《条例》第三十三条）。",
                "The reply period may be extended only once (Art. 33).");
        if (state.Status == ApplicationStatus.AwaitingSupplement)
            return Refusals.Rule("extension.awaiting-supplement", "等待补正期间答复期限尚未起算，无需延期。",
                "The reply period does not run while a supplement is awaited.");
        return null;
    }

    public static ReplyExtended Decide(DisclosureApplication state, ExtendReply command, DecisionContext context)
    {
        Require(CanExtend(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.ExtendedOn, "extendedOn", context);
        var max = StatutoryClock.MaxExtensionWorkingDays(state.ReceivedOn);
        if (command.WorkingDays < 1 || command.WorkingDays > max)
            Refuse(Refusals.Rule("extension.too-long", $"延长期限应为 1 至 {max} 个工作日（《条例》第三十三条）。",
                $"An extension must be between 1 and {max} working days (Art. 33).", "workingDays"));
        RequireText(command.ApprovedBy, "批准人（政府信息公开工作机构负责人）", "approved by", MaxNameLength, "approvedBy");
        RequireText(command.Reason, "延期理由", "reason", MaxTextLength, "reason");
        return new ReplyExtended(state.Id, command.ExtendedOn, command.WorkingDays, command.ApprovedBy.Trim(), command.Reason.Trim(), command.Actor);
    }
}

public static class ExtendReplyHandler
{
    public static (UpdatedAggregate, ReplyExtended) Handle(ExtendReply command,
        [WriteAggregate(nameof(ExtendReply.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context) =>
        (new(), ExtendingRules.Decide(application, command, context.For(application)));
}
