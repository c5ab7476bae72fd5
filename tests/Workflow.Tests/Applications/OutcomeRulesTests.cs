using Workflow.Applications;

namespace Workflow.Tests.Applications;

/// <summary>The counting policies of domain A9, A10 and A12.</summary>
public sealed class OutcomeRulesTests
{
    [Fact]
    public void every_item_result_maps_to_a_row()
    {
        foreach (var result in Enum.GetValues<ItemResult>())
            Enum.IsDefined(OutcomeRules.RowOf(result)).Should().BeTrue($"{result} must map to a table row");
    }

    [Fact]
    public void an_unknown_item_result_has_no_row()
    {
        var act = () => OutcomeRules.RowOf((ItemResult)99);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void withheld_results_map_to_their_own_table_three_rows()
    {
        OutcomeRules.RowOf(ItemResult.WithheldStateSecret).Should().Be(ResultRow.WithheldStateSecret);
        OutcomeRules.RowOf(ItemResult.WithheldProhibitedByLaw).Should().Be(ResultRow.WithheldProhibitedByLaw);
        OutcomeRules.RowOf(ItemResult.WithheldThreeSecurities).Should().Be(ResultRow.WithheldThreeSecurities);
        OutcomeRules.RowOf(ItemResult.WithheldThirdPartyRights).Should().Be(ResultRow.WithheldThirdPartyRights);
        OutcomeRules.RowOf(ItemResult.WithheldInternalAffairs).Should().Be(ResultRow.WithheldInternalAffairs);
        OutcomeRules.RowOf(ItemResult.WithheldProcessInformation).Should().Be(ResultRow.WithheldProcessInformation);
        OutcomeRules.RowOf(ItemResult.WithheldEnforcementFile).Should().Be(ResultRow.WithheldEnforcementFile);
        OutcomeRules.RowOf(ItemResult.NeedsCreation).Should().Be(ResultRow.UnavailableNeedsCreation);
        OutcomeRules.RowOf(ItemResult.StillUnclearAfterSupplement).Should().Be(ResultRow.UnavailableStillUnclear);
        OutcomeRules.RowOf(ItemResult.NotProcessedPetition).Should().Be(ResultRow.NotProcessedPetition);
        OutcomeRules.RowOf(ItemResult.NotProcessedRepeat).Should().Be(ResultRow.NotProcessedRepeat);
        OutcomeRules.RowOf(ItemResult.NotProcessedPublication).Should().Be(ResultRow.NotProcessedPublication);
        OutcomeRules.RowOf(ItemResult.NotProcessedMassRepeated).Should().Be(ResultRow.NotProcessedMassRepeated);
        OutcomeRules.RowOf(ItemResult.NotProcessedConfirmOrReissue).Should().Be(ResultRow.NotProcessedConfirmOrReissue);
        OutcomeRules.RowOf(ItemResult.OtherHandling).Should().Be(ResultRow.OtherOther);
    }

    [Fact]
    public void already_proactively_disclosed_counts_as_disclosed_A10()
    {
        OutcomeRules.RowOf(ItemResult.AlreadyProactivelyDisclosed).Should().Be(ResultRow.Disclosed);
        OutcomeRules.IsDisclosing(ItemResult.AlreadyProactivelyDisclosed).Should().BeTrue();
    }

    [Fact]
    public void does_not_exist_and_not_this_agency_both_count_as_not_held_A10()
    {
        OutcomeRules.RowOf(ItemResult.NotHeldDoesNotExist).Should().Be(ResultRow.UnavailableNotHeld);
        OutcomeRules.RowOf(ItemResult.NotHeldOtherAgency).Should().Be(ResultRow.UnavailableNotHeld);
        OutcomeRules.DeriveRow([ItemResult.NotHeldDoesNotExist, ItemResult.NotHeldOtherAgency]).Should().Be(ResultRow.UnavailableNotHeld);
    }

    [Fact]
    public void special_access_record_counts_as_administrative_query_A10()
    {
        OutcomeRules.RowOf(ItemResult.WithheldSpecialAccessRecord).Should().Be(ResultRow.WithheldAdministrativeQuery);
    }

    [Fact]
    public void withdrawal_counts_as_other_A10()
    {
        OutcomeRules.RowOf(ClosureKind.Withdrawn).Should().Be(ResultRow.OtherOther);
    }

    [Fact]
    public void a_lapsed_supplement_counts_as_other_supplement_lapsed()
    {
        OutcomeRules.RowOf(ClosureKind.SupplementLapsed).Should().Be(ResultRow.OtherSupplementLapsed);
    }

    [Fact]
    public void an_unpaid_fee_counts_as_other_fee_unpaid()
    {
        OutcomeRules.RowOf(ClosureKind.FeeLapsed).Should().Be(ResultRow.OtherFeeUnpaid);
    }

    [Fact]
    public void an_answer_has_no_closure_row_of_its_own()
    {
        var act = () => OutcomeRules.RowOf(ClosureKind.Answered);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void only_disclosed_and_partly_disclosed_results_are_disclosing()
    {
        Enum.GetValues<ItemResult>().Where(OutcomeRules.IsDisclosing).Should().BeEquivalentTo(
            [ItemResult.AlreadyProactivelyDisclosed, ItemResult.Disclosed, ItemResult.PartlyDisclosedSeparated]);
    }

    [Fact]
    public void all_items_disclosed_derive_disclosed_A9()
    {
        OutcomeRules.DeriveRow([ItemResult.Disclosed, ItemResult.AlreadyProactivelyDisclosed]).Should().Be(ResultRow.Disclosed);
    }

    [Fact]
    public void any_disclosed_item_plus_any_item_not_disclosed_derives_partly_disclosed_A9()
    {
        foreach (var other in Enum.GetValues<ItemResult>().Where(r => !OutcomeRules.IsDisclosing(r)))
            OutcomeRules.DeriveRow([other, ItemResult.Disclosed]).Should().Be(ResultRow.PartlyDisclosed, $"Disclosed + {other}");
    }

    [Fact]
    public void a_separated_partial_disclosure_derives_partly_disclosed_whatever_else_A9()
    {
        OutcomeRules.DeriveRow([ItemResult.PartlyDisclosedSeparated]).Should().Be(ResultRow.PartlyDisclosed);
        OutcomeRules.DeriveRow([ItemResult.PartlyDisclosedSeparated, ItemResult.WithheldStateSecret], ResultRow.WithheldStateSecret)
            .Should().Be(ResultRow.PartlyDisclosed);
    }

    [Fact]
    public void all_items_in_one_category_derive_that_row_A9()
    {
        OutcomeRules.DeriveRow([ItemResult.NeedsCreation, ItemResult.NeedsCreation]).Should().Be(ResultRow.UnavailableNeedsCreation);
    }

    [Fact]
    public void mixed_non_disclosure_rows_derive_the_first_in_table_order_A9()
    {
        OutcomeRules.DeriveRow([ItemResult.OtherHandling, ItemResult.NotProcessedPetition, ItemResult.WithheldEnforcementFile])
            .Should().Be(ResultRow.WithheldEnforcementFile);
    }

    [Fact]
    public void staff_may_pick_any_row_present_in_a_mixed_answer_A9()
    {
        OutcomeRules.DeriveRow([ItemResult.OtherHandling, ItemResult.WithheldEnforcementFile], ResultRow.OtherOther)
            .Should().Be(ResultRow.OtherOther);
    }

    [Fact]
    public void a_staff_pick_of_a_row_not_present_falls_back_to_table_order_A9()
    {
        OutcomeRules.DeriveRow([ItemResult.OtherHandling, ItemResult.WithheldEnforcementFile], ResultRow.WithheldStateSecret)
            .Should().Be(ResultRow.WithheldEnforcementFile);
    }

    [Fact]
    public void deriving_a_row_without_items_throws()
    {
        var act = () => OutcomeRules.DeriveRow([]);
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void choosable_rows_are_the_distinct_rows_of_a_mixed_non_disclosure_answer_in_table_order()
    {
        OutcomeRules.ChoosableRows([ItemResult.OtherHandling, ItemResult.NotHeldOtherAgency, ItemResult.NotHeldDoesNotExist])
            .Should().Equal(ResultRow.UnavailableNotHeld, ResultRow.OtherOther);
    }

    [Fact]
    public void there_is_nothing_to_choose_when_one_row_or_a_disclosure_is_involved()
    {
        OutcomeRules.ChoosableRows([ItemResult.NotHeldOtherAgency, ItemResult.NotHeldDoesNotExist]).Should().BeEmpty();
        OutcomeRules.ChoosableRows([ItemResult.Disclosed, ItemResult.WithheldStateSecret, ItemResult.OtherHandling]).Should().BeEmpty();
        OutcomeRules.ChoosableRows([ItemResult.PartlyDisclosedSeparated, ItemResult.OtherHandling]).Should().BeEmpty();
    }

    [Theory]
    [InlineData(ReviewDecision.Upheld, ReviewResultColumn.Upheld)]
    [InlineData(ReviewDecision.Rejected, ReviewResultColumn.Upheld)]
    [InlineData(ReviewDecision.Varied, ReviewResultColumn.Corrected)]
    [InlineData(ReviewDecision.Revoked, ReviewResultColumn.Corrected)]
    [InlineData(ReviewDecision.ConfirmedUnlawful, ReviewResultColumn.Corrected)]
    [InlineData(ReviewDecision.ConfirmedVoid, ReviewResultColumn.Corrected)]
    [InlineData(ReviewDecision.OrderedToPerform, ReviewResultColumn.Corrected)]
    [InlineData(ReviewDecision.Terminated, ReviewResultColumn.Other)]
    [InlineData(ReviewDecision.Mediated, ReviewResultColumn.Other)]
    [InlineData(ReviewDecision.Settled, ReviewResultColumn.Other)]
    [InlineData(ReviewDecision.Withdrawn, ReviewResultColumn.Other)]
    [InlineData(ReviewDecision.NotAccepted, ReviewResultColumn.Other)]
    [InlineData(ReviewDecision.SuitDismissed, ReviewResultColumn.Other)]
    public void review_decisions_map_to_table_four_columns_A12(ReviewDecision decision, ReviewResultColumn column)
    {
        OutcomeRules.ColumnOf(decision).Should().Be(column);
    }

    [Fact]
    public void every_review_decision_is_covered_by_the_A12_mapping()
    {
        // Guards the theory above: a new ReviewDecision must be added there with its column.
        Enum.GetValues<ReviewDecision>().Should().HaveCount(13);
        foreach (var decision in Enum.GetValues<ReviewDecision>())
            OutcomeRules.ColumnOf(decision).Should().NotBe(ReviewResultColumn.Pending, $"{decision} is a concluded result");
    }
}
