using Wolverine.Marten;
using Wolverine.Persistence;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>登记行政复议: the applicant applied for administrative reconsideration of the office's handling.</summary>
public sealed record FileReconsideration(Guid ApplicationId, int Version, DateOnly FiledOn, string ReviewBody, string? DocketNumber, string Actor) : IApplicationCommand;

public sealed class FilingReconsiderationRules : LifecycleStep<FileReconsideration>
{
    public override string Name => "reconsideration";

    public override int Order => 140;

    public override StepAuthority Authority => StepAuthority.CaseWork;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanFileReconsideration(state, context);

    /// <summary>
    /// Always possible: an applicant may seek reconsideration of any act of the office (a supplement notice, a fee, the
    /// answer) or of its silence, at any stage, so the record accepts it whenever it happened.
    /// </summary>
    public static Refusal? CanFileReconsideration(DisclosureApplication state, DecisionContext context) => null;

    public static ReconsiderationFiled Decide(DisclosureApplication state, FileReconsideration command, DecisionContext context)
    {
        Require(CanFileReconsideration(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.FiledOn, "filedOn", context);
        RequireText(command.ReviewBody, "复议机关", "review body", MaxNameLength, "reviewBody");
        OptionalText(command.DocketNumber, "案号", "docket number", 128, "docketNumber");
        return new ReconsiderationFiled(state.Id, state.Reconsiderations.Length + 1, command.FiledOn, command.ReviewBody.Trim(),
            command.DocketNumber?.Trim(), command.Actor);
    }
}

public static class FileReconsiderationHandler
{
    public static (UpdatedAggregate, ReconsiderationFiled) Handle(FileReconsideration command,
        [WriteAggregate(nameof(FileReconsideration.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context) =>
        (new(), FilingReconsiderationRules.Decide(application, command, context.For(application)));
}
