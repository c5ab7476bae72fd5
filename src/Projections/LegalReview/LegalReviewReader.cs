using JasperFx.Events;
using Marten;
using Projections.Annual;
using Projections.Cases;
using Projections.Integrity;
using Projections.Tables;
using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;

namespace Projections.LegalReview;

/// <summary>The findings of one application.</summary>
public sealed record CaseFindings(Guid ApplicationId, string RegistrationNumber, DateTimeOffset? AsOf, IReadOnlyList<ComplianceFinding> Findings);

/// <summary>
/// A case as it stood at <see cref="AsOf"/>: only events recorded by then (Marten timestamps, not business dates) are
/// folded, and the clock is read on the China date of that moment (docs/adr/0011).
/// </summary>
public sealed record CaseAsOf(DateTimeOffset AsOf, DateOnly AsOfDate, int EventsKnown, ApplicationFile File, ClockReading? Clock, string? ClockProblem);

/// <summary>A year's tables as they stood at <see cref="AsOf"/>: every event recorded by then, replayed.</summary>
public sealed record AnnualTablesAsOf(string TableId, int Year, DateTimeOffset AsOf, int EventsReplayed, int Applications, AnnualTables Tables)
{
    public RenderedReport Render(string agencyName, string? layoutCode = null) =>
        RenderedReport.Build(layoutCode is null ? TableLayouts.ForYear(Year) : TableLayouts.ByCode(layoutCode), agencyName, Year,
            Tables.Disclosure, Tables.Reviews);
}

/// <summary>Everything the printed case file for a court contains.</summary>
public sealed record CaseFileDossier(
    ApplicationFile File, CaseHistory History, ClockReading? Clock, IReadOnlyList<ComplianceFinding> Findings,
    IntegrityReport Integrity, DateTimeOffset GeneratedAt, string GeneratedBy);

/// <summary>
/// 法律审查: the history, findings, as-of views and case-file dossier of applications, for legal counsel preparing for
/// 行政复议 or 行政诉讼. Every method takes the agencies the caller may see and answers null for any other application,
/// so existence is not leaked.
/// </summary>
public sealed class LegalReviewReader(IQuerySession session, CalendarInForce calendars, IntegrityVerifier integrity, TimeProvider time)
{
    /// <summary>The calendar of the application's agency in force now, or as it stood at <paramref name="asOf"/> (ADR 0018).</summary>
    private WorkdayCalendar CalendarAt(IReadOnlyList<RecordedEvent> events, DateTimeOffset? asOf)
    {
        var agency = events.Select(e => e.Event).OfType<ApplicationReceived>().FirstOrDefault()?.AgencyCode;
        return asOf is { } moment ? calendars.AsOf(moment, agency) : calendars.For(agency);
    }

    /// <summary>The history, each step's clock under the calendar as it stood when the step was recorded.</summary>
    private CaseHistory Build(IReadOnlyList<RecordedEvent> events, DateTimeOffset? asOf)
    {
        var agency = events.Select(e => e.Event).OfType<ApplicationReceived>().FirstOrDefault()?.AgencyCode;
        return CaseHistoryBuilder.Build(events, moment => calendars.AsOf(moment, agency), CalendarAt(events, asOf), asOf);
    }

    /// <summary>The stream's events recorded up to <paramref name="asOf"/> (all if null), or null if not visible.</summary>
    public async Task<IReadOnlyList<RecordedEvent>?> EventsAsync(Guid id, IReadOnlySet<string> visibleAgencies, DateTimeOffset? asOf = null,
        CancellationToken cancellation = default)
    {
        var all = await session.Events.FetchStreamAsync(id, token: cancellation);
        if (all.Count == 0 || all[0].Data is not ApplicationReceived received || !visibleAgencies.Contains(received.AgencyCode)) return null;
        return [.. all.Where(e => asOf is null || e.Timestamp <= asOf).Select(ToRecorded)];
    }

    public async Task<CaseHistory?> HistoryAsync(Guid id, IReadOnlySet<string> visibleAgencies, DateTimeOffset? asOf = null,
        CancellationToken cancellation = default)
    {
        var events = await EventsAsync(id, visibleAgencies, asOf, cancellation);
        return events is null || events.Count == 0 ? null : Build(events, asOf);
    }

    public async Task<CaseFindings?> FindingsAsync(Guid id, IReadOnlySet<string> visibleAgencies, DateTimeOffset? asOf = null,
        CancellationToken cancellation = default)
    {
        var events = await EventsAsync(id, visibleAgencies, asOf, cancellation);
        if (events is null || events.Count == 0) return null;
        return new CaseFindings(id, ((ApplicationReceived)events[0].Event).RegistrationNumber, asOf, ComplianceReview.Review(events, CalendarAt(events, asOf)));
    }

    /// <summary>The case as it stood at <paramref name="asOf"/>; null if not visible or not yet registered then.</summary>
    public async Task<CaseAsOf?> CaseAsOfAsync(Guid id, IReadOnlySet<string> visibleAgencies, DateTimeOffset asOf,
        CancellationToken cancellation = default)
    {
        var events = await EventsAsync(id, visibleAgencies, asOf, cancellation);
        if (events is null || events.Count == 0) return null;
        var file = await session.Events.AggregateStreamAsync<ApplicationFile>(id, timestamp: asOf.ToUniversalTime(), token: cancellation);
        if (file is null) return null;
        var asOfDate = ChinaDate(asOf);
        ClockReading? clock = null;
        string? problem = null;
        try
        {
            clock = StatutoryClock.Compute([.. events.Select(e => e.Event)], CalendarAt(events, asOf), asOfDate);
        }
        catch (CalendarYearNotLoadedException exception)
        {
            problem = exception.ChineseMessage; // shown to legal counsel as it is: Chinese, like every clock problem
        }
        catch (ArgumentException)
        {
            problem = "日期超出工作日历可计算的范围（1902年至2100年）";
        }
        return new CaseAsOf(asOf, asOfDate, events.Count, file, clock, problem);
    }

    /// <summary>
    /// A year's tables for some agencies as they stood at <paramref name="asOf"/>: every event recorded by then is folded
    /// by <see cref="ApplicationStatistics"/> and the flows rebuilt in memory, exactly as the async projection would have.
    /// </summary>
    public async Task<AnnualTablesAsOf> AnnualTablesAsOfAsync(IReadOnlyCollection<string> agencyCodes, int year, DateTimeOffset asOf,
        CancellationToken cancellation = default)
    {
        if (agencyCodes.Count == 0) throw new ArgumentException("At least one agency is needed.", nameof(agencyCodes));
        var codes = agencyCodes.ToArray();
        var until = asOf.ToUniversalTime(); // Npgsql writes timestamptz parameters in UTC only
        var asOfCalendar = calendars.Book.AsOf(asOf); // the calendar as it stood then decides answer timeliness (ADR 0018)
        // The agency of an application never changes (it is not a correctable fact), so today's case files name the streams.
        var ids = (await session.Query<ApplicationFile>().Where(f => codes.Contains(f.AgencyCode)).Select(f => f.Id).ToListAsync(cancellation)).ToArray();
        var events = ids.Length == 0 ? [] : await session.Events.QueryAllRawEvents()
            .Where(e => ids.Contains(e.StreamId) && e.Timestamp <= until)
            .ToListAsync(cancellation);
        var statistics = events
            .GroupBy(e => e.StreamId)
            .Select(stream => ApplicationStatistics.FoldAll([.. stream.OrderBy(e => e.Version).Select(e => e.Data).OfType<IApplicationEvent>()], asOfCalendar))
            .OfType<ApplicationStatistics>()
            .ToList();
        var flows = AnnualContribution.FromStatistics(statistics);
        var tables = AnnualTableBuilder.Build(AnnualTableBuilder.TableId(agencyCodes), year, flows.Values);
        return new AnnualTablesAsOf(AnnualTableBuilder.TableId(agencyCodes), year, asOf, events.Count, statistics.Count, tables);
    }

    /// <summary>The printable case file: facts, history with the clock, findings and the chain check of this stream.</summary>
    public async Task<CaseFileDossier?> DossierAsync(Guid id, IReadOnlySet<string> visibleAgencies, string generatedBy,
        CancellationToken cancellation = default)
    {
        var events = await EventsAsync(id, visibleAgencies, null, cancellation);
        if (events is null || events.Count == 0) return null;
        var file = await session.LoadAsync<ApplicationFile>(id, cancellation)
            ?? await session.Events.AggregateStreamAsync<ApplicationFile>(id, token: cancellation);
        var history = Build(events, null);
        var calendar = CalendarAt(events, null);
        ClockReading? clock = null;
        try
        {
            clock = StatutoryClock.Compute([.. events.Select(e => e.Event)], calendar, ChinaDate(time.GetUtcNow()));
        }
        catch (CalendarYearNotLoadedException)
        {
        }
        var report = await integrity.VerifyStreamAsync(id, cancellation);
        return new CaseFileDossier(file!, history, clock, ComplianceReview.Review(events, calendar), report, time.GetUtcNow(), generatedBy);
    }

    public static DateOnly ChinaDate(DateTimeOffset moment) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, DecisionContextSource.ChinaStandardTime).DateTime);

    private static RecordedEvent ToRecorded(IEvent e) =>
        new((int)e.Version - 1, e.Version, e.Id, e.EventTypeName, (IApplicationEvent)e.Data, e.Timestamp);
}
