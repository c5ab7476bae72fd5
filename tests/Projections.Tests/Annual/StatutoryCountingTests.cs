using Projections.Annual;
using Projections.Tables;
using Workflow.Applications;

namespace Projections.Tests.Annual;

/// <summary>
/// Issue 13, one case per divergence found against ../shared/domain.md: the year an answer counts in (A11),
/// 复议后起诉 by dates (A12), the pre-2019 rows 1 and 5 (A13, ADR 0009) and an extension before a 补正 restart (A5).
/// Pure: the fold, the flows and the table builder in memory.
/// </summary>
public sealed class StatutoryCountingTests
{
    private static readonly Guid Id = Guid.Parse("0d6b1c8e-6f39-4a52-9d7a-13a1c0de0013");
    private const string Agency = "qxg";
    private const string Clerk = "clerk.li";

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static ApplicationReceived Received(DateOnly on, int items = 1) => new(Id, Agency, "QXG-1", 1, null, on, Channel.Letter,
        ApplicantType.NaturalPerson, new Applicant("张三", null, "13800000000", null, null),
        [.. Enumerable.Range(1, items).Select(i => new RequestedItem(i, $"信息{i}"))], RequestedForm.Paper, Clerk);

    private static ApplicationAnswered Answered(DateOnly on, DateOnly? servedOn, ResultRow row = ResultRow.Disclosed, params ItemResult[] items) =>
        new(Id, on, [.. (items.Length == 0 ? [ItemResult.Disclosed] : items).Select((r, i) => new ItemAnswer(i + 1, r, "理由"))],
            row, false, "答复1号", servedOn is null ? null : ServiceMethod.Post, servedOn, Clerk);

    private static AnnualTables Tables(int year, params IApplicationEvent[] events) =>
        AnnualTableBuilder.Build(Agency, year, AnnualContribution.FromStatistics([ApplicationStatistics.FoldAll(events)!]).Values);

    // ---- 1. A11: an answer closes in the year it was served ------------------------------------------------------

    [Fact]
    public void an_answer_dated_28_december_and_served_5_january_is_carried_over_and_counted_in_the_year_of_service()
    {
        IApplicationEvent[] events = [Received(D(2023, 12, 1)), Answered(D(2023, 12, 28), D(2024, 1, 5))];

        var y2023 = Tables(2023, events).Disclosure;
        y2023.ResultTotal().Should().Be(0, "the answer was served in 2024");
        y2023.Column(ApplicantType.NaturalPerson).CarriedOver.Should().Be(1);

        var y2024 = Tables(2024, events).Disclosure;
        y2024.Column(ApplicantType.NaturalPerson).CarriedIn.Should().Be(1);
        y2024.Column(ApplicantType.NaturalPerson).Result(ResultRow.Disclosed).Should().Be(1);
        y2024.CheckIdentity().Should().BeEmpty();
    }

    [Fact]
    public void an_answer_without_a_service_date_stays_open_until_answer_service_closes_it_in_the_year_of_service()
    {
        var received = Received(D(2023, 12, 1));
        var answered = Answered(D(2023, 12, 28), null);

        var unserved = Tables(2023, received, answered).Disclosure;
        unserved.ResultTotal().Should().Be(0);
        unserved.Column(ApplicantType.NaturalPerson).CarriedOver.Should().Be(1, "答复待送达: open for the tables");
        Tables(2024, received, answered).Disclosure.Column(ApplicantType.NaturalPerson).CarriedOver.Should().Be(1);

        var served = new AnswerServed(Id, ServiceMethod.Post, D(2024, 1, 5), Clerk);
        Tables(2023, received, answered, served).Disclosure.ResultTotal().Should().Be(0);
        var y2024 = Tables(2024, received, answered, served).Disclosure;
        y2024.Column(ApplicantType.NaturalPerson).Result(ResultRow.Disclosed).Should().Be(1);
        y2024.Column(ApplicantType.NaturalPerson).CarriedOver.Should().Be(0);
    }

    // ---- 2. A12: 复议后起诉 by dates, whatever the order of recording ----------------------------------------------

    [Fact]
    public void a_reconsideration_filed_before_the_lawsuit_but_recorded_after_it_makes_the_suit_after_reconsideration()
    {
        var reviews = Tables(2024,
            Received(D(2024, 1, 8)), Answered(D(2024, 1, 30), D(2024, 1, 30)),
            new LawsuitFiled(Id, 1, D(2024, 4, 1), "区人民法院", null, null, Clerk),
            new ReconsiderationFiled(Id, 1, D(2024, 3, 1), "市人民政府", null, Clerk)).Reviews;

        reviews.Count(ReviewBlock.LitigationAfterReconsideration, ReviewResultColumn.Pending).Should().Be(1);
        reviews.Count(ReviewBlock.LitigationWithoutReconsideration, ReviewResultColumn.Pending).Should().Be(0);
    }

    [Fact]
    public void a_reconsideration_filed_after_the_lawsuit_leaves_it_a_direct_suit()
    {
        var reviews = Tables(2024,
            Received(D(2024, 1, 8)), Answered(D(2024, 1, 30), D(2024, 1, 30)),
            new LawsuitFiled(Id, 1, D(2024, 4, 1), "区人民法院", null, null, Clerk),
            new ReconsiderationFiled(Id, 1, D(2024, 4, 2), "市人民政府", null, Clerk)).Reviews;

        reviews.Count(ReviewBlock.LitigationWithoutReconsideration, ReviewResultColumn.Pending).Should().Be(1);
    }

    // ---- 4. pre-2019 rows 1 and 5 from the item results ----------------------------------------------------------

    private static decimal? LegacyCell(string row, params IApplicationEvent[] events)
    {
        var tables = Tables(2018, events);
        var report = RenderedReport.Build(TableLayouts.Legacy, "七星关区", 2018, tables.Disclosure, tables.Reviews);
        return report.FindCell($"legacy:{row}:Count")?.Value;
    }

    [Fact]
    public void a_2018_answer_that_the_information_is_another_agencys_counts_in_row_5_not_in_row_6()
    {
        IApplicationEvent[] events = [Received(D(2018, 3, 5)), Answered(D(2018, 3, 20), D(2018, 3, 20), ResultRow.UnavailableNotHeld, ItemResult.NotHeldOtherAgency)];
        LegacyCell("Answered.NotThisAgency", events).Should().Be(1);
        LegacyCell("Answered.DoesNotExist", events).Should().Be(0);
    }

    [Fact]
    public void a_2018_answer_pointing_to_proactively_disclosed_information_counts_in_row_1()
    {
        IApplicationEvent[] events = [Received(D(2018, 3, 5), 2),
            Answered(D(2018, 3, 20), D(2018, 3, 20), ResultRow.Disclosed, ItemResult.AlreadyProactivelyDisclosed, ItemResult.AlreadyProactivelyDisclosed)];
        LegacyCell("Answered.AlreadyProactivelyDisclosed", events).Should().Be(1);
        LegacyCell("Answered.Agreed", events).Should().Be(0);
    }

    [Fact]
    public void mixed_answers_stay_in_rows_2_and_6()
    {
        LegacyCell("Answered.Agreed", Received(D(2018, 3, 5), 2),
            Answered(D(2018, 3, 20), D(2018, 3, 20), ResultRow.Disclosed, ItemResult.AlreadyProactivelyDisclosed, ItemResult.Disclosed)).Should().Be(1);
        LegacyCell("Answered.DoesNotExist", Received(D(2018, 3, 5), 2),
            Answered(D(2018, 3, 20), D(2018, 3, 20), ResultRow.UnavailableNotHeld, ItemResult.NotHeldOtherAgency, ItemResult.NotHeldDoesNotExist)).Should().Be(1);
    }

    // ---- 5. an extension before a 补正 restart no longer counts as 延期办结 -------------------------------------------

    [Fact]
    public void an_extension_dated_before_the_supplement_restart_does_not_make_the_closure_extended()
    {
        var disclosure = Tables(2024,
            Received(D(2024, 3, 1)),
            new ReplyExtended(Id, D(2024, 3, 4), 10, "王主任", "需调取档案", Clerk),
            new SupplementRequested(Id, D(2024, 3, 5), D(2024, 3, 20), "请明确文号", Clerk),
            new SupplementReceived(Id, D(2024, 3, 12), null, Clerk),
            Answered(D(2024, 3, 29), D(2024, 3, 29))).Disclosure;

        disclosure.ClosedAfterExtension.Should().Be(0, "the restart dropped the extension (A5), as the clock does");
        disclosure.ClosedOnTime.Should().Be(1);
    }

    [Fact]
    public void an_extension_in_the_restarted_period_counts_as_extended()
    {
        var disclosure = Tables(2024,
            Received(D(2024, 3, 1)),
            new SupplementRequested(Id, D(2024, 3, 5), D(2024, 3, 20), "请明确文号", Clerk),
            new SupplementReceived(Id, D(2024, 3, 12), null, Clerk),
            new ReplyExtended(Id, D(2024, 3, 12), 10, "王主任", "需调取档案", Clerk),
            Answered(D(2024, 4, 19), D(2024, 4, 19))).Disclosure;

        disclosure.ClosedAfterExtension.Should().Be(1);
    }
}
