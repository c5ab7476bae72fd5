using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="DecideLawsuit"/>: its summary and an example body.</summary>
public sealed class DecideLawsuitEndpoint : StepEndpoint<DecideLawsuit>
{
    public override string Description => "A lawsuit was decided";

    public override object Example => new { version = 2, caseNumber = 1, decidedOn = "2024-11-29", decision = "revoked", summary = (string?)null };
}
