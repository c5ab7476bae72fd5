using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="FileReconsideration"/>: its summary and an example body.</summary>
public sealed class FileReconsiderationEndpoint : StepEndpoint<FileReconsideration>
{
    public override string Description => "The applicant applied for administrative reconsideration";

    public override object Example => new { version = 1, filedOn = "2024-11-25", reviewBody = "毕节市人民政府", docketNumber = "毕府复〔2024〕3号" };
}
