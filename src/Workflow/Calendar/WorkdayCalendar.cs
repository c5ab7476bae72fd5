using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Workflow.Calendar;

/// <summary>What kind of day a date is in the working-day calendar.</summary>
public enum DayKind
{
    Workday,        // 工作日 (Monday to Friday, not a day off)
    MakeUpWorkday,  // 调休上班 (a Saturday or Sunday declared a working day)
    Weekend,        // 周末
    DayOff,         // 放假 (a weekday off, or a weekend day inside a holiday range)
}

/// <summary>
/// The working-day calendar (domain A2): Monday to Friday, minus the official days off, plus the official 调休
/// make-up weekend days, read from versioned data files (one per year) rather than code. Immutable once built.
/// <para>
/// Versions: of the <see cref="CalendarFileKind.Notice"/> files given for a year, the last one is in force and replaces
/// the earlier ones whole (so a correction can remove a day off). <see cref="CalendarFileKind.Local"/> files (an agency's
/// own days off) are added on top. When a local file makes a 调休 weekend day a day off, the day off wins: a local
/// closure on a 调休 Saturday means the office was closed. Within a single file that clash is a data error.
/// </para>
/// <para>
/// A year with no notice is <b>provisional</b> (<see cref="ProvisionalYear"/>): weekends plus the statutory holidays,
/// no 调休. It is never an error; <see cref="IsProvisional"/> and <see cref="ProvisionalYearsBetween"/> tell callers to mark
/// what they computed as 预计. Only years the lunar calendar cannot compute (before 1902, after 2100) and that have no
/// file raise <see cref="CalendarYearNotLoadedException"/>.
/// </para>
/// </summary>
public sealed class WorkdayCalendar
{
    private static readonly Lazy<WorkdayCalendar> OfficialCalendar =
        new(() => FromFiles(CalendarFile.LoadShipped()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenSet<int> years;
    private readonly FrozenDictionary<DateOnly, string> daysOff;
    private readonly FrozenDictionary<DateOnly, string> makeUpWorkdays;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, FrozenDictionary<DateOnly, string>> provisionalDaysOff = new();

    private WorkdayCalendar(ImmutableArray<CalendarFile> files)
    {
        Files = files;
        years = files.Where(f => f.Kind == CalendarFileKind.Notice).Select(f => f.Year).ToFrozenSet();
        Years = [.. years.Order()];

        var off = new Dictionary<DateOnly, string>();
        var makeUp = new Dictionary<DateOnly, string>();
        foreach (var file in files)
        {
            foreach (var day in file.DaysOff) off.TryAdd(day.Date, day.Name);
            foreach (var day in file.MakeUpWorkdays) makeUp.TryAdd(day.Date, day.Name);
        }
        foreach (var date in off.Keys) makeUp.Remove(date); // a day off wins over a make-up day from another file

        daysOff = off.ToFrozenDictionary();
        makeUpWorkdays = makeUp.ToFrozenDictionary();
        Version = string.Join("+", files.Select(f => f.Version));
    }

    /// <summary>
    /// The calendar shipped with the product (<c>Calendar/Data/2016.json</c> … <c>2026.json</c>), loaded once. Every
    /// shipped year is checked against the text of its State Council notices (<c>Calendar/Notices</c>, ADR 0018).
    /// </summary>
    public static WorkdayCalendar Official => OfficialCalendar.Value;

    /// <summary>
    /// Builds a calendar from files in the order given: per year the last <see cref="CalendarFileKind.Notice"/> file is
    /// in force (it replaces the earlier ones whole); every <see cref="CalendarFileKind.Local"/> file is added.
    /// </summary>
    /// <exception cref="ArgumentException">No files, or a provisional file (those are computed, never given).</exception>
    public static WorkdayCalendar FromFiles(IEnumerable<CalendarFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var given = files.ToList();
        if (given.Count == 0) throw new ArgumentException("A calendar needs at least one file.", nameof(files));
        if (given.Any(f => f.IsProvisional)) throw new ArgumentException("Provisional years are computed, not given as files.", nameof(files));
        var lastNoticeOfYear = new Dictionary<int, int>();
        for (int i = 0; i < given.Count; i++)
            if (given[i].Kind == CalendarFileKind.Notice) lastNoticeOfYear[given[i].Year] = i;
        var inForce = given.Select((f, i) => (f, i))
            .Where(x => x.f.Kind != CalendarFileKind.Notice || lastNoticeOfYear[x.f.Year] == x.i)
            .OrderBy(x => x.f.Year).ThenBy(x => x.f.Kind).ThenBy(x => x.i)
            .Select(x => x.f)
            .ToImmutableArray();
        return new WorkdayCalendar(inForce);
    }

    /// <summary>The shipped calendar plus every <c>*.json</c> file of <paramref name="directory"/> (an office's additions).</summary>
    public static WorkdayCalendar OfficialWithFolder(string directory) => Official.With(CalendarFile.LoadFolder(directory));

    /// <summary>
    /// A new calendar made of this one's files plus <paramref name="extraFiles"/>. This calendar is unchanged.
    /// A file that does not declare its <c>kind</c> keeps the meaning office folders always had: for a year this calendar
    /// already has a notice for, it adds local days off; for any other year it is that year's arrangement. A file that
    /// declares <c>"kind": "notice"</c> replaces the year's arrangement whole.
    /// </summary>
    public WorkdayCalendar With(IEnumerable<CalendarFile> extraFiles) =>
        FromFiles(Files.Concat(extraFiles.Select(f =>
            !f.KindDeclared && f.Kind == CalendarFileKind.Notice && years.Contains(f.Year) ? f with { Kind = CalendarFileKind.Local } : f)));

    /// <summary>The files in force, ordered by year (the notice first, then local files in the order given).</summary>
    public ImmutableArray<CalendarFile> Files { get; }

    /// <summary>The years that have a notice in force (not provisional), ascending.</summary>
    public ImmutableArray<int> Years { get; }

    /// <summary>
    /// The versions of the files in force joined with '+', in year order (e.g. "2019.2+2020.2+2021.1+…"). Record it beside
    /// every computed deadline, so a later change of the data (as in 2019 and 2020) can be traced. Provisional years are
    /// not part of it; a clock reading adds the ones it counted (e.g. "+2027.预计").
    /// </summary>
    public string Version { get; }

    /// <summary>Whether <paramref name="year"/> has a notice in force (otherwise it is provisional).</summary>
    public bool Covers(int year) => years.Contains(year);

    /// <summary>Whether <paramref name="year"/> is computed from the statutory holidays because no notice is known (预计).</summary>
    public bool IsProvisional(int year) => !years.Contains(year);

    /// <summary>The provisional years among the years of <paramref name="from"/> to <paramref name="to"/> (either order), ascending.</summary>
    public ImmutableArray<int> ProvisionalYearsBetween(DateOnly from, DateOnly to)
    {
        var (a, b) = from <= to ? (from.Year, to.Year) : (to.Year, from.Year);
        return [.. Enumerable.Range(a, b - a + 1).Where(IsProvisional)];
    }

    /// <summary>The file in force for the arrangement of <paramref name="year"/>: its notice, or the computed provisional year.</summary>
    public CalendarFile ArrangementOf(int year) =>
        Files.FirstOrDefault(f => f.Year == year && f.Kind == CalendarFileKind.Notice) ?? ProvisionalYear.For(year);

    /// <summary>The kind of day <paramref name="date"/> is.</summary>
    /// <exception cref="CalendarYearNotLoadedException">The date's year has no file and cannot be computed (before 1902, after 2100).</exception>
    public DayKind KindOf(DateOnly date)
    {
        if (daysOff.ContainsKey(date) || ProvisionalDayOff(date) is not null) return DayKind.DayOff;
        if (makeUpWorkdays.ContainsKey(date)) return DayKind.MakeUpWorkday;
        return date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? DayKind.Weekend : DayKind.Workday;
    }

    /// <summary>The holiday name of a day off or make-up day (e.g. "劳动节", "劳动节调休上班"); null for an ordinary day.</summary>
    /// <exception cref="CalendarYearNotLoadedException">The date's year has no file and cannot be computed (before 1902, after 2100).</exception>
    public string? NameOf(DateOnly date)
    {
        if (daysOff.TryGetValue(date, out var off)) return off;
        if (ProvisionalDayOff(date) is { } statutory) return statutory;
        return makeUpWorkdays.TryGetValue(date, out var makeUp) ? makeUp : null;
    }

    /// <summary>Whether the office works on <paramref name="date"/>.</summary>
    /// <exception cref="CalendarYearNotLoadedException">The date's year has no file and cannot be computed (before 1902, after 2100).</exception>
    public bool IsWorkingDay(DateOnly date) => KindOf(date) is DayKind.Workday or DayKind.MakeUpWorkday;

    /// <summary>
    /// The date of the <paramref name="workingDays"/>-th working day after <paramref name="start"/> (domain A3: the start
    /// day is never counted, day 1 is the first working day after it; a start on a non-working day is fine).
    /// Zero returns <paramref name="start"/> itself.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingDays"/> is negative.</exception>
    /// <exception cref="CalendarYearNotLoadedException">The count runs past 2100 with no file.</exception>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var date = start;
        for (int counted = 0; counted < workingDays;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date)) counted++;
        }
        return date;
    }

    /// <summary>
    /// The number of working days d with <paramref name="afterThis"/> &lt; d ≤ <paramref name="upToAndIncluding"/>.
    /// Signed: when <paramref name="upToAndIncluding"/> is earlier, the result is minus the count the other way round,
    /// so <c>Between(a, b) + Between(b, c) == Between(a, c)</c> always holds.
    /// </summary>
    /// <exception cref="CalendarYearNotLoadedException">A date in the range is past 2100 with no file.</exception>
    public int WorkingDaysBetween(DateOnly afterThis, DateOnly upToAndIncluding)
    {
        if (upToAndIncluding < afterThis) return -WorkingDaysBetween(upToAndIncluding, afterThis);
        int count = 0;
        for (var date = afterThis.AddDays(1); date <= upToAndIncluding; date = date.AddDays(1))
        {
            if (IsWorkingDay(date)) count++;
        }
        return count;
    }

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDayAfter(DateOnly date) => AddWorkingDays(date, 1);

    /// <summary>The statutory holiday on <paramref name="date"/> when its year is provisional; null otherwise.</summary>
    private string? ProvisionalDayOff(DateOnly date)
    {
        if (years.Contains(date.Year)) return null;
        if (!StatutoryHolidays.Supports(date.Year)) throw new CalendarYearNotLoadedException(date, Years);
        var holidays = provisionalDaysOff.GetOrAdd(date.Year,
            y => ProvisionalYear.For(y).DaysOff.ToFrozenDictionary(d => d.Date, d => d.Name));
        return holidays.TryGetValue(date, out var name) ? name : null;
    }
}
