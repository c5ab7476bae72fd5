using Projections.Tables;
using Workflow.Applications;

namespace Projections.Annual;

/// <summary>
/// The stored layout of an <see cref="AnnualCounts"/> document (ADR 0024 addendum 2): every count of tables 三 and 四 at
/// a fixed position of one integer array. Serving a 50-agency tree then reads 50 short arrays and adds them element by
/// element, instead of deserializing 50 nested enum-keyed dictionaries and merging them; the rich
/// <see cref="DisclosureCounts"/> / <see cref="ReviewCounts"/> are built once, from the sum.
/// <para>
/// The positions follow the enums' declared order. <b>Changing an enum used here (a member added, removed or moved)
/// changes the layout</b>: the pinned-layout test fails, and <see cref="AnnualCountingState.CurrentStorage"/> must be
/// raised so a store built with the old layout says "run rebuildtables" instead of serving misplaced counts.
/// </para>
/// </summary>
public static class CountCells
{
    private static readonly ApplicantType[] Applicants = Enum.GetValues<ApplicantType>();
    private static readonly ResultRow[] Rows = Enum.GetValues<ResultRow>();
    private static readonly Channel[] Channels = Enum.GetValues<Channel>();
    private static readonly LegacyAnswerCategory[] Legacy = Enum.GetValues<LegacyAnswerCategory>();
    private static readonly ReviewBlock[] Blocks = Enum.GetValues<ReviewBlock>();
    private static readonly ReviewResultColumn[] Columns = Enum.GetValues<ReviewResultColumn>();

    // Per applicant column: 本年新收, 上年结转, 结转下年度, then one cell per result row.
    private const int NewlyReceivedOffset = 0, CarriedInOffset = 1, CarriedOverOffset = 2, ResultsOffset = 3;
    private static readonly int PerApplicant = ResultsOffset + Rows.Length;
    private static readonly int ChannelsStart = Applicants.Length * PerApplicant;
    private static readonly int ClosedOnTimeAt = ChannelsStart + Channels.Length;
    private static readonly int ClosedAfterExtensionAt = ClosedOnTimeAt + 1;
    private static readonly int AnsweredLateAt = ClosedOnTimeAt + 2;
    private static readonly int LegacyStart = ClosedOnTimeAt + 3;
    private static readonly int ReviewsStart = LegacyStart + Legacy.Length;

    /// <summary>The number of cells of a document.</summary>
    public static readonly int Length = ReviewsStart + Blocks.Length * Columns.Length;

    // Enum value → its position in the declared order (the enums are small and non-negative).
    private static readonly int[] ApplicantOrdinal = Ordinals(Applicants);
    private static readonly int[] RowOrdinal = Ordinals(Rows);
    private static readonly int[] ChannelOrdinal = Ordinals(Channels);
    private static readonly int[] LegacyOrdinal = Ordinals(Legacy);
    private static readonly int[] BlockOrdinal = Ordinals(Blocks);
    private static readonly int[] ColumnOrdinal = Ordinals(Columns);

    private static int[] Ordinals<T>(T[] values) where T : struct, Enum
    {
        var numbers = values.Select(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (numbers.Min() < 0 || numbers.Max() > 255) throw new InvalidOperationException($"{typeof(T).Name} does not fit the count layout.");
        var ordinals = Enumerable.Repeat(-1, numbers.Max() + 1).ToArray();
        for (var i = 0; i < numbers.Length; i++) ordinals[numbers[i]] = i;
        return ordinals;
    }

    private static int ApplicantBase(ApplicantType type) => ApplicantOrdinal[(int)type] * PerApplicant;

    /// <summary>The position of a counted fact of table 三 (fees have none: their amount is kept apart).</summary>
    public static int Of(DisclosureFact fact) => fact.Measure switch
    {
        DisclosureMeasure.NewlyReceived => ApplicantBase(fact.Applicant!.Value) + NewlyReceivedOffset,
        DisclosureMeasure.CarriedIn => ApplicantBase(fact.Applicant!.Value) + CarriedInOffset,
        DisclosureMeasure.CarriedOver => ApplicantBase(fact.Applicant!.Value) + CarriedOverOffset,
        DisclosureMeasure.Result => ApplicantBase(fact.Applicant!.Value) + ResultsOffset + RowOrdinal[(int)fact.Row!.Value],
        DisclosureMeasure.ReceivedViaChannel => ChannelsStart + ChannelOrdinal[(int)fact.Channel!.Value],
        DisclosureMeasure.ClosedOnTime => ClosedOnTimeAt,
        DisclosureMeasure.ClosedAfterExtension => ClosedAfterExtensionAt,
        DisclosureMeasure.AnsweredLate => AnsweredLateAt,
        DisclosureMeasure.LegacyAnswer => LegacyStart + LegacyOrdinal[(int)fact.Legacy!.Value],
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact.Measure, "Not a counted measure (fees are an amount)."),
    };

    /// <summary>The position of a cell of table 四.</summary>
    public static int Of(ReviewBlock block, ReviewResultColumn column) =>
        ReviewsStart + BlockOrdinal[(int)block] * Columns.Length + ColumnOrdinal[(int)column];

    /// <summary>
    /// What each position holds, in order: <see cref="DisclosureFact.Key"/> for table 三, <c>Review.{block}.{column}</c>
    /// for table 四. The pinned-layout test compares it with the layout stores were built with.
    /// </summary>
    public static IReadOnlyList<string> Keys { get; } = BuildKeys();

    private static string[] BuildKeys()
    {
        var keys = new string[Length];
        foreach (var fact in DisclosureFacts()) keys[Of(fact)] = fact.Key;
        foreach (var block in Blocks)
        foreach (var column in Columns)
            keys[Of(block, column)] = $"Review.{block}.{column}";
        return keys;
    }

    /// <summary>Every counted fact of table 三, each at its own position.</summary>
    public static IEnumerable<DisclosureFact> DisclosureFacts()
    {
        foreach (var type in Applicants)
        {
            yield return DisclosureFact.NewlyReceived(type);
            yield return DisclosureFact.CarriedIn(type);
            yield return DisclosureFact.CarriedOver(type);
            foreach (var row in Rows) yield return DisclosureFact.Result(row, type);
        }
        foreach (var channel in Channels) yield return DisclosureFact.ReceivedVia(channel);
        yield return DisclosureFact.ClosedOnTime;
        yield return DisclosureFact.ClosedAfterExtension;
        yield return DisclosureFact.AnsweredLate;
        foreach (var category in Legacy) yield return DisclosureFact.LegacyAnswered(category);
    }

    /// <summary>The applicant columns' stock cells, for carrying a year forward idle.</summary>
    internal static IEnumerable<(int CarriedIn, int CarriedOver)> StockCells() =>
        Applicants.Select(type => (ApplicantBase(type) + CarriedInOffset, ApplicantBase(type) + CarriedOverOffset));

    /// <summary>The 尚未审结 cell of every block of table 四.</summary>
    internal static IEnumerable<int> PendingCells() => Blocks.Select(block => Of(block, ReviewResultColumn.Pending));

    /// <summary>Table 三 of a cell array (one agency's or a sum), without drill-down ids.</summary>
    public static DisclosureCounts ToDisclosure(string tableId, int year, int[] cells, decimal feesYuan)
    {
        var counts = DisclosureCounts.Create(tableId, year);
        foreach (var fact in Facts)
        {
            var count = cells[fact.Position];
            if (count != 0) counts.Tally(fact.Fact, count);
        }
        counts.FeesCollectedYuan = feesYuan;
        return counts;
    }

    /// <summary>Table 四 of a cell array, without drill-down ids.</summary>
    public static ReviewCounts ToReviews(string tableId, int year, int[] cells)
    {
        var counts = ReviewCounts.Create(tableId, year);
        foreach (var block in Blocks)
        foreach (var column in Columns)
        {
            var count = cells[Of(block, column)];
            if (count != 0) counts.Tally(block, column, count);
        }
        return counts;
    }

    private static readonly (DisclosureFact Fact, int Position)[] Facts = [.. DisclosureFacts().Select(f => (f, Of(f)))];
}
