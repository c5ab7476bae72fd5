using Projections.Tables;
using Workflow.Applications;

namespace Projections.Annual;

/// <summary>
/// The cells one application counts in, in one calendar year (A11, A12): the single statement of the counting rules for
/// tables 三 and 四 per application and year, used by the per-(agency, year) count documents (<see cref="AnnualCounts"/>)
/// and by the on-demand drill-down. For every application and year it counts exactly one of 本年新收 / 上年结转 and
/// exactly one of a result row / 结转下年度 once it has been received, so 一 + 二 = 三(七) + 四 holds per application,
/// hence in every sum; and 上年结转 of Y is 结转下年度 of Y-1 per application (docs/adr/0024).
/// </summary>
public static class AnnualCells
{
    /// <summary>A year that stands for "still open": an application or a review without an end counts in every later year.</summary>
    public const int OpenEnded = 9999;

    /// <summary>The year the application closes for table 三 (never before its receipt year), or null while open.</summary>
    public static int? ClosedYear(ApplicationStatistics s) =>
        s.ClosedOn is { } closed ? Math.Max(closed.Year, s.ReceivedOn.Year) : null;

    /// <summary>
    /// The last year this application counts in anything, or <see cref="OpenEnded"/> while it (or one of its
    /// reconsiderations or lawsuits) is open: it is then carried into every later year.
    /// </summary>
    public static int LastYear(ApplicationStatistics s) =>
        s.ClosedOn is null || s.Reviews.Any(r => r.DecidedOn is null || r.Decision is null) ? OpenEnded : LastDatedYear(s);

    /// <summary>
    /// The last year any of the application's dates falls in (receipt, closing, answer, fee, each review's filing and
    /// decision). Every later year counts it <em>idle</em>, exactly as <see cref="AnnualCounts.IdleYearAfter"/> carries a
    /// year forward: still open → 上年结转 and 结转下年度, a pending review → 尚未审结, nothing else. So the count
    /// documents must reach at least this year, even while the application or a review is still open: an application
    /// closed in a year after the agency's last document (with a lawsuit pending) is not idle in that year.
    /// </summary>
    public static int LastDatedYear(ApplicationStatistics s)
    {
        var last = s.ReceivedOn.Year;
        if (s.ClosedOn is { } closed) last = Math.Max(last, closed.Year);
        if (s.AnsweredOn is { } answered) last = Math.Max(last, answered.Year);
        if (s.FeePaidOn is { } paid) last = Math.Max(last, paid.Year);
        foreach (var notice in s.FeeNotices) last = Math.Max(last, notice.NoticedOn.Year);
        foreach (var review in s.Reviews)
        {
            last = Math.Max(last, review.FiledOn.Year);
            if (review.DecidedOn is { } decided) last = Math.Max(last, decided.Year);
        }
        return last;
    }

    /// <summary>The facts of table 三 (and the pre-2019 extras) this application counts under in <paramref name="year"/>.</summary>
    public static IEnumerable<DisclosureFact> DisclosureFacts(ApplicationStatistics s, int year)
    {
        var received = s.ReceivedOn.Year;
        if (received > year) yield break;
        var closed = ClosedYear(s);
        var type = s.ApplicantType;
        if (received == year)
        {
            yield return DisclosureFact.NewlyReceived(type);
            yield return DisclosureFact.ReceivedVia(s.Channel);
        }
        else if (closed is null || closed >= year) yield return DisclosureFact.CarriedIn(type);

        if (closed == year)
        {
            yield return DisclosureFact.Result(s.Row!.Value, type);
            // A13: 按时办结 + 延期办结 = 办结; an answer after its limit is stated under the table (其中逾期答复), not hidden.
            yield return s.Extended ? DisclosureFact.ClosedAfterExtension : DisclosureFact.ClosedOnTime;
            if (s.LegacyAnswer is { } legacy) yield return DisclosureFact.LegacyAnswered(legacy);
            if (s.AnsweredLate) yield return DisclosureFact.AnsweredLate;
        }
        else if (closed is null || closed > year) yield return DisclosureFact.CarriedOver(type);
    }

    /// <summary>The fee collected in <paramref name="year"/> (0 when none was paid in that year).</summary>
    public static decimal FeeIn(ApplicationStatistics s, int year) => s.FeePaidOn is { } paid && paid.Year == year ? s.FeePaid : 0;

    /// <summary>
    /// The cells of table 四 the application's reconsiderations and lawsuits count in, in <paramref name="year"/>: the
    /// result column of the year each is decided, 尚未审结 at every year-end it is open at (A12).
    /// </summary>
    public static IEnumerable<(ReviewBlock Block, ReviewResultColumn Column, string CaseKey)> ReviewCells(ApplicationStatistics s, int year)
    {
        foreach (var review in s.Reviews)
        {
            if (review.FiledOn.Year > year && (review.DecidedOn is null || review.DecidedOn.Value.Year > year)) continue;
            if (review is { DecidedOn: { } decided, Decision: { } decision } && decided.Year <= year)
            {
                if (decided.Year == year) yield return (review.Block, OutcomeRules.ColumnOf(decision), review.Key(s.Id));
            }
            else if (review.FiledOn.Year <= year) yield return (review.Block, ReviewResultColumn.Pending, review.Key(s.Id));
        }
    }
}

/// <summary>
/// The counts of tables 三 and 四 of one agency in one calendar year, with the stock carried in (二, 上年结转) and carried
/// over (四, 结转下年度, and 尚未审结) as counted: no application ids (the drill-down is loaded on demand, ADR 0024).
/// An agency's documents cover a contiguous range of years, from its first receipt to the last year anything happened;
/// a later year with no document is the last one idling (<see cref="IdleYearAfter"/>): its stock carried in and over.
/// Stored compactly (ADR 0024 addendum 2): every count at its fixed position of <see cref="Cells"/>
/// (<see cref="CountCells"/>), the fees apart; <see cref="Disclosure"/> and <see cref="Reviews"/> are built from them.
/// </summary>
public sealed class AnnualCounts
{
    public string Id { get; set; } = "";
    public string AgencyCode { get; set; } = "";
    public int Year { get; set; }

    /// <summary>The counts, one per <see cref="CountCells"/> position (<see cref="CountCells.Keys"/> says which).</summary>
    public int[] Cells { get; set; } = new int[CountCells.Length];

    /// <summary>Fees collected in the year, in yuan.</summary>
    public decimal FeesCollectedYuan { get; set; }

    /// <summary>Table 三 of this document (built from <see cref="Cells"/>; not stored).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DisclosureCounts Disclosure => CountCells.ToDisclosure(Id, Year, Cells, FeesCollectedYuan);

    /// <summary>Table 四 of this document (built from <see cref="Cells"/>; not stored).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ReviewCounts Reviews => CountCells.ToReviews(Id, Year, Cells);

    public static string IdFor(string agencyCode, int year) => $"{agencyCode}:{year}";

    public static AnnualCounts Create(string agencyCode, int year) => new()
    {
        Id = IdFor(agencyCode, year), AgencyCode = agencyCode, Year = year,
    };

    /// <summary>Adds (<paramref name="sign"/> = 1) or retracts (−1) what one application counts in this year.</summary>
    public void Count(ApplicationStatistics s, int sign)
    {
        foreach (var fact in AnnualCells.DisclosureFacts(s, Year)) Cells[CountCells.Of(fact)] += sign;
        var fee = AnnualCells.FeeIn(s, Year);
        if (fee != 0) FeesCollectedYuan += sign * fee;
        foreach (var (block, column, _) in AnnualCells.ReviewCells(s, Year)) Cells[CountCells.Of(block, column)] += sign;
    }

    /// <summary>
    /// The next year when nothing happens in it: what was carried over is carried in and over again, what was pending
    /// stays pending. Exactly what the still-open applications count in a year without events (<see cref="AnnualCells"/>).
    /// </summary>
    public AnnualCounts IdleYearAfter()
    {
        var next = Create(AgencyCode, Year + 1);
        foreach (var (carriedIn, carriedOver) in CountCells.StockCells())
        {
            next.Cells[carriedIn] = Cells[carriedOver];
            next.Cells[carriedOver] = Cells[carriedOver];
        }
        foreach (var pending in CountCells.PendingCells()) next.Cells[pending] = Cells[pending];
        return next;
    }

    /// <summary>This year's counts carried forward idle to <paramref name="year"/> (≥ this year).</summary>
    public AnnualCounts IdleUntil(int year)
    {
        var counts = this;
        while (counts.Year < year) counts = counts.IdleYearAfter();
        return counts;
    }

    /// <summary>
    /// Several agencies' counts of one year summed cell by cell (a government and its departments, A14), as tables
    /// 三 and 四: the documents are added as arrays and the tables built once, from the sum.
    /// </summary>
    public static AnnualTables Sum(string tableId, int year, IEnumerable<AnnualCounts> parts)
    {
        var cells = new int[CountCells.Length];
        decimal fees = 0;
        foreach (var part in parts)
        {
            if (part.Year != year) throw new InvalidOperationException($"Cannot add counts of {part.Year} to {year}.");
            if (part.Cells.Length != cells.Length)
                throw new InvalidOperationException(
                    $"The count document {part.Id} has {part.Cells.Length} cells, this release {cells.Length}: run rebuildtables.");
            for (var i = 0; i < cells.Length; i++) cells[i] += part.Cells[i];
            fees += part.FeesCollectedYuan;
        }
        return new AnnualTables(CountCells.ToDisclosure(tableId, year, cells, fees), CountCells.ToReviews(tableId, year, cells));
    }
}

/// <summary>
/// The count documents of one agency loaded for a batch: keeps their years contiguous (a year before the first starts
/// empty, a year after the last starts idle) and applies an application's contribution to every year it counts in.
/// </summary>
public sealed class AgencyCountBook(string agencyCode, IEnumerable<AnnualCounts> stored)
{
    private readonly SortedDictionary<int, AnnualCounts> years = new(stored.ToDictionary(c => c.Year));
    private readonly HashSet<int> changed = [];

    public string AgencyCode { get; } = agencyCode;

    public IEnumerable<AnnualCounts> Changed => changed.Select(y => years[y]);

    /// <summary>
    /// Adds (+1) or retracts (−1) everything the application counts in, in every year from its receipt: up to its last
    /// dated year at least (the years after it count it idle, <see cref="AnnualCells.LastDatedYear"/>), and while it or a
    /// review is open up to the last document too, since the idle years after that are carried forward from it.
    /// </summary>
    public void Count(ApplicationStatistics s, int sign)
    {
        var first = s.ReceivedOn.Year;
        var dated = AnnualCells.LastDatedYear(s);
        Cover(first, dated);
        var until = AnnualCells.LastYear(s) == AnnualCells.OpenEnded ? years.Keys.Max() : dated;
        for (var year = first; year <= until; year++)
        {
            years[year].Count(s, sign);
            changed.Add(year);
        }
    }

    private void Cover(int first, int last)
    {
        if (years.Count == 0)
        {
            for (var year = first; year <= last; year++) Put(AnnualCounts.Create(AgencyCode, year));
            return;
        }
        for (var year = years.Keys.Min() - 1; year >= first; year--) Put(AnnualCounts.Create(AgencyCode, year));
        for (var year = years.Keys.Max() + 1; year <= last; year++) Put(years[year - 1].IdleYearAfter());
    }

    private void Put(AnnualCounts counts)
    {
        years[counts.Year] = counts;
        changed.Add(counts.Year);
    }
}
