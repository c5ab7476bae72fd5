using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="WithdrawApplication"/>: its summary and an example body.</summary>
public sealed class WithdrawApplicationEndpoint : StepEndpoint<WithdrawApplication>
{
    public override string Description => "The applicant withdrew; closes the application";

    public override object Example => new { version = 1, withdrawnOn = "2024-11-08", reason = "申请人来电撤回" };
}
