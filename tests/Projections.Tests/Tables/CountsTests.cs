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
    public void A_correction_moves_an_application_between_columns()
    {
        var counts = DisclosureCounts.Create("agency", 2022);
        var id = Guid.NewGuid();
        counts.Add(DisclosureFact.NewlyReceived(ApplicantType.NaturalPerson), id);
        counts.Remove(DisclosureFact.NewlyReceived(ApplicantType.NaturalPerson), id);
        counts.Add(DisclosureFact.NewlyReceived(ApplicantType.LegalServiceInstitution), id);

        counts.Column(ApplicantType.NaturalPerson).NewlyReceived.Should().Be(0);
        counts.Column(ApplicantType.LegalServiceInstitution).NewlyReceived.Should().Be(1);
        counts.ApplicationIds.Should().ContainKey("NewlyReceived.LegalServiceInstitution").And.NotContainKey("NewlyReceived.NaturalPerson");
    }

    [Fact]
    public void Counting_an_application_twice_or_removing_one_never_counted_is_refused()
    {
        var counts = DisclosureCounts.Create("agency", 2022);
        var id = Guid.NewGuid();
        counts.Add(DisclosureFact.ReceivedVia(Channel.Email), id);
        var twice = () => counts.Add(DisclosureFact.ReceivedVia(Channel.Email), id);
        twice.Should().Throw<InvalidOperationException>().WithMessage("*ReceivedViaChannel.Email*");
        var never = () => counts.Remove(DisclosureFact.ClosedOnTime, id);
        never.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Merge_sums_departments_into_their_government()
    {
        var department = DisclosureCounts.Create("department", 2022);
        var government = DisclosureCounts.Create("government", 2022);
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        department.Add(DisclosureFact.NewlyReceived(ApplicantType.NaturalPerson), a);
        department.Add(DisclosureFact.Result(ResultRow.Disclosed, ApplicantType.NaturalPerson), a);
        department.Add(DisclosureFact.ReceivedVia(Channel.Letter), a);
        department.AddFee(100m, a);
        government.Add(DisclosureFact.NewlyReceived(ApplicantType.NaturalPerson), b);
        government.Add(DisclosureFact.CarriedOver(ApplicantType.NaturalPerson), b);
        government.Add(DisclosureFact.ReceivedVia(Channel.Letter), b);

        var sum = DisclosureCounts.Sum("government-tree", 2022, [government, department]);
        sum.Column(ApplicantType.NaturalPerson).NewlyReceived.Should().Be(2);
        sum.Column(ApplicantType.NaturalPerson).Result(ResultRow.Disclosed).Should().Be(1);
        sum.ReceivedByChannel[Channel.Letter].Should().Be(2);
        sum.FeesCollectedYuan.Should().Be(100m);
        sum.IdsOf(DisclosureFact.NewlyReceived(ApplicantType.NaturalPerson)).Should().BeEquivalentTo([a, b]);
        sum.CheckIdentity().Should().BeEmpty();
        government.Column(ApplicantType.NaturalPerson).NewlyReceived.Should().Be(1, "merging into a new sum leaves the parts alone");

        var otherYear = DisclosureCounts.Create("x", 2021);
        var act = () => sum.Merge(otherYear);
        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Review_counts_total_per_block_and_merge()
    {
        var reviews = ReviewCounts.Create("a", 2022);
        var caseId = Guid.NewGuid();
        reviews.Add(ReviewBlock.Reconsideration, ReviewResultColumn.Pending, caseId);
        reviews.Remove(ReviewBlock.Reconsideration, ReviewResultColumn.Pending, caseId);
        reviews.Add(ReviewBlock.Reconsideration, ReviewResultColumn.Corrected, caseId);
        reviews.Add(ReviewBlock.Reconsideration, ReviewResultColumn.Upheld, Guid.NewGuid());
        var other = ReviewCounts.Create("b", 2022);
        other.Add(ReviewBlock.Reconsideration, ReviewResultColumn.Upheld, Guid.NewGuid());
        reviews.Merge(other);

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
