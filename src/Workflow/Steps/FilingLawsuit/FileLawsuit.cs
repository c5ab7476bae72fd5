using Wolverine.Marten;
using Wolverine.Persistence;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>登记行政诉讼: the applicant sued, directly or after a decided reconsideration (复议后起诉).</summary>
public sealed record FileLawsuit(Guid ApplicationId, int Version, DateOnly FiledOn, string Court, string? DocketNumber, int? AfterReconsideration, string Actor) : IApplicationCommand;

public sealed class FilingLawsuitRules : LifecycleStep<FileLawsuit>
{
    public override string Name => "lawsuit";

    public override int Order => 160;

    public override StepAuthority Authority => StepAuthority.CaseWork;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanFileLawsuit(state, context);

    /// <summary>Always possible, like a reconsideration: a suit may challenge any act or the silence of the office.</summary>
    public static Refusal? CanFileLawsuit(DisclosureApplication state, DecisionContext context) => null;

    public static LawsuitFiled Decide(DisclosureApplication state, FileLawsuit command, DecisionContext context)
    {
        Require(CanFileLawsuit(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.FiledOn, "filedOn", context);
        RequireText(command.Court, "受理法院", "court", MaxNameLength, "court");
        OptionalText(command.DocketNumber, "案号", "docket number", 128, "docketNumber");
        if (command.AfterReconsideration is { } caseNumber)
        {
            var review = state.Reconsiderations.FirstOrDefault(r => r.CaseNumber == caseNumber);
            if (review?.DecidedOn is null)
                Refuse(Refusals.Rule("lawsuit.reconsideration-not-decided", "“复议后起诉”须以已审结的行政复议为前提。",
                    "A lawsuit after reconsideration needs a decided reconsideration.", "afterReconsideration"));
            if (command.FiledOn < review!.DecidedOn!.Value)
                Refuse(Refusals.DateBefore("复议决定日期", "the reconsideration decision", command.FiledOn, review.DecidedOn.Value, "filedOn"));
        }
        return new LawsuitFiled(state.Id, state.Lawsuits.Length + 1, command.FiledOn, command.Court.Trim(), command.DocketNumber?.Trim(),
            command.AfterReconsideration, command.Actor);
    }
}

public static class FileLawsuitHandler
{
    public static (UpdatedAggregate, LawsuitFiled) Handle(FileLawsuit command,
        [WriteAggregate(nameof(FileLawsuit.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context) =>
        (new(), FilingLawsuitRules.Decide(application, command, context.For(application)));
}
