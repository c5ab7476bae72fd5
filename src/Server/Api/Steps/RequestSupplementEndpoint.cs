using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="RequestSupplement"/>: its summary and an example body.</summary>
public sealed class RequestSupplementEndpoint : StepEndpoint<RequestSupplement>
{
    public override string Description => "Ask the applicant to complete the application once (Art. 30)";

    public override object Example => new { version = 1, requestedOn = "2024-11-06", deadline = "2024-11-20", whatToSupplement = "请明确所需信息的文号或者制作年份" };
}
