using JasperFx;
using Marten;
using Wolverine;
using Workflow.Calendar;

namespace Workflow.Applications;

/// <summary>The result of sending a command: the application as it now stands, or why nothing happened.</summary>
public sealed record CommandOutcome(DisclosureApplication? Application, Refusal? Refusal)
{
    public bool Succeeded => Refusal is null;
}

public sealed record RegistrationOutcome(RegistrationResult? Result, Refusal? Refusal)
{
    public bool Succeeded => Refusal is null;
}

/// <summary>
/// The one door through which the web UI, the HTTP API and the importer send commands to Wolverine. It turns every
/// way a command can fail for the user's reasons into a <see cref="Refusal"/>: a rule or validation refusal from the
/// decision, a stale version (409) or an application that does not exist (404). Anything else is a bug and propagates.
/// </summary>
public sealed class ApplicationCommandBus(IMessageBus bus, IDocumentStore store)
{
    /// <summary>A deadline that needs a year the calendar does not have: the office must load that year's notice first.</summary>
    public static Refusal CalendarRefusal(CalendarYearNotLoadedException exception) =>
        Refusals.Rule("calendar.year-not-loaded", exception.ChineseMessage, exception.Message);

    public async Task<RegistrationOutcome> RegisterAsync(RegisterApplication command, CancellationToken cancellation = default)
    {
        try
        {
            return new(await bus.InvokeAsync<RegistrationResult>(command, cancellation), null);
        }
        catch (CommandRefusedException refused)
        {
            return new(null, refused.Refusal);
        }
        catch (Exception exception) when (IsContention(exception))
        {
            // Every retry of RegisterApplicationHandler lost the race: nothing was stored, the same request may be sent again.
            return new(null, Refusals.Busy());
        }
    }

    private static bool IsContention(Exception exception) => exception switch
    {
        ConcurrencyException or DocumentAlreadyExistsException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsContention),
        _ => false,
    };

    public async Task<CommandOutcome> SendAsync(IApplicationCommand command, CancellationToken cancellation = default)
    {
        try
        {
            return new(await bus.InvokeAsync<DisclosureApplication>(command, cancellation), null);
        }
        catch (CommandRefusedException refused)
        {
            return new(null, refused.Refusal);
        }
        catch (CalendarYearNotLoadedException missingYear)
        {
            return new(null, CalendarRefusal(missingYear));
        }
        catch (ConcurrencyException)
        {
            await using var session = store.QuerySession();
            var stream = await session.Events.FetchStreamStateAsync(command.ApplicationId, cancellation);
            return new(null, stream is null
                ? Refusals.NotFound()
                : Refusals.StaleVersion(command.Version, (int)stream.Version));
        }
    }
}
