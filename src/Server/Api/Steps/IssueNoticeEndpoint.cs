using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="IssueNotice"/>: its summary and an example body.</summary>
public sealed class IssueNoticeEndpoint : StepEndpoint<IssueNotice>
{
    public override string Description => "Issue a numbered notice to the applicant";

    public override object Example => new { version = 1, kind = "receiptAcknowledgement", issuedOn = "2024-11-05", sentBy = "post" };
}
