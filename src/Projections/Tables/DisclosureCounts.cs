using Workflow.Applications;

namespace Projections.Tables;

/// <summary>What an application is counted as in one agency's year (the atomic facts behind table 三).</summary>
public enum DisclosureMeasure
{
    NewlyReceived,        // 一、本年新收
    CarriedIn,            // 二、上年结转
    Result,               // 三、本年度办理结果 (one row per application, A9/A11)
    CarriedOver,          // 四、结转下年度继续办理
    ReceivedViaChannel,   // pre-2019: 收到申请数 by channel
    ClosedOnTime,         // pre-2019: 按时办结
    ClosedAfterExtension, // pre-2019: 延期办结 (closed after an approved extension)
    FeeCollected,         // fees collected (drill-down only; the amount is FeesCollectedYuan)
    LegacyAnswer,         // pre-2019: （三）申请答复数 by category (from the row and the item results, ADR 0009)
    AnsweredLate,         // answered after the limit (A13: 其中逾期答复 n 件, stated under the table)
}

/// <summary>
/// One atomic counted fact: a measure, and where it applies its applicant column, result row or channel.
/// <see cref="Key"/> is the stable string under which <see cref="DisclosureCounts.ApplicationIds"/> keeps
/// the applications behind the fact, e.g. <c>Result.Disclosed.NaturalPerson</c> or <c>ReceivedViaChannel.Email</c>.
/// </summary>
public readonly record struct DisclosureFact
{
    private DisclosureFact(DisclosureMeasure measure, ApplicantType? applicant, ResultRow? row, Channel? channel,
        LegacyAnswerCategory? legacy = null)
    {
        Measure = measure;
        Applicant = applicant;
        Row = row;
        Channel = channel;
        Legacy = legacy;
    }

    public DisclosureMeasure Measure { get; }
    public ApplicantType? Applicant { get; }
    public ResultRow? Row { get; }
    public Channel? Channel { get; }
    public LegacyAnswerCategory? Legacy { get; }

    public static DisclosureFact NewlyReceived(ApplicantType applicant) => new(DisclosureMeasure.NewlyReceived, applicant, null, null);
    public static DisclosureFact CarriedIn(ApplicantType applicant) => new(DisclosureMeasure.CarriedIn, applicant, null, null);
    public static DisclosureFact Result(ResultRow row, ApplicantType applicant) => new(DisclosureMeasure.Result, applicant, row, null);
    public static DisclosureFact CarriedOver(ApplicantType applicant) => new(DisclosureMeasure.CarriedOver, applicant, null, null);
    public static DisclosureFact ReceivedVia(Channel channel) => new(DisclosureMeasure.ReceivedViaChannel, null, null, channel);
    public static DisclosureFact ClosedOnTime { get; } = new(DisclosureMeasure.ClosedOnTime, null, null, null);
    public static DisclosureFact ClosedAfterExtension { get; } = new(DisclosureMeasure.ClosedAfterExtension, null, null, null);
    public static DisclosureFact FeeCollected { get; } = new(DisclosureMeasure.FeeCollected, null, null, null);
    public static DisclosureFact LegacyAnswered(LegacyAnswerCategory category) => new(DisclosureMeasure.LegacyAnswer, null, null, null, category);
    public static DisclosureFact AnsweredLate { get; } = new(DisclosureMeasure.AnsweredLate, null, null, null);

    public string Key => Measure switch
    {
        DisclosureMeasure.Result => $"{Measure}.{Row}.{Applicant}",
        DisclosureMeasure.NewlyReceived or DisclosureMeasure.CarriedIn or DisclosureMeasure.CarriedOver => $"{Measure}.{Applicant}",
        DisclosureMeasure.ReceivedViaChannel => $"{Measure}.{Channel}",
        DisclosureMeasure.LegacyAnswer => $"{Measure}.{Legacy}",
        _ => Measure.ToString(),
    };

    public override string ToString() => Key;
}

/// <summary>The counts of one applicant-type column of table 三 (申请人情况).</summary>
public sealed class ApplicantColumnCounts
{
    /// <summary>一、本年新收政府信息公开申请数量</summary>
    public int NewlyReceived { get; set; }

    /// <summary>二、上年结转政府信息公开申请数量</summary>
    public int CarriedIn { get; set; }

    /// <summary>三、本年度办理结果, by detailed (2021) row. Missing rows are zero.</summary>
    public Dictionary<ResultRow, int> Results { get; set; } = [];

    /// <summary>四、结转下年度继续办理</summary>
    public int CarriedOver { get; set; }

    public int Result(ResultRow row) => Results.GetValueOrDefault(row);

    /// <summary>三（七）总计: computed, never stored.</summary>
    public int ResultTotal() => Results.Values.Sum();
}

/// <summary>A column of table 三 where 一 + 二 ≠ 三（七）总计 + 四.</summary>
public sealed record IdentityViolation(ApplicantType Applicant, int NewlyReceived, int CarriedIn, int ResultTotal, int CarriedOver)
{
    public override string ToString() =>
        $"{Applicant}: {NewlyReceived} + {CarriedIn} ≠ {ResultTotal} + {CarriedOver}";
}

/// <summary>
/// Table 三 (收到和处理政府信息公开申请情况) for one agency and year, counted in the most detailed form
/// (applicant type × 2021 result row), plus the extra facts the pre-2019 统计表 needs and the drill-down
/// from every counted fact to the applications behind it. Totals (（七）总计, 总计 column) are never stored:
/// layouts compute them. A plain document: public get/set properties and enum-keyed dictionaries, so
/// System.Text.Json writes enum names as keys and it can be stored by Marten as is.
/// </summary>
public sealed class DisclosureCounts
{
    /// <summary>Document identity, chosen by the projection (e.g. <c>{agency}:{year}</c>).</summary>
    public string Id { get; set; } = "";

    public string AgencyId { get; set; } = "";

    /// <summary>The report year (calendar year of business dates, A11).</summary>
    public int Year { get; set; }

    /// <summary>The applicant-type columns. Missing columns are zero.</summary>
    public Dictionary<ApplicantType, ApplicantColumnCounts> Applicants { get; set; } = [];

    /// <summary>New applications of the year by channel (pre-2019 收到申请数). Same applications as 本年新收.</summary>
    public Dictionary<Channel, int> ReceivedByChannel { get; set; } = [];

    /// <summary>Closed in the year without an extension (pre-2019 按时办结数).</summary>
    public int ClosedOnTime { get; set; }

    /// <summary>Closed in the year after an approved extension (pre-2019 延期办结数, A13).</summary>
    public int ClosedAfterExtension { get; set; }

    /// <summary>Pre-2019 （三）申请答复数 by category, from the closures of the year (ADR 0009). Missing categories are zero.</summary>
    public Dictionary<LegacyAnswerCategory, int> LegacyAnswers { get; set; } = [];

    /// <summary>Closed in the year by an answer given after its limit (A13: 其中逾期答复, part of 按时/延期办结 all the same).</summary>
    public int AnsweredLate { get; set; }

    /// <summary>Fees collected in the year, in yuan.</summary>
    public decimal FeesCollectedYuan { get; set; }

    /// <summary>Drill-down: <see cref="DisclosureFact.Key"/> → the application ids counted under it (non-zero facts only).</summary>
    public Dictionary<string, List<Guid>> ApplicationIds { get; set; } = [];

    public static DisclosureCounts Create(string agencyId, int year) =>
        new() { Id = $"{agencyId}:{year}", AgencyId = agencyId, Year = year };

    public ApplicantColumnCounts Column(ApplicantType applicant) =>
        Applicants.TryGetValue(applicant, out var column) ? column : new ApplicantColumnCounts();

    /// <summary>The count of one atomic fact.</summary>
    public int Count(DisclosureFact fact) => fact.Measure switch
    {
        DisclosureMeasure.NewlyReceived => Column(fact.Applicant!.Value).NewlyReceived,
        DisclosureMeasure.CarriedIn => Column(fact.Applicant!.Value).CarriedIn,
        DisclosureMeasure.Result => Column(fact.Applicant!.Value).Result(fact.Row!.Value),
        DisclosureMeasure.CarriedOver => Column(fact.Applicant!.Value).CarriedOver,
        DisclosureMeasure.ReceivedViaChannel => ReceivedByChannel.GetValueOrDefault(fact.Channel!.Value),
        DisclosureMeasure.ClosedOnTime => ClosedOnTime,
        DisclosureMeasure.ClosedAfterExtension => ClosedAfterExtension,
        DisclosureMeasure.FeeCollected => IdsOf(fact).Count,
        DisclosureMeasure.LegacyAnswer => LegacyAnswers.GetValueOrDefault(fact.Legacy!.Value),
        DisclosureMeasure.AnsweredLate => AnsweredLate,
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact.Measure, "Unknown measure."),
    };

    /// <summary>The applications counted under one fact (empty when none).</summary>
    public IReadOnlyList<Guid> IdsOf(DisclosureFact fact) =>
        ApplicationIds.TryGetValue(fact.Key, out var ids) ? ids : [];

    /// <summary>
    /// Counts one application under a fact. An application is counted at most once per fact: a second add is a
    /// projection bug and throws. Use <see cref="AddFee"/> for fees.
    /// </summary>
    public void Add(DisclosureFact fact, Guid applicationId)
    {
        if (fact.Measure == DisclosureMeasure.FeeCollected)
            throw new ArgumentException("Fees carry an amount: use AddFee.", nameof(fact));
        var ids = IdList(fact);
        if (ids.Contains(applicationId))
            throw new InvalidOperationException($"Application {applicationId} is already counted under {fact.Key}.");
        ids.Add(applicationId);
        Change(fact, +1);
    }

    /// <summary>
    /// Changes the count of one fact without drill-down ids: the per-(agency, year) count documents (ADR 0024) keep
    /// counts only, the ids are loaded on demand. <see cref="DisclosureMeasure.FeeCollected"/> has no count here: use
    /// <see cref="FeesCollectedYuan"/>.
    /// </summary>
    public void Tally(DisclosureFact fact, int delta)
    {
        if (fact.Measure == DisclosureMeasure.FeeCollected)
            throw new ArgumentException("Fees carry an amount: add to FeesCollectedYuan.", nameof(fact));
        Change(fact, delta);
    }

    /// <summary>Adds a collected fee (a negative amount records a refund). The application joins the fee drill-down.</summary>
    public void AddFee(decimal yuan, Guid applicationId)
    {
        FeesCollectedYuan += yuan;
        var ids = IdList(DisclosureFact.FeeCollected);
        if (!ids.Contains(applicationId)) ids.Add(applicationId);
    }

    /// <summary>Adds another agency's counts for the same year into this one (a government summed over its departments, A14).</summary>
    public void Merge(DisclosureCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Year != Year)
            throw new InvalidOperationException($"Cannot merge counts of {other.Year} into {Year}.");

        foreach (var (applicant, source) in other.Applicants)
        {
            var target = MutableColumn(applicant);
            target.NewlyReceived += source.NewlyReceived;
            target.CarriedIn += source.CarriedIn;
            target.CarriedOver += source.CarriedOver;
            foreach (var (row, count) in source.Results)
                target.Results[row] = target.Results.GetValueOrDefault(row) + count;
        }
        foreach (var (channel, count) in other.ReceivedByChannel)
            ReceivedByChannel[channel] = ReceivedByChannel.GetValueOrDefault(channel) + count;
        ClosedOnTime += other.ClosedOnTime;
        ClosedAfterExtension += other.ClosedAfterExtension;
        foreach (var (category, count) in other.LegacyAnswers)
            LegacyAnswers[category] = LegacyAnswers.GetValueOrDefault(category) + count;
        AnsweredLate += other.AnsweredLate;
        FeesCollectedYuan += other.FeesCollectedYuan;
        foreach (var (key, ids) in other.ApplicationIds)
        {
            if (!ApplicationIds.TryGetValue(key, out var target)) ApplicationIds[key] = target = [];
            target.AddRange(ids.Where(id => !target.Contains(id)));
        }
    }

    /// <summary>The sum of several agencies' counts of one year, e.g. a government and its departments (A14).</summary>
    public static DisclosureCounts Sum(string agencyId, int year, IEnumerable<DisclosureCounts> parts)
    {
        var sum = Create(agencyId, year);
        foreach (var part in parts) sum.Merge(part);
        return sum;
    }

    /// <summary>
    /// The 勾稽关系 of table 三, per applicant column: 一 + 二 = 三（七）总计 + 四. Returns the columns where it fails
    /// (empty when it holds; the 总计 column is the sum of these, so it holds whenever they all do).
    /// </summary>
    public IReadOnlyList<IdentityViolation> CheckIdentity() =>
        Enum.GetValues<ApplicantType>()
            .Select(applicant => (applicant, column: Column(applicant)))
            .Where(c => c.column.NewlyReceived + c.column.CarriedIn != c.column.ResultTotal() + c.column.CarriedOver)
            .Select(c => new IdentityViolation(c.applicant, c.column.NewlyReceived, c.column.CarriedIn,
                c.column.ResultTotal(), c.column.CarriedOver))
            .ToList();

    /// <summary>The total of 本年新收 over all applicant columns.</summary>
    public int NewlyReceivedTotal() => Applicants.Values.Sum(c => c.NewlyReceived);

    /// <summary>The total of 办理结果 over all applicant columns and rows.</summary>
    public int ResultTotal() => Applicants.Values.Sum(c => c.ResultTotal());

    private List<Guid> IdList(DisclosureFact fact)
    {
        if (!ApplicationIds.TryGetValue(fact.Key, out var ids)) ApplicationIds[fact.Key] = ids = [];
        return ids;
    }

    private ApplicantColumnCounts MutableColumn(ApplicantType applicant)
    {
        if (!Applicants.TryGetValue(applicant, out var column)) Applicants[applicant] = column = new ApplicantColumnCounts();
        return column;
    }

    private void Change(DisclosureFact fact, int delta)
    {
        switch (fact.Measure)
        {
            case DisclosureMeasure.NewlyReceived: MutableColumn(fact.Applicant!.Value).NewlyReceived += delta; break;
            case DisclosureMeasure.CarriedIn: MutableColumn(fact.Applicant!.Value).CarriedIn += delta; break;
            case DisclosureMeasure.CarriedOver: MutableColumn(fact.Applicant!.Value).CarriedOver += delta; break;
            case DisclosureMeasure.Result:
                var results = MutableColumn(fact.Applicant!.Value).Results;
                var row = fact.Row!.Value;
                var count = results.GetValueOrDefault(row) + delta;
                if (count == 0) results.Remove(row); else results[row] = count;
                break;
            case DisclosureMeasure.ReceivedViaChannel:
                var channel = fact.Channel!.Value;
                var received = ReceivedByChannel.GetValueOrDefault(channel) + delta;
                if (received == 0) ReceivedByChannel.Remove(channel); else ReceivedByChannel[channel] = received;
                break;
            case DisclosureMeasure.ClosedOnTime: ClosedOnTime += delta; break;
            case DisclosureMeasure.ClosedAfterExtension: ClosedAfterExtension += delta; break;
            case DisclosureMeasure.LegacyAnswer:
                var category = fact.Legacy!.Value;
                var answered = LegacyAnswers.GetValueOrDefault(category) + delta;
                if (answered == 0) LegacyAnswers.Remove(category); else LegacyAnswers[category] = answered;
                break;
            case DisclosureMeasure.AnsweredLate: AnsweredLate += delta; break;
            default: throw new ArgumentOutOfRangeException(nameof(fact), fact.Measure, "Not a counted measure.");
        }
    }
}
