using System.Security.Cryptography;
using System.Text;
using Projections.Tables;
using Workflow.Applications;

namespace Projections.Annual;

/// <summary>Tables 三 and 四 of one year for one agency or a set of agencies (a government and its departments).</summary>
public sealed record AnnualTables(DisclosureCounts Disclosure, ReviewCounts Reviews);

/// <summary>
/// Builds the annual tables from the yearly flow documents of every year up to the one asked for: the stocks are
/// chained, so 上年结转 of Y is exactly 结转下年度 of Y-1 and 一 + 二 = 三(七) + 四 holds in every column by
/// construction (A11); a reconsideration or lawsuit filed and not concluded by 31 December counts in 尚未审结 (A12).
/// Reads a handful of small documents, never the events.
/// </summary>
public static class AnnualTableBuilder
{
    public static AnnualTables Build(string tableId, int year, IEnumerable<AnnualFlows> flowsUpToYear)
    {
        var disclosure = DisclosureCounts.Create(tableId, year);
        var reviews = ReviewCounts.Create(tableId, year);
        var byYear = flowsUpToYear.Where(f => f.Year <= year).GroupBy(f => f.Year).OrderBy(g => g.Key).ToList();

        var open = new Dictionary<Guid, ApplicantType>();
        var pending = new Dictionary<string, ReviewFiledEntry>();
        foreach (var group in byYear.Where(g => g.Key < year))
        {
            foreach (var flows in group)
            {
                foreach (var (id, received) in flows.Received) open[id] = received.ApplicantType;
                foreach (var (key, filed) in flows.ReviewsFiled) pending[key] = filed;
            }
            foreach (var flows in group)
            {
                foreach (var id in flows.Closed.Keys) open.Remove(id);
                foreach (var key in flows.ReviewsConcluded.Keys) pending.Remove(key);
            }
        }

        foreach (var (id, type) in open) disclosure.Add(DisclosureFact.CarriedIn(type), id);
        var current = byYear.Where(g => g.Key == year).SelectMany(g => g).ToList();
        foreach (var flows in current)
        {
            foreach (var (id, received) in flows.Received)
            {
                disclosure.Add(DisclosureFact.NewlyReceived(received.ApplicantType), id);
                disclosure.Add(DisclosureFact.ReceivedVia(received.Channel), id);
                open[id] = received.ApplicantType;
            }
            foreach (var (key, filed) in flows.ReviewsFiled) pending[key] = filed;
        }
        foreach (var flows in current)
        {
            foreach (var (id, closed) in flows.Closed)
            {
                disclosure.Add(DisclosureFact.Result(closed.Row, closed.ApplicantType), id);
                // A13: 按时办结 + 延期办结 = 办结; an answer after its limit is stated under the table (其中逾期答复), not hidden.
                disclosure.Add(closed.Extended ? DisclosureFact.ClosedAfterExtension : DisclosureFact.ClosedOnTime, id);
                if (closed.LegacyAnswer is { } legacy) disclosure.Add(DisclosureFact.LegacyAnswered(legacy), id);
                if (closed.AnsweredLate) disclosure.Add(DisclosureFact.AnsweredLate, id);
                if (!open.Remove(id))
                    throw new InvalidOperationException($"Application {id} is closed in {year} but was never open in {tableId}.");
            }
            foreach (var (id, amount) in flows.FeesPaid) disclosure.AddFee(amount, id);
            foreach (var (key, concluded) in flows.ReviewsConcluded)
            {
                AddCase(reviews, concluded.Block, concluded.Column, key, concluded.ApplicationId);
                pending.Remove(key);
            }
        }
        foreach (var (id, type) in open) disclosure.Add(DisclosureFact.CarriedOver(type), id);
        foreach (var (key, filed) in pending) AddCase(reviews, filed.Block, ReviewResultColumn.Pending, key, filed.ApplicationId);
        return new AnnualTables(disclosure, reviews);
    }

    private static void AddCase(ReviewCounts reviews, ReviewBlock block, ReviewResultColumn column, string caseKey, Guid applicationId)
    {
        var caseId = CaseId(caseKey);
        reviews.Add(block, column, caseId);
        reviews.CaseApplications[caseId] = applicationId;
    }

    /// <summary>A stable id for one reconsideration or lawsuit, derived from its application and number.</summary>
    public static Guid CaseId(string caseKey) => new(MD5.HashData(Encoding.UTF8.GetBytes(caseKey)));

    /// <summary>The id of a table over several agencies (a government and its departments).</summary>
    public static string TableId(IReadOnlyCollection<string> agencyCodes) => string.Join("+", agencyCodes.Order(StringComparer.Ordinal));
}
