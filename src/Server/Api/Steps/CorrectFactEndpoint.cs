using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="CorrectFact"/>: its summary and an example body.</summary>
public sealed class CorrectFactEndpoint : StepEndpoint<CorrectFact>
{
    public override string Description => "Correct a recorded fact; the old value stays in the record";

    public override object Example => new { version = 1, correctedOn = "2024-11-08", fact = "applicantName", newValue = "张三丰", reason = "登记时录入错误" };
}
