using System.Net;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Server.Accounts;
using Server.Components.Registration;
using Server.Pages;
using Server.Tests.Staff;
using Server.Tests.Support;
using Workflow.Applications;

namespace Server.Tests.Browser;

/// <summary>The staff pages through a cookie client (no browser): validation, roles, agency isolation, conflicts.</summary>
public sealed class StaffPagesOverHttp(AppFixture app) : IntegrationContext(app)
{
    private static readonly DateOnly Monday = new(2024, 12, 2);

    [Fact]
    public async Task a_registration_with_errors_shows_them_next_to_the_fields_in_chinese_and_keeps_the_input()
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Registrar);

        var response = await browser.PostRazorFormAsync(RegistrationPage.Path, RegistrationPage.FormName, new()
        {
            ["agencyCode"] = TestAgencies.Government,
            ["receivedOn"] = "2024-12-02",
            ["channel"] = "Letter",
            ["applicantType"] = "NaturalPerson",
            ["applicant.name"] = "李<四>",
            ["applicant.idNumber"] = "520000199001011234",
            ["items[1]"] = "2024年征地补偿标准",
            ["requestedForm"] = "",
        });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        FieldError(html, "register-phone").Should().Contain("请至少填写一种联系方式");
        FieldError(html, "register-requestedForm").Should().Be("请选择“获取信息的方式”。");
        html.Should().Contain("value=\"李&lt;四&gt;\"", "the input is kept, encoded")
            .And.Contain("value=\"2024年征地补偿标准\"")
            .And.Contain("value=\"520000199001011234\"")
            .And.NotContain("李<四>");
    }

    [Fact]
    public async Task a_rule_refusal_of_the_registration_lands_on_its_field()
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Registrar);

        var response = await browser.PostRazorFormAsync(RegistrationPage.Path, RegistrationPage.FormName, ValidRegistration(receivedOn: "2025-01-06"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        FieldError(await response.Content.ReadAsStringAsync(), "register-receivedOn").Should().Contain("晚于今天");
    }

    [Fact]
    public async Task the_registration_form_explains_the_receipt_date_of_every_channel_and_asks_for_the_arrival_date()
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Registrar);

        var html = await browser.GetStringAsync(RegistrationPage.Path);

        html.Should().Contain("id=\"register-arrivedOn\"").And.Contain("申请到达日期").And.Contain("《条例》第三十一条");
        foreach (var channel in Enum.GetValues<Channel>())
            html.Should().Contain($"data-channel=\"{channel}\">{System.Net.WebUtility.HtmlEncode(ReceiptDate.RuleChinese(channel))}");
        html.Should().NotContain("网络为进入系统之日", "the old hint gave the wrong date for online applications");
    }

    [Fact]
    public async Task an_arrival_date_after_the_receipt_date_is_refused_beside_its_field_and_a_valid_one_shows_on_the_case_page()
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Registrar);
        var late = ValidRegistration();
        late["arrivedOn"] = "2024-12-03";
        var refused = await browser.PostRazorFormAsync(RegistrationPage.Path, RegistrationPage.FormName, late);
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        FieldError(await refused.Content.ReadAsStringAsync(), "register-arrivedOn").Should().Contain("不早于申请到达之日");

        var confirmedLater = ValidRegistration(receivedOn: "2024-12-04");
        confirmedLater["arrivedOn"] = "2024-12-02";
        var response = await browser.PostRazorFormAsync(RegistrationPage.Path, RegistrationPage.FormName, confirmedLater);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = await browser.GetStringAsync(response.Headers.Location!.ToString());
        page.Should().Contain("<dt>申请到达日期</dt><dd>2024-12-02</dd>");
    }

    [Fact]
    public async Task a_registration_redirects_to_the_case_page_which_shows_the_registration_number()
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Registrar);

        var response = await browser.PostRazorFormAsync(RegistrationPage.Path, RegistrationPage.FormName, ValidRegistration());

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.PathAndQuery; // the Razor page redirects to an absolute URL of this host
        response.Headers.Location!.Host.Should().Be(browser.BaseAddress!.Host);
        location.Should().MatchRegex("^/applications/[0-9a-f-]{36}\\?registered=new$");
        var page = await browser.GetStringAsync(location);
        page.Should().Contain("登记成功，登记号：qxg公开〔2024〕第1号").And.Contain("2024年征地补偿标准");
    }

    [Fact]
    public async Task a_post_without_the_anti_forgery_token_is_rejected()
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Registrar);
        await browser.GetStringAsync(RegistrationPage.Path);

        var response = await browser.PostAsync(RegistrationPage.Path, new FormUrlEncodedContent(new Dictionary<string, string>(ValidRegistration()) { ["_handler"] = RegistrationPage.FormName }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task the_case_page_offers_only_the_steps_the_state_allows_and_the_roles_permit()
    {
        var id = await RegisterAsync();
        var registrar = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Registrar);
        var handler = await App.CookieClientAsync(TestAgencies.Government, StaffRole.CaseHandler);
        var approver = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Approver);

        var registrarSteps = Steps(await registrar.GetStringAsync($"/applications/{id}"));
        var handlerSteps = Steps(await handler.GetStringAsync($"/applications/{id}"));
        var approverSteps = Steps(await approver.GetStringAsync($"/applications/{id}"));

        registrarSteps.Should().Equal(["topics"], "a 登记员 may classify what they registered (申请内容分类), nothing else");
        handlerSteps.Should().Contain(["supplement-request", "consultation", "fee-notice", "withdrawal", "note"])
            .And.NotContain(["extension", "answer", "article35-due-date", "correction", "supplement", "answer-service"]);
        // A reconsideration or lawsuit may be filed at any stage (the decider accepts it), so its form is offered on an open case too.
        approverSteps.Should().Contain(["supplement-request", "extension", "answer", "article35-due-date", "correction", "reconsideration", "lawsuit"])
            .And.NotContain(["supplement", "supplement-lapse", "fee-payment", "answer-service"]);
        approverSteps.Should().Equal(await PossibleStepsAsync(id), "the page offers exactly the steps whose guard allows them (the 审核人 may send all)");

        await App.Bus.StepAsync(new RequestSupplement(id, 1, Monday.AddDays(2), Monday.AddDays(17), "请明确年份", "clerk.wang"));
        var waiting = Steps(await approver.GetStringAsync($"/applications/{id}"));
        waiting.Should().Contain(["supplement", "withdrawal"]).And.NotContain(["supplement-request", "answer", "extension"]);
        waiting.Should().Equal(await PossibleStepsAsync(id));
    }

    /// <summary>The steps whose guard allows them now, in order, except 文书 (issued from the notice pages, not the case page).</summary>
    private async Task<IReadOnlyList<string>> PossibleStepsAsync(Guid id)
    {
        await using var session = Store.QuerySession();
        var state = (await session.Events.AggregateStreamAsync<DisclosureApplication>(id))!;
        var context = App.Services.GetRequiredService<DecisionContextSource>().For(state);
        return [.. LifecycleSteps.Possible(state, context).Select(s => s.Name).Where(name => name != "notice")];
    }

    [Fact]
    public async Task a_post_for_a_step_the_role_does_not_permit_is_forbidden_and_appends_nothing()
    {
        var id = await RegisterAsync();
        var handler = await App.CookieClientAsync(TestAgencies.Government, StaffRole.CaseHandler);

        var response = await handler.PostFormAsync($"/applications/{id}", $"/applications/{id}/steps/extension", new()
        {
            ["_handler"] = "extension", ["version"] = "1", ["extendedOn"] = "2024-12-16", ["workingDays"] = "20", ["approvedBy"] = "王主任", ["reason"] = "需要调查",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamStateAsync(id))!.Version.Should().Be(1);
    }

    [Fact]
    public async Task a_step_post_without_the_anti_forgery_token_is_rejected_and_appends_nothing()
    {
        var id = await RegisterAsync();
        var approver = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Approver);
        await approver.GetStringAsync($"/applications/{id}");

        var response = await approver.PostAsync($"/applications/{id}/steps/note", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "note", ["version"] = "1", ["notedOn"] = "2024-12-20", ["text"] = "无令牌",
        }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("页面已过期", "the clerk is told in Chinese what to do, not shown a blank page");
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamStateAsync(id))!.Version.Should().Be(1);
    }

    [Fact]
    public async Task a_case_of_another_agency_does_not_exist_for_the_user()
    {
        var id = await RegisterAsync();
        var other = await App.CookieClientAsync(TestAgencies.OtherGovernment, StaffRole.Approver);
        var department = await App.CookieClientAsync(TestAgencies.Department, StaffRole.Approver);
        var government = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Approver);

        (await other.GetAsync($"/applications/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await department.GetAsync($"/applications/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var post = await other.PostFormAsync("/worklist", $"/applications/{id}/steps/note", new() { ["_handler"] = "note", ["version"] = "1", ["notedOn"] = "2024-12-20", ["text"] = "x" });
        post.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetStringAsync("/worklist")).Should().NotContain(id.ToString());
        (await government.GetStringAsync("/worklist")).Should().Contain(id.ToString());
    }

    [Fact]
    public async Task a_refused_step_shows_the_chinese_message_beside_its_form_and_keeps_the_input()
    {
        var id = await RegisterAsync();
        var approver = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Approver);

        var response = await approver.PostFormAsync($"/applications/{id}", $"/applications/{id}/steps/extension", new()
        {
            ["_handler"] = "extension", ["version"] = "1", ["extendedOn"] = "2024-12-16", ["workingDays"] = "25", ["approvedBy"] = "王主任", ["reason"] = "需要调取档案",
        });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        FieldError(html, "extension-workingDays").Should().Contain("延长期限应为 1 至 20 个工作日");
        html.Should().Contain("需要调取档案</textarea>").And.Contain("<details id=\"step-extension\" data-step=\"extension\" open>");
    }

    [Fact]
    public async Task a_malformed_step_form_is_refused_beside_its_inputs_in_chinese_keeps_what_was_typed_and_appends_nothing()
    {
        var id = await RegisterAsync();
        var approver = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Approver);

        var response = await approver.PostFormAsync($"/applications/{id}", $"/applications/{id}/steps/extension", new()
        {
            ["_handler"] = "extension", ["version"] = "1", ["extendedOn"] = "2024-13-45", ["workingDays"] = "二十", ["approvedBy"] = " ", ["reason"] = "需要调取档案",
        });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        FieldError(html, "extension-extendedOn").Should().Be("“延期决定日期”应为有效日期，格式如 2024-01-31。");
        FieldError(html, "extension-workingDays").Should().Be("“延长工作日数”应为整数。");
        FieldError(html, "extension-approvedBy").Should().Be("请填写“批准人”。");
        html.Should().Contain("value=\"2024-13-45\"").And.Contain("value=\"二十\"").And.Contain("需要调取档案</textarea>");
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamStateAsync(id))!.Version.Should().Be(1);
    }

    [Fact]
    public async Task a_step_form_is_held_to_the_same_text_rule_as_the_api_and_appends_nothing()
    {
        var id = await RegisterAsync();
        var approver = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Approver);

        var response = await approver.PostFormAsync($"/applications/{id}", $"/applications/{id}/steps/note", new()
        {
            ["_handler"] = "note", ["version"] = "1", ["notedOn"] = "2024-12-02", ["text"] = "已电话\u0007联系",
        });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        FieldError(await response.Content.ReadAsStringAsync(), "note-text").Should().Contain("控制字符（U+0007）");
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamStateAsync(id))!.Version.Should().Be(1);
        App.Logs.Lines.Should().NotContain(line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains("已电话"),
            "a refusal is not an error, and the log never carries what an applicant or clerk wrote");
    }

    [Fact]
    public async Task a_registration_form_with_a_direction_override_in_the_name_is_refused_on_that_field_and_registers_nothing()
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Registrar);
        var form = ValidRegistration();
        form["applicant.name"] = "赵\u202e六";
        await using var before = Store.QuerySession();
        var streams = await before.Events.QueryAllRawEvents().CountAsync();

        var response = await browser.PostRazorFormAsync(RegistrationPage.Path, RegistrationPage.FormName, form);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        FieldError(await response.Content.ReadAsStringAsync(), "register-applicantName").Should().Contain("改变文字方向的控制字符（U+202E）");
        await using var after = Store.QuerySession();
        (await after.Events.QueryAllRawEvents().CountAsync()).Should().Be(streams);
    }

    [Fact]
    public async Task a_step_that_no_longer_applies_after_someone_else_acted_keeps_what_was_typed_to_copy()
    {
        var id = await RegisterAsync();
        var approver = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Approver);
        await App.Bus.StepAsync(new WithdrawApplication(id, 1, Monday, "申请人书面撤回", "clerk.wang"));

        var response = await approver.PostFormAsync($"/applications/{id}", $"/applications/{id}/steps/extension", new()
        {
            ["_handler"] = "extension", ["version"] = "1", ["extendedOn"] = "2024-12-16", ["workingDays"] = "20", ["approvedBy"] = "王主任", ["reason"] = "需要调取档案",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var html = await response.Content.ReadAsStringAsync();
        var kept = Regex.Match(html, "<form[^>]*id=\"kept-input\".*?</form>", RegexOptions.Singleline).Value;
        kept.Should().Contain("“延期答复”在案卷当前状态下已不能办理").And.Contain("<dd>需要调取档案</dd>").And.Contain("<dd>王主任</dd>").And.Contain("<dd>20</dd>");
        Steps(html).Should().NotContain("extension");
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamStateAsync(id))!.Version.Should().Be(2);
    }

    [Fact]
    public async Task a_post_whose_form_name_is_another_step_than_its_address_is_refused_and_appends_nothing()
    {
        var id = await RegisterAsync();
        var approver = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Approver);

        var response = await approver.PostFormAsync($"/applications/{id}", $"/applications/{id}/steps/extension", new()
        {
            ["_handler"] = "note", ["version"] = "1", ["notedOn"] = "2024-12-20", ["text"] = "备注",
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamStateAsync(id))!.Version.Should().Be(1);
    }

    [Fact]
    public async Task an_answer_posts_its_items_by_the_commands_paths_and_a_refusal_naming_an_item_lands_on_that_items_input()
    {
        var id = await RegisterAsync();
        var approver = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Approver);
        var page = await approver.GetStringAsync($"/applications/{id}");
        page.Should().Contain("id=\"answer-item1-result\" name=\"items[0].result\"").And.Contain("id=\"answer-item1-reason\" name=\"items[0].reason\"");

        // 补正后申请内容仍不明确 needs a received supplement: the decision refuses it and names items[0].result.
        var response = await approver.PostFormAsync($"/applications/{id}", $"/applications/{id}/steps/answer", new()
        {
            ["_handler"] = "answer", ["version"] = "1", ["answeredOn"] = "2024-12-16", ["items[0].result"] = "StillUnclearAfterSupplement",
            ["items[0].reason"] = "申请内容不明确", ["replyDocumentNumber"] = "七星府公开答〔2024〕第3号",
        });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        FieldError(html, "answer-item1-result").Should().Contain("补正");
        html.Should().Contain("申请内容不明确</textarea>").And.Contain("<option value=\"StillUnclearAfterSupplement\" selected>");
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamStateAsync(id))!.Version.Should().Be(1);
    }

    [Fact]
    public async Task an_article_35_date_before_the_computed_due_date_is_refused_beside_its_field_with_both_dates()
    {
        var id = await RegisterAsync(); // Monday 2024-12-02: computed due date 2024-12-30
        var approver = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Approver);
        (await approver.GetStringAsync($"/applications/{id}")).Should().Contain("该期限只能晚于依法计算的届满日，不能提前");

        var response = await approver.PostFormAsync($"/applications/{id}", $"/applications/{id}/steps/article35-due-date", new()
        {
            ["_handler"] = "article35-due-date", ["version"] = "1", ["setOn"] = "2024-12-10", ["dueOn"] = "2024-12-20", ["reason"] = "申请数量明显超过合理范围",
        });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        FieldError(await response.Content.ReadAsStringAsync(), "article35-due-date-dueOn")
            .Should().Contain("2024-12-20").And.Contain("2024-12-30").And.Contain("第三十五条");
    }

    [Fact]
    public async Task a_stale_form_says_someone_else_acted_first_shows_the_fresh_case_and_keeps_the_typed_text()
    {
        var id = await RegisterAsync();
        var approver = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Approver);
        await App.Bus.StepAsync(new AddNote(id, 1, Monday, "已电话联系申请人", "clerk.wang"));

        var response = await approver.PostFormAsync($"/applications/{id}", $"/applications/{id}/steps/note", new()
        {
            ["_handler"] = "note", ["version"] = "1", ["notedOn"] = "2024-12-20", ["text"] = "我写的备注",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("该案卷已被他人更新").And.Contain("已电话联系申请人").And.Contain("我写的备注</textarea>");
        Regex.Match(html, "id=\"step-note\".*?name=\"version\" value=\"(\\d+)\"", RegexOptions.Singleline).Groups[1].Value.Should().Be("2");
    }

    [Fact]
    public async Task the_worklist_orders_by_due_date_and_labels_overdue_and_due_soon_in_words()
    {
        var overdue = await RegisterAsync(new DateOnly(2024, 11, 1), "逾期案件所需信息");
        var dueSoon = await RegisterAsync(new DateOnly(2024, 11, 25), "临期案件所需信息");
        var fresh = await RegisterAsync(new DateOnly(2024, 12, 19), "新收案件所需信息");
        var handler = await App.CookieClientAsync(TestAgencies.Government, StaffRole.CaseHandler);

        var html = await handler.GetStringAsync("/worklist");

        var order = new[] { overdue, dueSoon, fresh }.Select(id => html.IndexOf(id.ToString(), StringComparison.Ordinal)).ToList();
        order.Should().BeInAscendingOrder().And.NotContain(-1);
        html.Should().Contain("<tr class=\"overdue\"").And.Contain("已超期").And.Contain("<tr class=\"due-soon\"").And.Contain("即将到期");

        var search = await handler.GetStringAsync("/worklist?q=" + Uri.EscapeDataString("临期"));
        search.Should().Contain(dueSoon.ToString()).And.NotContain(overdue.ToString()).And.NotContain(fresh.ToString());
        var overdueOnly = await handler.GetStringAsync("/worklist?status=overdue");
        overdueOnly.Should().Contain(overdue.ToString()).And.NotContain(dueSoon.ToString());
    }

    [Fact]
    public async Task an_answer_recorded_without_service_stays_on_the_worklist_as_awaiting_service_until_it_is_served()
    {
        var id = await RegisterAsync(new DateOnly(2024, 12, 2), "待送达案件所需信息");
        (await App.Commands.SendAsync(new AnswerApplication(id, 1, new DateOnly(2024, 12, 16), [new ItemAnswer(1, ItemResult.Disclosed, null)],
            null, "七政公开〔2024〕1号", null, null, "clerk.li"))).Refusal.Should().BeNull();
        var handler = await App.CookieClientAsync(TestAgencies.Government, StaffRole.CaseHandler);

        var html = await handler.GetStringAsync("/worklist");
        html.Should().Contain(id.ToString()).And.Contain("答复待送达（2024-12-16已答复）");
        (await handler.GetStringAsync("/worklist?status=awaiting-service")).Should().Contain(id.ToString());
        (await handler.GetStringAsync("/worklist?status=InProgress")).Should().NotContain(id.ToString());

        (await App.Commands.SendAsync(new RecordAnswerServed(id, 2, ServiceMethod.Post, new DateOnly(2024, 12, 18), "clerk.li"))).Refusal.Should().BeNull();
        (await handler.GetStringAsync("/worklist")).Should().NotContain(id.ToString(), "served: closed for the tables and the worklist");
    }

    [Fact]
    public async Task a_late_answer_is_stated_under_table_three_and_its_number_drills_down_to_the_application()
    {
        var late = await RegisterAsync(new DateOnly(2024, 11, 1), "逾期答复案件所需信息"); // due 2024-11-29
        (await App.Commands.SendAsync(new AnswerApplication(late, 1, new DateOnly(2024, 12, 16), [new ItemAnswer(1, ItemResult.Disclosed, null)],
            null, "七政公开〔2024〕2号", ServiceMethod.Post, new DateOnly(2024, 12, 16), "clerk.li"))).Refusal.Should().BeNull();
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var approver = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Approver);

        var page = await approver.GetStringAsync($"/reports?agency={TestAgencies.Government}&year=2024&scope=own&layout=2021");
        var line = Regex.Match(page, "<p class=\"statement\"[^>]*>(.*?)</p>").Groups[1].Value;
        line.Should().StartWith("其中逾期答复 <a href=\"").And.EndWith(">1</a> 件。");
        var drill = WebUtility.HtmlDecode(Regex.Match(line, "href=\"([^\"]+)\"").Groups[1].Value);

        var cell = await approver.GetStringAsync(drill);
        cell.Should().Contain("其中逾期答复").And.Contain($"/applications/{late}");
    }

    [Fact]
    public async Task a_clock_in_a_year_with_no_holiday_notice_is_computed_and_marked_provisional_with_the_reason()
    {
        // Issue 11 (domain A2): a year with no State Council notice is provisional, never an error.
        App.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 6, 10, 0, 0, TimeSpan.FromHours(8)));
        var id = await RegisterAsync(new DateOnly(2027, 1, 5), "日历未导入年份的申请");
        var handler = await App.CookieClientAsync(TestAgencies.Government, StaffRole.CaseHandler);

        var html = await handler.GetStringAsync("/worklist");

        html.Should().Contain(id.ToString()).And.Contain("（预计）").And.Contain("2027年国务院节假日安排尚未导入").And.NotContain("工作日历未包含");
        (await handler.GetStringAsync($"/applications/{id}")).Should().Contain("2027-02-02（预计）").And.Contain("2027年国务院节假日安排尚未导入");
    }

    [Fact]
    public async Task the_home_page_counts_open_due_soon_and_overdue_applications()
    {
        await RegisterAsync(new DateOnly(2024, 11, 1), "逾期");
        var handler = await App.CookieClientAsync(TestAgencies.Government, StaffRole.CaseHandler);

        var html = await handler.GetStringAsync("/");

        html.Should().Contain("依申请公开办理系统").And.Contain("已超期").And.Contain("需要优先办理");
        html.Should().Contain("action=\"/signout\"", "signing out is a POST form in the header");
    }

    [Fact]
    public void every_staff_role_has_a_chinese_name_that_reads_back_as_the_role()
    {
        // Roles are a server concept (accounts), named in Server; the domain vocabulary is Workflow.Vocabulary.ChineseTerms.
        Enum.GetValues<StaffRole>().Select(role => role.ChineseName()).Should().OnlyHaveUniqueItems();
        Enum.GetValues<StaffRole>().Should().AllSatisfy(role =>
            (StaffRoleNames.TryParse(role.ChineseName(), out var parsed) && parsed == role).Should().BeTrue());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static Dictionary<string, string> ValidRegistration(string receivedOn = "2024-12-02") => new()
    {
        ["agencyCode"] = TestAgencies.Government,
        ["receivedOn"] = receivedOn,
        ["channel"] = "Letter",
        ["applicantType"] = "NaturalPerson",
        ["applicant.name"] = "李四",
        ["applicant.phone"] = "13800000000",
        ["items[0]"] = "2024年征地补偿标准",
        ["requestedForm"] = "Paper",
    };

    private async Task<Guid> RegisterAsync(DateOnly? receivedOn = null, string? item = null)
    {
        var registration = Scenarios.Registration(receivedOn ?? Monday);
        if (item is not null) registration = registration with { Items = [item] };
        var outcome = await App.Commands.RegisterAsync(registration);
        outcome.Refusal.Should().BeNull();
        return outcome.Result!.ApplicationId;
    }

    private static IReadOnlyList<string> Steps(string html) =>
        [.. Regex.Matches(html, "data-step=\"([a-z0-9-]+)\"").Select(m => m.Groups[1].Value)];

    private static string FieldError(string html, string inputId)
    {
        var match = Regex.Match(html, $"id=\"{Regex.Escape(inputId)}-error\"[^>]*>([^<]*)<");
        match.Success.Should().BeTrue($"the field {inputId} shows an error");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}

public static class PageForms
{
    /// <summary>Loads <paramref name="pagePath"/> for its anti-forgery token, then posts the fields to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient browser, string pagePath, string action, Dictionary<string, string> fields)
    {
        var token = await browser.FormTokenAsync(pagePath);
        fields["__RequestVerificationToken"] = token;
        return await browser.PostAsync(action, new FormUrlEncodedContent(fields));
    }
}
