using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="NoticeFee"/>: its summary and an example body.</summary>
public sealed class NoticeFeeEndpoint : StepEndpoint<NoticeFee>
{
    public override string Description => "Notice a fee under the 2020 rules; leave quantity out per application to have it counted";

    public override object Example => new { version = 1, noticedOn = "2024-11-08", method = "perPage", quantity = 120, confirmedAmount = (decimal?)null };
}
