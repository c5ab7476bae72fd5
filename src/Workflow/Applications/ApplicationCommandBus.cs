using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Persistence;
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
/// The one door through which the web UI, the HTTP API, the importer and the notices send commands to Wolverine. It turns
/// every way a command can fail for the user's reasons into a <see cref="Refusal"/>: a rule or validation refusal from
/// the decision, a stale version (409) or an application that does not exist (404), reading only what Wolverine and
/// Marten already report (no second look at the stream). Anything else is a bug and propagates. Every command's text
/// passes the rule of <see cref="StrictJson"/> here, whoever built it (the API and the importer also check the payload
/// they read; a web form's command is checked only here). A refusal is logged in English, without the command's content
/// (it holds applicants' personal data).
/// </summary>
public sealed partial class ApplicationCommandBus(IMessageBus bus, ILogger<ApplicationCommandBus> logger)
{
    /// <summary>A deadline that needs a year the calendar does not have: the office must load that year's notice first.</summary>
    public static Refusal CalendarRefusal(CalendarYearNotLoadedException exception) =>
        Refusals.Rule("calendar.year-not-loaded", exception.ChineseMessage, exception.Message);

    public async Task<RegistrationOutcome> RegisterAsync(RegisterApplication command, CancellationToken cancellation = default)
    {
        var outcome = await TryRegisterAsync(command, cancellation);
        if (outcome.Refusal is not null) LogRefused(command, null, outcome.Refusal);
        return outcome;
    }

    private async Task<RegistrationOutcome> TryRegisterAsync(RegisterApplication command, CancellationToken cancellation)
    {
        if (StrictJson.CheckText(command, ApplicationSteps.Json) is { } textRefusal) return new(null, textRefusal);
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
        var outcome = await TrySendAsync(command, cancellation);
        if (outcome.Refusal is not null) LogRefused(command, command.ApplicationId, outcome.Refusal);
        return outcome;
    }

    private void LogRefused(object command, Guid? applicationId, Refusal refusal) =>
        logger.LogInformation("{Command} on application {ApplicationId} by {Actor} refused: {Code} ({Field}) {Detail}",
            command.GetType().Name, applicationId, (command as IApplicationCommand)?.Actor ?? (command as RegisterApplication)?.Actor,
            refusal.Code, refusal.Field, refusal.English);

    private async Task<CommandOutcome> TrySendAsync(IApplicationCommand command, CancellationToken cancellation)
    {
        if (StrictJson.CheckText(command, ApplicationSteps.Json) is { } textRefusal) return new(null, textRefusal);
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
        catch (RequiredDataMissingException)
        {
            // No such stream, and the command expected none (version 0): every handler's [WriteAggregate] throws then.
            return new(null, Refusals.NotFound());
        }
        catch (ConcurrencyException conflict)
        {
            return new(null, RefusalOf(conflict, command.Version));
        }
    }

    /// <summary>
    /// What a concurrency failure means. Marten's FetchForWriting reads the stream's version and refuses a different
    /// expected one with "Expected the existing version to be N, but was M": M = 0 is a stream that does not exist (a
    /// registered application has version 1 or more), any other M is the version someone else wrote. A failure at commit
    /// (two writers in the same instant: <see cref="EventStreamUnexpectedMaxEventIdException"/>) is a conflict whose
    /// current version is not known here.
    /// </summary>
    public static Refusal RefusalOf(ConcurrencyException conflict, int expected) =>
        conflict is not EventStreamUnexpectedMaxEventIdException && ActualVersion().Match(conflict.Message) is { Success: true } match
            ? int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) is var actual && actual == 0
                ? Refusals.NotFound()
                : Refusals.StaleVersion(expected, actual)
            : Refusals.Raced(expected);

    [System.Text.RegularExpressions.GeneratedRegex(@"but was (\d+)\b")]
    private static partial System.Text.RegularExpressions.Regex ActualVersion();
}
