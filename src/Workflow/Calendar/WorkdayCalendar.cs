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
/// The calendar covers exactly the years its files declare. Any question about a date outside them throws
/// <see cref="CalendarYearNotLoadedException"/>; nothing is guessed.
/// </para>
/// <para>
/// Merging: several files may describe the same year (the official one plus an office's local days off). Their
/// entries are united. When one file makes a weekend day a make-up working day and another file makes the same day
/// a day off, the day off wins: a local closure on a 调休 Saturday means the office was closed (this is how the
/// lapsed 2020-02-01 make-up day would have been expressed). Within a single file that clash is a data error.
/// </para>
/// </summary>
public sealed class WorkdayCalendar
{
    private static readonly Lazy<WorkdayCalendar> OfficialCalendar =
        new(() => FromFiles(CalendarFile.LoadShipped()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenSet<int> years;
    private readonly FrozenDictionary<DateOnly, string> daysOff;
    private readonly FrozenDictionary<DateOnly, string> makeUpWorkdays;

    private WorkdayCalendar(ImmutableArray<CalendarFile> files)
    {
        Files = files;
        years = files.Select(f => f.Year).ToFrozenSet();
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
    /// The calendar shipped with the product (<c>Calendar/Data/2016.json</c> … <c>2026.json</c>), loaded once. 2019-2026 are
    /// checked against the State Council notices (domain B §4.2); 2016-2018 serve the old 15+15 regime and are marked in
    /// their notes as reconstructed, pending a check against the notices' texts (docs/clock-rules.md).
    /// </summary>
    public static WorkdayCalendar Official => OfficialCalendar.Value;

    /// <summary>Builds a calendar from files (shipped, extra years, local days off), in the order given.</summary>
    /// <exception cref="ArgumentException">No files.</exception>
    public static WorkdayCalendar FromFiles(IEnumerable<CalendarFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var ordered = files.Select((f, i) => (f, i)).OrderBy(x => x.f.Year).ThenBy(x => x.i).Select(x => x.f).ToImmutableArray();
        if (ordered.IsEmpty) throw new ArgumentException("A calendar needs at least one file.", nameof(files));
        return new WorkdayCalendar(ordered);
    }

    /// <summary>The shipped calendar plus every <c>*.json</c> file of <paramref name="directory"/> (an office's additions).</summary>
    public static WorkdayCalendar OfficialWithFolder(string directory) => Official.With(CalendarFile.LoadFolder(directory));

    /// <summary>A new calendar made of this one's files plus <paramref name="extraFiles"/>. This calendar is unchanged.</summary>
    public WorkdayCalendar With(IEnumerable<CalendarFile> extraFiles) => FromFiles(Files.Concat(extraFiles));

    /// <summary>The files this calendar was built from, ordered by year, then by the order given.</summary>
    public ImmutableArray<CalendarFile> Files { get; }

    /// <summary>The years covered, ascending.</summary>
    public ImmutableArray<int> Years { get; }

    /// <summary>
    /// The versions of the loaded files joined with '+', in year order (e.g. "2019.2+2020.2+2021.1+…"). Record it beside
    /// every computed deadline, so a later change of the data (as in 2019 and 2020) can be traced.
    /// </summary>
    public string Version { get; }

    /// <summary>Whether <paramref name="year"/> is covered by a loaded file.</summary>
    public bool Covers(int year) => years.Contains(year);

    /// <summary>The kind of day <paramref name="date"/> is.</summary>
    /// <exception cref="CalendarYearNotLoadedException">The date's year is not covered.</exception>
    public DayKind KindOf(DateOnly date)
    {
        EnsureCovered(date);
        if (daysOff.ContainsKey(date)) return DayKind.DayOff;
        if (makeUpWorkdays.ContainsKey(date)) return DayKind.MakeUpWorkday;
        return date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? DayKind.Weekend : DayKind.Workday;
    }

    /// <summary>The holiday name of a day off or make-up day (e.g. "劳动节", "劳动节调休上班"); null for an ordinary day.</summary>
    /// <exception cref="CalendarYearNotLoadedException">The date's year is not covered.</exception>
    public string? NameOf(DateOnly date)
    {
        EnsureCovered(date);
        if (daysOff.TryGetValue(date, out var off)) return off;
        return makeUpWorkdays.TryGetValue(date, out var makeUp) ? makeUp : null;
    }

    /// <summary>Whether the office works on <paramref name="date"/>.</summary>
    /// <exception cref="CalendarYearNotLoadedException">The date's year is not covered.</exception>
    public bool IsWorkingDay(DateOnly date) => KindOf(date) is DayKind.Workday or DayKind.MakeUpWorkday;

    /// <summary>
    /// The date of the <paramref name="workingDays"/>-th working day after <paramref name="start"/> (domain A3: the start
    /// day is never counted, day 1 is the first working day after it; a start on a non-working day is fine).
    /// Zero returns <paramref name="start"/> itself.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingDays"/> is negative.</exception>
    /// <exception cref="CalendarYearNotLoadedException">The count runs into a year that is not covered.</exception>
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
    /// <exception cref="CalendarYearNotLoadedException">A date in the range is in a year that is not covered.</exception>
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

    private void EnsureCovered(DateOnly date)
    {
        if (!years.Contains(date.Year)) throw new CalendarYearNotLoadedException(date, Years);
    }
}
