using Workflow.Applications;

namespace Workflow.Tests.Applications;

/// <summary>A step may not be dated before the step it answers: the record must read in the order things happened.</summary>
public sealed class StepOrderTests : DecisionSpec
{
    [Fact]
    public void a_supplement_dated_before_its_notice_is_refused() =>
        Given(SupplementRequestedOn(D(3, 10), D(3, 31)))
            .When(new RecordSupplement(Id, 2, D(3, 9), null, Clerk))
            .ThenRefused("date.before-prior-step", RefusalKind.Rule);

    [Fact]
    public void a_consultation_reply_dated_before_the_letter_is_refused() =>
        Given(new ConsultationSent(Id, 1, ConsultationParty.ThirdParty, "某建设公司", D(3, 12), Clerk))
            .When(new RecordConsultationReply(Id, 2, 1, D(3, 11), true, null, Clerk))
            .ThenRefused("date.before-prior-step", RefusalKind.Rule);

    [Fact]
    public void a_consultation_reply_on_the_day_of_the_letter_is_accepted() =>
        Given(new ConsultationSent(Id, 1, ConsultationParty.ThirdParty, "某建设公司", D(3, 12), Clerk))
            .When(new RecordConsultationReply(Id, 2, 1, D(3, 12), true, null, Clerk))
            .Event<ConsultationReplied>().RepliedOn.Should().Be(D(3, 12));

    [Fact]
    public void a_payment_dated_before_the_fee_notice_is_refused() =>
        Given(new FeeNoticed(Id, D(3, 12), FeeMethod.PerPage, 40, 100m, 100m, Clerk))
            .When(new RecordFeePaid(Id, 2, D(3, 11), 100m, Clerk))
            .ThenRefused("date.before-prior-step", RefusalKind.Rule);

    [Fact]
    public void an_answer_with_a_service_method_but_no_served_date_is_refused() =>
        Given().When(new AnswerApplication(Id, 1, D(3, 20),
                [new ItemAnswer(1, ItemResult.Disclosed, null), new ItemAnswer(2, ItemResult.Disclosed, null)],
                null, "七星府公开复〔2025〕1号", ServiceMethod.Post, null, Clerk))
            .ThenRefused("answer.service-date-missing", RefusalKind.Invalid);
}
