using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="ExtendReply"/>: its summary and an example body.</summary>
public sealed class ExtendReplyEndpoint : StepEndpoint<ExtendReply>
{
    public override string Description => "Extend the reply period once, approved by the head of the office (Art. 33)";

    public override object Example => new { version = 1, extendedOn = "2024-11-20", workingDays = 20, approvedBy = "办公室主任李四", reason = "需调取档案" };
}
