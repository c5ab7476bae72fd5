using Projections.Tables;
using Workflow.Applications;
using Workflow.Publication;

namespace Projections.Annual.Publication;

/// <summary>
/// The read side's live counts to and from the write side's published snapshot (<see cref="PublishedDisclosureCounts"/>,
/// <see cref="PublishedReviewCounts"/>): the only place that knows both shapes, so a change to the live counts shows
/// up here as a compile error instead of silently dropping a figure from future publications (ADR 0028).
/// </summary>
public static class PublishedCounts
{
    public static PublishedDisclosureCounts Freeze(DisclosureCounts counts) => new()
    {
        Id = counts.Id,
        AgencyId = counts.AgencyId,
        Year = counts.Year,
        Applicants = counts.Applicants.ToDictionary(a => a.Key, a => new PublishedApplicantColumn
        {
            NewlyReceived = a.Value.NewlyReceived,
            CarriedIn = a.Value.CarriedIn,
            Results = new Dictionary<ResultRow, int>(a.Value.Results),
            CarriedOver = a.Value.CarriedOver,
        }),
        ReceivedByChannel = new Dictionary<Channel, int>(counts.ReceivedByChannel),
        ClosedOnTime = counts.ClosedOnTime,
        ClosedAfterExtension = counts.ClosedAfterExtension,
        LegacyAnswers = counts.LegacyAnswers.ToDictionary(l => l.Key.ToString(), l => l.Value),
        AnsweredLate = counts.AnsweredLate,
        FeesCollectedYuan = counts.FeesCollectedYuan,
        ApplicationIds = counts.ApplicationIds.ToDictionary(i => i.Key, i => (IReadOnlyList<Guid>)[.. i.Value]),
    };

    public static DisclosureCounts Thaw(PublishedDisclosureCounts published) => new()
    {
        Id = published.Id,
        AgencyId = published.AgencyId,
        Year = published.Year,
        Applicants = published.Applicants.ToDictionary(a => a.Key, a => new ApplicantColumnCounts
        {
            NewlyReceived = a.Value.NewlyReceived,
            CarriedIn = a.Value.CarriedIn,
            Results = new Dictionary<ResultRow, int>(a.Value.Results),
            CarriedOver = a.Value.CarriedOver,
        }),
        ReceivedByChannel = new Dictionary<Channel, int>(published.ReceivedByChannel),
        ClosedOnTime = published.ClosedOnTime,
        ClosedAfterExtension = published.ClosedAfterExtension,
        LegacyAnswers = published.LegacyAnswers.ToDictionary(l => Enum.Parse<LegacyAnswerCategory>(l.Key), l => l.Value),
        AnsweredLate = published.AnsweredLate,
        FeesCollectedYuan = published.FeesCollectedYuan,
        ApplicationIds = published.ApplicationIds.ToDictionary(i => i.Key, i => i.Value.ToList()),
    };

    public static PublishedReviewCounts Freeze(ReviewCounts counts) => new()
    {
        Id = counts.Id,
        AgencyId = counts.AgencyId,
        Year = counts.Year,
        Counts = counts.Counts.ToDictionary(b => b.Key.ToString(), b => (IReadOnlyDictionary<ReviewResultColumn, int>)new Dictionary<ReviewResultColumn, int>(b.Value)),
        CaseIds = counts.CaseIds.ToDictionary(c => c.Key, c => (IReadOnlyList<Guid>)[.. c.Value]),
        CaseApplications = new Dictionary<Guid, Guid>(counts.CaseApplications),
    };

    public static ReviewCounts Thaw(PublishedReviewCounts published) => new()
    {
        Id = published.Id,
        AgencyId = published.AgencyId,
        Year = published.Year,
        Counts = published.Counts.ToDictionary(b => Enum.Parse<ReviewBlock>(b.Key), b => new Dictionary<ReviewResultColumn, int>(b.Value)),
        CaseIds = published.CaseIds.ToDictionary(c => c.Key, c => c.Value.ToList()),
        CaseApplications = new Dictionary<Guid, Guid>(published.CaseApplications),
    };
}
