using Workflow.Applications;

namespace Server.Api.Steps;

/// <summary><c>POST /api/applications/{id}/{step}</c> for <see cref="AssignTopics"/>: its summary and an example body.</summary>
public sealed class AssignTopicsEndpoint : StepEndpoint<AssignTopics>
{
    public override string Description => "Set the application's topics (the full set; empty clears them)";

    public override object Example => new { version = 1, assignedOn = "2024-11-08", topics = new[] { "教育" } };
}
