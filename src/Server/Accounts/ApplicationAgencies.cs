using System.Collections.Concurrent;

namespace Server.Accounts;

/// <summary>
/// The agency of every application this process has registered or loaded. An application's agency is fixed when it is
/// registered (no event changes it) and an application is never deleted, so what is remembered never goes stale; what
/// the user may see is still decided per request from the user's visible agencies. The step endpoints ask it whether
/// an application exists for the user (404, never 403) and may be acted on, instead of loading the case file again
/// (docs/adr/0033). Bounded: emptied when it reaches <see cref="Limit"/> entries (then it refills from loads).
/// </summary>
public sealed class ApplicationAgencies
{
    public const int Limit = 100_000;
    private readonly ConcurrentDictionary<Guid, string> agencies = new();

    public void Remember(Guid applicationId, string agencyCode)
    {
        if (agencies.Count >= Limit) agencies.Clear();
        agencies[applicationId] = agencyCode;
    }

    /// <summary>The application's agency, or null when this process has not seen the application.</summary>
    public string? AgencyOf(Guid applicationId) => agencies.TryGetValue(applicationId, out var agency) ? agency : null;
}
