using Marten;
using Wolverine.Marten;
using Wolverine.Persistence;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>第三十五条: for requests clearly beyond a reasonable number or frequency, the office sets a later reasonable due date.</summary>
public sealed record SetArticle35DueDate(Guid ApplicationId, int Version, DateOnly SetOn, DateOnly DueOn, string Reason, string Actor) : IApplicationCommand;

public sealed class SettingArticle35DueDateRules : LifecycleStep<SetArticle35DueDate>
{
    public override string Name => "article35-due-date";

    public override int Order => 50;

    public override StepAuthority Authority => StepAuthority.OfficeDecision;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanSetArticle35DueDate(state, context);

    public static Refusal? CanSetArticle35DueDate(DisclosureApplication state, DecisionContext context) => Open(state);

    /// <param name="computedDueOn">The due date the statutory clock computes as of <c>command.SetOn</c> (null while a
    /// 补正 is awaited): Art. 35 allows a reasonable LATER date (A8), never an earlier one.</param>
    public static DueDateSetUnderArticle35 Decide(DisclosureApplication state, SetArticle35DueDate command, DecisionContext context,
        DateOnly? computedDueOn)
    {
        Require(CanSetArticle35DueDate(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.SetOn, "setOn", context);
        if (command.DueOn <= command.SetOn)
            Refuse(Refusals.Invalid("article35.due-not-after-set", "第三十五条确定的答复期限应晚于告知日期。",
                "The Art. 35 due date must be after the date it is set.", "dueOn"));
        RequireCountable(command.DueOn, "第三十五条确定的答复期限", "Art. 35 due date", "dueOn", context);
        if (computedDueOn is { } computed && command.DueOn <= computed)
            Refuse(Refusals.Rule("article35.not-later-than-computed",
                $"第三十五条只允许确定更长的合理答复期限：{command.DueOn:yyyy-MM-dd} 不晚于依法计算的答复期限届满日 {computed:yyyy-MM-dd}，不能据此提前或维持原期限。",
                $"Art. 35 only allows a later due date: {command.DueOn:yyyy-MM-dd} is not after the computed due date {computed:yyyy-MM-dd}.", "dueOn"));
        RequireText(command.Reason, "理由", "reason", MaxTextLength, "reason");
        return new DueDateSetUnderArticle35(state.Id, command.SetOn, command.DueOn, command.Reason.Trim(), command.Actor);
    }
}

public static class SetArticle35DueDateHandler
{
    public static async Task<(UpdatedAggregate, DueDateSetUnderArticle35)> Handle(SetArticle35DueDate command,
        [WriteAggregate(nameof(SetArticle35DueDate.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context,
        IDocumentSession session, CancellationToken cancellation)
    {
        // The decision compares with the due date the clock computes on the day the Art. 35 date is set (A8).
        var history = await session.Events.FetchStreamAsync(application.Id, token: cancellation);
        return (new(), Decide(application, command, history.Select(e => e.Data).OfType<IApplicationEvent>().ToList(), context));
    }

    /// <summary>The decision once the stream's history is read (the block importer calls it too: docs/adr/0029).</summary>
    public static DueDateSetUnderArticle35 Decide(DisclosureApplication application, SetArticle35DueDate command,
        IReadOnlyList<IApplicationEvent> history, DecisionContextSource context)
    {
        var computedDueOn = ReplyPeriod.ComputedDueOn(history, context.CalendarFor(application.AgencyCode), command.SetOn);
        return SettingArticle35DueDateRules.Decide(application, command, context.For(application), computedDueOn);
    }
}
