using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="RecordSupplementLapsed"/>: its summary and an example body.</summary>
public sealed class RecordSupplementLapsedEndpoint : StepEndpoint<RecordSupplementLapsed>
{
    public override string Description => "The supplement deadline passed without a supplement; closes the application";

    public override object Example => new { version = 2, lapsedOn = "2024-11-21" };
}
