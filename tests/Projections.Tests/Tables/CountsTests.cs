using System.Text.Json;
using System.Text.Json.Serialization;
using Projections.Tables;
using Workflow.Applications;

namespace Projections.Tests.Tables;

public class CountsTests
{
    [Fact]
    public void Identity_holds_when_every_application_is_received_or_carried_in_and_then_closed_or_carried_over()
    {
        var counts = DisclosureCounts.Create("agency", 2022);
        var closed = Guid.NewGuid();
        var open = Guid.NewGuid();
        var carried = Guid.NewGuid();
        counts.Add(DisclosureFact.NewlyReceived(ApplicantType.NaturalPerson), closed);
        counts.Add(DisclosureFact.NewlyReceived(ApplicantType.NaturalPerson), open);
        counts.Add(DisclosureFact.CarriedIn(ApplicantType.ResearchInstitution), carried);
        counts.Add(DisclosureFact.Result(ResultRow.PartlyDisclosed, ApplicantType.NaturalPerson), closed);
        counts.Add(DisclosureFact.CarriedOver(ApplicantType.NaturalPerson), open);
        counts.CheckIdentity().Should().ContainSingle().Which.Should().Be(
            new IdentityViolation(ApplicantType.ResearchInstitution, 0, 1, 0, 0));

        counts.Add(DisclosureFact.Result(ResultRow.UnavailableNotHeld, ApplicantType.ResearchInstitution), carried);
        counts.CheckIdentity().Should().BeEmpty();
    }

    [Fact]
    public void Counting_an_application_twice_is_refused()
    {
        var counts = DisclosureCounts.Create("agency", 2022);
        var id = Guid.NewGuid();
        counts.Add(DisclosureFact.ReceivedVia(Channel.Email), id);
        var twice = () => counts.Add(DisclosureFact.ReceivedVia(Channel.Email), id);
        twice.Should().Throw<InvalidOperationException>().WithMessage("*ReceivedViaChannel.Email*");
    }

    [Fact]
    public void Review_counts_total_per_block()
    {
        var reviews = ReviewCounts.Create("a", 2022);
        var caseId = Guid.NewGuid();
        reviews.Add(ReviewBlock.Reconsideration, ReviewResultColumn.Corrected, caseId);
        reviews.Add(ReviewBlock.Reconsideration, ReviewResultColumn.Upheld, Guid.NewGuid());
        reviews.Add(ReviewBlock.Reconsideration, ReviewResultColumn.Upheld, Guid.NewGuid());
        var twice = () => reviews.Add(ReviewBlock.Reconsideration, ReviewResultColumn.Corrected, caseId);
        twice.Should().Throw<InvalidOperationException>();

        reviews.Total(ReviewBlock.Reconsideration).Should().Be(3);
        reviews.Count(ReviewBlock.Reconsideration, ReviewResultColumn.Pending).Should().Be(0);
        reviews.Count(ReviewBlock.Reconsideration, ReviewResultColumn.Upheld).Should().Be(2);
        reviews.IdsOf(ReviewBlock.Reconsideration, ReviewResultColumn.Corrected).Should().Equal(caseId);
        reviews.Total(ReviewBlock.LitigationAfterReconsideration).Should().Be(0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Counts_round_trip_through_System_Text_Json_with_enum_names_as_keys(bool stringEnums)
    {
        var options = new JsonSerializerOptions();
        if (stringEnums) options.Converters.Add(new JsonStringEnumConverter());
        var counts = DisclosureCounts.Create("agency", 2022);
        var id = Guid.NewGuid();
        counts.Add(DisclosureFact.NewlyReceived(ApplicantType.SocialWelfareOrganization), id);
        counts.Add(DisclosureFact.Result(ResultRow.OtherFeeUnpaid, ApplicantType.SocialWelfareOrganization), id);
        counts.Add(DisclosureFact.ReceivedVia(Channel.Fax), id);
        counts.Add(DisclosureFact.ClosedAfterExtension, id);
        counts.AddFee(12.5m, id);

        var json = JsonSerializer.Serialize(counts, options);
        json.Should().Contain("\"SocialWelfareOrganization\":").And.Contain("\"OtherFeeUnpaid\":").And.Contain("\"Fax\":");
        var back = JsonSerializer.Deserialize<DisclosureCounts>(json, options)!;
        back.Should().BeEquivalentTo(counts);
        back.Column(ApplicantType.SocialWelfareOrganization).Result(ResultRow.OtherFeeUnpaid).Should().Be(1);

        var reviews = ReviewCounts.Create("agency", 2022);
        reviews.Add(ReviewBlock.LitigationAfterReconsideration, ReviewResultColumn.Other, id);
        var reviewJson = JsonSerializer.Serialize(reviews, options);
        reviewJson.Should().Contain("\"LitigationAfterReconsideration\":");
        JsonSerializer.Deserialize<ReviewCounts>(reviewJson, options).Should().BeEquivalentTo(reviews);
    }
}
