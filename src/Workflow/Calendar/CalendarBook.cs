using System.Collections.Immutable;
using System.Globalization;
using Marten;

namespace Workflow.Calendar;

/// <summary>How one date changed between two versions of the calendar.</summary>
/// <param name="Before">The day before the change: 工作日, 调休上班, 周末 or 放假 (with the name).</param>
/// <param name="After">The day after the change.</param>
public sealed record CalendarDayChange(DateOnly Date, string Before, string After);

/// <summary>
/// One recorded change of the working-day calendar (ADR 0018): a year's arrangement from a notice (replacing the
/// provisional year or an earlier version), a correction, or an agency's local days off. Stored as a Marten document,
/// never edited: a later change replaces the earlier one of the same year (and agency, for local days off) whole.
/// </summary>
public sealed class CalendarChange
{
    public Guid Id { get; set; }

    /// <summary>1 for the first change recorded, then 2, 3 …: the order in which later replaces earlier.</summary>
    public long Sequence { get; set; }

    /// <summary>
    /// The id of the change numbered <paramref name="sequence"/> (docs/adr/0041): one document per number, so inserting a
    /// second change with a number already taken fails in the database instead of recording the same step twice.
    /// (Changes recorded before this rule keep their random ids; their numbers are all below the next one drawn.)
    /// </summary>
    public static Guid IdFor(long sequence) => new($"00000000-0000-0000-0000-{sequence:x12}");

    public int Year { get; set; }

    /// <summary>"notice" (the year's arrangement) or "local" (an agency's days off).</summary>
    public string Kind { get; set; } = "notice";

    /// <summary>For a local change: the agency whose days off these are (they hold for its departments).</summary>
    public string? AgencyCode { get; set; }

    public string Version { get; set; } = "";

    /// <summary>The version in force before this change (e.g. "2027.预计").</summary>
    public string PreviousVersion { get; set; } = "";

    /// <summary>The whole file of the year (today's JSON format): what is in force after this change.</summary>
    public string FileJson { get; set; } = "";

    /// <summary>Where it came from: the notice title and date, or the imported file's name.</summary>
    public string Source { get; set; } = "";

    /// <summary>The pasted notice text, when the change was read from one.</summary>
    public string? NoticeText { get; set; }

    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The days whose kind or name changed.</summary>
    public List<CalendarDayChange> Days { get; set; } = [];

    /// <summary>The file this change put in force.</summary>
    public CalendarFile File() => CalendarFile.Parse(FileJson, $"calendar change {Id}") is var file && Kind == "local"
        ? file with { Kind = CalendarFileKind.Local, AgencyCode = AgencyCode }
        : file with { Kind = CalendarFileKind.Notice };
}

/// <summary>
/// The calendar and its history: the baseline (the shipped years plus the <c>Calendar:Folder</c> files) and every
/// recorded <see cref="CalendarChange"/> in order. Immutable; <see cref="CalendarInForce"/> holds the current one.
/// </summary>
public sealed class CalendarBook
{
    private readonly Dictionary<string, WorkdayCalendar> cache = new(StringComparer.Ordinal);
    private readonly Lock cacheLock = new();

    public CalendarBook(WorkdayCalendar baseline, IEnumerable<CalendarChange> changes)
    {
        Baseline = baseline;
        Changes = [.. changes.OrderBy(c => c.Sequence).ThenBy(c => c.RecordedAt)];
        Current = Build(Changes, agencyChain: []);
    }

    public WorkdayCalendar Baseline { get; }

    /// <summary>Every recorded change, oldest first.</summary>
    public ImmutableArray<CalendarChange> Changes { get; }

    /// <summary>The calendar in force for every agency: the baseline, the latest notice of each year, installation-wide local days off.</summary>
    public WorkdayCalendar Current { get; }

    /// <summary>The calendar in force for <paramref name="agencyChain"/> (an agency and its ancestors): <see cref="Current"/> plus their local days off.</summary>
    public WorkdayCalendar ForAgency(IReadOnlyCollection<string> agencyChain) => Cached("now|" + string.Join(",", agencyChain.Order(StringComparer.Ordinal)),
        () => Build(Changes, agencyChain));

    /// <summary>The calendar as it stood at <paramref name="moment"/> (changes recorded later are left out), for as-of views.</summary>
    public WorkdayCalendar AsOf(DateTimeOffset moment, IReadOnlyCollection<string>? agencyChain = null)
    {
        var known = Changes.Where(c => c.RecordedAt <= moment).ToImmutableArray();
        if (known.Length == Changes.Length) return agencyChain is { Count: > 0 } ? ForAgency(agencyChain) : Current;
        var chain = agencyChain ?? [];
        return Cached($"{known.Length}|{string.Join(",", chain.Order(StringComparer.Ordinal))}", () => Build(known, chain));
    }

    /// <summary>
    /// This book with one more change: its <see cref="CalendarChange.Sequence"/> is set to the next number and its
    /// <see cref="CalendarChange.Id"/> to the id of that number, so two changes decided on the same book cannot both be stored.
    /// </summary>
    public CalendarBook With(CalendarChange change)
    {
        change.Sequence = Changes.IsEmpty ? 1 : Changes[^1].Sequence + 1;
        change.Id = CalendarChange.IdFor(change.Sequence);
        return new(Baseline, Changes.Append(change));
    }

    /// <summary>The version in force of a year's arrangement (the notice, or "YYYY.预计").</summary>
    public string VersionOf(int year) => Current.ArrangementOf(year).Version;

    private WorkdayCalendar Build(ImmutableArray<CalendarChange> changes, IReadOnlyCollection<string> agencyChain)
    {
        if (changes.IsEmpty && agencyChain.Count == 0 && Baseline.Files.All(f => f.AgencyCode is null)) return Baseline;
        var files = Baseline.Files.Where(f => f.AgencyCode is null || agencyChain.Contains(f.AgencyCode)).ToList();
        foreach (var change in changes.Where(c => c.Kind != "local")) files.Add(change.File());
        // Local days off: the latest change of each agency and year replaces that agency's earlier ones.
        var locals = changes.Where(c => c.Kind == "local" && (c.AgencyCode is null || agencyChain.Contains(c.AgencyCode)))
            .GroupBy(c => (c.AgencyCode, c.Year))
            .Select(g => g.Last().File());
        files.AddRange(locals);
        return WorkdayCalendar.FromFiles(files);
    }

    private WorkdayCalendar Cached(string key, Func<WorkdayCalendar> build)
    {
        lock (cacheLock)
        {
            if (!cache.TryGetValue(key, out var calendar)) cache[key] = calendar = build();
            return calendar;
        }
    }

    /// <summary>
    /// The days of <paramref name="year"/> (and the adjacent December/January a notice may name) whose kind or name
    /// differs between two calendars.
    /// </summary>
    public static List<CalendarDayChange> Difference(WorkdayCalendar before, WorkdayCalendar after, int year)
    {
        var changes = new List<CalendarDayChange>();
        for (var date = new DateOnly(year - 1, 12, 1); date <= new DateOnly(year + 1, 1, 31); date = date.AddDays(1))
        {
            string a = Describe(before, date), b = Describe(after, date);
            if (a != b) changes.Add(new CalendarDayChange(date, a, b));
        }
        return changes;
    }

    /// <summary>A day as staff read it: 工作日, 调休上班（name）, 周末, 放假（name）.</summary>
    public static string Describe(WorkdayCalendar calendar, DateOnly date) => calendar.KindOf(date) switch
    {
        DayKind.Workday => "工作日",
        DayKind.MakeUpWorkday => $"调休上班（{calendar.NameOf(date)}）",
        DayKind.Weekend => "周末",
        _ => $"放假（{calendar.NameOf(date)}）",
    };
}

/// <summary>
/// The calendar in force, shared by the whole process: a <see cref="CalendarBook"/> reloaded from the stored changes
/// when another process (the <c>calendar</c> command, another server) recorded one. Readers take <see cref="Current"/>;
/// it never blocks on the database.
/// </summary>
public sealed class CalendarInForce(WorkdayCalendar baseline, Func<CancellationToken, Task<IReadOnlyDictionary<string, string?>>>? agencyParents = null)
{
    private volatile CalendarBook book = new(baseline, []);
    private volatile IReadOnlyDictionary<string, string?> parents = new Dictionary<string, string?>();
    private long loadedAtTicks = long.MinValue;

    /// <summary>How often <see cref="RefreshAsync"/> looks for changes recorded by other processes.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    public CalendarBook Book => book;

    public WorkdayCalendar Current => book.Current;

    public WorkdayCalendar Baseline => baseline;

    /// <summary>Reloads the stored changes if <paramref name="force"/> or the last load is older than <see cref="RefreshInterval"/>.</summary>
    public async Task RefreshAsync(IDocumentStore store, bool force = false, CancellationToken cancellation = default)
    {
        long now = Environment.TickCount64;
        long last = Interlocked.Read(ref loadedAtTicks);
        if (!force && last != long.MinValue && now - last < RefreshInterval.TotalMilliseconds) return;
        await using var session = store.QuerySession();
        var changes = await session.Query<CalendarChange>().ToListAsync(cancellation);
        if (changes.Count != book.Changes.Length || force)
            book = new CalendarBook(baseline, changes);
        if (agencyParents is not null && (force || changes.Any(c => c.AgencyCode is not null)))
            parents = await agencyParents(cancellation);
        Interlocked.Exchange(ref loadedAtTicks, now);
    }

    /// <summary>An agency and its ancestors, nearest first (their local days off hold for it).</summary>
    public IReadOnlyCollection<string> ChainOf(string agencyCode)
    {
        var chain = new List<string>();
        for (string? next = agencyCode; next is not null && !chain.Contains(next); next = parents.GetValueOrDefault(next))
            chain.Add(next);
        return chain;
    }

    /// <summary>
    /// The calendar in force for an application of <paramref name="agencyCode"/>: the national calendar plus the local
    /// days off of the agency and its ancestors. The national calendar when no local change exists.
    /// </summary>
    public WorkdayCalendar For(string? agencyCode)
    {
        var current = book;
        if (agencyCode is null || !current.Changes.Any(c => c.AgencyCode is not null)) return current.Current;
        return current.ForAgency(ChainOf(agencyCode));
    }

    /// <summary>The calendar as it stood at <paramref name="moment"/> for <paramref name="agencyCode"/> (as-of views).</summary>
    public WorkdayCalendar AsOf(DateTimeOffset moment, string? agencyCode) =>
        book.AsOf(moment, agencyCode is null ? null : ChainOf(agencyCode));

    /// <summary>Puts a book in force that this process has just recorded (no reload needed).</summary>
    public void Use(CalendarBook recorded) => book = recorded;

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
