using Workflow.Applications;

namespace Workflow.Tests.Applications;

/// <summary>Rules every step shares: business dates (A1) and what a closed application still allows.</summary>
public sealed class GenericRuleTests : DecisionSpec
{
    private static IApplicationCommand Step(string name, DateOnly on, string actor = Clerk) => name switch
    {
        nameof(RequestSupplement) => new RequestSupplement(Id, 1, on, on.AddDays(15), "请补充文号", actor),
        nameof(RecordSupplement) => new RecordSupplement(Id, 1, on, null, actor),
        nameof(RecordSupplementLapsed) => new RecordSupplementLapsed(Id, 1, on, actor),
        nameof(ExtendReply) => new ExtendReply(Id, 1, on, 10, "王主任", "需调取档案", actor),
        nameof(SendConsultation) => new SendConsultation(Id, 1, ConsultationParty.ThirdParty, "某建设公司", on, actor),
        nameof(RecordConsultationReply) => new RecordConsultationReply(Id, 1, 1, on, true, null, actor),
        nameof(NoticeFee) => new NoticeFee(Id, 1, on, FeeMethod.PerPage, 120, null, actor),
        nameof(RecordFeePaid) => new RecordFeePaid(Id, 1, on, 100m, actor),
        nameof(RecordFeeLapsed) => new RecordFeeLapsed(Id, 1, on, actor),
        nameof(SetArticle35DueDate) => new SetArticle35DueDate(Id, 1, on, on.AddDays(60), "大量申请", actor),
        nameof(AnswerApplication) => new AnswerApplication(Id, 1, on,
            [new ItemAnswer(1, ItemResult.Disclosed, null), new ItemAnswer(2, ItemResult.Disclosed, null)], null, "七政公开〔2025〕8号", null, null, actor),
        nameof(WithdrawApplication) => new WithdrawApplication(Id, 1, on, "撤回", actor),
        nameof(RecordAnswerServed) => new RecordAnswerServed(Id, 1, ServiceMethod.Post, on, actor),
        nameof(IssueNotice) => new IssueNotice(Id, 1, NoticeKind.ReceiptAcknowledgement, on, ServiceMethod.Post, actor),
        nameof(FileReconsideration) => new FileReconsideration(Id, 1, on, "毕节市人民政府", null, actor),
        nameof(DecideReconsideration) => new DecideReconsideration(Id, 1, 1, on, ReviewDecision.Upheld, null, actor),
        nameof(FileLawsuit) => new FileLawsuit(Id, 1, on, "七星关区人民法院", null, null, actor),
        nameof(DecideLawsuit) => new DecideLawsuit(Id, 1, 1, on, ReviewDecision.Upheld, null, actor),
        nameof(AddNote) => new AddNote(Id, 1, on, "备注", actor),
        nameof(CorrectFact) => new CorrectFact(Id, 1, on, CorrectableFact.Channel, "Online", "登记错误", actor),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>Every step that only makes sense while the application is open.</summary>
    public static TheoryData<string> HandlingSteps =>
    [
        nameof(RequestSupplement), nameof(RecordSupplement), nameof(RecordSupplementLapsed), nameof(ExtendReply),
        nameof(SendConsultation), nameof(RecordConsultationReply), nameof(NoticeFee), nameof(RecordFeePaid),
        nameof(RecordFeeLapsed), nameof(SetArticle35DueDate), nameof(AnswerApplication), nameof(WithdrawApplication),
    ];

    /// <summary>Every step that takes a business date checked against the receipt date.</summary>
    public static TheoryData<string> DatedSteps =>
    [
        nameof(RequestSupplement), nameof(RecordSupplement), nameof(RecordSupplementLapsed), nameof(ExtendReply),
        nameof(SendConsultation), nameof(RecordConsultationReply), nameof(NoticeFee), nameof(RecordFeePaid),
        nameof(RecordFeeLapsed), nameof(SetArticle35DueDate), nameof(AnswerApplication), nameof(WithdrawApplication),
        nameof(RecordAnswerServed), nameof(IssueNotice), nameof(FileReconsideration), nameof(DecideReconsideration),
        nameof(FileLawsuit), nameof(DecideLawsuit), nameof(AddNote),
    ];

    /// <summary>A state in which every step's own preconditions hold, so only the date can be wrong.</summary>
    private static Scenario Busy(string step) => step switch
    {
        nameof(RecordSupplement) or nameof(RecordSupplementLapsed) => Given(SupplementRequestedOn(D(3, 5), D(3, 20))),
        nameof(RecordConsultationReply) => Given(new ConsultationSent(Id, 1, ConsultationParty.ThirdParty, "某建设公司", D(3, 5), Clerk)),
        nameof(RecordFeePaid) or nameof(RecordFeeLapsed) => Given(FeeNoticedOn(D(3, 5))),
        nameof(RecordAnswerServed) or nameof(FileReconsideration) or nameof(FileLawsuit) => Given(AnsweredOn(D(3, 5))),
        nameof(DecideReconsideration) => Given(AnsweredOn(D(3, 5)), ReconsiderationFiledOn(1, D(3, 6))),
        nameof(DecideLawsuit) => Given(AnsweredOn(D(3, 5)), LawsuitFiledOn(1, D(3, 6))),
        _ => Given(),
    };

    [Theory]
    [MemberData(nameof(DatedSteps))]
    public void a_business_date_before_the_receipt_date_is_refused(string step)
    {
        Busy(step).When(Step(step, ReceivedOn.AddDays(-1))).ThenRefused("date.before-receipt", RefusalKind.Rule);
    }

    [Theory]
    [MemberData(nameof(DatedSteps))]
    public void a_business_date_after_today_is_refused(string step)
    {
        Busy(step).When(Step(step, Today.AddDays(1))).ThenRefused("date.in-future", RefusalKind.Rule);
    }

    [Theory]
    [MemberData(nameof(DatedSteps))]
    public void a_step_without_an_actor_is_refused(string step)
    {
        Busy(step).When(Step(step, D(6, 2), actor: " "))
            .ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Theory]
    [MemberData(nameof(HandlingSteps))]
    public void a_handling_step_on_an_answered_application_is_refused(string step)
    {
        Given(AnsweredOn(D(3, 20))).When(Step(step, D(6, 2))).ThenRefused("application.closed", RefusalKind.Rule);
    }

    [Theory]
    [MemberData(nameof(HandlingSteps))]
    public void a_handling_step_on_a_withdrawn_application_is_refused(string step)
    {
        Given(WithdrawnOn(D(3, 20))).When(Step(step, D(6, 2))).ThenRefused("application.closed", RefusalKind.Rule);
    }

    [Theory]
    [MemberData(nameof(HandlingSteps))]
    public void a_handling_step_on_a_lapsed_application_is_refused(string step)
    {
        Given(SupplementRequestedOn(D(3, 5), D(3, 20)), new SupplementLapsed(Id, D(3, 21), Clerk))
            .When(Step(step, D(6, 2))).ThenRefused("application.closed", RefusalKind.Rule);
    }

    [Theory]
    [InlineData(nameof(RecordAnswerServed))]
    [InlineData(nameof(IssueNotice))]
    [InlineData(nameof(FileReconsideration))]
    [InlineData(nameof(FileLawsuit))]
    [InlineData(nameof(AddNote))]
    [InlineData(nameof(CorrectFact))]
    public void a_step_after_closure_is_allowed_on_an_answered_application(string step)
    {
        Given(AnsweredOn(D(3, 20))).When(Step(step, D(6, 2))).Event<IApplicationEvent>().BusinessDate.Should().Be(D(6, 2));
    }

    [Fact]
    public void reconsideration_and_lawsuit_decisions_are_allowed_on_a_closed_application()
    {
        var closed = Given(AnsweredOn(D(3, 20)), ReconsiderationFiledOn(1, D(4, 1)), LawsuitFiledOn(1, D(4, 2)));
        closed.When(Step(nameof(DecideReconsideration), D(6, 2))).Event<ReconsiderationDecided>();
        closed.When(Step(nameof(DecideLawsuit), D(6, 2))).Event<LawsuitDecided>();
    }

    [Fact]
    public void a_step_on_the_receipt_date_is_allowed()
    {
        Given().When(Step(nameof(AddNote), ReceivedOn)).Event<NoteAdded>().NotedOn.Should().Be(ReceivedOn);
    }

    [Fact]
    public void a_step_dated_today_is_allowed()
    {
        Given().When(Step(nameof(WithdrawApplication), Today)).Event<ApplicationWithdrawn>().WithdrawnOn.Should().Be(Today);
    }
}
