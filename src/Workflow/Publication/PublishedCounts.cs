using Workflow.Applications;

namespace Workflow.Publication;

/// <summary>
/// Table 三 as published, frozen in <see cref="AnnualReportPublished"/>. The write side owns the shape of what it
/// stored: the read side's live counts (<c>Projections.Tables.DisclosureCounts</c>) may change their form, a published
/// snapshot keeps the JSON it was written with. The property names are those of the counts at the time of the first
/// publication, so every stored publication reads back as written (ADR 0028). Keys the write side has no enum for are
/// the read side's names: <see cref="LegacyAnswers"/> by pre-2019 answer category, <see cref="ApplicationIds"/> by
/// counted fact (e.g. <c>Result.Disclosed.NaturalPerson</c>).
/// </summary>
public sealed record PublishedDisclosureCounts
{
    public string Id { get; init; } = "";

    public string AgencyId { get; init; } = "";

    public int Year { get; init; }

    public IReadOnlyDictionary<ApplicantType, PublishedApplicantColumn> Applicants { get; init; } = new Dictionary<ApplicantType, PublishedApplicantColumn>();

    public IReadOnlyDictionary<Channel, int> ReceivedByChannel { get; init; } = new Dictionary<Channel, int>();

    public int ClosedOnTime { get; init; }

    public int ClosedAfterExtension { get; init; }

    public IReadOnlyDictionary<string, int> LegacyAnswers { get; init; } = new Dictionary<string, int>();

    public int AnsweredLate { get; init; }

    public decimal FeesCollectedYuan { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<Guid>> ApplicationIds { get; init; } = new Dictionary<string, IReadOnlyList<Guid>>();
}

/// <summary>One applicant-type column of table 三 as published.</summary>
public sealed record PublishedApplicantColumn
{
    public int NewlyReceived { get; init; }

    public int CarriedIn { get; init; }

    public IReadOnlyDictionary<ResultRow, int> Results { get; init; } = new Dictionary<ResultRow, int>();

    public int CarriedOver { get; init; }
}

/// <summary>
/// Table 四 as published: block (the read side's <c>ReviewBlock</c> name) → result column → count, the cases behind each
/// cell and the application of each case.
/// </summary>
public sealed record PublishedReviewCounts
{
    public string Id { get; init; } = "";

    public string AgencyId { get; init; } = "";

    public int Year { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<ReviewResultColumn, int>> Counts { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<ReviewResultColumn, int>>();

    public IReadOnlyDictionary<string, IReadOnlyList<Guid>> CaseIds { get; init; } = new Dictionary<string, IReadOnlyList<Guid>>();

    public IReadOnlyDictionary<Guid, Guid> CaseApplications { get; init; } = new Dictionary<Guid, Guid>();
}
