using Workflow.Applications;
using Workflow.Publication;

namespace Workflow.Tests.Publication;

/// <summary>A16: what publishing a year decides by itself, without a database (the figures come from the read side's snapshot).</summary>
public sealed class PublicationDecisionTests
{
    private static readonly DateOnly NewYearsEve = new(2026, 12, 31);

    private static readonly AnnualReportSnapshot Snapshot = new("2021",
        new PublishedDisclosureCounts { Id = "qxg:2026", AgencyId = "qxg", Year = 2026, ClosedOnTime = 3 },
        new PublishedReviewCounts { Id = "qxg:2026", AgencyId = "qxg", Year = 2026 },
        CountingRulesVersion: 2, Paragraph: "本年度共收到政府信息公开申请3件。", FeeStatement: "本年度未收取信息处理费。");

    [Fact]
    public void On_31_December_the_current_year_may_be_published_and_the_next_may_not()
    {
        PublicationDecisions.Refuse(new PublishAnnualReport("qxg", 2026, null, "head.zhao"), NewYearsEve).Should().BeNull();
        PublicationDecisions.Refuse(new PublishAnnualReport("qxg", 2027, null, "head.zhao"), NewYearsEve)!.Code.Should().Be("publication.year");
        PublicationDecisions.Refuse(new PublishAnnualReport("qxg", 2027, null, "head.zhao"), new DateOnly(2027, 1, 1)).Should().BeNull();
    }

    [Fact]
    public void Years_before_the_regulations_took_effect_are_refused()
    {
        PublicationDecisions.Refuse(new PublishAnnualReport("qxg", 2007, null, "head.zhao"), NewYearsEve)!.Code.Should().Be("publication.year");
        PublicationDecisions.Refuse(new PublishAnnualReport("qxg", 2008, null, "head.zhao"), NewYearsEve).Should().BeNull();
    }

    [Theory]
    [InlineData("", "head.zhao", "agency code")]
    [InlineData("qxg", " ", "actor")]
    public void A_publication_without_agency_or_actor_is_refused_as_invalid(string agency, string actor, string field)
    {
        var refusal = PublicationDecisions.Refuse(new PublishAnnualReport(agency, 2025, null, actor), NewYearsEve)!;
        refusal.Code.Should().Be("field.required");
        refusal.Kind.Should().Be(RefusalKind.Invalid);
        refusal.English.Should().Contain(field);
    }

    [Fact]
    public void The_publication_freezes_the_snapshot_as_it_reads_today()
    {
        var published = PublicationDecisions.Decide(new PublishAnnualReport(" qxg ", 2026, null, " head.zhao "), NewYearsEve, Snapshot);

        published.AgencyCode.Should().Be("qxg");
        published.Actor.Should().Be("head.zhao");
        published.PublishedOn.Should().Be(NewYearsEve);
        published.Layout.Should().Be("2021");
        published.CountingRulesVersion.Should().Be(2);
        published.Disclosure.ClosedOnTime.Should().Be(3);
        published.Paragraph.Should().Be(Snapshot.Paragraph);
        published.FeeStatement.Should().Be(Snapshot.FeeStatement);
    }

    [Fact]
    public void Deciding_an_invalid_command_throws_the_refusal_instead_of_producing_an_event()
    {
        var decide = () => PublicationDecisions.Decide(new PublishAnnualReport("qxg", 2027, null, "head.zhao"), NewYearsEve, Snapshot);
        decide.Should().Throw<CommandRefusedException>().Which.Refusal.Code.Should().Be("publication.year");
    }

    [Fact]
    public void Figures_behind_the_events_are_a_retryable_refusal()
    {
        PublicationDecisions.FiguresBehind.Kind.Should().Be(RefusalKind.Unavailable);
        PublicationDecisions.FiguresBehind.Chinese.Should().Contain("稍后");
    }

    [Fact]
    public void The_stream_of_an_agency_year_is_the_same_for_every_spelling_of_its_code()
    {
        AnnualReportStream.IdFor(" qxg", 2026).Should().Be(AnnualReportStream.IdFor("qxg", 2026));
        AnnualReportStream.IdFor("qxg", 2026).Should().NotBe(AnnualReportStream.IdFor("qxg", 2025));
    }

    [Fact]
    public void A_publication_identical_to_the_one_in_force_the_same_day_is_a_repeat_whoever_clicks()
    {
        var inForce = PublicationDecisions.Decide(new PublishAnnualReport("qxg", 2026, null, "head.zhao"), NewYearsEve, Snapshot);
        var next = PublicationDecisions.Decide(new PublishAnnualReport("qxg", 2026, null, "deputy.qian"), NewYearsEve, Snapshot);
        static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);
        // The database gives an object's keys back in its own order: the same facts in another order are the same facts.
        string Reordered(object value)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(Json(value))!.AsObject();
            return new System.Text.Json.Nodes.JsonObject(node.Reverse().Select(p =>
                KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString();
        }

        PublicationDecisions.Repeats(next, inForce, Json).Should().BeTrue();
        PublicationDecisions.Repeats(next, inForce, v => ReferenceEquals(v, inForce) ? Reordered(v) : Json(v)).Should().BeTrue();
        PublicationDecisions.Repeats(next, null, Json).Should().BeFalse("the first publication repeats nothing");
        PublicationDecisions.Repeats(next with { PublishedOn = NewYearsEve.AddDays(-1) }, inForce, Json).Should().BeFalse("another day");
        PublicationDecisions.Repeats(next with { Layout = "2019" }, inForce, Json).Should().BeFalse("another layout");
        PublicationDecisions.Repeats(next with { Paragraph = "改过的段落。" }, inForce, Json).Should().BeFalse("changed text");
        PublicationDecisions.Repeats(next with { Disclosure = next.Disclosure with { ClosedOnTime = 4 } }, inForce, Json).Should().BeFalse("changed figures");
        PublicationDecisions.AlreadyPublished(2026, 1).Kind.Should().Be(RefusalKind.Conflict);
        PublicationDecisions.PublishedMeanwhile(2026, 1).Kind.Should().Be(RefusalKind.Conflict);
    }
}
