using Projections.Annual.Publication;
using Projections.Tests.Support;
using Wolverine;
using Workflow.Applications;

namespace Projections.Tests.Annual;

/// <summary>A16: publishing freezes a year's tables; later changes are listed cell by cell with their applications.</summary>
public sealed class PublicationTests(AnnualAppFixture app) : AnnualContext(app)
{
    [Fact]
    public async Task A16_correction_after_publication_is_listed_with_its_application()
    {
        var corrected = await RegisterAsync(D(2023, 3, 1));
        var untouched = await RegisterAsync(D(2023, 3, 2));
        await AnswerAsync(corrected, D(2023, 3, 10), ItemResult.Disclosed);
        await AnswerAsync(untouched, D(2023, 3, 10), ItemResult.Disclosed);

        var result = await App.Bus.InvokeAsync<PublicationResult>(new PublishAnnualReport(Agency, 2023, null, "head.zhao"));
        result.StreamId.Should().Be(AnnualReportStream.IdFor(Agency, 2023));
        result.PublishedOn.Should().Be(D(2024, 12, 20));
        await using (var session = App.Store.QuerySession())
        {
            var status = await new PublicationStatusReader(session).LoadAsync(Agency, 2023);
            status.IsPublished.Should().BeTrue();
            status.Publication!.Disclosure.NewlyReceivedTotal().Should().Be(2);
            status.Publication.Layout.Should().Be("2021");
            status.ChangesSincePublication.Should().BeEmpty();
        }

        await CorrectAsync(corrected, CorrectableFact.ApplicantType, nameof(ApplicantType.CommercialEnterprise));
        await App.CatchUpAsync();

        await using (var session = App.Store.QuerySession())
        {
            var changes = (await new PublicationStatusReader(session).LoadAsync(Agency, 2023)).ChangesSincePublication;
            changes.Select(c => c.Cell).Should().BeEquivalentTo(
                "NewlyReceived.NaturalPerson", "NewlyReceived.CommercialEnterprise",
                "Result.Disclosed.NaturalPerson", "Result.Disclosed.CommercialEnterprise");
            var left = changes.Single(c => c.Cell == "NewlyReceived.NaturalPerson");
            (left.Published, left.Current).Should().Be((2m, 1m));
            left.ApplicationsRemoved.Should().Equal(corrected);
            left.ApplicationsAdded.Should().BeEmpty();
            var entered = changes.Single(c => c.Cell == "Result.Disclosed.CommercialEnterprise");
            (entered.Published, entered.Current).Should().Be((0m, 1m));
            entered.ApplicationsAdded.Should().Equal(corrected);
            changes.SelectMany(c => c.ApplicationsAdded.Concat(c.ApplicationsRemoved)).Should().NotContain(untouched);
        }
        (await new PublicationStatusReader(App.Store.QuerySession()).LoadAsync(Agency, 2022)).IsPublished.Should().BeFalse();
    }

    [Fact]
    public async Task A16_an_office_with_no_applications_at_all_publishes_an_all_zero_year()
    {
        var result = await App.Bus.InvokeAsync<PublicationResult>(new PublishAnnualReport(Agency, 2023, null, "head.zhao"));

        result.Publications.Should().Be(1);
        await using var session = App.Store.QuerySession();
        var status = await new PublicationStatusReader(session).LoadAsync(Agency, 2023);
        status.Publication!.Disclosure.NewlyReceivedTotal().Should().Be(0);
        status.ChangesSincePublication.Should().BeEmpty();
    }

    [Fact]
    public async Task A16_publishing_a_future_year_or_an_unknown_layout_is_refused()
    {
        var future = () => App.Bus.InvokeAsync<PublicationResult>(new PublishAnnualReport(Agency, 2025, null, "head.zhao"));
        (await future.Should().ThrowAsync<CommandRefusedException>()).Which.Refusal.Code.Should().Be("publication.year");
        var layout = () => App.Bus.InvokeAsync<PublicationResult>(new PublishAnnualReport(Agency, 2023, "1999", "head.zhao"));
        (await layout.Should().ThrowAsync<CommandRefusedException>()).Which.Refusal.Code.Should().Be("publication.layout");
    }
}
