using Workflow.Applications;

namespace Projections.Tables;

/// <summary>What a table cell adds up.</summary>
public enum CountMeasure
{
    NewlyReceived,        // 本年新收
    CarriedIn,            // 上年结转
    Results,              // 办理结果 (over the selected result rows)
    CarriedOver,          // 结转下年度
    ReceivedViaChannel,   // 收到申请数 by channel
    ClosedOnTime,         // 按时办结
    ClosedAfterExtension, // 延期办结
    FeesTenThousandYuan,  // 收取的费用（万元）
    Reviews,              // 行政复议 / 行政诉讼 cases (over the selected blocks and columns)
    LegacyAnswers,        // pre-2019 申请答复数 (over the selected categories)
    AnsweredLate,         // 其中逾期答复 (A13)
}

/// <summary>
/// A declarative sum over the counted model: a measure and optional restrictions (null = every value).
/// A row of a layout carries one; a column may narrow it (<see cref="Narrow"/>); the cell shows the sum.
/// </summary>
public sealed record CountSelector(CountMeasure Measure)
{
    public IReadOnlyList<ResultRow>? ResultRows { get; init; }
    public IReadOnlyList<ApplicantType>? Applicants { get; init; }
    public IReadOnlyList<Channel>? Channels { get; init; }
    public IReadOnlyList<ReviewBlock>? ReviewBlocks { get; init; }
    public IReadOnlyList<ReviewResultColumn>? ReviewColumns { get; init; }
    public IReadOnlyList<LegacyAnswerCategory>? LegacyCategories { get; init; }

    public bool IsMoney => Measure == CountMeasure.FeesTenThousandYuan;

    public static CountSelector Results(params ResultRow[] rows) =>
        new(CountMeasure.Results) { ResultRows = rows.Length == 0 ? null : rows };

    public static CountSelector ViaChannels(params Channel[] channels) =>
        new(CountMeasure.ReceivedViaChannel) { Channels = channels.Length == 0 ? null : channels };

    public static CountSelector LegacyAnswers(params LegacyAnswerCategory[] categories) =>
        new(CountMeasure.LegacyAnswers) { LegacyCategories = categories.Length == 0 ? null : categories };

    public static CountSelector Reviews(IReadOnlyList<ReviewBlock>? blocks, IReadOnlyList<ReviewResultColumn>? columns) =>
        new(CountMeasure.Reviews) { ReviewBlocks = blocks, ReviewColumns = columns };

    /// <summary>This selector restricted by a column's filter (restrictions intersect).</summary>
    public CountSelector Narrow(ColumnFilter? filter)
    {
        if (filter is null) return this;
        var appliesToApplicants = Measure is CountMeasure.NewlyReceived or CountMeasure.CarriedIn
            or CountMeasure.Results or CountMeasure.CarriedOver;
        if (filter.Applicants is not null && !appliesToApplicants)
            throw new InvalidOperationException($"An applicant column cannot narrow {Measure}.");
        if ((filter.ReviewBlocks is not null || filter.ReviewColumns is not null) && Measure != CountMeasure.Reviews)
            throw new InvalidOperationException($"A review column cannot narrow {Measure}.");
        return this with
        {
            Applicants = Intersect(Applicants, filter.Applicants),
            ReviewBlocks = Intersect(ReviewBlocks, filter.ReviewBlocks),
            ReviewColumns = Intersect(ReviewColumns, filter.ReviewColumns),
        };
    }

    /// <summary>The value of the cell and the ids behind it.</summary>
    public CellQuantity Evaluate(DisclosureCounts disclosure, ReviewCounts reviews)
    {
        switch (Measure)
        {
            case CountMeasure.FeesTenThousandYuan:
                return new CellQuantity(disclosure.FeesCollectedYuan / 10_000m,
                    disclosure.IdsOf(DisclosureFact.FeeCollected));
            case CountMeasure.Reviews:
                var cells = (ReviewBlocks ?? Enum.GetValues<ReviewBlock>())
                    .SelectMany(block => (ReviewColumns ?? Enum.GetValues<ReviewResultColumn>()).Select(column => (block, column)))
                    .ToList();
                return new CellQuantity(cells.Sum(c => reviews.Count(c.block, c.column)),
                    Distinct(cells.SelectMany(c => reviews.IdsOf(c.block, c.column))));
            default:
                var facts = Facts().ToList();
                return new CellQuantity(facts.Sum(disclosure.Count), Distinct(facts.SelectMany(disclosure.IdsOf)));
        }
    }

    private IEnumerable<DisclosureFact> Facts()
    {
        var applicants = Applicants ?? Enum.GetValues<ApplicantType>();
        return Measure switch
        {
            CountMeasure.NewlyReceived => applicants.Select(DisclosureFact.NewlyReceived),
            CountMeasure.CarriedIn => applicants.Select(DisclosureFact.CarriedIn),
            CountMeasure.CarriedOver => applicants.Select(DisclosureFact.CarriedOver),
            CountMeasure.Results => (ResultRows ?? Enum.GetValues<ResultRow>())
                .SelectMany(row => applicants.Select(applicant => DisclosureFact.Result(row, applicant))),
            CountMeasure.ReceivedViaChannel => (Channels ?? Enum.GetValues<Channel>()).Select(DisclosureFact.ReceivedVia),
            CountMeasure.ClosedOnTime => [DisclosureFact.ClosedOnTime],
            CountMeasure.ClosedAfterExtension => [DisclosureFact.ClosedAfterExtension],
            CountMeasure.LegacyAnswers => (LegacyCategories ?? Enum.GetValues<LegacyAnswerCategory>()).Select(DisclosureFact.LegacyAnswered),
            CountMeasure.AnsweredLate => [DisclosureFact.AnsweredLate],
            _ => throw new ArgumentOutOfRangeException(nameof(Measure), Measure, "Not a fact measure."),
        };
    }

    private static IReadOnlyList<Guid> Distinct(IEnumerable<Guid> ids) => ids.Distinct().ToList();

    private static IReadOnlyList<T>? Intersect<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) =>
        a is null ? b : b is null ? a : a.Intersect(b).ToList();
}

/// <summary>The restriction a column applies to its rows' selectors (null = no restriction).</summary>
public sealed record ColumnFilter
{
    public IReadOnlyList<ApplicantType>? Applicants { get; init; }
    public IReadOnlyList<ReviewBlock>? ReviewBlocks { get; init; }
    public IReadOnlyList<ReviewResultColumn>? ReviewColumns { get; init; }
}

/// <summary>A cell's value and the application (or case) ids behind it.</summary>
public sealed record CellQuantity(decimal Value, IReadOnlyList<Guid> Ids);
