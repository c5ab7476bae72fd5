using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="SetArticle35DueDate"/>: its summary and an example body.</summary>
public sealed class SetArticle35DueDateEndpoint : StepEndpoint<SetArticle35DueDate>
{
    public override string Description => "Set a later reasonable due date for an excessive request (Art. 35)";

    public override object Example => new { version = 1, setOn = "2024-11-08", dueOn = "2025-03-31", reason = "申请数量、频次明显超过合理范围" };
}
