using Projections.Annual;
using Projections.Tables;
using Workflow.Applications;

namespace Projections.Tests.Annual;

/// <summary>
/// The count book of one agency when an application is the first it counts, or comes before the agency's later years
/// exist: an open application (a review pending) still counts in every year one of its facts is dated in.
/// </summary>
public sealed class AgencyCountBookTests
{
    private static readonly Guid Id = Guid.Parse("6f1a2b3c-0000-4000-8000-000000000017");

    /// <summary>Received and answered in 2020; a reconsideration filed 2021 and decided 2022; a lawsuit filed 2022, pending.</summary>
    private static ApplicationStatistics OpenWithAReviewDecidedLater() => new()
    {
        Id = Id, AgencyCode = "gov-edu", ReceivedOn = new(2020, 3, 2), ApplicantType = ApplicantType.NaturalPerson,
        Channel = Channel.Letter, Closure = ClosureKind.Answered, Row = ResultRow.Disclosed,
        AnsweredOn = new(2020, 3, 20), ClosedOn = new(2020, 3, 23), ItemResults = [ItemResult.Disclosed],
        Reviews =
        [
            new ReviewFacts(ReviewBlock.Reconsideration, 1, new(2021, 5, 6), new(2022, 7, 8), ReviewDecision.Upheld),
            new ReviewFacts(ReviewBlock.LitigationAfterReconsideration, 2, new(2022, 8, 1), null, null),
        ],
    };

    [Fact]
    public void An_open_application_counted_first_counts_the_decision_of_a_later_year_and_its_pending_review()
    {
        var statistics = OpenWithAReviewDecidedLater();
        AnnualCells.LastYear(statistics).Should().Be(AnnualCells.OpenEnded);

        var book = new AgencyCountBook("gov-edu", []);
        book.Count(statistics, +1);
        var years = book.Changed.ToDictionary(c => c.Year);

        years.Keys.Should().BeEquivalentTo([2020, 2021, 2022], "every year a fact of the application is dated in");
        years[2020].Disclosure.Column(ApplicantType.NaturalPerson).Result(ResultRow.Disclosed).Should().Be(1);
        years[2021].Reviews.Count(ReviewBlock.Reconsideration, ReviewResultColumn.Pending).Should().Be(1);
        years[2022].Reviews.Count(ReviewBlock.Reconsideration, ReviewResultColumn.Upheld).Should().Be(1, "decided in 2022");
        years[2022].Reviews.Count(ReviewBlock.LitigationAfterReconsideration, ReviewResultColumn.Pending).Should().Be(1);
        // The years after idle: the pending lawsuit is carried, the decision is not.
        var idle = years[2022].IdleYearAfter();
        idle.Reviews.Count(ReviewBlock.LitigationAfterReconsideration, ReviewResultColumn.Pending).Should().Be(1);
        idle.Reviews.Count(ReviewBlock.Reconsideration, ReviewResultColumn.Upheld).Should().Be(0);
    }

    [Fact]
    public void Counting_then_retracting_an_open_application_leaves_every_year_empty()
    {
        var book = new AgencyCountBook("gov-edu", [AnnualCounts.Create("gov-edu", 2019)]);
        book.Count(OpenWithAReviewDecidedLater(), +1);
        book.Count(OpenWithAReviewDecidedLater(), -1);

        foreach (var counts in book.Changed)
        {
            counts.Reviews.Counts.Should().BeEmpty("{0}", counts.Year);
            counts.Disclosure.ResultTotal().Should().Be(0);
            counts.Disclosure.NewlyReceivedTotal().Should().Be(0);
        }
    }
}
