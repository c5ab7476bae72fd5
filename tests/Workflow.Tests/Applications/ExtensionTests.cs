using Workflow.Applications;

namespace Workflow.Tests.Applications;

/// <summary>延期答复 (Art. 33, domain A4) and the Art. 35 due date (A8).</summary>
public sealed class ExtensionTests : DecisionSpec
{
    private static ExtendReply Extend(DateOnly on, int days = 20, string approvedBy = "王主任", string reason = "需调取档案") =>
        new(Id, 1, on, days, approvedBy, reason, Clerk);

    [Fact]
    public void an_extension_is_recorded_with_its_approver_and_reason()
    {
        Given().When(Extend(D(3, 20), 20, " 王主任 ", " 需调取档案 "))
            .Then(new ReplyExtended(Id, D(3, 20), 20, "王主任", "需调取档案", Clerk));
    }

    [Fact]
    public void a_second_extension_is_refused()
    {
        Given(new ReplyExtended(Id, D(3, 20), 10, "王主任", "需调取档案", Clerk))
            .When(Extend(D(3, 25), 5))
            .ThenRefused("extension.second", RefusalKind.Rule);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(21)]
    public void an_extension_outside_1_to_20_working_days_is_refused(int days)
    {
        Given().When(Extend(D(3, 20), days)).ThenRefused("extension.too-long", RefusalKind.Rule);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    public void an_extension_of_1_to_20_working_days_is_allowed(int days)
    {
        Given().When(Extend(D(3, 20), days)).Event<ReplyExtended>().WorkingDays.Should().Be(days);
    }

    [Fact]
    public void under_the_old_regime_an_extension_of_16_working_days_is_refused()
    {
        var oldRegime = new DateOnly(2019, 5, 14);
        Given(Received(on: oldRegime))
            .When(Extend(new DateOnly(2019, 5, 30), 16))
            .ThenRefused("extension.too-long", RefusalKind.Rule);
    }

    [Fact]
    public void under_the_old_regime_an_extension_of_15_working_days_is_allowed()
    {
        Given(Received(on: new DateOnly(2019, 5, 14)))
            .When(Extend(new DateOnly(2019, 5, 30), 15))
            .Event<ReplyExtended>().WorkingDays.Should().Be(15);
    }

    [Fact]
    public void a_receipt_on_the_day_the_2019_regulation_took_effect_allows_20_working_days()
    {
        Given(Received(on: new DateOnly(2019, 5, 15)))
            .When(Extend(new DateOnly(2019, 5, 30), 20))
            .Event<ReplyExtended>().WorkingDays.Should().Be(20);
    }

    [Fact]
    public void the_regime_follows_a_corrected_receipt_date()
    {
        var corrected = new FactCorrected(Id, D(3, 10), CorrectableFact.ReceivedOn, "2025-03-03", "2019-05-10", "登记错误", Clerk);
        Given(corrected).When(Extend(D(3, 20), 16)).ThenRefused("extension.too-long", RefusalKind.Rule);
    }

    [Fact]
    public void an_extension_while_a_supplement_is_awaited_is_refused()
    {
        Given(SupplementRequestedOn(D(3, 5), D(3, 20)))
            .When(Extend(D(3, 10)))
            .ThenRefused("extension.awaiting-supplement", RefusalKind.Rule);
    }

    [Fact]
    public void the_approver_is_required()
    {
        Given().When(Extend(D(3, 20), approvedBy: " ")).ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Fact]
    public void the_reason_for_an_extension_is_required()
    {
        Given().When(Extend(D(3, 20), reason: "")).ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Fact]
    public void an_article_35_due_date_is_recorded_with_its_reason()
    {
        Given().When(new SetArticle35DueDate(Id, 1, D(3, 20), D(6, 30), " 申请数量明显超过合理范围 ", Clerk))
            .Then(new DueDateSetUnderArticle35(Id, D(3, 20), D(6, 30), "申请数量明显超过合理范围", Clerk));
    }

    [Fact]
    public void an_article_35_due_date_on_the_day_it_is_set_is_refused()
    {
        Given().When(new SetArticle35DueDate(Id, 1, D(3, 20), D(3, 20), "理由", Clerk))
            .ThenRefused("article35.due-not-after-set", RefusalKind.Invalid);
    }

    [Fact]
    public void an_article_35_due_date_the_calendar_cannot_count_to_is_refused_instead_of_leaving_the_case_without_a_clock()
    {
        var refusal = Given().When(new SetArticle35DueDate(Id, 1, D(3, 20), new DateOnly(9999, 12, 31), "理由", Clerk))
            .ThenRefused("date.not-countable", RefusalKind.Invalid);

        refusal.Field.Should().Be("dueOn");
        refusal.Chinese.Should().Contain("9999-12-31");
    }

    [Fact]
    public void an_article_35_due_date_without_a_reason_is_refused()
    {
        Given().When(new SetArticle35DueDate(Id, 1, D(3, 20), D(6, 30), " ", Clerk))
            .ThenRefused("field.required", RefusalKind.Invalid);
    }
}

/// <summary>Issue 13: Art. 35 only moves a deadline later (A8); an extension before a 补正 restart no longer stands (A5).</summary>
public sealed class StatutoryCorrectionDecisionTests : DecisionSpec
{
    // Received Monday 2025-03-03: 20 working days → computed due 2025-03-31.
    [Fact]
    public void an_article_35_date_earlier_than_the_computed_due_date_is_refused_with_the_reason()
    {
        var refusal = Given().When(new SetArticle35DueDate(Id, 1, D(3, 10), D(3, 20), "申请数量明显超过合理范围", Clerk))
            .ThenRefused("article35.not-later-than-computed", RefusalKind.Rule);
        refusal.Chinese.Should().Contain("2025-03-31").And.Contain("第三十五条");
        refusal.English.Should().Contain("computed due date 2025-03-31");
    }

    [Fact]
    public void an_article_35_date_on_the_computed_due_date_is_refused()
    {
        Given().When(new SetArticle35DueDate(Id, 1, D(3, 10), D(3, 31), "理由", Clerk))
            .ThenRefused("article35.not-later-than-computed", RefusalKind.Rule);
    }

    [Fact]
    public void an_article_35_date_after_the_computed_due_date_is_accepted()
    {
        Given().When(new SetArticle35DueDate(Id, 1, D(3, 10), D(4, 1), "理由", Clerk))
            .Event<DueDateSetUnderArticle35>().DueOn.Should().Be(D(4, 1));
    }

    [Fact]
    public void an_extension_before_a_supplement_restart_no_longer_stands_so_a_new_one_may_be_approved()
    {
        var state = Given(
            new ReplyExtended(Id, D(3, 5), 10, "王主任", "需调取档案", Clerk),
            SupplementRequestedOn(D(3, 6), D(3, 20)),
            SupplementReceivedOn(D(3, 12)));
        state.State.Extended.Should().BeFalse("the clock drops an extension dated before the restart, so must the write model");
        state.When(new ExtendReply(Id, 1, D(3, 20), 10, "王主任", "补正后仍需协调", Clerk))
            .Event<ReplyExtended>().ExtendedOn.Should().Be(D(3, 20));
    }

    [Fact]
    public void an_extension_in_the_restarted_period_still_blocks_a_second_one()
    {
        Given(SupplementRequestedOn(D(3, 4), D(3, 20)), SupplementReceivedOn(D(3, 12)),
                new ReplyExtended(Id, D(3, 20), 10, "王主任", "需调取档案", Clerk))
            .When(new ExtendReply(Id, 1, D(3, 25), 5, "王主任", "理由", Clerk))
            .ThenRefused("extension.second", RefusalKind.Rule);
    }
}
