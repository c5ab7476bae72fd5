using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="RecordAnswerServed"/>: its summary and an example body.</summary>
public sealed class RecordAnswerServedEndpoint : StepEndpoint<RecordAnswerServed>
{
    public override string Description => "The answer letter was served";

    public override object Example => new { version = 2, method = "post", servedOn = "2024-11-22" };
}
