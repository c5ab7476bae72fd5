using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="DecideReconsideration"/>: its summary and an example body.</summary>
public sealed class DecideReconsiderationEndpoint : StepEndpoint<DecideReconsideration>
{
    public override string Description => "A reconsideration was decided";

    public override object Example => new { version = 2, caseNumber = 1, decidedOn = "2024-11-28", decision = "upheld", summary = "维持原答复" };
}
