using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="FileLawsuit"/>: its summary and an example body.</summary>
public sealed class FileLawsuitEndpoint : StepEndpoint<FileLawsuit>
{
    public override string Description => "The applicant sued (afterReconsideration: the decided reconsideration it follows)";

    public override object Example => new { version = 1, filedOn = "2024-11-25", court = "七星关区人民法院", docketNumber = (string?)null, afterReconsideration = (int?)null };
}
