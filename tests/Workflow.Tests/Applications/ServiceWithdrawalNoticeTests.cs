using Workflow.Applications;

namespace Workflow.Tests.Applications;

/// <summary>送达 (I235), 撤回 (A10) and printable notices.</summary>
public sealed class ServiceWithdrawalNoticeTests : DecisionSpec
{
    [Fact]
    public void service_of_an_answer_is_recorded()
    {
        Given(AnsweredOn(D(3, 20))).When(new RecordAnswerServed(Id, 2, ServiceMethod.Post, D(3, 21), Clerk))
            .Then(new AnswerServed(Id, ServiceMethod.Post, D(3, 21), Clerk));
    }

    [Fact]
    public void service_before_an_answer_is_refused()
    {
        Given().When(new RecordAnswerServed(Id, 1, ServiceMethod.Post, D(3, 21), Clerk))
            .ThenRefused("served.not-answered", RefusalKind.Rule);
    }

    [Fact]
    public void service_of_a_withdrawn_application_is_refused()
    {
        Given(WithdrawnOn(D(3, 10))).When(new RecordAnswerServed(Id, 2, ServiceMethod.Post, D(3, 21), Clerk))
            .ThenRefused("served.not-answered", RefusalKind.Rule);
    }

    [Fact]
    public void service_recorded_twice_is_refused()
    {
        Given(AnsweredOn(D(3, 20)), new AnswerServed(Id, ServiceMethod.Post, D(3, 21), Clerk))
            .When(new RecordAnswerServed(Id, 3, ServiceMethod.Post, D(3, 22), Clerk))
            .ThenRefused("served.already", RefusalKind.Rule);
    }

    [Fact]
    public void service_already_recorded_with_the_answer_is_refused()
    {
        Given(AnsweredOn(D(3, 20), servedOn: D(3, 20)))
            .When(new RecordAnswerServed(Id, 2, ServiceMethod.Post, D(3, 22), Clerk))
            .ThenRefused("served.already", RefusalKind.Rule);
    }

    [Fact]
    public void service_dated_before_the_answer_is_refused()
    {
        Given(AnsweredOn(D(3, 20))).When(new RecordAnswerServed(Id, 2, ServiceMethod.Post, D(3, 19), Clerk))
            .ThenRefused("date.before-prior-step", RefusalKind.Rule);
    }

    [Fact]
    public void service_by_an_unknown_method_is_refused()
    {
        Given(AnsweredOn(D(3, 20))).When(new RecordAnswerServed(Id, 2, (ServiceMethod)99, D(3, 21), Clerk))
            .ThenRefused("field.unknown-value", RefusalKind.Invalid);
    }

    [Fact]
    public void a_withdrawal_is_recorded_with_its_reason()
    {
        Given().When(new WithdrawApplication(Id, 1, D(3, 10), " 申请人来电撤回 ", Clerk))
            .Then(new ApplicationWithdrawn(Id, D(3, 10), "申请人来电撤回", Clerk));
    }

    [Fact]
    public void a_withdrawal_without_a_reason_is_refused()
    {
        Given().When(new WithdrawApplication(Id, 1, D(3, 10), "", Clerk)).ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Fact]
    public void a_withdrawal_while_a_supplement_is_awaited_is_allowed()
    {
        Given(SupplementRequestedOn(D(3, 5), D(3, 20))).When(new WithdrawApplication(Id, 2, D(3, 10), "不再需要", Clerk))
            .Event<ApplicationWithdrawn>().WithdrawnOn.Should().Be(D(3, 10));
    }

    [Fact]
    public void a_receipt_acknowledgement_is_numbered_after_the_registration_number()
    {
        Given().When(new IssueNotice(Id, 1, NoticeKind.ReceiptAcknowledgement, D(3, 3), ServiceMethod.InPerson, Clerk))
            .Then(new NoticeIssued(Id, NoticeKind.ReceiptAcknowledgement, $"{RegistrationNumber}-回执1", D(3, 3), ServiceMethod.InPerson, Clerk));
    }

    [Fact]
    public void notice_numbers_count_every_notice_already_issued()
    {
        Given(SupplementRequestedOn(D(3, 5), D(3, 20)),
                new NoticeIssued(Id, NoticeKind.ReceiptAcknowledgement, $"{RegistrationNumber}-回执1", D(3, 3), ServiceMethod.Post, Clerk))
            .When(new IssueNotice(Id, 3, NoticeKind.SupplementNotice, D(3, 5), ServiceMethod.Post, Clerk))
            .Event<NoticeIssued>().DocumentNumber.Should().Be($"{RegistrationNumber}-补正2");
    }

    [Theory]
    [InlineData(NoticeKind.SupplementNotice)]
    [InlineData(NoticeKind.ExtensionNotice)]
    [InlineData(NoticeKind.ThirdPartyConsultation)]
    [InlineData(NoticeKind.FeeNotice)]
    [InlineData(NoticeKind.AnswerLetter)]
    public void a_notice_without_its_step_is_refused(NoticeKind kind)
    {
        Given().When(new IssueNotice(Id, 1, kind, D(3, 5), ServiceMethod.Post, Clerk)).ThenRefused("notice.not-applicable", RefusalKind.Rule);
    }

    [Theory]
    [InlineData(NoticeKind.SupplementNotice, "补正")]
    [InlineData(NoticeKind.ExtensionNotice, "延期")]
    [InlineData(NoticeKind.ThirdPartyConsultation, "征求")]
    [InlineData(NoticeKind.FeeNotice, "收费")]
    [InlineData(NoticeKind.AnswerLetter, "答复")]
    public void a_notice_with_its_step_is_issued(NoticeKind kind, string code)
    {
        IApplicationEvent step = kind switch
        {
            NoticeKind.SupplementNotice => SupplementRequestedOn(D(3, 5), D(3, 20)),
            NoticeKind.ExtensionNotice => new ReplyExtended(Id, D(3, 5), 20, "王主任", "需调取档案", Clerk),
            NoticeKind.ThirdPartyConsultation => new ConsultationSent(Id, 1, ConsultationParty.ThirdParty, "某建设公司", D(3, 5), Clerk),
            NoticeKind.FeeNotice => FeeNoticedOn(D(3, 5)),
            _ => AnsweredOn(D(3, 5)),
        };
        Given(step).When(new IssueNotice(Id, 2, kind, D(3, 6), ServiceMethod.Post, Clerk))
            .Event<NoticeIssued>().DocumentNumber.Should().Be($"{RegistrationNumber}-{code}1");
    }

    [Fact]
    public void an_answer_letter_for_a_withdrawn_application_is_refused()
    {
        Given(WithdrawnOn(D(3, 10))).When(new IssueNotice(Id, 2, NoticeKind.AnswerLetter, D(3, 11), ServiceMethod.Post, Clerk))
            .ThenRefused("notice.not-applicable", RefusalKind.Rule);
    }

    [Fact]
    public void an_unknown_notice_kind_is_refused()
    {
        Given().When(new IssueNotice(Id, 1, (NoticeKind)99, D(3, 5), ServiceMethod.Post, Clerk))
            .ThenRefused("field.unknown-value", RefusalKind.Invalid);
    }

    [Fact]
    public void a_notice_sent_by_an_unknown_method_is_refused()
    {
        Given().When(new IssueNotice(Id, 1, NoticeKind.ReceiptAcknowledgement, D(3, 5), (ServiceMethod)99, Clerk))
            .ThenRefused("field.unknown-value", RefusalKind.Invalid);
    }
}
