using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="AddNote"/>: its summary and an example body.</summary>
public sealed class AddNoteEndpoint : StepEndpoint<AddNote>
{
    public override string Description => "Add a note to the record";

    public override object Example => new { version = 1, notedOn = "2024-11-08", text = "申请人来电询问进度" };
}
