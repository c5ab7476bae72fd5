using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="RecordFeeLapsed"/>: its summary and an example body.</summary>
public sealed class RecordFeeLapsedEndpoint : StepEndpoint<RecordFeeLapsed>
{
    public override string Description => "The payment period ended unpaid; closes the application";

    public override object Example => new { version = 2, lapsedOn = "2024-12-10" };
}
