namespace Workflow.Applications;

// The commands staff, the portal and the importer send. Every command that changes an existing application carries
// the stream version the user saw (optimistic concurrency: a stale one is refused and appends nothing) and the actor,
// which the server sets from the signed-in user, never from a request body. Each command is declared in its step's
// folder under src/Workflow/Steps, beside its guard, its decision and its handler.

public interface IApplicationCommand
{
    Guid ApplicationId { get; }
    /// <summary>The version of the application the user saw.</summary>
    int Version { get; }
    string Actor { get; }
}
