using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="SendConsultation"/>: its summary and an example body.</summary>
public sealed class SendConsultationEndpoint : StepEndpoint<SendConsultation>
{
    public override string Description => "Consult a third party or another agency; the clock pauses";

    public override object Example => new { version = 1, party = "thirdParty", consultee = "某建设公司", sentOn = "2024-11-08" };
}
