using Marten;
using Workflow.Calendar;

namespace Server.Calendar;

/// <summary>Loads the recorded calendar changes when the host starts, so the first request already uses the calendar in force.</summary>
public sealed class CalendarLoader(IDocumentStore store, CalendarInForce calendars) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => calendars.RefreshAsync(store, force: true, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
