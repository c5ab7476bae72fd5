using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="AnswerApplication"/>: its summary and an example body.</summary>
public sealed class AnswerApplicationEndpoint : StepEndpoint<AnswerApplication>
{
    public override string Description => "Answer: one result per requested item; closes the application";

    public override object Example => new { version = 1, answeredOn = "2024-11-20", items = new[] { new { itemNumber = 1, result = "disclosed", reason = (string?)null } }, chosenRow = (string?)null, replyDocumentNumber = "七政公开〔2024〕12号", serviceMethod = "post", servedOn = "2024-11-20" };
}
