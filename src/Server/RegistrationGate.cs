using System.Collections.Concurrent;
using Workflow.Applications;

namespace Server;

/// <summary>
/// Wolverine middleware on <see cref="RegisterApplication"/>: in this process, registrations at one agency and year take
/// their turn, one at a time, from loading the <see cref="RegistrationBook"/> to the commit (docs/adr/0025).
///
/// The book's optimistic concurrency (docs/adr/0021) stays the rule that makes numbers unique and gap-free, also
/// between processes (the app and an <c>import</c> at once). Without the turn, eight clerks or an import's parallel
/// cases at one agency all load the same book, one commits and seven roll back and retry after a jittered cooldown of
/// up to half a second, which is where the API's p99 went. With it, a loser is only ever another process's.
/// </summary>
public static class RegistrationGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Turns = new(StringComparer.Ordinal);

    public static async Task<RegistrationTurn> BeforeAsync(RegisterApplication command, CancellationToken cancellation)
    {
        var book = RegistrationBook.IdFor((command.AgencyCode ?? "").Trim(), command.ReceivedOn.Year);
        var turn = Turns.GetOrAdd(book, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellation);
        return new RegistrationTurn(turn);
    }

    // Runs in the finally block around the handler and its SaveChangesAsync: the turn ends after the commit or the failure.
    public static void Finally(RegistrationTurn turn) => turn.End();
}

/// <summary>A registration's turn at its book; ended exactly once.</summary>
public sealed class RegistrationTurn(SemaphoreSlim turn)
{
    private int ended;

    public void End()
    {
        if (Interlocked.Exchange(ref ended, 1) == 0) turn.Release();
    }
}
