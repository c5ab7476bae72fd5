using System.Linq.Expressions;
using JasperFx.Events;
using Marten;
using Projections.Cases;
using Server.Accounts;
using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;

namespace Server.Pages;

/// <summary>One application on the worklist with its clock today, or the reason the clock could not be computed.</summary>
public sealed record WorklistRow(ApplicationFile File, ClockReading? Clock, string? ClockError)
{
    public bool IsOverdue => Clock?.IsOverdue == true;
    public bool IsDueSoon => Clock?.IsDueSoon == true;
}

/// <summary>The four counts above 待办 and the home page, counted in the database.</summary>
public sealed record WorklistTally(int InProgress, int AwaitingService, int DueSoon, int Overdue);

/// <summary>One page of 待办: its rows, how many match the filter in all, and the counts of the whole worklist.</summary>
public sealed record WorklistPageOfRows(IReadOnlyList<WorklistRow> Rows, int Matching, int Page, int PageSize, WorklistTally Counts,
    int OnWorklist, IReadOnlyList<string> Handlers)
{
    public int PageCount => Math.Max(1, (Matching + PageSize - 1) / PageSize);
}

/// <summary>
/// 待办 of the user's agencies from the stored <see cref="WorklistEntry"/> rows (docs/adr/0030): the database filters,
/// counts, sorts (unknown due dates first, then by due date) and pages; only the rows of the page are read further, and
/// their clocks computed today from their events by <see cref="StatutoryClock"/>, as the case page does.
/// "Overdue", "due soon" and "paused" are decided from the stored dates and today (<see cref="WorklistClockFilters"/>).
/// </summary>
public sealed class WorklistReader(IQuerySession session, ICurrentStaff staff, DecisionContextSource today)
{
    public const int PageSize = 50;

    // The agency sets whose rows this process has checked for applications older than the projection (docs/adr/0030).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Backfilled = new();

    /// <summary>Makes the next read of each agency set look again for applications without a row (after a restore, in tests).</summary>
    public static void CheckAgainForMissingRows() => Backfilled.Clear();

    private async Task BackfillOnceAsync(string[] visible, CancellationToken cancellation)
    {
        var key = string.Join(",", visible.Order(StringComparer.Ordinal));
        if (Backfilled.ContainsKey(key)) return;
        try
        {
            await WorklistProjection.BackfillAsync(session.DocumentStore, visible, today.CalendarFor, cancellation);
        }
        catch (JasperFx.DocumentAlreadyExistsException)
        {
            // Another request (or a command) created one of the rows meanwhile: it is there either way; check again next time.
            return;
        }
        Backfilled[key] = true;
    }

    /// <summary>One page of the rows matching <paramref name="filter"/> (1-based; past the last page reads the last).</summary>
    public async Task<WorklistPageOfRows> PageAsync(Server.Components.Worklist.WorklistFilter filter, int page, CancellationToken cancellation)
    {
        var visible = Visible();
        await BackfillOnceAsync(visible, cancellation);
        var clock = WorklistClockFilters.For(today.Today, visible, today.CalendarFor);
        var matching = Entries(visible).Where(filter.Predicate(clock));

        var batch = session.CreateBatchQuery();
        var counts = CountsIn(batch, clock);
        var matchingCount = batch.Query<WorklistEntry>().Where(Agencies(visible)).Where(filter.Predicate(clock)).Count();
        await batch.Execute(cancellation);
        var handlers = await Entries(visible).Where(e => e.Handler != null).Select(e => e.Handler!).Distinct().ToListAsync(cancellation);
        var total = (int)await matchingCount;
        int pageCount = Math.Max(1, (int)((total + PageSize - 1) / PageSize));
        page = Math.Clamp(page, 1, pageCount);
        var entries = await Ordered(matching).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellation);
        var rows = await RowsAsync(entries, cancellation);
        var (inProgress, awaiting, dueSoon, overdue) = (await counts.InProgress, await counts.AwaitingService, await counts.DueSoon, await counts.Overdue);
        return new WorklistPageOfRows(rows, total, page, PageSize, new WorklistTally(inProgress, awaiting, dueSoon, overdue),
            inProgress + awaiting, [.. handlers.Distinct().Order(StringComparer.Ordinal)]);
    }

    /// <summary>The home page: the counts and the <paramref name="count"/> most urgent rows (clock unknown, overdue or due soon).</summary>
    public async Task<(WorklistTally Counts, IReadOnlyList<WorklistRow> Urgent)> UrgentAsync(int count, CancellationToken cancellation)
    {
        var visible = Visible();
        await BackfillOnceAsync(visible, cancellation);
        var clock = WorklistClockFilters.For(today.Today, visible, today.CalendarFor);
        var batch = session.CreateBatchQuery();
        var counts = CountsIn(batch, clock);
        var urgent = batch.Query<WorklistEntry>().Where(Agencies(visible))
            .Where(WorklistClockFilters.Or(e => e.ClockKnown == 0, WorklistClockFilters.Or(clock.Overdue, clock.DueSoon)))
            .OrderBy(e => e.ClockKnown).ThenBy(e => e.SortDueOn).ThenBy(e => e.ReceivedOn).ThenBy(e => e.RegistrationNumber)
            .Take(count).ToList();
        await batch.Execute(cancellation);
        var rows = await RowsAsync(await urgent, cancellation);
        return (new WorklistTally(await counts.InProgress, await counts.AwaitingService, await counts.DueSoon, await counts.Overdue),
            [.. rows.Where(r => r.IsOverdue || r.IsDueSoon || r.ClockError is not null)]);
    }

    /// <summary>The urgency order: rows whose clock could not be computed first, then by due date (none last), receipt, number.</summary>
    public static IQueryable<WorklistEntry> Ordered(IQueryable<WorklistEntry> entries) =>
        entries.OrderBy(e => e.ClockKnown).ThenBy(e => e.SortDueOn).ThenBy(e => e.ReceivedOn).ThenBy(e => e.RegistrationNumber);

    private string[] Visible() => staff.IsSignedIn ? [.. staff.VisibleAgencies] : [];

    private IQueryable<WorklistEntry> Entries(string[] visible) => session.Query<WorklistEntry>().Where(Agencies(visible));

    /// <summary>
    /// The rows of <paramref name="visible"/>. One agency (a clerk's usual view) is an equality, not <c>= ANY(array)</c>:
    /// PostgreSQL then reads a page as a range of the urgency index in its order; with <c>ANY</c> it sorts every row of
    /// the agency first (measured on 10,000 rows: 1 ms against 16 ms for the first page, 20 ms against 110 ms for page 100).
    /// </summary>
    public static Expression<Func<WorklistEntry, bool>> Agencies(string[] visible)
    {
        if (visible.Length == 1)
        {
            var agency = visible[0];
            return e => e.AgencyCode == agency;
        }
        return e => e.AgencyCode.IsOneOf(visible);
    }

    private static (Task<int> InProgress, Task<int> AwaitingService, Task<int> DueSoon, Task<int> Overdue) CountsIn(
        Marten.Services.BatchQuerying.IBatchedQuery batch, WorklistClockFilters clock)
    {
        var visible = Agencies(clock.Agencies);
        return (
            Count(batch.Query<WorklistEntry>().Where(visible).Where(e => !e.AwaitingService)),
            Count(batch.Query<WorklistEntry>().Where(visible).Where(e => e.AwaitingService)),
            Count(batch.Query<WorklistEntry>().Where(visible).Where(clock.DueSoon)),
            Count(batch.Query<WorklistEntry>().Where(visible).Where(clock.Overdue)));
    }

    private static async Task<int> Count(Marten.Services.BatchQuerying.IBatchedQueryable<WorklistEntry> query) => (int)await query.Count();

    /// <summary>The page's rows: their case files and events in two queries, the clock of each computed today.</summary>
    private async Task<IReadOnlyList<WorklistRow>> RowsAsync(IReadOnlyList<WorklistEntry> entries, CancellationToken cancellation)
    {
        if (entries.Count == 0) return [];
        var ids = entries.Select(e => e.Id).ToArray();
        var batch = session.CreateBatchQuery();
        var files = batch.LoadMany<ApplicationFile>().ById(ids);
        await batch.Execute(cancellation);
        var byId = (await files).ToDictionary(f => f.Id);
        var streams = await Projections.WholeStreams.ReadAllAsync(session, ids, cancellation);
        var date = today.Today;
        return [.. entries.Where(e => byId.ContainsKey(e.Id))
            .Select(e => Read(byId[e.Id], Server.Cases.CaseReader.HistoryOf(streams[e.Id]), date))];
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

/// <summary>
/// "Overdue", "due soon" and "paused" today, as database predicates over the stored due dates (docs/adr/0030). A running
/// clock is overdue when today is after its due date, and due soon when at most
/// <see cref="StatutoryClock.DueSoonWorkingDays"/> working days are left, i.e. its due date falls before the sixth working
/// day after today (of the agency's calendar); a stopped clock keeps what it was when stored (its days left do not change
/// while it stands), until the day a consultation's reply period ends and it runs again by itself.
/// </summary>
public sealed class WorklistClockFilters
{
    private WorklistClockFilters(string[] agencies, Expression<Func<WorklistEntry, bool>> overdue,
        Expression<Func<WorklistEntry, bool>> dueSoon, Expression<Func<WorklistEntry, bool>> paused)
    {
        Agencies = agencies;
        Overdue = overdue;
        DueSoon = dueSoon;
        Paused = paused;
    }

    public string[] Agencies { get; }
    public Expression<Func<WorklistEntry, bool>> Overdue { get; }
    public Expression<Func<WorklistEntry, bool>> DueSoon { get; }
    public Expression<Func<WorklistEntry, bool>> Paused { get; }

    /// <summary>The predicates for <paramref name="today"/>, with each agency's own working days.</summary>
    public static WorklistClockFilters For(DateOnly today, string[] agencies, Func<string?, WorkdayCalendar> calendarFor)
    {
        var t = today;
        Expression<Func<WorklistEntry, bool>> overdue = e =>
            (e.RunningDueOn != null && (e.RunsFrom == null || e.RunsFrom <= t) && e.RunningDueOn < t)
            || (e.ClockStatus == ClockStatus.Paused && (e.RunsFrom == null || e.RunsFrom > t) && e.PausedOverdue);
        Expression<Func<WorklistEntry, bool>> paused = e => e.ClockStatus == ClockStatus.Paused && (e.RunsFrom == null || e.RunsFrom > t);
        // The sixth working day after today depends on the agency's calendar (local days off): one predicate per calendar.
        // Every query these filters join already keeps to the visible agencies: with one calendar for all of them (the
        // usual case) the agency test is left out, so the filter adds no `= ANY(array)` that would hide the urgency index.
        Expression<Func<WorklistEntry, bool>>? dueSoon = null;
        var groups = agencies.GroupBy(a => SixthWorkingDayAfter(calendarFor(a), today)).ToList();
        foreach (var group in groups)
        {
            var codes = group.ToArray();
            var limit = group.Key;
            Expression<Func<WorklistEntry, bool>> soon = e =>
                (e.RunningDueOn != null && (e.RunsFrom == null || e.RunsFrom <= t) && e.RunningDueOn >= t && e.RunningDueOn < limit)
                || (e.ClockStatus == ClockStatus.Paused && (e.RunsFrom == null || e.RunsFrom > t) && e.PausedDueSoon);
            var part = groups.Count == 1 ? soon : And(e => e.AgencyCode.IsOneOf(codes), soon);
            dueSoon = dueSoon is null ? part : Or(dueSoon, part);
        }
        return new WorklistClockFilters(agencies, overdue, dueSoon ?? (e => false), paused);
    }

    /// <summary>
    /// The first date with more than <see cref="StatutoryClock.DueSoonWorkingDays"/> working days left from
    /// <paramref name="today"/>; DateOnly.MaxValue when the calendar cannot count that far.
    /// </summary>
    private static DateOnly SixthWorkingDayAfter(WorkdayCalendar calendar, DateOnly today)
    {
        try
        {
            return calendar.AddWorkingDays(today, StatutoryClock.DueSoonWorkingDays + 1);
        }
        catch (CalendarYearNotLoadedException)
        {
            return DateOnly.MaxValue;
        }
    }

    /// <summary>Either predicate, as one expression Marten can translate (the second's parameter replaced by the first's).</summary>
    public static Expression<Func<WorklistEntry, bool>> Or(Expression<Func<WorklistEntry, bool>> a, Expression<Func<WorklistEntry, bool>> b)
    {
        var body = new Rebind(b.Parameters[0], a.Parameters[0]).Visit(b.Body)!;
        return Expression.Lambda<Func<WorklistEntry, bool>>(Expression.OrElse(a.Body, body), a.Parameters[0]);
    }

    /// <summary>Both predicates, as one expression Marten can translate.</summary>
    public static Expression<Func<WorklistEntry, bool>> And(Expression<Func<WorklistEntry, bool>> a, Expression<Func<WorklistEntry, bool>> b)
    {
        var body = new Rebind(b.Parameters[0], a.Parameters[0]).Visit(b.Body)!;
        return Expression.Lambda<Func<WorklistEntry, bool>>(Expression.AndAlso(a.Body, body), a.Parameters[0]);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
