using Workflow.Applications;

namespace Projections.Tables;

/// <summary>
/// Table 四 (政府信息公开行政复议、行政诉讼情况) for one agency and year: three blocks × 结果维持/结果纠正/其他结果/
/// 尚未审结 (A12). 总计 per block is computed, never stored. Drill-down: <c>{block}.{column}</c> → the ids of the
/// reconsideration or lawsuit streams behind the count.
/// </summary>
public sealed class ReviewCounts
{
    public string Id { get; set; } = "";

    public string AgencyId { get; set; } = "";

    public int Year { get; set; }

    /// <summary>Block → column → count. Missing entries are zero.</summary>
    public Dictionary<ReviewBlock, Dictionary<ReviewResultColumn, int>> Counts { get; set; } = [];

    /// <summary>Drill-down: <see cref="KeyOf"/> → case ids (non-zero cells only).</summary>
    public Dictionary<string, List<Guid>> CaseIds { get; set; } = [];

    /// <summary>The application each counted case belongs to (a case id is derived from its application and number).</summary>
    public Dictionary<Guid, Guid> CaseApplications { get; set; } = [];

    /// <summary>The applications behind a cell, for drill-down.</summary>
    public IReadOnlyList<Guid> ApplicationsOf(ReviewBlock block, ReviewResultColumn column) =>
        [.. IdsOf(block, column).Select(id => CaseApplications.GetValueOrDefault(id, id)).Distinct()];

    public static ReviewCounts Create(string agencyId, int year) =>
        new() { Id = $"{agencyId}:{year}", AgencyId = agencyId, Year = year };

    public static string KeyOf(ReviewBlock block, ReviewResultColumn column) => $"{block}.{column}";

    public int Count(ReviewBlock block, ReviewResultColumn column) =>
        Counts.TryGetValue(block, out var columns) ? columns.GetValueOrDefault(column) : 0;

    /// <summary>总计 of one block: 结果维持 + 结果纠正 + 其他结果 + 尚未审结.</summary>
    public int Total(ReviewBlock block) => Counts.TryGetValue(block, out var columns) ? columns.Values.Sum() : 0;

    public IReadOnlyList<Guid> IdsOf(ReviewBlock block, ReviewResultColumn column) =>
        CaseIds.TryGetValue(KeyOf(block, column), out var ids) ? ids : [];

    /// <summary>Counts one case in a cell; a case is counted at most once per cell.</summary>
    public void Add(ReviewBlock block, ReviewResultColumn column, Guid caseId)
    {
        var key = KeyOf(block, column);
        if (!CaseIds.TryGetValue(key, out var ids)) CaseIds[key] = ids = [];
        if (ids.Contains(caseId))
            throw new InvalidOperationException($"Case {caseId} is already counted under {key}.");
        ids.Add(caseId);
        Change(block, column, +1);
    }

    /// <summary>Changes the count of one cell without drill-down ids (the per-(agency, year) count documents, ADR 0024).</summary>
    public void Tally(ReviewBlock block, ReviewResultColumn column, int delta) => Change(block, column, delta);

    /// <summary>Adds another agency's counts for the same year into this one (A14).</summary>
    public void Merge(ReviewCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Year != Year)
            throw new InvalidOperationException($"Cannot merge counts of {other.Year} into {Year}.");
        foreach (var (block, columns) in other.Counts)
        foreach (var (column, count) in columns)
            Change(block, column, count);
        foreach (var (key, ids) in other.CaseIds)
        {
            if (!CaseIds.TryGetValue(key, out var target)) CaseIds[key] = target = [];
            target.AddRange(ids.Where(id => !target.Contains(id)));
        }
        foreach (var (caseId, applicationId) in other.CaseApplications) CaseApplications[caseId] = applicationId;
    }

    public static ReviewCounts Sum(string agencyId, int year, IEnumerable<ReviewCounts> parts)
    {
        var sum = Create(agencyId, year);
        foreach (var part in parts) sum.Merge(part);
        return sum;
    }

    private void Change(ReviewBlock block, ReviewResultColumn column, int delta)
    {
        if (!Counts.TryGetValue(block, out var columns)) Counts[block] = columns = [];
        var count = columns.GetValueOrDefault(column) + delta;
        if (count == 0) columns.Remove(column); else columns[column] = count;
        if (columns.Count == 0) Counts.Remove(block);
    }
}
