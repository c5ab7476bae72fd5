using System.Collections.Concurrent;

namespace Workflow.Applications;

/// <summary>
/// A registration's turn at its book in this process, from the number's draw to the commit (docs/adr/0032). The book's
/// row lock already makes registrations at one book wait for each other, in every process; PostgreSQL does not queue
/// the waiters of a row lock fairly, though (at 8 clients of one agency one registration in a hundred waited 4-5 times
/// the median), so in this process they also queue here, first come first served, for exactly that short part.
/// Wolverine middleware (<see cref="RegistrationTurns"/>) creates the turn before the handler and ends it after the
/// commit or the failure; the handler takes it just before it draws.
/// </summary>
public sealed class RegistrationTurn
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Books = new(StringComparer.Ordinal);
    private SemaphoreSlim? taken;
    private bool asked;

    /// <summary>Waits for the turn at <paramref name="bookId"/> (once per registration).</summary>
    public async Task TakeAsync(string bookId, CancellationToken cancellation)
    {
        if (asked) throw new InvalidOperationException("A registration takes its turn once.");
        asked = true;
        var book = Books.GetOrAdd(bookId, _ => new SemaphoreSlim(1, 1));
        await book.WaitAsync(cancellation);
        taken = book;
    }

    /// <summary>Ends the turn, if it was taken; idempotent.</summary>
    public void End() => Interlocked.Exchange(ref taken, null)?.Release();
}

/// <summary>Wolverine middleware on <see cref="RegisterApplication"/>: a turn for the handler, ended after the commit or the failure.</summary>
public static class RegistrationTurns
{
    // The command parameter is the chain's message: with a parameterless Before, Wolverine did not apply the middleware.
    public static RegistrationTurn Before(RegisterApplication command) => new();

    // Runs in the finally block around the handler and its SaveChangesAsync.
    public static void Finally(RegistrationTurn turn) => turn.End();
}
