using Microsoft.Extensions.DependencyInjection;
using Projections.Annual;
using Projections.Annual.Publication;
using Projections.Tables;
using Projections.Tests.Support;
using Wolverine;
using Workflow.Applications;
using Workflow.Publication;

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
        await App.CatchUpAsync(); // the handler refuses figures behind the events; waiting is the caller's (ADR 0028)

        var result = await App.Bus.InvokeAsync<PublicationResult>(new PublishAnnualReport(Agency, 2023, null, "head.zhao"));
        result.StreamId.Should().Be(AnnualReportStream.IdFor(Agency, 2023));
        result.PublishedOn.Should().Be(D(2024, 12, 20));
        await using (var session = App.Store.QuerySession())
        {
            var status = await new PublicationStatusReader(session).LoadAsync(Agency, 2023);
            status.IsPublished.Should().BeTrue();
            PublishedCounts.Thaw(status.Publication!.Disclosure).NewlyReceivedTotal().Should().Be(2);
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
        PublishedCounts.Thaw(status.Publication!.Disclosure).NewlyReceivedTotal().Should().Be(0);
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

    /// <summary>
    /// Issue 13 upgrade path: a store written by the version before the counting corrections (events, and 2023
    /// published with the figures that version counted: an answer dated 28 December counted in 2023 although served
    /// on 5 January; a suit counted 未经复议直接起诉 because its earlier reconsideration was recorded after it) is
    /// upgraded by rebuilding the projections. The published figures stay as published; each difference is listed
    /// under 发布后变动 with the reason 统计口径更正, and the correction is stated.
    /// </summary>
    [Fact]
    public async Task Upgrade_to_corrected_counting_rules_lists_the_differences_of_a_published_year_with_the_reason()
    {
        var servedInJanuary = await RegisterAsync(D(2023, 12, 1));
        await StepAsync(servedInJanuary, v => new AnswerApplication(servedInJanuary, v, D(2023, 12, 28),
            [new ItemAnswer(1, ItemResult.Disclosed, null)], null, "答复〔2023〕99号", ServiceMethod.Post, D(2024, 1, 5), Clerk));
        var sued = await RegisterAsync(D(2023, 2, 1));
        await AnswerAsync(sued, D(2023, 2, 10), ItemResult.Disclosed);
        await StepAsync(sued, v => new FileLawsuit(sued, v, D(2023, 5, 4), "区人民法院", null, null, Clerk));
        await StepAsync(sued, v => new FileReconsideration(sued, v, D(2023, 4, 3), "市人民政府", null, Clerk)); // filed first, recorded later
        await App.CatchUpAsync();

        // 2023 as the earlier version counted and published it (no counting-rules version recorded).
        var old = DisclosureCounts.Create(Agency, 2023);
        foreach (var id in new[] { servedInJanuary, sued })
        {
            old.Add(DisclosureFact.NewlyReceived(ApplicantType.NaturalPerson), id);
            old.Add(DisclosureFact.ReceivedVia(Channel.Letter), id);
            old.Add(DisclosureFact.Result(ResultRow.Disclosed, ApplicantType.NaturalPerson), id);
            old.Add(DisclosureFact.ClosedOnTime, id);
        }
        var oldReviews = ReviewCounts.Create(Agency, 2023);
        var oldSuit = AnnualTableBuilder.CaseId($"{sued:N}:{ReviewBlock.LitigationWithoutReconsideration}:1");
        oldReviews.Add(ReviewBlock.LitigationWithoutReconsideration, ReviewResultColumn.Pending, oldSuit);
        oldReviews.CaseApplications[oldSuit] = sued;
        var reconsideration = AnnualTableBuilder.CaseId($"{sued:N}:{ReviewBlock.Reconsideration}:1");
        oldReviews.Add(ReviewBlock.Reconsideration, ReviewResultColumn.Pending, reconsideration);
        oldReviews.CaseApplications[reconsideration] = sued;
        await using (var session = App.Store.LightweightSession())
        {
            session.Events.Append(AnnualReportStream.IdFor(Agency, 2023),
                new AnnualReportPublished(Agency, 2023, D(2024, 1, 20), TableLayouts.Code2021, "head.zhao",
                    PublishedCounts.Freeze(old), PublishedCounts.Freeze(oldReviews)));
            await session.SaveChangesAsync();
        }

        await App.Rebuild.RebuildAsync(); // the upgrade: the projections rebuilt from the events under the new rules

        await using var query = App.Store.QuerySession();
        var status = await new PublicationStatusReader(query).LoadAsync(Agency, 2023);
        PublishedCounts.Thaw(status.Publication!.Disclosure).Column(ApplicantType.NaturalPerson).Result(ResultRow.Disclosed).Should().Be(2, "the published figures stay");
        status.RuleCorrections.Should().ContainSingle().Which.Chinese.Should().Contain("送达之日");
        var changes = status.ChangesSincePublication.ToDictionary(c => c.Cell);
        changes.Keys.Should().BeEquivalentTo(
            "Result.Disclosed.NaturalPerson", "ClosedOnTime", "CarriedOver.NaturalPerson",
            "Reviews.LitigationWithoutReconsideration.Pending", "Reviews.LitigationAfterReconsideration.Pending");
        changes.Values.Should().OnlyContain(c => c.Cause == ChangeCause.CountingRuleCorrected && c.CauseChinese == "统计口径更正");
        (changes["Result.Disclosed.NaturalPerson"].Published, changes["Result.Disclosed.NaturalPerson"].Current).Should().Be((2m, 1m));
        changes["Result.Disclosed.NaturalPerson"].ApplicationsRemoved.Should().Equal(servedInJanuary);
        changes["CarriedOver.NaturalPerson"].ApplicationsAdded.Should().Equal(servedInJanuary);
        changes["Reviews.LitigationAfterReconsideration.Pending"].ApplicationsAdded.Should().Equal(sued);

        var y2024 = await App.TablesAsync(2024, Agency);
        y2024.Disclosure.IdsOf(DisclosureFact.Result(ResultRow.Disclosed, ApplicantType.NaturalPerson)).Should().Equal(servedInJanuary);

        // A step recorded after the publication is told apart from the rule correction.
        await CorrectAsync(sued, CorrectableFact.ApplicantType, nameof(ApplicantType.CommercialEnterprise));
        await App.CatchUpAsync();
        var after = (await new PublicationStatusReader(App.Store.QuerySession()).LoadAsync(Agency, 2023)).ChangesSincePublication;
        after.Single(c => c.Cell == "NewlyReceived.CommercialEnterprise").Cause.Should().Be(ChangeCause.Both);
        after.Single(c => c.Cell == "CarriedOver.NaturalPerson").Cause.Should().Be(ChangeCause.CountingRuleCorrected);
    }

    /// <summary>
    /// ADR 0028: the handler never waits for the daemon. While the annual figures have not counted an event already
    /// recorded, publishing is refused at once with a retryable refusal; once they have, the same command succeeds.
    /// </summary>
    [Fact]
    public async Task Publishing_while_the_figures_are_behind_the_events_is_refused_at_once_as_retryable()
    {
        await RegisterAsync(D(2023, 3, 1));
        await App.CatchUpAsync();
        var coordinator = App.Services.GetRequiredService<JasperFx.Events.Daemon.IProjectionCoordinator>();
        await coordinator.PauseAsync();
        try
        {
            await RegisterAsync(D(2023, 3, 2)); // recorded, not yet counted
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var publish = () => App.Bus.InvokeAsync<PublicationResult>(new PublishAnnualReport(Agency, 2023, null, "head.zhao"));
            var refusal = (await publish.Should().ThrowAsync<CommandRefusedException>()).Which.Refusal;
            refusal.Code.Should().Be("publication.projection-behind");
            refusal.Kind.Should().Be(RefusalKind.Unavailable);
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the handler checks, it does not wait for the daemon");
        }
        finally
        {
            await coordinator.ResumeAsync();
        }
        await App.CatchUpAsync();

        (await App.Bus.InvokeAsync<PublicationResult>(new PublishAnnualReport(Agency, 2023, null, "head.zhao"))).Publications.Should().Be(1);
        await using var session = App.Store.QuerySession();
        PublishedCounts.Thaw((await new PublicationStatusReader(session).LatestAsync(Agency, 2023))!.Disclosure).NewlyReceivedTotal()
            .Should().Be(2, "the publication counts the application recorded while the figures were behind");
    }

    [Fact]
    public async Task A_publication_records_the_counting_rules_it_was_counted_by()
    {
        await App.Bus.InvokeAsync<PublicationResult>(new PublishAnnualReport(Agency, 2023, null, "head.zhao"));
        await using var session = App.Store.QuerySession();
        var status = await new PublicationStatusReader(session).LoadAsync(Agency, 2023);
        status.Publication!.CountingRulesVersion.Should().Be(CountingRules.Current);
        status.RuleCorrections.Should().BeEmpty();
    }

    /// <summary>
    /// A store whose flows were counted before the counting rules were versioned (the previous release) says so on
    /// the 年报 page and cannot publish until rebuilt; a new store, and a rebuilt one, count by the current rules.
    /// </summary>
    [Fact]
    public async Task Figures_counted_by_outdated_rules_cannot_be_published_until_the_tables_are_rebuilt()
    {
        var id = await RegisterAsync(D(2023, 3, 1));
        await AnswerAsync(id, D(2023, 3, 10), ItemResult.Disclosed);
        await App.CatchUpAsync();
        await using (var session = App.Store.QuerySession())
            (await AnnualCountingState.OutdatedVersionAsync(session)).Should().BeNull("a new store is counted by the current rules");

        // What an upgraded store looks like: statistics stored, no record of the rules they were counted by.
        await App.Store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(AnnualCountingState));
        await using (var session = App.Store.QuerySession())
            (await AnnualCountingState.OutdatedVersionAsync(session)).Should().Be(CountingRules.First);
        var refused = () => App.Bus.InvokeAsync<PublicationResult>(new PublishAnnualReport(Agency, 2023, null, "head.zhao"));
        (await refused.Should().ThrowAsync<CommandRefusedException>()).Which.Refusal.Code.Should().Be("publication.rules-outdated");

        await App.Rebuild.RebuildAsync();
        await using (var session = App.Store.QuerySession())
            (await AnnualCountingState.OutdatedVersionAsync(session)).Should().BeNull("the rebuild counted everything by the current rules");
        (await App.Bus.InvokeAsync<PublicationResult>(new PublishAnnualReport(Agency, 2023, null, "head.zhao"))).Publications.Should().Be(1);
    }
}

/// <summary>
/// ADR 0028: the publication event moved from the Projections assembly to the write side. A publication stored by the
/// previous release (its .NET type name naming the old assembly, its JSON written from the read side's counts) reads
/// back as the moved type with every figure, and a new publication is stored under the same event type name.
/// </summary>
public sealed class PublicationStoredBeforeTheMoveTests(AnnualAppFixture app) : AnnualContext(app)
{
    private const string OldDotNetType = "Projections.Annual.Publication.AnnualReportPublished, Projections";

    /// <summary>A publication as the previous release wrote it (System.Text.Json of its DisclosureCounts and ReviewCounts, camelCase, enums by name).</summary>
    private static string OldJson(Guid application, Guid suit) => $$$"""
        {"agencyCode":"qxg","year":2023,"publishedOn":"2024-01-20","layout":"2021","actor":"head.zhao",
         "disclosure":{"id":"qxg:2023","agencyId":"qxg","year":2023,
           "applicants":{"NaturalPerson":{"newlyReceived":1,"carriedIn":0,"results":{"Disclosed":1},"carriedOver":0}},
           "receivedByChannel":{"Letter":1},"closedOnTime":1,"closedAfterExtension":0,"legacyAnswers":{"Agreed":1},
           "answeredLate":0,"feesCollectedYuan":12.5,
           "applicationIds":{"NewlyReceived.NaturalPerson":["{{{application}}}"],"Result.Disclosed.NaturalPerson":["{{{application}}}"],
                             "FeeCollected":["{{{application}}}"]}},
         "reviews":{"id":"qxg:2023","agencyId":"qxg","year":2023,
           "counts":{"LitigationWithoutReconsideration":{"Pending":1}},
           "caseIds":{"LitigationWithoutReconsideration.Pending":["{{{suit}}}"]},
           "caseApplications":{"{{{suit}}}":"{{{application}}}"}},
         "countingRulesVersion":null,"paragraph":null,"feeStatement":null}
        """;

    [Fact]
    public async Task A_publication_stored_by_the_previous_release_reads_back_with_every_figure()
    {
        var application = Guid.NewGuid();
        var suit = Guid.NewGuid();
        var streamId = AnnualReportStream.IdFor(Agency, 2023);
        await using (var session = App.Store.LightweightSession())
        {
            session.Events.Append(streamId, new AnnualReportPublished(Agency, 2023, D(2024, 1, 20), "2021", "head.zhao",
                new PublishedDisclosureCounts(), new PublishedReviewCounts()));
            await session.SaveChangesAsync();
        }
        await using (var connection = App.Store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"select type, mt_dotnet_type from {App.Store.Options.Events.DatabaseSchemaName}.mt_events where stream_id = @id";
            command.Parameters.Add(new Npgsql.NpgsqlParameter("id", streamId));
            await using (var reader = await command.ExecuteReaderAsync())
            {
                (await reader.ReadAsync()).Should().BeTrue();
                reader.GetString(0).Should().Be("annual_report_published", "the stored event type name did not change with the move");
                reader.GetString(1).Should().StartWith("Workflow.Publication.AnnualReportPublished");
            }
            // What the previous release stored: its type name and its JSON.
            command.CommandText = $"update {App.Store.Options.Events.DatabaseSchemaName}.mt_events set mt_dotnet_type = @type, data = @data::jsonb where stream_id = @id";
            command.Parameters.Add(new Npgsql.NpgsqlParameter("type", OldDotNetType));
            command.Parameters.Add(new Npgsql.NpgsqlParameter("data", OldJson(application, suit)));
            (await command.ExecuteNonQueryAsync()).Should().Be(1);
        }

        await using var query = App.Store.QuerySession();
        var publication = (await new PublicationStatusReader(query).LatestAsync(Agency, 2023))!;
        publication.PublishedOn.Should().Be(D(2024, 1, 20));
        publication.CountingRulesVersion.Should().BeNull();
        var disclosure = PublishedCounts.Thaw(publication.Disclosure);
        disclosure.Column(ApplicantType.NaturalPerson).Result(ResultRow.Disclosed).Should().Be(1);
        disclosure.ReceivedByChannel[Channel.Letter].Should().Be(1);
        disclosure.LegacyAnswers[LegacyAnswerCategory.Agreed].Should().Be(1);
        disclosure.FeesCollectedYuan.Should().Be(12.5m);
        disclosure.IdsOf(DisclosureFact.Result(ResultRow.Disclosed, ApplicantType.NaturalPerson)).Should().Equal(application);
        var reviews = PublishedCounts.Thaw(publication.Reviews);
        reviews.Count(ReviewBlock.LitigationWithoutReconsideration, ReviewResultColumn.Pending).Should().Be(1);
        reviews.ApplicationsOf(ReviewBlock.LitigationWithoutReconsideration, ReviewResultColumn.Pending).Should().Equal(application);

        // Compared with today's (empty) tables, every published cell is a change whose application left it.
        var status = await new PublicationStatusReader(query).LoadAsync(Agency, 2023);
        status.ChangesSincePublication.Single(c => c.Cell == "Result.Disclosed.NaturalPerson").ApplicationsRemoved.Should().Equal(application);
        status.RuleCorrections.Should().NotBeEmpty("a publication without a recorded version was counted by version 1");
    }

    [Fact]
    public void Freezing_and_thawing_the_counts_keeps_every_figure()
    {
        var id = Guid.NewGuid();
        var counts = DisclosureCounts.Create(Agency, 2023);
        counts.Add(DisclosureFact.NewlyReceived(ApplicantType.SocialWelfareOrganization), id);
        counts.Add(DisclosureFact.Result(ResultRow.OtherFeeUnpaid, ApplicantType.SocialWelfareOrganization), id);
        counts.Add(DisclosureFact.ReceivedVia(Channel.Fax), id);
        counts.Add(DisclosureFact.ClosedAfterExtension, id);
        counts.Add(DisclosureFact.LegacyAnswered(LegacyAnswerCategory.ToldOtherRoute), id);
        counts.Add(DisclosureFact.AnsweredLate, id);
        counts.AddFee(12.5m, id);
        var reviews = ReviewCounts.Create(Agency, 2023);
        var suit = Guid.NewGuid();
        reviews.Add(ReviewBlock.LitigationAfterReconsideration, ReviewResultColumn.Corrected, suit);
        reviews.CaseApplications[suit] = id;

        var thawed = PublishedCounts.Thaw(PublishedCounts.Freeze(counts));
        var thawedReviews = PublishedCounts.Thaw(PublishedCounts.Freeze(reviews));

        thawed.Should().BeEquivalentTo(counts);
        thawedReviews.Should().BeEquivalentTo(reviews);
        PublicationStatusReader.Compare(thawed, thawedReviews, new AnnualTables(counts, reviews)).Should().BeEmpty();
    }
}
