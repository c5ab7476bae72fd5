using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="RecordConsultationReply"/>: its summary and an example body.</summary>
public sealed class RecordConsultationReplyEndpoint : StepEndpoint<RecordConsultationReply>
{
    public override string Description => "The consulted party replied";

    public override object Example => new { version = 2, consultationNumber = 1, repliedOn = "2024-11-15", consentsToDisclosure = false, summary = "不同意公开" };
}
