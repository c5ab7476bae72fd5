using Projections.Integrity;
using Projections.LegalReview;
using Workflow.Applications;
using Workflow.Calendar;

namespace Projections.Tests.LegalReview;

/// <summary>One named test per finding of <see cref="ComplianceReview"/>, on hand-built histories (no database).</summary>
public sealed class ComplianceReviewTests
{
    private static readonly Guid Id = Guid.Parse("01930000-0000-7000-8000-000000000001");
    private static readonly DateOnly Received = new(2024, 11, 4); // a Monday
    private static readonly WorkdayCalendar Calendar = WorkdayCalendar.Official;

    private static ApplicationReceived Receipt(DateOnly on) => new(Id, "qxg", "qxg公开〔2024〕第1号", 1, null, on, Channel.Letter,
        ApplicantType.NaturalPerson, new Applicant("张三", null, null, null, null), [new RequestedItem(1, "征地补偿方案")], RequestedForm.Paper, "clerk.wang");

    private static ApplicationAnswered Answer(DateOnly on, DateOnly? servedOn) => new(Id, on, [new ItemAnswer(1, ItemResult.Disclosed, null)],
        ResultRow.Disclosed, false, "复〔2024〕1号", servedOn is null ? null : ServiceMethod.Post, servedOn, "head.li");

    /// <summary>Each event recorded at 10:00 China time on its business date unless given.</summary>
    private static List<RecordedEvent> History(params (IApplicationEvent Event, DateOnly? RecordedOn)[] steps) =>
        [.. steps.Select((s, i) => new RecordedEvent(i, i + 1, Guid.CreateVersion7(), s.Event.GetType().Name, s.Event,
            new DateTimeOffset((s.RecordedOn ?? s.Event.BusinessDate).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8))))];

    private static IReadOnlyList<string> Codes(List<RecordedEvent> history) =>
        [.. ComplianceReview.Review(history, Calendar).Select(f => f.Code)];

    [Fact]
    public void a_clean_case_answered_and_served_in_time_has_no_findings()
    {
        var history = History((Receipt(Received), null), (Answer(new(2024, 11, 20), new(2024, 11, 20)), null));
        Codes(history).Should().BeEmpty();
    }

    [Fact]
    public void supplement_notice_after_7_working_days_is_found_under_article_30()
    {
        // 7 working days after Mon 11-04 end on Wed 11-13; the notice went out on 11-14.
        var history = History((Receipt(Received), null), (new SupplementRequested(Id, new(2024, 11, 14), new(2024, 11, 29), "请明确文号", "clerk.wang"), null));
        var finding = ComplianceReview.Review(history, Calendar).Single();
        finding.Code.Should().Be(ComplianceReview.SupplementNoticeLate);
        finding.Article.Should().Be("《条例》第三十条");
        finding.EventIndexes.Should().Equal(1);
    }

    [Fact]
    public void answer_served_after_the_due_date_is_found_under_article_33_using_the_service_date()
    {
        // Due on 2024-12-02 (20 working days from 11-05); answered in time on 11-29 but posted only on 12-03.
        var history = History((Receipt(Received), null), (Answer(new(2024, 11, 29), new(2024, 12, 3)), null));
        var finding = ComplianceReview.Review(history, Calendar).Single();
        finding.Code.Should().Be(ComplianceReview.AnsweredLate);
        finding.Severity.Should().Be(FindingSeverity.Violation);
        finding.Detail.Should().Contain("2024-12-03").And.Contain("2024-12-02");
    }

    [Fact]
    public void extension_decided_after_the_original_period_ended_is_found()
    {
        var history = History((Receipt(Received), null),
            (new ReplyExtended(Id, new(2024, 12, 3), 10, "办公室主任李四", "需调取档案", "head.li"), null));
        Codes(history).Should().Equal(ComplianceReview.ExtensionAfterPeriod);
    }

    [Fact]
    public void extension_longer_than_20_working_days_is_found()
    {
        var history = History((Receipt(Received), null), (new ReplyExtended(Id, new(2024, 11, 20), 25, "办公室主任李四", "需调取档案", "head.li"), null));
        Codes(history).Should().Equal(ComplianceReview.ExtensionTooLong);
    }

    [Fact]
    public void extension_longer_than_15_working_days_under_the_2008_regulation_is_found()
    {
        var history = History((Receipt(new(2019, 3, 4)), null), (new ReplyExtended(Id, new(2019, 3, 12), 20, "主任", "理由", "head.li"), null));
        ComplianceReview.Review(history, Calendar).Single().EnglishTitle.Should().Contain("15");
    }

    [Fact]
    public void extension_without_a_named_approver_is_found()
    {
        var history = History((Receipt(Received), null), (new ReplyExtended(Id, new(2024, 11, 20), 20, " ", "需调取档案", "head.li"), null));
        Codes(history).Should().Equal(ComplianceReview.ExtensionWithoutApprover);
    }

    [Fact]
    public void an_answer_after_a_consultation_reply_that_came_after_its_15_working_days_is_found()
    {
        // Sent 11-06; 15 working days end on 11-27; the reply came on 11-29 and the answer followed on 12-02.
        var history = History((Receipt(Received), null),
            (new ConsultationSent(Id, 1, ConsultationParty.ThirdParty, "某公司", new(2024, 11, 6), "clerk.wang"), null),
            (new ConsultationReplied(Id, 1, new(2024, 11, 29), false, "不同意公开", "clerk.wang"), null),
            (Answer(new(2024, 12, 2), new(2024, 12, 2)), null));
        var finding = ComplianceReview.Review(history, Calendar).Single();
        finding.Code.Should().Be(ComplianceReview.LateConsultationReplyRelied);
        finding.Article.Should().StartWith("《条例》第三十二条");
        finding.EventIndexes.Should().Equal(1, 2, 3);
    }

    [Fact]
    public void a_reply_within_15_working_days_is_not_a_finding()
    {
        var history = History((Receipt(Received), null),
            (new ConsultationSent(Id, 1, ConsultationParty.OtherAgency, "市自然资源局", new(2024, 11, 6), "clerk.wang"), null),
            (new ConsultationReplied(Id, 1, new(2024, 11, 20), true, null, "clerk.wang"), null),
            (Answer(new(2024, 11, 25), new(2024, 11, 25)), null));
        Codes(history).Should().BeEmpty();
    }

    [Fact]
    public void a_step_recorded_more_than_5_working_days_after_its_business_date_is_back_dated()
    {
        // Business date Mon 11-04, recorded Tue 11-12: 6 working days later.
        var history = History((Receipt(Received), new DateOnly(2024, 11, 12)));
        var finding = ComplianceReview.Review(history, Calendar).Single();
        finding.Code.Should().Be(ComplianceReview.BackDatedStep);
        finding.Severity.Should().Be(FindingSeverity.Notice);
    }

    [Fact]
    public void a_step_recorded_5_working_days_late_is_within_tolerance()
    {
        var history = History((Receipt(Received), new DateOnly(2024, 11, 11)));
        Codes(history).Should().BeEmpty();
    }

    [Fact]
    public void an_answer_without_a_service_date_is_found_under_article_36_and_I235()
    {
        var history = History((Receipt(Received), null), (Answer(new(2024, 11, 20), null), null));
        var finding = ComplianceReview.Review(history, Calendar).Single();
        finding.Code.Should().Be(ComplianceReview.AnswerWithoutServiceDate);
        finding.Article.Should().Contain("第三十六条").And.Contain("235");
    }

    [Fact]
    public void a_later_answer_served_event_clears_the_missing_service_date()
    {
        var history = History((Receipt(Received), null), (Answer(new(2024, 11, 20), null), null),
            (new AnswerServed(Id, ServiceMethod.Post, new(2024, 11, 21), "clerk.wang"), null));
        Codes(history).Should().BeEmpty();
    }

    [Fact]
    public void a_fee_lapse_recorded_before_the_payment_period_ended_is_found()
    {
        // Notice 11-06: 20 working days to pay end on 12-04; the lapse was recorded on 11-29.
        var history = History((Receipt(Received), null),
            (new FeeNoticed(Id, new(2024, 11, 6), FeeMethod.PerPage, 50, 200m, 200m, "clerk.wang"), null),
            (new FeeLapsed(Id, new(2024, 11, 29), "head.li"), null));
        var finding = ComplianceReview.Review(history, Calendar).Single();
        finding.Code.Should().Be(ComplianceReview.FeeLapsedTooEarly);
        finding.EventIndexes.Should().Equal(1, 2);
    }

    [Fact]
    public void a_supplement_notice_sent_when_the_reply_was_already_overdue_is_found_and_keeps_the_days_overdue()
    {
        var due = Calendar.AddWorkingDays(Received, 20);
        var noticeOn = Calendar.AddWorkingDays(due, 18);
        var history = History((Receipt(Received), null),
            (new SupplementRequested(Id, noticeOn, noticeOn.AddDays(20), "请明确文号", "clerk.wang"), null),
            (new SupplementReceived(Id, noticeOn.AddDays(3), null, "clerk.wang"), null));

        var finding = ComplianceReview.Review(history, Calendar).Single(f => f.Code == ComplianceReview.SupplementAfterOverdue);

        finding.Detail.Should().Contain("已超期18个工作日");
        var trace = CaseHistoryBuilder.Build(history, Calendar);
        trace.Entries[^1].Clock!.OverdueAtSupplementNotice.Should().Contain("补正告知时已超期18个工作日");
        trace.Entries[^1].Clock!.CalendarVersion.Should().Be(Calendar.Version);
    }
}

public sealed class EventChainTests
{
    private static readonly Guid Stream = Guid.Parse("01930000-0000-7000-8000-000000000002");
    private static readonly DateTimeOffset At = new(2024, 11, 4, 2, 0, 0, 123, 456, TimeSpan.Zero);

    [Fact]
    public void key_order_and_spacing_of_the_json_do_not_change_the_hash()
    {
        var a = new ChainedEventContent(Stream, 1, "note_added", "2024-11-04", "clerk", """{"text":"备注","actor":"clerk","n":1.50}""", At);
        var b = a with { DataJson = """{ "n": 1.50, "actor": "clerk", "text": "\u5907\u6ce8" }""" };
        EventChain.Hash(a, "").Should().Be(EventChain.Hash(b, ""));
    }

    [Fact]
    public void every_covered_field_and_the_previous_hash_change_the_hash()
    {
        var a = new ChainedEventContent(Stream, 1, "note_added", "2024-11-04", "clerk", """{"text":"x"}""", At);
        var hash = EventChain.Hash(a, "");
        new[]
        {
            EventChain.Hash(a with { Version = 2 }, ""), EventChain.Hash(a with { EventTypeName = "other" }, ""),
            EventChain.Hash(a with { BusinessDate = "2024-11-05" }, ""), EventChain.Hash(a with { Actor = "x" }, ""),
            EventChain.Hash(a with { DataJson = """{"text":"y"}""" }, ""), EventChain.Hash(a with { RecordedAt = At.AddTicks(10) }, ""),
            EventChain.Hash(a, "00"), EventChain.Hash(a with { StreamId = Guid.Empty }, ""),
        }.Should().NotContain(hash).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void record_times_are_hashed_at_the_microsecond_postgresql_keeps()
    {
        var a = new ChainedEventContent(Stream, 1, "t", "", "", "{}", At.AddTicks(3));
        EventChain.Hash(a, "").Should().Be(EventChain.Hash(a with { RecordedAt = At }, ""));
    }

    [Fact]
    public void a_digest_detects_a_changed_leaf_through_its_merkle_root()
    {
        var leaves = Enumerable.Range(1, 5).Select(i => new DigestLeaf(Guid.CreateVersion7(), i, $"h{i}")).ToList();
        var digest = ChainDigest.Create(1, At, leaves, "");
        digest.Hash.Should().Be(digest.ComputeHash());
        digest.Leaves[2] = digest.Leaves[2] with { Hash = "forged" };
        MerkleTree.Root(digest.Leaves).Should().NotBe(digest.MerkleRoot);
    }
}
