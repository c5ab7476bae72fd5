using Workflow.Applications;

namespace Workflow.Tests.Applications;

/// <summary>The write model folded from events: status transitions, the closure row and corrections.</summary>
public sealed class FoldingTests : DecisionSpec
{
    [Fact]
    public void every_event_after_the_receipt_has_an_apply_method()
    {
        var eventTypes = typeof(IApplicationEvent).Assembly.GetTypes()
            .Where(t => typeof(IApplicationEvent).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false } && t != typeof(ApplicationReceived));
        foreach (var type in eventTypes)
            typeof(DisclosureApplication).GetMethod(nameof(DisclosureApplication.Apply), [type])
                .Should().NotBeNull($"{type.Name} must be folded into the write model");
    }

    [Fact]
    public void a_new_application_is_in_progress_with_its_items()
    {
        var state = Fold(Received(items: 3));
        state.Id.Should().Be(Id);
        state.RegistrationNumber.Should().Be(RegistrationNumber);
        state.ReceivedOn.Should().Be(ReceivedOn);
        state.ItemNumbers.Should().Equal(1, 2, 3);
        state.Status.Should().Be(ApplicationStatus.InProgress);
        state.IsOpen.Should().BeTrue();
        state.LatestBusinessDate.Should().Be(ReceivedOn);
        state.Closure.Should().BeNull();
        state.Row.Should().BeNull();
    }

    [Fact]
    public void a_supplement_request_awaits_the_supplement_until_its_deadline()
    {
        var state = Fold(Received(), SupplementRequestedOn(D(3, 5), D(3, 20)));
        state.Status.Should().Be(ApplicationStatus.AwaitingSupplement);
        state.IsOpen.Should().BeTrue();
        state.SupplementRequests.Should().Be(1);
        state.SupplementDeadline.Should().Be(D(3, 20));
        state.SupplementEverReceived.Should().BeFalse();
    }

    [Fact]
    public void a_received_supplement_resumes_handling()
    {
        var state = Fold(Received(), SupplementRequestedOn(D(3, 5), D(3, 20)), SupplementReceivedOn(D(3, 12)));
        state.Status.Should().Be(ApplicationStatus.InProgress);
        state.SupplementDeadline.Should().BeNull();
        state.SupplementEverReceived.Should().BeTrue();
        state.LatestBusinessDate.Should().Be(D(3, 12));
    }

    [Fact]
    public void a_lapsed_supplement_closes_in_row_other_supplement_lapsed()
    {
        var state = Fold(Received(), SupplementRequestedOn(D(3, 5), D(3, 20)), new SupplementLapsed(Id, D(3, 21), Clerk));
        state.Status.Should().Be(ApplicationStatus.Closed);
        state.IsOpen.Should().BeFalse();
        state.Closure.Should().Be(ClosureKind.SupplementLapsed);
        state.ClosedOn.Should().Be(D(3, 21));
        state.Row.Should().Be(ResultRow.OtherSupplementLapsed);
        state.SupplementDeadline.Should().BeNull();
    }

    [Fact]
    public void an_extension_is_remembered()
    {
        Fold(Received(), new ReplyExtended(Id, D(3, 20), 20, "王主任", "需调取档案", Clerk)).Extended.Should().BeTrue();
    }

    [Fact]
    public void an_article_35_due_date_is_remembered()
    {
        Fold(Received(), new DueDateSetUnderArticle35(Id, D(3, 20), D(6, 30), "大量申请", Clerk)).Article35DueOn.Should().Be(D(6, 30));
    }

    [Fact]
    public void consultations_stay_open_until_replied()
    {
        var state = Fold(Received(),
            new ConsultationSent(Id, 1, ConsultationParty.ThirdParty, "某建设公司", D(3, 10), Clerk),
            new ConsultationSent(Id, 2, ConsultationParty.OtherAgency, "市自然资源局", D(3, 11), Clerk),
            new ConsultationReplied(Id, 1, D(3, 14), true, null, Clerk));
        state.OpenConsultations.Should().ContainSingle().Which.Should().Be(new KeyValuePair<int, DateOnly>(2, D(3, 11)));
        state.ConsultationsSent.Should().Be(2);
    }

    [Fact]
    public void a_fee_is_outstanding_from_notice_to_payment()
    {
        var noticed = Fold(Received(), FeeNoticedOn(D(3, 10)));
        noticed.FeeNoticedOn.Should().Be(D(3, 10));
        noticed.FeeOutstanding.Should().BeTrue();

        var paid = noticed.Apply(new FeePaid(Id, D(3, 12), 1100m, Clerk));
        paid.FeeOutstanding.Should().BeFalse();
        paid.FeeNoticedOn.Should().Be(D(3, 10));
        paid.IsOpen.Should().BeTrue();
    }

    [Fact]
    public void an_unpaid_fee_closes_in_row_other_fee_unpaid()
    {
        var state = Fold(Received(), FeeNoticedOn(D(3, 10)), new FeeLapsed(Id, D(5, 9), Clerk));
        state.Status.Should().Be(ApplicationStatus.Closed);
        state.Closure.Should().Be(ClosureKind.FeeLapsed);
        state.Row.Should().Be(ResultRow.OtherFeeUnpaid);
        state.FeeOutstanding.Should().BeFalse();
    }

    [Fact]
    public void an_answer_closes_in_the_row_stored_in_the_event()
    {
        var state = Fold(Received(),
            new ConsultationSent(Id, 1, ConsultationParty.ThirdParty, "某建设公司", D(3, 10), Clerk),
            AnsweredOn(D(3, 20), row: ResultRow.WithheldThirdPartyRights));
        state.Status.Should().Be(ApplicationStatus.Closed);
        state.Closure.Should().Be(ClosureKind.Answered);
        state.ClosedOn.Should().Be(D(3, 20));
        state.Row.Should().Be(ResultRow.WithheldThirdPartyRights);
        state.AnswerServed.Should().BeFalse();
        state.OpenConsultations.Should().BeEmpty();
    }

    [Fact]
    public void an_answer_served_with_it_is_served()
    {
        Fold(Received(), AnsweredOn(D(3, 20), servedOn: D(3, 20))).AnswerServed.Should().BeTrue();
    }

    [Fact]
    public void service_recorded_later_marks_the_answer_served()
    {
        Fold(Received(), AnsweredOn(D(3, 20)), new AnswerServed(Id, ServiceMethod.Post, D(3, 22), Clerk)).AnswerServed.Should().BeTrue();
    }

    [Fact]
    public void a_withdrawal_closes_in_row_other_A10()
    {
        var state = Fold(Received(), WithdrawnOn(D(3, 10)));
        state.Closure.Should().Be(ClosureKind.Withdrawn);
        state.Row.Should().Be(ResultRow.OtherOther);
        state.ClosedOn.Should().Be(D(3, 10));
    }

    [Fact]
    public void notices_are_counted()
    {
        var notice = new NoticeIssued(Id, NoticeKind.ReceiptAcknowledgement, $"{RegistrationNumber}-回执1", D(3, 3), ServiceMethod.Post, Clerk);
        Fold(Received(), notice, notice with { DocumentNumber = $"{RegistrationNumber}-回执2" }).NoticesIssued.Should().Be(2);
    }

    [Fact]
    public void reconsiderations_and_lawsuits_are_tracked_until_decided()
    {
        var state = Fold(Received(), AnsweredOn(D(3, 20)),
            ReconsiderationFiledOn(1, D(4, 10)),
            new ReconsiderationDecided(Id, 1, D(5, 20), ReviewDecision.Upheld, null, Clerk),
            LawsuitFiledOn(1, D(5, 25), afterReconsideration: 1),
            ReconsiderationFiledOn(2, D(5, 26)));

        state.Reconsiderations.Should().Equal(
            new ReviewCase(1, D(4, 10), D(5, 20), ReviewDecision.Upheld),
            new ReviewCase(2, D(5, 26), null, null));
        state.Lawsuits.Should().Equal(new LawsuitCase(1, D(5, 25), 1, null, null));

        var decided = state.Apply(new LawsuitDecided(Id, 1, D(6, 20), ReviewDecision.Revoked, null, Clerk));
        decided.Lawsuits.Should().Equal(new LawsuitCase(1, D(5, 25), 1, D(6, 20), ReviewDecision.Revoked));
    }

    [Fact]
    public void a_back_dated_event_does_not_move_the_latest_business_date_back()
    {
        var state = Fold(Received(), new NoteAdded(Id, D(3, 20), "备注", Clerk), new NoteAdded(Id, D(3, 5), "补记", Clerk));
        state.LatestBusinessDate.Should().Be(D(3, 20));
    }

    [Fact]
    public void corrections_replace_the_corrected_facts()
    {
        var state = Fold(Received(), AnsweredOn(D(3, 20)),
            new FactCorrected(Id, D(4, 1), CorrectableFact.ReceivedOn, "2025-03-03", "2025-02-28", "登记错误", Clerk),
            new FactCorrected(Id, D(4, 1), CorrectableFact.Channel, "Letter", "Online", "登记错误", Clerk),
            new FactCorrected(Id, D(4, 1), CorrectableFact.ApplicantType, "NaturalPerson", "LegalServiceInstitution", "登记错误", Clerk),
            new FactCorrected(Id, D(4, 1), CorrectableFact.ApplicantName, "张三", "某律师事务所", "登记错误", Clerk),
            new FactCorrected(Id, D(4, 1), CorrectableFact.ApplicantIdNumber, "520000199001011234", "91520000MA6DXXXX0X", "登记错误", Clerk),
            new FactCorrected(Id, D(4, 1), CorrectableFact.ApplicantContact, "13800000000", "0857-8888888", "登记错误", Clerk),
            new FactCorrected(Id, D(4, 1), CorrectableFact.ResultRow, "Disclosed", "PartlyDisclosed", "统计错误", Clerk));

        state.ReceivedOn.Should().Be(new DateOnly(2025, 2, 28));
        state.Channel.Should().Be(Channel.Online);
        state.ApplicantType.Should().Be(ApplicantType.LegalServiceInstitution);
        state.Applicant.Should().Be(new Applicant("某律师事务所", "91520000MA6DXXXX0X", "0857-8888888", "毕节市七星关区某路1号", null));
        state.Row.Should().Be(ResultRow.PartlyDisclosed);
        state.Closure.Should().Be(ClosureKind.Answered);
        state.Status.Should().Be(ApplicationStatus.Closed);
    }
}
