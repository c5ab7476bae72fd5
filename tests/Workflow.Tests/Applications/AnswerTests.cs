using Workflow.Applications;

namespace Workflow.Tests.Applications;

/// <summary>答复 (Art. 36) and the derived table row (A9, A10).</summary>
public sealed class AnswerTests : DecisionSpec
{
    private const string DocumentNumber = "七政公开〔2025〕7号";

    private static AnswerApplication Answer(DateOnly on, ResultRow? chosen, params ItemAnswer[] items) =>
        new(Id, 1, on, items, chosen, DocumentNumber, null, null, Clerk);

    private static AnswerApplication Answer(params ItemAnswer[] items) => Answer(D(3, 20), null, items);

    private static ItemAnswer Item(int number, ItemResult result, string? reason = "依据《条例》相关条款") => new(number, result, reason);

    [Fact]
    public void an_answer_stores_each_item_result_and_the_derived_row()
    {
        Given().When(new AnswerApplication(Id, 1, D(3, 20),
                [Item(2, ItemResult.Disclosed, null), Item(1, ItemResult.Disclosed, null)], null, $" {DocumentNumber} ",
                ServiceMethod.Post, D(3, 21), Clerk))
            .Then(new ApplicationAnswered(Id, D(3, 20),
                [Item(1, ItemResult.Disclosed, null), Item(2, ItemResult.Disclosed, null)], ResultRow.Disclosed, false,
                DocumentNumber, ServiceMethod.Post, D(3, 21), Clerk));
    }

    [Fact]
    public void all_items_disclosed_derive_the_disclosed_row_A9()
    {
        Given().When(Answer(Item(1, ItemResult.Disclosed, null), Item(2, ItemResult.Disclosed, null)))
            .Event<ApplicationAnswered>().Row.Should().Be(ResultRow.Disclosed);
    }

    [Fact]
    public void disclosed_plus_withheld_derives_partly_disclosed_A9()
    {
        Given().When(Answer(Item(1, ItemResult.Disclosed, null), Item(2, ItemResult.WithheldStateSecret)))
            .Event<ApplicationAnswered>().Row.Should().Be(ResultRow.PartlyDisclosed);
    }

    [Fact]
    public void disclosed_plus_not_held_derives_partly_disclosed_A9()
    {
        Given().When(Answer(Item(1, ItemResult.Disclosed, null), Item(2, ItemResult.NotHeldDoesNotExist)))
            .Event<ApplicationAnswered>().Row.Should().Be(ResultRow.PartlyDisclosed);
    }

    [Fact]
    public void already_proactively_disclosed_derives_the_disclosed_row_A10()
    {
        Given().When(Answer(Item(1, ItemResult.AlreadyProactivelyDisclosed, null), Item(2, ItemResult.Disclosed, null)))
            .Event<ApplicationAnswered>().Row.Should().Be(ResultRow.Disclosed);
    }

    [Fact]
    public void a_separated_partial_disclosure_derives_partly_disclosed()
    {
        Given().When(Answer(Item(1, ItemResult.PartlyDisclosedSeparated), Item(2, ItemResult.PartlyDisclosedSeparated)))
            .Event<ApplicationAnswered>().Row.Should().Be(ResultRow.PartlyDisclosed);
    }

    [Fact]
    public void all_items_in_one_withheld_category_derive_that_row_A9()
    {
        var answered = Given().When(Answer(Item(1, ItemResult.WithheldProcessInformation), Item(2, ItemResult.WithheldProcessInformation)))
            .Event<ApplicationAnswered>();
        answered.Row.Should().Be(ResultRow.WithheldProcessInformation);
        answered.RowChosenByStaff.Should().BeFalse();
    }

    [Fact]
    public void mixed_withheld_rows_derive_the_first_in_table_order_A9()
    {
        // Items given in reverse table order: the row must follow table order, not item order.
        var answered = Given().When(Answer(Item(1, ItemResult.NotProcessedRepeat), Item(2, ItemResult.WithheldThirdPartyRights)))
            .Event<ApplicationAnswered>();
        answered.Row.Should().Be(ResultRow.WithheldThirdPartyRights);
        answered.RowChosenByStaff.Should().BeFalse();
    }

    [Fact]
    public void staff_may_choose_another_row_present_in_a_mixed_answer_and_the_choice_is_recorded_A9()
    {
        var answered = Given()
            .When(Answer(D(3, 20), ResultRow.NotProcessedRepeat,
                Item(1, ItemResult.NotProcessedRepeat), Item(2, ItemResult.WithheldThirdPartyRights)))
            .Event<ApplicationAnswered>();
        answered.Row.Should().Be(ResultRow.NotProcessedRepeat);
        answered.RowChosenByStaff.Should().BeTrue();
    }

    [Fact]
    public void a_chosen_row_not_present_in_the_answer_is_refused()
    {
        Given().When(Answer(D(3, 20), ResultRow.WithheldStateSecret,
                Item(1, ItemResult.NotProcessedRepeat), Item(2, ItemResult.WithheldThirdPartyRights)))
            .ThenRefused("answer.row-not-choosable", RefusalKind.Invalid);
    }

    [Fact]
    public void a_chosen_row_when_there_is_nothing_to_choose_is_refused()
    {
        Given().When(Answer(D(3, 20), ResultRow.PartlyDisclosed,
                Item(1, ItemResult.Disclosed, null), Item(2, ItemResult.WithheldThirdPartyRights)))
            .ThenRefused("answer.row-not-choosable", RefusalKind.Invalid);
    }

    [Fact]
    public void an_answer_on_a_closed_application_is_refused()
    {
        Given(WithdrawnOn(D(3, 10))).When(Answer(Item(1, ItemResult.Disclosed, null), Item(2, ItemResult.Disclosed, null)))
            .ThenRefused("application.closed", RefusalKind.Rule);
    }

    [Fact]
    public void an_answer_while_a_supplement_is_awaited_is_refused()
    {
        Given(SupplementRequestedOn(D(3, 5), D(3, 20)))
            .When(Answer(Item(1, ItemResult.Disclosed, null), Item(2, ItemResult.Disclosed, null)))
            .ThenRefused("answer.awaiting-supplement", RefusalKind.Rule);
    }

    [Fact]
    public void an_answer_while_a_fee_is_outstanding_is_refused()
    {
        Given(FeeNoticedOn(D(3, 10)))
            .When(Answer(Item(1, ItemResult.Disclosed, null), Item(2, ItemResult.Disclosed, null)))
            .ThenRefused("answer.fee-outstanding", RefusalKind.Rule);
    }

    [Fact]
    public void an_answer_after_the_fee_was_paid_is_allowed()
    {
        Given(FeeNoticedOn(D(3, 10)), new FeePaid(Id, D(3, 12), 1100m, Clerk))
            .When(Answer(Item(1, ItemResult.Disclosed, null), Item(2, ItemResult.Disclosed, null)))
            .Event<ApplicationAnswered>().Row.Should().Be(ResultRow.Disclosed);
    }

    [Fact]
    public void an_answer_without_item_results_is_refused()
    {
        Given().When(Answer()).ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Fact]
    public void an_answer_missing_an_item_is_refused()
    {
        Given().When(Answer(Item(1, ItemResult.Disclosed, null))).ThenRefused("answer.items-mismatch", RefusalKind.Invalid);
    }

    [Fact]
    public void an_answer_with_two_results_for_one_item_is_refused()
    {
        Given().When(Answer(Item(1, ItemResult.Disclosed, null), Item(1, ItemResult.Disclosed, null)))
            .ThenRefused("answer.items-mismatch", RefusalKind.Invalid);
    }

    [Fact]
    public void an_answer_for_an_item_not_requested_is_refused()
    {
        Given().When(Answer(Item(1, ItemResult.Disclosed, null), Item(2, ItemResult.Disclosed, null), Item(3, ItemResult.Disclosed, null)))
            .ThenRefused("answer.items-mismatch", RefusalKind.Invalid);
    }

    [Fact]
    public void an_unknown_item_result_is_refused()
    {
        Given().When(Answer(Item(1, (ItemResult)99), Item(2, ItemResult.Disclosed, null)))
            .ThenRefused("field.unknown-value", RefusalKind.Invalid);
    }

    [Theory]
    [InlineData(ItemResult.PartlyDisclosedSeparated)]
    [InlineData(ItemResult.WithheldStateSecret)]
    [InlineData(ItemResult.NotHeldDoesNotExist)]
    [InlineData(ItemResult.NotProcessedRepeat)]
    [InlineData(ItemResult.OtherHandling)]
    public void a_reason_is_required_for_an_item_not_fully_disclosed(ItemResult result)
    {
        Given().When(Answer(Item(1, ItemResult.Disclosed, null), Item(2, result, "  ")))
            .ThenRefused("answer.reason-required", RefusalKind.Invalid);
    }

    [Fact]
    public void no_reason_is_needed_when_everything_is_disclosed_or_already_public()
    {
        Given().When(Answer(Item(1, ItemResult.AlreadyProactivelyDisclosed, null), Item(2, ItemResult.Disclosed, null)))
            .Event<ApplicationAnswered>().Items.Should().OnlyContain(i => i.Reason == null);
    }

    [Fact]
    public void reasons_are_trimmed_and_items_stored_in_item_order()
    {
        Given().When(Answer(Item(2, ItemResult.WithheldStateSecret, " 属于国家秘密 "), Item(1, ItemResult.Disclosed, null)))
            .Event<ApplicationAnswered>().Items.Should().Equal(
                Item(1, ItemResult.Disclosed, null), Item(2, ItemResult.WithheldStateSecret, "属于国家秘密"));
    }

    [Fact]
    public void still_unclear_after_supplement_without_a_supplement_is_refused()
    {
        Given().When(Answer(Item(1, ItemResult.StillUnclearAfterSupplement), Item(2, ItemResult.StillUnclearAfterSupplement)))
            .ThenRefused("answer.unclear-without-supplement", RefusalKind.Rule);
    }

    [Fact]
    public void still_unclear_after_a_received_supplement_is_allowed()
    {
        Given(SupplementRequestedOn(D(3, 5), D(3, 20)), SupplementReceivedOn(D(3, 12)))
            .When(Answer(Item(1, ItemResult.StillUnclearAfterSupplement), Item(2, ItemResult.StillUnclearAfterSupplement)))
            .Event<ApplicationAnswered>().Row.Should().Be(ResultRow.UnavailableStillUnclear);
    }

    [Fact]
    public void the_reply_document_number_is_required()
    {
        Given().When(Answer(Item(1, ItemResult.Disclosed, null), Item(2, ItemResult.Disclosed, null)) with { ReplyDocumentNumber = " " })
            .ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Fact]
    public void a_served_date_without_a_service_method_is_refused()
    {
        Given().When(Answer(Item(1, ItemResult.Disclosed, null), Item(2, ItemResult.Disclosed, null)) with { ServedOn = D(3, 21) })
            .ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Fact]
    public void a_served_date_before_the_answer_date_is_refused()
    {
        Given().When(Answer(Item(1, ItemResult.Disclosed, null), Item(2, ItemResult.Disclosed, null))
                with { ServiceMethod = ServiceMethod.Post, ServedOn = D(3, 19) })
            .ThenRefused("date.before-prior-step", RefusalKind.Rule);
    }

    [Fact]
    public void a_served_date_after_today_is_refused()
    {
        Given().When(Answer(Item(1, ItemResult.Disclosed, null), Item(2, ItemResult.Disclosed, null))
                with { ServiceMethod = ServiceMethod.Post, ServedOn = Today.AddDays(1) })
            .ThenRefused("date.in-future", RefusalKind.Rule);
    }

    [Fact]
    public void a_served_date_on_the_answer_date_is_allowed()
    {
        Given().When(Answer(Item(1, ItemResult.Disclosed, null), Item(2, ItemResult.Disclosed, null))
                with { ServiceMethod = ServiceMethod.InPerson, ServedOn = D(3, 20) })
            .Event<ApplicationAnswered>().ServedOn.Should().Be(D(3, 20));
    }

    [Fact]
    public void an_unknown_service_method_is_refused()
    {
        Given().When(Answer(Item(1, ItemResult.Disclosed, null), Item(2, ItemResult.Disclosed, null))
                with { ServiceMethod = (ServiceMethod)99, ServedOn = D(3, 21) })
            .ThenRefused("field.unknown-value", RefusalKind.Invalid);
    }
}
