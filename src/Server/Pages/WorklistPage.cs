using JasperFx.Events;
using Marten;
using Projections.Cases;
using Server.Accounts;
using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;
using Workflow.Vocabulary;

namespace Server.Pages;

/// <summary>One open application with its clock, or the reason the clock could not be computed.</summary>
public sealed record WorklistRow(ApplicationFile File, ClockReading? Clock, string? ClockError)
{
    public bool IsOverdue => Clock?.IsOverdue == true;
    public bool IsDueSoon => Clock?.IsDueSoon == true;
}

/// <summary>
/// The open applications of the user's agencies with their clocks. Events of all the open streams are fetched in one
/// query and the clocks computed in memory (a few hundred open cases per office).
/// </summary>
public sealed class WorklistReader(IQuerySession session, ApplicationAccess access, DecisionContextSource today)
{
    public async Task<IReadOnlyList<WorklistRow>> OpenAsync(CancellationToken cancellation)
    {
        // Open, or answered and not yet served (答复待送达): the tables count an answer when it is served (A11).
        var files = await access.VisibleFiles()
            .Where(f => f.Status != ApplicationStatus.Closed || (f.Closure == ClosureKind.Answered && f.ServedOn == null))
            .ToListAsync(cancellation);
        if (files.Count == 0) return [];
        var ids = files.Select(f => f.Id).ToArray();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(ids))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellation);
        var histories = events.GroupBy(e => e.StreamId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<IApplicationEvent>)[.. g.Select(e => e.Data).OfType<IApplicationEvent>()]);
        var date = today.Today;
        return [.. files.Select(file => Read(file, histories.GetValueOrDefault(file.Id) ?? [], date))
            .OrderBy(r => r.Clock?.DueOn ?? DateOnly.MaxValue)
            .ThenBy(r => r.File.ReceivedOn)];
    }

    private WorklistRow Read(ApplicationFile file, IReadOnlyList<IApplicationEvent> history, DateOnly date)
    {
        try
        {
            return new WorklistRow(file, StatutoryClock.Compute(history, today.CalendarFor(file.AgencyCode), date), null);
        }
        catch (CalendarYearNotLoadedException exception)
        {
            return new WorklistRow(file, null, exception.ChineseMessage);
        }
    }
}
