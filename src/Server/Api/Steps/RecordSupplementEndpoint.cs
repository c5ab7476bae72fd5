using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="RecordSupplement"/>: its summary and an example body.</summary>
public sealed class RecordSupplementEndpoint : StepEndpoint<RecordSupplement>
{
    public override string Description => "The supplement arrived; the reply period restarts";

    public override object Example => new { version = 2, receivedOn = "2024-11-12", summary = "申请人补充了文号" };
}
