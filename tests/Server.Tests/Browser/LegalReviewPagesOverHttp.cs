using System.Net;
using Marten;
using Marten.Events;
using System.Text.RegularExpressions;
using Projections.Annual.Publication;
using Server.Accounts;
using Server.Pages;
using Server.Tests.Staff;
using Server.Tests.Support;
using Workflow.Applications;

namespace Server.Tests.Browser;

/// <summary>
/// 法律审查, 文书, 年报发布 and the correction form through a cookie client: roles, agency isolation, the as-of view,
/// publication with the changes since. "Today" is 2024-12-20 (a Friday); record times follow the test clock.
/// </summary>
public sealed class LegalReviewPagesOverHttp(AppFixture app) : IntegrationContext(app)
{
    private static readonly DateOnly Monday = new(2024, 12, 2);

    [Fact]
    public async Task counsel_sees_the_review_pages_and_the_case_but_no_action_form_anywhere()
    {
        var id = await AnsweredCaseAsync();
        var counsel = await App.CookieClientAsync(TestAgencies.Government, StaffRole.LegalCounsel);

        var index = await counsel.GetStringAsync("/review?q=" + Uri.EscapeDataString("第1号"));
        index.Should().Contain("法律审查").And.Contain($"href=\"/review/applications/{id}\"").And.Contain("qxg公开〔2024〕第1号");
        index.Should().Contain("<a href=\"/review\" aria-current=\"page\"", "the navigation names the area");
        ActionForms(index).Should().Equal(["/review/integrity"], "counsel may only run the (read-only) integrity check");

        var history = await counsel.GetStringAsync($"/review/applications/{id}");
        history.Should().Contain("全部办理记录").And.Contain("收到申请").And.Contain("延期答复").And.Contain("作出答复")
            .And.Contain("七星府公开答〔2024〕第9号").And.Contain("合规审查").And.Contain("本案记录完整性").And.Contain("校验通过");
        Regex.Matches(history, "<tr id=\"event-\\d+\"").Count.Should().Be(3);
        ActionForms(history).Should().BeEmpty();

        var casePage = await counsel.GetStringAsync($"/applications/{id}");
        ActionForms(casePage).Should().BeEmpty();
        casePage.Should().Contain($"href=\"/review/applications/{id}\"").And.Contain("目前没有可办理的事项");
        var notice = await counsel.GetStringAsync($"/applications/{id}/notices/answer-letter");
        ActionForms(notice).Should().BeEmpty();
        var reports = await counsel.GetStringAsync("/reports?year=2024");
        ActionForms(reports).Should().BeEmpty();
        reports.Should().NotContain("id=\"publish-form\"");

        var caseFile = await counsel.GetAsync($"/review/applications/{id}/case-file");
        caseFile.StatusCode.Should().Be(HttpStatusCode.OK);
        var nonce = Regex.Match(caseFile.Headers.GetValues("Content-Security-Policy").Single(), "'nonce-([^']+)'").Groups[1].Value;
        WebUtility.HtmlDecode(await caseFile.Content.ReadAsStringAsync()).Should().Contain($"<style nonce=\"{nonce}\">").And.Contain("政府信息公开申请办理案卷");
    }

    [Fact]
    public async Task the_review_area_is_for_counsel_approvers_and_administrators_only()
    {
        var id = await AnsweredCaseAsync();
        var handler = await App.CookieClientAsync(TestAgencies.Government, StaffRole.CaseHandler, StaffRole.Registrar);
        var approver = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Approver);

        (await handler.GetAsync("/review")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await handler.GetAsync($"/review/applications/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await handler.GetStringAsync("/worklist")).Should().NotContain("法律审查");
        (await handler.GetStringAsync($"/applications/{id}")).Should().NotContain("/review/applications/");

        var page = await approver.GetStringAsync("/review");
        page.Should().Contain(">法律审查</a>").And.NotContain("action=\"/review/integrity\"", "the store-wide check is counsel's and the administrator's");
        (await approver.GetAsync($"/review/applications/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task another_agencys_case_does_not_exist_on_the_review_pages()
    {
        var id = await AnsweredCaseAsync();
        var otherCounsel = await App.CookieClientAsync(TestAgencies.OtherGovernment, StaffRole.LegalCounsel);

        (await otherCounsel.GetAsync($"/review/applications/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherCounsel.GetAsync($"/review/applications/{id}?asOf=2024-12-20T09:00")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherCounsel.GetAsync($"/review/applications/{id}/case-file")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherCounsel.GetStringAsync("/review?q=" + Uri.EscapeDataString("qxg"))).Should().NotContain(id.ToString());
        (await otherCounsel.GetAsync($"/review/reports?agency={TestAgencies.Government}&year=2024")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_as_of_view_shows_the_case_as_it_stood_before_the_answer_was_recorded()
    {
        var id = await AnsweredCaseAsync();
        var counsel = await App.CookieClientAsync(TestAgencies.Government, StaffRole.LegalCounsel);

        var before = await counsel.GetStringAsync($"/review/applications/{id}?asOf=2024-12-20T10:15");
        Section(before, "as-of").Should().Contain("截至 2024-12-20 10:15:00 的案卷").And.Contain("该时点已录入 2 条记录（共 3 条）")
            .And.Contain("办理中").And.Contain("延长 20 个工作日").And.NotContain("七星府公开答");
        Section(before, "history").Should().Contain("延期答复").And.NotContain("作出答复");
        Regex.Matches(before, "<tr id=\"event-\\d+\"").Count.Should().Be(2);

        var after = await counsel.GetStringAsync($"/review/applications/{id}?asOf=2024-12-20T10:45");
        Section(after, "as-of").Should().Contain("已办结").And.Contain("七星府公开答〔2024〕第9号");

        var bad = await counsel.GetAsync($"/review/applications/{id}?asOf=yesterday");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("时点格式不正确");
    }

    [Fact]
    public async Task a_correction_shows_old_and_new_value_who_why_and_when_in_the_history()
    {
        var id = await AnsweredCaseAsync();
        App.Clock.SetUtcNow(AppFixture.Now.AddHours(2));
        var approver = await App.CookieClientAsync(await App.CreateStaffAsync("zhao.min", TestAgencies.Government, StaffRole.Approver));

        var response = await approver.PostFormAsync($"/applications/{id}", $"/applications/{id}/steps/correction", new()
        {
            ["_handler"] = "correction", ["version"] = "3", ["correctedOn"] = "2024-12-20", ["fact"] = "Channel", ["newValue.channel"] = "Email",
            ["reason"] = "登记时误选为信函",
        });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var history = Section(await approver.GetStringAsync($"/review/applications/{id}"), "history");
        history.Should().Contain("<tr id=\"event-4\" data-version=\"4\" data-step=\"FactCorrected\" class=\"correction\">")
            .And.Contain("<dd class=\"old-value\">信函</dd>").And.Contain("<dd class=\"new-value\">电子邮件</dd>")
            .And.Contain("测试zhao.min（zhao.min）").And.Contain("登记时误选为信函").And.Contain("2024-12-20 12:00:00");
    }

    [Fact]
    public async Task the_correction_form_offers_chinese_choices_a_date_and_text_and_keeps_a_refusal_on_the_chosen_input()
    {
        var id = await AnsweredCaseAsync();
        var approver = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Approver);

        var page = await approver.GetStringAsync($"/applications/{id}");
        var form = Regex.Match(page, "<details id=\"step-correction\".*?</details>", RegexOptions.Singleline).Value;
        form.Should().Contain("<input type=\"date\" id=\"correction-newValue-receivedOn\" name=\"newValue.receivedOn\" value=\"2024-12-02\"")
            .And.Contain("<option value=\"Email\">电子邮件</option>").And.Contain("<option value=\"Letter\" selected>信函</option>")
            .And.Contain("法人或其他组织·商业企业").And.Contain("（二）部分公开").And.Contain("name=\"newValue.applicantName\" value=\"张三\"")
            .And.NotContain("NaturalPerson、PartlyDisclosed");

        var unchanged = await approver.PostFormAsync($"/applications/{id}", $"/applications/{id}/steps/correction", new()
        {
            ["_handler"] = "correction", ["version"] = "3", ["correctedOn"] = "2024-12-20", ["fact"] = "ReceivedOn", ["newValue.receivedOn"] = "2024-12-02", ["reason"] = "核对",
        });
        unchanged.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await unchanged.Content.ReadAsStringAsync()).Should().MatchRegex("id=\"correction-newValue-receivedOn-error\"[^>]*>更正后的值与原值相同");

        var corrected = await approver.PostFormAsync($"/applications/{id}", $"/applications/{id}/steps/correction", new()
        {
            ["_handler"] = "correction", ["version"] = "3", ["correctedOn"] = "2024-12-20", ["fact"] = "ApplicantType", ["newValue.applicantType"] = "CommercialEnterprise",
            ["newValue.channel"] = "Fax", ["reason"] = "申请人为企业",
        });
        corrected.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = await approver.GetStringAsync($"/applications/{id}");
        Section(after, "facts").Should().Contain("法人或其他组织·商业企业").And.Contain("信函", "only the chosen fact's input is read");
    }

    [Fact]
    public async Task the_case_page_lists_the_notices_its_steps_call_for_with_issued_document_numbers()
    {
        var fresh = await RegisterAsync();
        var answered = await AnsweredCaseAsync();
        await App.Bus.StepAsync(new IssueNotice(answered, 3, NoticeKind.ExtensionNotice, new DateOnly(2024, 12, 16), ServiceMethod.Post, "clerk.wang"));
        var handler = await App.CookieClientAsync(TestAgencies.Government, StaffRole.CaseHandler);

        var freshNotices = Section(await handler.GetStringAsync($"/applications/{fresh}"), "notices");
        Kinds(freshNotices).Should().Equal("receipt-acknowledgement");
        freshNotices.Should().Contain($"href=\"/applications/{fresh}/notices/receipt-acknowledgement\"").And.Contain("尚未发出");

        var answeredNotices = Section(await handler.GetStringAsync($"/applications/{answered}"), "notices");
        Kinds(answeredNotices).Should().Equal("receipt-acknowledgement", "extension-notice", "answer-letter");
        Regex.Match(answeredNotices, "data-notice=\"extension-notice\".*?</li>", RegexOptions.Singleline).Value
            .Should().Contain("已发出").And.MatchRegex("class=\"document-number\">[^<]+</span>（2024-12-16，邮寄）");
        answeredNotices.Should().Contain("七星府公开答〔2024〕第9号");

        static IReadOnlyList<string> Kinds(string html) => [.. Regex.Matches(html, "data-notice=\"([a-z-]+)\"").Select(m => m.Groups[1].Value)];
    }

    [Fact]
    public async Task an_approver_publishes_the_year_and_a_later_correction_is_listed_as_a_change_since()
    {
        var id = await AnsweredCaseAsync();
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var approver = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Approver);
        var reports = $"/reports?agency={TestAgencies.Government}&year=2024&scope=own&layout=2021";

        var before = await approver.GetStringAsync(reports);
        before.Should().Contain("<p class=\"statement\" data-statement=\"Statement.AnsweredLate\"").And.Contain("其中逾期答复");
        Section(before, "publication").Should().Contain("本年度年报尚未发布").And.Contain("发布年报").And.Contain("__RequestVerificationToken");

        var publish = await approver.PostRazorFormAsync($"/reports/{TestAgencies.Government}/2024/publication", "publish", new() { ["layout"] = "2021" }, tokenPage: reports);
        publish.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var published = await approver.GetStringAsync(publish.Headers.Location!.ToString());
        published.Should().Contain("2024年年报已发布");
        Section(published, "publication").Should().Contain("已于 2024-12-20 发布").And.Contain("发布后没有影响本表的变动").And.Contain("按当前数据重新发布");

        await App.Bus.StepAsync(new CorrectFact(id, 3, new DateOnly(2024, 12, 20), CorrectableFact.ApplicantType,
            nameof(ApplicantType.CommercialEnterprise), "申请人为企业", "clerk.wang"));
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var changed = Section(await approver.GetStringAsync(reports), "publication");
        changed.Should().Contain("发布后变动").And.Contain("本年新收申请 · 自然人").And.Contain("办理结果 · （二）部分公开 · 法人或其他组织·商业企业");
        Regex.Match(changed, "<tr data-cell=\"NewlyReceived.NaturalPerson\" data-cause=\"RecordedAfterPublication\">.*?</tr>", RegexOptions.Singleline).Value
            .Should().Contain("<td class=\"num\">1</td><td class=\"num\">0</td>").And.Contain($"<a href=\"/applications/{id}\">qxg公开〔2024〕第1号</a>")
            .And.Contain("<td>发布后登记或更正</td>");
        changed.Should().NotContain("统计口径更正", "a publication counted by the current rules has no rule correction to state");
    }

    [Fact]
    public async Task a_refused_publication_shows_the_chinese_reason_and_a_handler_cannot_publish()
    {
        await AnsweredCaseAsync();
        var approver = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Approver);
        var handler = await App.CookieClientAsync(TestAgencies.Government, StaffRole.CaseHandler);
        App.Clock.SetUtcNow(new DateTimeOffset(2024, 12, 20, 10, 0, 0, TimeSpan.FromHours(8)));

        // A year after this one cannot be published: the handler refuses it with a Chinese message.
        var refused = await approver.PostRazorFormAsync($"/reports/{TestAgencies.Government}/2025/publication", "publish", new() { ["layout"] = "2021" }, tokenPage: "/reports?year=2024");
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("年报未能发布：年度 2025 无效");

        (await handler.GetStringAsync("/reports?year=2024")).Should().NotContain("id=\"publish-form\"");
        var forbidden = await handler.PostRazorFormAsync($"/reports/{TestAgencies.Government}/2024/publication", "publish", new() { ["layout"] = "2021" }, tokenPage: "/reports?year=2024");
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task the_year_table_as_of_a_moment_replays_only_what_was_recorded_by_then()
    {
        await AnsweredCaseAsync();
        var counsel = await App.CookieClientAsync(TestAgencies.Government, StaffRole.LegalCounsel);
        const string partly = "applications:Result.PartlyDisclosed:NaturalPerson";

        var before = await counsel.GetStringAsync($"/review/reports?agency={TestAgencies.Government}&year=2024&layout=2021&asOf=2024-12-20T10:15");
        before.Should().Contain("回放 2 条记录，涉及 1 件申请");
        Regex.Match(before, $"data-cell=\"{Regex.Escape(partly)}\">([^<]*)<").Groups[1].Value.Should().Be("0");

        var after = await counsel.GetStringAsync($"/review/reports?agency={TestAgencies.Government}&year=2024&layout=2021&asOf=2024-12-20T10:45");
        after.Should().Contain("回放 3 条记录");
        Regex.Match(after, $"data-cell=\"{Regex.Escape(partly)}\">([^<]*)<").Groups[1].Value.Should().Be("1");
    }

    [Fact]
    public async Task counsel_runs_the_integrity_check_and_the_page_shows_its_result()
    {
        await AnsweredCaseAsync();
        var counsel = await App.CookieClientAsync(await App.CreateStaffAsync("chen.lvshi", TestAgencies.Government, StaffRole.LegalCounsel));
        (await counsel.GetStringAsync("/review")).Should().Contain("尚未在本页运行过校验");

        var run = await counsel.PostFormAsync("/review", "/review/integrity", []);
        run.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var integrity = Section(await counsel.GetStringAsync("/review"), "integrity");
        integrity.Should().Contain("校验通过").And.Contain("测试chen.lvshi（chen.lvshi）").And.Contain("1个事件流、3个事件");
        (await counsel.PostAsync("/review/integrity", new FormUrlEncodedContent([]))).StatusCode.Should().Be(HttpStatusCode.BadRequest,
            "the check is a form with anti-forgery like every other");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Registered 2024-12-02, extended on 2024-12-16 (both recorded at 10:00), answered 部分公开 with 七星府公开答〔2024〕第9号
    /// (recorded at 10:30): three events, the answer recorded after the other two.
    /// </summary>
    private async Task<Guid> AnsweredCaseAsync()
    {
        var id = await RegisterAsync();
        await App.Bus.StepAsync(new ExtendReply(id, 1, new DateOnly(2024, 12, 16), 20, "王主任", "需要调取档案", "clerk.wang"));
        App.Clock.SetUtcNow(AppFixture.Now.AddMinutes(30));
        await App.Bus.StepAsync(new AnswerApplication(id, 2, new DateOnly(2024, 12, 20),
            [new ItemAnswer(1, ItemResult.PartlyDisclosedSeparated, "部分内容涉及个人信息")], null, "七星府公开答〔2024〕第9号",
            ServiceMethod.InPerson, new DateOnly(2024, 12, 20), "clerk.wang"));
        App.Clock.SetUtcNow(AppFixture.Now.AddHours(1));
        return id;
    }

    private async Task<Guid> RegisterAsync()
    {
        var outcome = await App.Commands.RegisterAsync(Scenarios.Registration(Monday));
        outcome.Refusal.Should().BeNull();
        return outcome.Result!.ApplicationId;
    }

    /// <summary>The actions of the page's POST forms other than signing out.</summary>
    private static IReadOnlyList<string> ActionForms(string html) =>
        [.. Regex.Matches(html, "<form method=\"post\" action=\"([^\"]+)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(a => a != "/signout")];

    private static string Section(string html, string id)
    {
        var match = Regex.Match(html, $"<section [^>]*id=\"{Regex.Escape(id)}\".*?</section>", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"the page has a section #{id}");
        return match.Value;
    }
}
