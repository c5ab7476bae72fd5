using JasperFx.Events;
using Marten;
using Marten.Internal;
using Projections.Cases;
using Server.Accounts;
using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;

namespace Server.Cases;

/// <summary>
/// A case as the case page and the API show it: the inline case file and the clock derived today — or, when the clock
/// needs a year the calendar does not have, no clock and the reason in Chinese and English.
/// </summary>
public sealed record CaseView(ApplicationFile File, ClockReading? Clock, string? ClockProblem = null, string? ClockProblemEnglish = null);

/// <summary>
/// Reads one case for a member of staff: 404 (null) for an application of an agency they may not see, so existence is
/// not leaked. The clock is computed from the stream's events and the calendar at read time, never stored.
/// </summary>
public sealed class CaseReader(IQuerySession session, DecisionContextSource today)
{
    public async Task<CaseView?> LoadAsync(Guid id, ICurrentStaff staff, CancellationToken cancellation)
    {
        var file = await session.LoadAsync<ApplicationFile>(id, cancellation);
        if (file is null || !staff.VisibleAgencies.Contains(file.AgencyCode)) return null;
        var history = await HistoryAsync(id, cancellation);
        try
        {
            return new CaseView(file, StatutoryClock.Compute(history, today.CalendarFor(file.AgencyCode), today.Today));
        }
        catch (CalendarYearNotLoadedException missingYear)
        {
            return new CaseView(file, null, missingYear.ChineseMessage, missingYear.Message);
        }
    }

    /// <summary>The write model the deciders and their guards see (null for no such stream).</summary>
    public async Task<IReadOnlyList<IApplicationEvent>> HistoryAsync(Guid id, CancellationToken cancellation) =>
        HistoryOf(await session.Events.FetchStreamAsync(id, token: cancellation));

    /// <summary>The history and the write model the deciders see, from one read of the stream.</summary>
    public async Task<(IReadOnlyList<IApplicationEvent> History, DisclosureApplication? State)> HistoryAndWriteModelAsync(Guid id,
        CancellationToken cancellation)
    {
        var events = await session.Events.FetchStreamAsync(id, token: cancellation);
        return (HistoryOf(events), await WriteModelOf(session, events, cancellation));
    }

    public static IReadOnlyList<IApplicationEvent> HistoryOf(IReadOnlyList<IEvent> events) =>
        [.. events.Select(e => e.Data).OfType<IApplicationEvent>()];

    /// <summary>
    /// The write model folded from events already read, by Marten's own live aggregation of
    /// <see cref="DisclosureApplication"/> (what <c>AggregateStreamAsync</c> does after reading the stream again).
    /// </summary>
    public static async Task<DisclosureApplication?> WriteModelOf(IQuerySession session, IReadOnlyList<IEvent> events,
        CancellationToken cancellation) =>
        events.Count == 0 ? null
            : await ((IMartenSession)session).Options.Projections.AggregatorFor<DisclosureApplication>()
                .BuildAsync(events, session, null, cancellation);
}
