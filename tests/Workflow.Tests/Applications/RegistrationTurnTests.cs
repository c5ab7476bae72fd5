using Workflow.Applications;

namespace Workflow.Tests.Applications;

/// <summary><see cref="RegistrationTurn"/>: registrations at one book queue in the process from the draw to the commit (ADR 0032).</summary>
public sealed class RegistrationTurnTests
{
    [Fact]
    public async Task a_second_registration_at_the_same_book_waits_until_the_first_ends_and_others_do_not_wait()
    {
        var book = $"turn-test:{Guid.NewGuid():N}";
        var first = RegistrationTurns.Before(null!);
        await first.TakeAsync(book, CancellationToken.None);

        var second = RegistrationTurns.Before(null!);
        var waiting = second.TakeAsync(book, CancellationToken.None);
        var elsewhere = RegistrationTurns.Before(null!);
        await elsewhere.TakeAsync(book + ":other", CancellationToken.None); // another book: no wait

        await Task.Delay(50);
        waiting.IsCompleted.Should().BeFalse("the first registration has not committed yet");
        RegistrationTurns.Finally(first);
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        RegistrationTurns.Finally(second);
        RegistrationTurns.Finally(elsewhere);
    }

    [Fact]
    public async Task ending_is_idempotent_and_a_turn_never_taken_ends_quietly()
    {
        var book = $"turn-test:{Guid.NewGuid():N}";
        var untaken = RegistrationTurns.Before(null!);
        RegistrationTurns.Finally(untaken); // a refusal before the draw

        var turn = RegistrationTurns.Before(null!);
        await turn.TakeAsync(book, CancellationToken.None);
        RegistrationTurns.Finally(turn);
        RegistrationTurns.Finally(turn); // ended twice: released once

        var next = RegistrationTurns.Before(null!);
        var another = RegistrationTurns.Before(null!);
        await next.TakeAsync(book, CancellationToken.None);
        var waiting = another.TakeAsync(book, CancellationToken.None);
        await Task.Delay(50);
        waiting.IsCompleted.Should().BeFalse("a double end must not have released the book twice");
        RegistrationTurns.Finally(next);
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        RegistrationTurns.Finally(another);
        await turn.Invoking(t => t.TakeAsync(book, CancellationToken.None)).Should().ThrowAsync<InvalidOperationException>()
            .Where(e => e.Message.Contains("once", StringComparison.Ordinal), "a turn is taken once, even after it ended");
    }
}
