using Projections.Annual;
using Projections.Tables;
using Projections.Tests.Support;
using Workflow.Applications;
using static Workflow.Applications.ItemResult;

namespace Projections.Tests.Annual;

/// <summary>
/// Small histories sent through the real commands, projected by the real async daemon, read back as the table cell
/// the policy (domain A9-A12) says they land in.
/// </summary>
public sealed class AnnualTablesThroughDaemonTests(AnnualAppFixture app) : AnnualContext(app)
{
    private const ApplicantType Person = ApplicantType.NaturalPerson;

    private static int Result(AnnualTables t, ResultRow row, ApplicantType type = Person) => t.Disclosure.Column(type).Result(row);

    // ---- A9: the derived row ---------------------------------------------------------------------------------

    [Fact]
    public async Task A9_disclosed_item_plus_withheld_item_counts_once_as_partly_disclosed()
    {
        var id = await RegisterAsync(D(2023, 3, 1), items: 2);
        await AnswerAsync(id, D(2023, 3, 20), Disclosed, WithheldStateSecret);

        var t = await App.TablesAsync(2023, Agency);
        Result(t, ResultRow.PartlyDisclosed).Should().Be(1);
        t.Disclosure.ResultTotal().Should().Be(1);
        t.Disclosure.IdsOf(DisclosureFact.Result(ResultRow.PartlyDisclosed, Person)).Should().Equal(id);
    }

    [Fact]
    public async Task A9_all_items_in_one_row_count_in_that_row()
    {
        var id = await RegisterAsync(D(2023, 3, 1), items: 2);
        await AnswerAsync(id, D(2023, 3, 20), WithheldProcessInformation, WithheldProcessInformation);

        var t = await App.TablesAsync(2023, Agency);
        Result(t, ResultRow.WithheldProcessInformation).Should().Be(1);
        t.Disclosure.ResultTotal().Should().Be(1);
    }

    [Fact]
    public async Task A9_mixed_non_disclosure_rows_count_in_the_first_in_table_order()
    {
        var id = await RegisterAsync(D(2023, 3, 1), items: 2);
        await AnswerAsync(id, D(2023, 3, 20), NeedsCreation, WithheldThirdPartyRights);

        var t = await App.TablesAsync(2023, Agency);
        Result(t, ResultRow.WithheldThirdPartyRights).Should().Be(1);
        Result(t, ResultRow.UnavailableNeedsCreation).Should().Be(0);
    }

    [Fact]
    public async Task A9_staff_choice_between_mixed_rows_is_the_counted_row()
    {
        var id = await RegisterAsync(D(2023, 3, 1), items: 2);
        await AnswerAsync(id, D(2023, 3, 20), ResultRow.UnavailableNeedsCreation, NeedsCreation, WithheldThirdPartyRights);

        var t = await App.TablesAsync(2023, Agency);
        Result(t, ResultRow.UnavailableNeedsCreation).Should().Be(1);
        Result(t, ResultRow.WithheldThirdPartyRights).Should().Be(0);
    }

    // ---- A10: categories ------------------------------------------------------------------------------------

    [Fact]
    public async Task A10_already_proactively_disclosed_counts_as_disclosed()
    {
        var id = await RegisterAsync(D(2023, 5, 8));
        await AnswerAsync(id, D(2023, 5, 9), AlreadyProactivelyDisclosed);

        var report = RenderedReport.Build(TableLayouts.Format2021, "七星关区", 2023, (await App.TablesAsync(2023, Agency)).Disclosure,
            ReviewCounts.Create(Agency, 2023));
        report.FindCell("applications:Result.Disclosed:Total")!.Ids.Should().Equal(id);
    }

    [Fact]
    public async Task A10_does_not_exist_and_not_this_agency_both_count_as_not_held()
    {
        var first = await RegisterAsync(D(2023, 5, 8));
        var second = await RegisterAsync(D(2023, 5, 8), ApplicantType.CommercialEnterprise);
        await AnswerAsync(first, D(2023, 5, 20), NotHeldDoesNotExist);
        await AnswerAsync(second, D(2023, 5, 20), NotHeldOtherAgency);

        var t = await App.TablesAsync(2023, Agency);
        Result(t, ResultRow.UnavailableNotHeld).Should().Be(1);
        Result(t, ResultRow.UnavailableNotHeld, ApplicantType.CommercialEnterprise).Should().Be(1);
    }

    [Fact]
    public async Task A10_special_access_record_counts_as_administrative_query()
    {
        var id = await RegisterAsync(D(2023, 5, 8));
        await AnswerAsync(id, D(2023, 5, 20), WithheldSpecialAccessRecord);

        Result(await App.TablesAsync(2023, Agency), ResultRow.WithheldAdministrativeQuery).Should().Be(1);
    }

    [Fact]
    public async Task A10_withdrawal_counts_as_other_in_2021_format_and_other_handling_in_2019_format()
    {
        var id = await RegisterAsync(D(2023, 5, 8));
        await StepAsync(id, v => new WithdrawApplication(id, v, D(2023, 5, 10), "申请人书面撤回", Clerk));

        var t = await App.TablesAsync(2023, Agency);
        RenderedReport.Build(TableLayouts.Format2021, "x", 2023, t.Disclosure, t.Reviews)
            .FindCell("applications:Result.OtherOther:Total")!.Value.Should().Be(1);
        RenderedReport.Build(TableLayouts.Format2019, "x", 2023, t.Disclosure, t.Reviews)
            .FindCell("applications:Results.OtherHandling:Total")!.Value.Should().Be(1);
    }

    [Fact]
    public async Task A10_lapsed_supplement_and_unpaid_fee_count_in_their_other_rows()
    {
        var lapsed = await RegisterAsync(D(2023, 3, 1));
        await StepAsync(lapsed, v => new RequestSupplement(lapsed, v, D(2023, 3, 3), D(2023, 3, 20), "请补充信息名称", Clerk));
        await StepAsync(lapsed, v => new RecordSupplementLapsed(lapsed, v, D(2023, 3, 21), Clerk));
        var unpaid = await RegisterAsync(D(2023, 3, 1));
        await StepAsync(unpaid, v => new NoticeFee(unpaid, v, D(2023, 3, 6), FeeMethod.PerPage, 120, null, Clerk));
        await StepAsync(unpaid, v => new RecordFeeLapsed(unpaid, v, D(2023, 5, 4), Clerk));

        var t = await App.TablesAsync(2023, Agency);
        Result(t, ResultRow.OtherSupplementLapsed).Should().Be(1);
        Result(t, ResultRow.OtherFeeUnpaid).Should().Be(1);
        t.Disclosure.CheckIdentity().Should().BeEmpty();
    }

    // ---- A11: years of each count ---------------------------------------------------------------------------

    [Fact]
    public async Task A11_received_in_one_year_closed_in_the_next_counts_new_there_and_result_here()
    {
        var id = await RegisterAsync(D(2022, 12, 20));
        await AnswerAsync(id, D(2023, 1, 10), Disclosed);

        var y2022 = (await App.TablesAsync(2022, Agency)).Disclosure.Column(Person);
        var y2023 = (await App.TablesAsync(2023, Agency)).Disclosure.Column(Person);
        (y2022.NewlyReceived, y2022.CarriedIn, y2022.ResultTotal(), y2022.CarriedOver).Should().Be((1, 0, 0, 1));
        (y2023.NewlyReceived, y2023.CarriedIn, y2023.ResultTotal(), y2023.CarriedOver).Should().Be((0, 1, 1, 0));
    }

    [Fact]
    public async Task A11_carry_over_chains_across_three_years()
    {
        var longRunning = await RegisterAsync(D(2021, 12, 28), ApplicantType.ResearchInstitution);
        var sameYear = await RegisterAsync(D(2022, 6, 1));
        var stillOpen = await RegisterAsync(D(2022, 12, 30), ApplicantType.LegalServiceInstitution);
        await AnswerAsync(sameYear, D(2022, 6, 20), Disclosed);
        await AnswerAsync(longRunning, D(2023, 1, 5), NeedsCreation);

        var tables = new Dictionary<int, DisclosureCounts>();
        for (var year = 2021; year <= 2024; year++) tables[year] = (await App.TablesAsync(year, Agency)).Disclosure;

        foreach (var year in new[] { 2022, 2023, 2024 })
        foreach (var type in Enum.GetValues<ApplicantType>())
            tables[year].Column(type).CarriedIn.Should().Be(tables[year - 1].Column(type).CarriedOver, "二 of {0} is 四 of {1} ({2})", year, year - 1, type);
        tables.Values.Should().OnlyContain(t => t.CheckIdentity().Count == 0);

        tables[2021].Column(ApplicantType.ResearchInstitution).CarriedOver.Should().Be(1);
        tables[2022].Column(ApplicantType.ResearchInstitution).CarriedOver.Should().Be(1);
        tables[2023].Column(ApplicantType.ResearchInstitution).Result(ResultRow.UnavailableNeedsCreation).Should().Be(1);
        tables[2024].Column(ApplicantType.LegalServiceInstitution).CarriedIn.Should().Be(1);
        tables[2024].Column(ApplicantType.LegalServiceInstitution).CarriedOver.Should().Be(1);
        tables[2024].IdsOf(DisclosureFact.CarriedOver(ApplicantType.LegalServiceInstitution)).Should().Equal(stillOpen);
    }

    // ---- A11 / A15: corrections -----------------------------------------------------------------------------

    [Fact]
    public async Task A15_receipt_date_moved_across_a_year_end_moves_the_application_between_years()
    {
        var id = await RegisterAsync(D(2023, 1, 3));
        await AnswerAsync(id, D(2023, 1, 16), Disclosed);
        (await App.TablesAsync(2023, Agency)).Disclosure.Column(Person).NewlyReceived.Should().Be(1);

        await CorrectAsync(id, CorrectableFact.ReceivedOn, "2022-12-30");

        var y2022 = (await App.TablesAsync(2022, Agency)).Disclosure.Column(Person);
        var y2023 = (await App.TablesAsync(2023, Agency)).Disclosure;
        (y2022.NewlyReceived, y2022.CarriedOver).Should().Be((1, 1));
        (y2023.Column(Person).NewlyReceived, y2023.Column(Person).CarriedIn, y2023.Column(Person).ResultTotal()).Should().Be((0, 1, 1));
        y2023.CheckIdentity().Should().BeEmpty();
    }

    [Fact]
    public async Task A15_corrected_applicant_type_moves_the_column_in_every_year()
    {
        var id = await RegisterAsync(D(2022, 12, 12));
        await AnswerAsync(id, D(2023, 1, 9), Disclosed);
        await CorrectAsync(id, CorrectableFact.ApplicantType, nameof(ApplicantType.CommercialEnterprise));

        var y2022 = (await App.TablesAsync(2022, Agency)).Disclosure;
        var y2023 = (await App.TablesAsync(2023, Agency)).Disclosure;
        y2022.Column(Person).Should().BeEquivalentTo(new ApplicantColumnCounts());
        y2023.Column(Person).Should().BeEquivalentTo(new ApplicantColumnCounts());
        (y2022.Column(ApplicantType.CommercialEnterprise).NewlyReceived, y2022.Column(ApplicantType.CommercialEnterprise).CarriedOver).Should().Be((1, 1));
        (y2023.Column(ApplicantType.CommercialEnterprise).CarriedIn, y2023.Column(ApplicantType.CommercialEnterprise).Result(ResultRow.Disclosed)).Should().Be((1, 1));
    }

    [Fact]
    public async Task A15_corrected_result_row_moves_the_application_to_the_new_row()
    {
        var id = await RegisterAsync(D(2023, 4, 3));
        await AnswerAsync(id, D(2023, 4, 20), NotHeldDoesNotExist);
        await CorrectAsync(id, CorrectableFact.ResultRow, nameof(ResultRow.UnavailableNeedsCreation));

        var t = await App.TablesAsync(2023, Agency);
        Result(t, ResultRow.UnavailableNotHeld).Should().Be(0);
        Result(t, ResultRow.UnavailableNeedsCreation).Should().Be(1);
    }

    [Fact]
    public async Task A13_extension_and_channel_feed_the_pre_2019_table()
    {
        var extended = await RegisterAsync(D(2018, 3, 1), channel: Channel.Email);
        await StepAsync(extended, v => new ExtendReply(extended, v, D(2018, 3, 15), 15, "办公室主任", "需要调取档案", Clerk));
        await AnswerAsync(extended, D(2018, 4, 10), Disclosed);
        var onTime = await RegisterAsync(D(2018, 3, 1), channel: Channel.Fax);
        await AnswerAsync(onTime, D(2018, 3, 9), Disclosed);

        var t = await App.TablesAsync(2018, Agency);
        var report = RenderedReport.Build(TableLayouts.Legacy, "x", 2018, t.Disclosure, t.Reviews);
        report.FindCell("legacy:Received.Online:Count")!.Value.Should().Be(1);
        report.FindCell("legacy:Received.Fax:Count")!.Value.Should().Be(1);
        report.FindCell("legacy:Closed.OnTime:Count")!.Ids.Should().Equal(onTime);
        report.FindCell("legacy:Closed.Extended:Count")!.Ids.Should().Equal(extended);
    }

    [Fact]
    public async Task Fee_counts_in_the_year_it_was_paid()
    {
        var id = await RegisterAsync(D(2023, 12, 1));
        await StepAsync(id, v => new NoticeFee(id, v, D(2023, 12, 4), FeeMethod.PerPage, 40, null, Clerk));
        await StepAsync(id, v => new RecordFeePaid(id, v, D(2024, 1, 3), 100m, Clerk));
        await AnswerAsync(id, D(2024, 1, 10), Disclosed);

        (await App.TablesAsync(2023, Agency)).Disclosure.FeesCollectedYuan.Should().Be(0m);
        (await App.TablesAsync(2024, Agency)).Disclosure.FeesCollectedYuan.Should().Be(100m);
    }

    // ---- A12: table 四 --------------------------------------------------------------------------------------

    [Fact]
    public async Task A12_reconsideration_decided_next_year_is_pending_then_counted_in_its_result()
    {
        var id = await RegisterAsync(D(2022, 9, 1));
        await AnswerAsync(id, D(2022, 9, 20), WithheldStateSecret);
        await StepAsync(id, v => new FileReconsideration(id, v, D(2022, 11, 2), "市人民政府", "复2022-1", Clerk));
        await StepAsync(id, v => new DecideReconsideration(id, v, 1, D(2023, 2, 1), ReviewDecision.Upheld, null, Clerk));

        var y2022 = (await App.TablesAsync(2022, Agency)).Reviews;
        var y2023 = (await App.TablesAsync(2023, Agency)).Reviews;
        y2022.Count(ReviewBlock.Reconsideration, ReviewResultColumn.Pending).Should().Be(1);
        y2022.Total(ReviewBlock.Reconsideration).Should().Be(1);
        y2023.Count(ReviewBlock.Reconsideration, ReviewResultColumn.Upheld).Should().Be(1);
        y2023.Count(ReviewBlock.Reconsideration, ReviewResultColumn.Pending).Should().Be(0);
        y2023.ApplicationsOf(ReviewBlock.Reconsideration, ReviewResultColumn.Upheld).Should().Equal(id);
    }

    [Fact]
    public async Task A12_lawsuit_after_reconsideration_counts_in_the_after_reconsideration_block()
    {
        var id = await RegisterAsync(D(2023, 2, 1));
        await AnswerAsync(id, D(2023, 2, 20), WithheldThirdPartyRights);
        await StepAsync(id, v => new FileReconsideration(id, v, D(2023, 3, 1), "市人民政府", null, Clerk));
        await StepAsync(id, v => new DecideReconsideration(id, v, 1, D(2023, 5, 1), ReviewDecision.Revoked, null, Clerk));
        await StepAsync(id, v => new FileLawsuit(id, v, D(2023, 5, 20), "区人民法院", null, 1, Clerk));
        await StepAsync(id, v => new DecideLawsuit(id, v, 1, D(2023, 11, 1), ReviewDecision.SuitDismissed, null, Clerk));

        var reviews = (await App.TablesAsync(2023, Agency)).Reviews;
        reviews.Count(ReviewBlock.Reconsideration, ReviewResultColumn.Corrected).Should().Be(1);
        reviews.Count(ReviewBlock.LitigationAfterReconsideration, ReviewResultColumn.Other).Should().Be(1);
        reviews.Total(ReviewBlock.LitigationWithoutReconsideration).Should().Be(0);
    }

    [Fact]
    public async Task A12_direct_lawsuit_counts_in_the_without_reconsideration_block()
    {
        var id = await RegisterAsync(D(2023, 2, 1));
        await AnswerAsync(id, D(2023, 2, 20), NotHeldDoesNotExist);
        await StepAsync(id, v => new FileLawsuit(id, v, D(2023, 4, 1), "区人民法院", null, null, Clerk));
        await StepAsync(id, v => new DecideLawsuit(id, v, 1, D(2023, 9, 1), ReviewDecision.OrderedToPerform, null, Clerk));
        var pending = await RegisterAsync(D(2023, 2, 1));
        await AnswerAsync(pending, D(2023, 2, 20), NotHeldDoesNotExist);
        await StepAsync(pending, v => new FileLawsuit(pending, v, D(2023, 12, 1), "区人民法院", null, null, Clerk));

        var reviews = (await App.TablesAsync(2023, Agency)).Reviews;
        reviews.Count(ReviewBlock.LitigationWithoutReconsideration, ReviewResultColumn.Corrected).Should().Be(1);
        reviews.Count(ReviewBlock.LitigationWithoutReconsideration, ReviewResultColumn.Pending).Should().Be(1);
        reviews.Total(ReviewBlock.LitigationAfterReconsideration).Should().Be(0);
        (await App.TablesAsync(2024, Agency)).Reviews.Count(ReviewBlock.LitigationWithoutReconsideration, ReviewResultColumn.Pending).Should().Be(1);
    }
}
