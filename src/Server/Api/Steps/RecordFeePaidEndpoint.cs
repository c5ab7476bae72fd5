using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="RecordFeePaid"/>: its summary and an example body.</summary>
public sealed class RecordFeePaidEndpoint : StepEndpoint<RecordFeePaid>
{
    public override string Description => "The applicant paid the fee";

    public override object Example => new { version = 2, paidOn = "2024-11-12", amount = 1100 };
}
