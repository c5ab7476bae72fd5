using System.Net;
using System.Net.Http.Json;
using Marten;
using Server.Accounts;
using Server.Notices;
using Server.Tests.Support;
using Workflow.Applications;
using static Server.Tests.Support.Scenarios;

namespace Server.Tests.Notices;

/// <summary>The printable notices through the real pages: facts from the case, document numbers from NoticeIssued.</summary>
public sealed class NoticeDocuments(AppFixture app) : IntegrationContext(app)
{
    private static readonly DateOnly Received = new(2024, 11, 4);

    private async Task<Guid> RegisterAsync(int items = 1, string agency = TestAgencies.Government) =>
        (await Bus.InvokeAsync<RegistrationResult>(Registration(Received, items: items, agency: agency))).ApplicationId;

    private async Task<string> PreviewAsync(Guid id, NoticeKind kind, HttpClient? client = null)
    {
        client ??= await App.BearerClientAsync(TestAgencies.Government, StaffRole.CaseHandler);
        var response = await client.GetAsync(NoticePages.PathOf(id, kind));
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        return html;
    }

    private static void ShouldBeACompletePrintableDocument(string html, string title)
    {
        html.Should().StartWith("<!doctype html>").And.Contain("</html>");
        html.Should().Contain("@page { size: A4").And.Contain("@media print");
        html.Should().Contain($"<h1>{title}</h1>");
        html.Should().Contain("毕节市七星关区人民政府", "the agency is the issuing body");
        html.Should().NotContain("520000199001011234", "no ID number on any notice").And.NotContain("13800000000", "no phone number");
    }

    [Fact]
    public async Task the_receipt_restates_the_receipt_date_the_number_and_the_items_and_is_unnumbered_until_issued()
    {
        var id = await RegisterAsync(items: 2);

        var html = await PreviewAsync(id, NoticeKind.ReceiptAcknowledgement);

        ShouldBeACompletePrintableDocument(html, "政府信息公开申请接收回执");
        html.Should().Contain("2024年11月4日").And.Contain("qxg公开〔2024〕第1号").And.Contain("征地补偿方案第2项");
        html.Should().Contain("20个工作日").And.Contain("张三：");
        html.Should().Contain(NoticeText.Unnumbered);
        html.Should().Contain("2024年12月20日", "a preview is dated today");
        html.Should().MatchRegex("<style nonce=\"[^\"]+\">", "the inline style carries the request's CSP nonce");
    }

    [Fact]
    public async Task the_supplement_notice_says_what_to_supplement_by_when_under_article_30()
    {
        var id = await RegisterAsync();
        await Bus.StepAsync(new RequestSupplement(id, 1, new(2024, 11, 6), new(2024, 11, 20), "请明确所需信息的文号或者制作年份", Clerk));

        var html = await PreviewAsync(id, NoticeKind.SupplementNotice);

        ShouldBeACompletePrintableDocument(html, "补正告知书");
        html.Should().Contain("请明确所需信息的文号或者制作年份").And.Contain("2024年11月20日前").And.Contain("第三十条");
        html.Should().Contain("视为放弃申请");
    }

    [Fact]
    public async Task the_extension_notice_cites_article_33_and_prints_the_new_due_date_from_the_clock()
    {
        var id = await RegisterAsync();
        await Bus.StepAsync(new ExtendReply(id, 1, new(2024, 11, 29), 20, "办公室主任李四", "需调取历年档案", "head.li"));

        var html = await PreviewAsync(id, NoticeKind.ExtensionNotice);

        ShouldBeACompletePrintableDocument(html, "延期答复告知书");
        html.Should().Contain("第三十三条第二款").And.Contain("延长20个工作日").And.Contain("需调取历年档案");
        // Received Mon 2024-11-04: 20 working days end on 2024-12-02, 20 more on 2024-12-30.
        html.Should().Contain("2024年12月30日前作出答复");
    }

    [Fact]
    public async Task the_consultation_letter_goes_to_the_third_party_with_15_working_days_and_never_names_the_applicant()
    {
        var id = await RegisterAsync();
        await Bus.StepAsync(new SendConsultation(id, 1, ConsultationParty.ThirdParty, "某某建筑工程有限公司", new(2024, 11, 8), Clerk));

        var html = await PreviewAsync(id, NoticeKind.ThirdPartyConsultation);

        ShouldBeACompletePrintableDocument(html, "征求意见书");
        html.Should().Contain("某某建筑工程有限公司：").And.Contain("第三十二条").And.Contain("15个工作日");
        html.Should().NotContain("张三", "the third party does not learn who applied");
    }

    [Fact]
    public async Task the_fee_notice_gives_basis_method_quantity_amount_how_to_pay_and_20_working_days()
    {
        var id = await RegisterAsync();
        await Bus.StepAsync(new NoticeFee(id, 1, new(2024, 11, 11), FeeMethod.PerPage, 120, null, Clerk));

        var html = await PreviewAsync(id, NoticeKind.FeeNotice);

        ShouldBeACompletePrintableDocument(html, "收费通知书");
        html.Should().Contain("国办函〔2020〕109号").And.Contain("按量计收").And.Contain("120页");
        // 30 free, 70 × 10, 20 × 20 = 1100 yuan.
        html.Should().Contain("人民币1100.00元").And.Contain("财政票据").And.Contain("20个工作日");
        html.Should().Contain("2024年12月9日前", "20 working days after the notice of 2024-11-11");
    }

    [Fact]
    public async Task the_answer_letter_restates_the_receipt_date_cites_each_items_article_and_the_remedy_clause()
    {
        var id = await RegisterAsync(items: 3);
        await Bus.StepAsync(new AnswerApplication(id, 1, new(2024, 11, 28),
        [
            new ItemAnswer(1, ItemResult.Disclosed, null),
            new ItemAnswer(2, ItemResult.WithheldThirdPartyRights, "涉及第三方个人隐私"),
            new ItemAnswer(3, ItemResult.NotHeldDoesNotExist, "经检索未找到"),
        ], null, "七星府公开复〔2024〕3号", ServiceMethod.Post, new(2024, 11, 28), "head.li"));

        var html = await PreviewAsync(id, NoticeKind.AnswerLetter);

        ShouldBeACompletePrintableDocument(html, "政府信息公开申请答复书");
        html.Should().Contain("本机关于2024年11月4日收到");
        html.Should().Contain("第三十六条第（二）项").And.Contain("第十五条、第三十六条第（三）项").And.Contain("第三十六条第（四）项");
        html.Should().Contain("涉及第三方个人隐私");
        html.Should().Contain("60日内").And.Contain("行政复议").And.Contain("6个月内").And.Contain("行政诉讼");
        html.Should().Contain("应当先依法申请行政复议", "a non-disclosure answered in 2024 must go to reconsideration first");
    }

    [Fact]
    public async Task every_item_result_has_a_decision_and_an_article_except_the_catch_all()
    {
        foreach (var result in Enum.GetValues<ItemResult>())
        {
            var text = LegalBasis.Of(result);
            text.Decision.Should().NotBeNullOrWhiteSpace();
            if (result != ItemResult.OtherHandling) LegalBasis.Citation(result).Should().StartWith("依据《中华人民共和国政府信息公开条例》第");
        }
        LegalBasis.Of(ItemResult.AlreadyProactivelyDisclosed).Articles.Should().Be("第三十六条第（一）项");
        LegalBasis.Of(ItemResult.WithheldSpecialAccessRecord).Articles.Should().Be("第三十六条第（七）项");
        LegalBasis.Of(ItemResult.PartlyDisclosedSeparated).Articles.Should().Be("第三十七条");
        LegalBasis.Of(ItemResult.NeedsCreation).Articles.Should().Be("第三十八条");
        LegalBasis.Of(ItemResult.NotProcessedPetition).Articles.Should().Contain("第三十九条");
        LegalBasis.Of(ItemResult.WithheldStateSecret).Articles.Should().Contain("第十四条");
        LegalBasis.Of(ItemResult.WithheldProcessInformation).Articles.Should().Contain("第十六条");
        LegalBasis.Of(ItemResult.StillUnclearAfterSupplement).Articles.Should().Be("第三十条");
        LegalBasis.Of(ItemResult.NotProcessedMassRepeated).Articles.Should().Be("第三十五条");
        LegalBasis.RemedyClause(new(2023, 6, 1), [ItemResult.WithheldStateSecret]).Should().NotContain("应当先", "before 2024 there was no reconsideration-first rule");
    }

    [Fact]
    public async Task issuing_through_the_form_appends_NoticeIssued_and_the_printed_number_is_the_events()
    {
        var id = await RegisterAsync();
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.CaseHandler);
        var path = NoticePages.PathOf(id, NoticeKind.ReceiptAcknowledgement);
        var token = await browser.FormTokenAsync(path);

        var response = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["version"] = "1", ["issuedOn"] = "2024-11-05", ["sentBy"] = "Post",
        }));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        await using var session = Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        var issued = events.Select(e => e.Data).OfType<NoticeIssued>().Should().ContainSingle().Subject;
        issued.Kind.Should().Be(NoticeKind.ReceiptAcknowledgement);
        issued.IssuedOn.Should().Be(new DateOnly(2024, 11, 5));
        issued.Actor.Should().StartWith("casehandler.");

        var html = await PreviewAsync(id, NoticeKind.ReceiptAcknowledgement, browser);
        html.Should().Contain(issued.DocumentNumber).And.NotContain(NoticeText.Unnumbered);
        html.Should().Contain("2024年11月5日", "an issued notice carries its issue date");
    }

    [Fact]
    public async Task a_form_post_without_the_anti_forgery_token_is_refused_and_appends_nothing()
    {
        var id = await RegisterAsync();
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.CaseHandler);

        var response = await browser.PostAsync(NoticePages.PathOf(id, NoticeKind.ReceiptAcknowledgement), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["version"] = "1", ["sentBy"] = "Post" }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamAsync(id)).Should().HaveCount(1);
    }

    [Fact]
    public async Task a_notice_for_a_step_the_case_does_not_have_is_refused_on_the_page_the_form_and_the_api()
    {
        var id = await RegisterAsync();
        var client = await App.BearerClientAsync(TestAgencies.Government, StaffRole.CaseHandler);

        var preview = await client.GetAsync(NoticePages.PathOf(id, NoticeKind.AnswerLetter));
        preview.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await preview.Content.ReadAsStringAsync()).Should().Contain("案卷中没有与该文书对应的办理步骤");

        var form = await client.PostAsync(NoticePages.PathOf(id, NoticeKind.FeeNotice), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["version"] = "1", ["sentBy"] = "Post" }));
        form.StatusCode.Should().Be(HttpStatusCode.NotFound, "the page of a notice without its step does not exist");

        var api = await client.PostAsJsonAsync($"/api/applications/{id}/steps/notice",
            new { version = 1, kind = "supplementNotice", issuedOn = "2024-11-05", sentBy = "post" });
        api.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await api.Content.ReadAsStringAsync()).Should().Contain("notice.not-applicable");

        (await client.GetAsync($"/applications/{id}/notices/no-such-notice")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamAsync(id)).Should().HaveCount(1);
    }

    [Fact]
    public async Task another_agencys_notice_is_not_found_for_preview_and_issue()
    {
        var id = await RegisterAsync();
        var stranger = await App.BearerClientAsync(TestAgencies.OtherGovernment, StaffRole.Approver);

        (await stranger.GetAsync(NoticePages.PathOf(id, NoticeKind.ReceiptAcknowledgement))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var post = await stranger.PostAsync(NoticePages.PathOf(id, NoticeKind.ReceiptAcknowledgement), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["version"] = "1", ["sentBy"] = "Post" }));
        post.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamAsync(id)).Should().HaveCount(1);
    }

    [Fact]
    public async Task legal_counsel_may_preview_but_not_issue()
    {
        var id = await RegisterAsync();
        var counsel = await App.BearerClientAsync(TestAgencies.Government, StaffRole.LegalCounsel);

        var html = await PreviewAsync(id, NoticeKind.ReceiptAcknowledgement, counsel);
        html.Should().NotContain("<form", "no issue form for a role that may not issue");
        var post = await counsel.PostAsync(NoticePages.PathOf(id, NoticeKind.ReceiptAcknowledgement), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["version"] = "1", ["sentBy"] = "Post" }));
        post.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
