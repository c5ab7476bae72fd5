using Wolverine.Marten;
using Wolverine.Persistence;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>备注: a note on the record (a phone call, a visit); changes nothing else.</summary>
public sealed record AddNote(Guid ApplicationId, int Version, DateOnly NotedOn, string Text, string Actor) : IApplicationCommand;

public sealed class NotingRules : LifecycleStep<AddNote>
{
    public override string Name => "note";

    public override int Order => 200;

    public override StepAuthority Authority => StepAuthority.CaseWork;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanAddNote(state, context);

    /// <summary>Always possible, open or closed.</summary>
    public static Refusal? CanAddNote(DisclosureApplication state, DecisionContext context) => null;

    public static NoteAdded Decide(DisclosureApplication state, AddNote command, DecisionContext context)
    {
        Require(CanAddNote(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.NotedOn, "notedOn", context);
        RequireText(command.Text, "备注", "note", MaxTextLength, "text");
        return new NoteAdded(state.Id, command.NotedOn, command.Text.Trim(), command.Actor);
    }
}

public static class AddNoteHandler
{
    public static (UpdatedAggregate, NoteAdded) Handle(AddNote command,
        [WriteAggregate(nameof(AddNote.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context) =>
        (new(), NotingRules.Decide(application, command, context.For(application)));
}
