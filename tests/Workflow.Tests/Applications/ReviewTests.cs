using Workflow.Applications;

namespace Workflow.Tests.Applications;

/// <summary>行政复议 and 行政诉讼 (A12).</summary>
public sealed class ReviewTests : DecisionSpec
{
    private static readonly IApplicationEvent Answered = AnsweredOn(D(3, 20), D(3, 21));

    private static FileReconsideration FileReview(DateOnly on) => new(Id, 3, on, " 毕节市人民政府 ", " 毕府复〔2025〕1号 ", Clerk);

    private static FileLawsuit Sue(DateOnly on, int? after = null) => new(Id, 3, on, " 七星关区人民法院 ", null, after, Clerk);

    [Fact]
    public void the_first_reconsideration_is_number_one()
    {
        Given(Answered).When(FileReview(D(4, 10)))
            .Then(new ReconsiderationFiled(Id, 1, D(4, 10), "毕节市人民政府", "毕府复〔2025〕1号", Clerk));
    }

    [Fact]
    public void reconsiderations_are_numbered_in_filing_order()
    {
        Given(Answered, ReconsiderationFiledOn(1, D(4, 10)), ReconsiderationFiledOn(2, D(4, 11)))
            .When(FileReview(D(4, 12))).Event<ReconsiderationFiled>().CaseNumber.Should().Be(3);
    }

    [Fact]
    public void the_review_body_is_required()
    {
        Given(Answered).When(FileReview(D(4, 10)) with { ReviewBody = " " }).ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Fact]
    public void a_reconsideration_decision_is_recorded()
    {
        Given(Answered, ReconsiderationFiledOn(1, D(4, 10)))
            .When(new DecideReconsideration(Id, 3, 1, D(5, 20), ReviewDecision.Upheld, " 维持原答复 ", Clerk))
            .Then(new ReconsiderationDecided(Id, 1, D(5, 20), ReviewDecision.Upheld, "维持原答复", Clerk));
    }

    [Fact]
    public void deciding_an_unknown_reconsideration_is_refused()
    {
        Given(Answered, ReconsiderationFiledOn(1, D(4, 10)))
            .When(new DecideReconsideration(Id, 3, 2, D(5, 20), ReviewDecision.Upheld, null, Clerk))
            .ThenRefused("reconsideration.unknown", RefusalKind.Rule);
    }

    [Fact]
    public void deciding_a_reconsideration_twice_is_refused()
    {
        Given(Answered, ReconsiderationFiledOn(1, D(4, 10)), new ReconsiderationDecided(Id, 1, D(5, 20), ReviewDecision.Upheld, null, Clerk))
            .When(new DecideReconsideration(Id, 4, 1, D(5, 21), ReviewDecision.Revoked, null, Clerk))
            .ThenRefused("reconsideration.already-decided", RefusalKind.Rule);
    }

    [Fact]
    public void a_reconsideration_decided_before_it_was_filed_is_refused()
    {
        Given(Answered, ReconsiderationFiledOn(1, D(4, 10)))
            .When(new DecideReconsideration(Id, 3, 1, D(4, 9), ReviewDecision.Upheld, null, Clerk))
            .ThenRefused("date.before-prior-step", RefusalKind.Rule);
    }

    [Fact]
    public void suit_dismissed_is_not_a_reconsideration_decision()
    {
        Given(Answered, ReconsiderationFiledOn(1, D(4, 10)))
            .When(new DecideReconsideration(Id, 3, 1, D(5, 20), ReviewDecision.SuitDismissed, null, Clerk))
            .ThenRefused("reconsideration.decision-kind", RefusalKind.Invalid);
    }

    [Fact]
    public void an_unknown_reconsideration_decision_is_refused()
    {
        Given(Answered, ReconsiderationFiledOn(1, D(4, 10)))
            .When(new DecideReconsideration(Id, 3, 1, D(5, 20), (ReviewDecision)99, null, Clerk))
            .ThenRefused("field.unknown-value", RefusalKind.Invalid);
    }

    [Fact]
    public void a_direct_lawsuit_is_number_one()
    {
        Given(Answered).When(Sue(D(4, 10)))
            .Then(new LawsuitFiled(Id, 1, D(4, 10), "七星关区人民法院", null, null, Clerk));
    }

    [Fact]
    public void lawsuits_are_numbered_in_filing_order()
    {
        Given(Answered, LawsuitFiledOn(1, D(4, 10))).When(Sue(D(4, 11))).Event<LawsuitFiled>().CaseNumber.Should().Be(2);
    }

    [Fact]
    public void the_court_is_required()
    {
        Given(Answered).When(Sue(D(4, 10)) with { Court = "" }).ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Fact]
    public void a_lawsuit_after_a_decided_reconsideration_names_it()
    {
        Given(Answered, ReconsiderationFiledOn(1, D(4, 10)), new ReconsiderationDecided(Id, 1, D(5, 20), ReviewDecision.Upheld, null, Clerk))
            .When(Sue(D(5, 20), after: 1)).Event<LawsuitFiled>().AfterReconsideration.Should().Be(1);
    }

    [Fact]
    public void a_lawsuit_after_an_undecided_reconsideration_is_refused()
    {
        Given(Answered, ReconsiderationFiledOn(1, D(4, 10)))
            .When(Sue(D(5, 20), after: 1))
            .ThenRefused("lawsuit.reconsideration-not-decided", RefusalKind.Rule);
    }

    [Fact]
    public void a_lawsuit_after_an_unknown_reconsideration_is_refused()
    {
        Given(Answered).When(Sue(D(5, 20), after: 1)).ThenRefused("lawsuit.reconsideration-not-decided", RefusalKind.Rule);
    }

    [Fact]
    public void a_lawsuit_after_reconsideration_filed_before_its_decision_is_refused()
    {
        Given(Answered, ReconsiderationFiledOn(1, D(4, 10)), new ReconsiderationDecided(Id, 1, D(5, 20), ReviewDecision.Upheld, null, Clerk))
            .When(Sue(D(5, 19), after: 1))
            .ThenRefused("date.before-prior-step", RefusalKind.Rule);
    }

    [Fact]
    public void a_lawsuit_decision_is_recorded_and_may_be_suit_dismissed()
    {
        Given(Answered, LawsuitFiledOn(1, D(4, 10)))
            .When(new DecideLawsuit(Id, 3, 1, D(6, 1), ReviewDecision.SuitDismissed, " 驳回起诉 ", Clerk))
            .Then(new LawsuitDecided(Id, 1, D(6, 1), ReviewDecision.SuitDismissed, "驳回起诉", Clerk));
    }

    [Fact]
    public void deciding_an_unknown_lawsuit_is_refused()
    {
        Given(Answered).When(new DecideLawsuit(Id, 2, 1, D(6, 1), ReviewDecision.Upheld, null, Clerk))
            .ThenRefused("lawsuit.unknown", RefusalKind.Rule);
    }

    [Fact]
    public void deciding_a_lawsuit_twice_is_refused()
    {
        Given(Answered, LawsuitFiledOn(1, D(4, 10)), new LawsuitDecided(Id, 1, D(6, 1), ReviewDecision.Rejected, null, Clerk))
            .When(new DecideLawsuit(Id, 4, 1, D(6, 2), ReviewDecision.Revoked, null, Clerk))
            .ThenRefused("lawsuit.already-decided", RefusalKind.Rule);
    }

    [Fact]
    public void a_lawsuit_decided_before_it_was_filed_is_refused()
    {
        Given(Answered, LawsuitFiledOn(1, D(4, 10)))
            .When(new DecideLawsuit(Id, 3, 1, D(4, 9), ReviewDecision.Upheld, null, Clerk))
            .ThenRefused("date.before-prior-step", RefusalKind.Rule);
    }

    [Fact]
    public void an_unknown_lawsuit_decision_is_refused()
    {
        Given(Answered, LawsuitFiledOn(1, D(4, 10)))
            .When(new DecideLawsuit(Id, 3, 1, D(6, 1), (ReviewDecision)99, null, Clerk))
            .ThenRefused("field.unknown-value", RefusalKind.Invalid);
    }
}
