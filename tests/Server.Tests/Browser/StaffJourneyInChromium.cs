using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Server.Accounts;
using Server.Tests.Support;
using Workflow.Applications;
using static Microsoft.Playwright.Assertions;

namespace Server.Tests.Browser;

/// <summary>
/// The staff pages in a real Chromium: a whole case from registration to the annual table, a refused step, and a
/// stale form. "Today" is 2024-12-20 (a Friday).
/// </summary>
public sealed class StaffJourneyInChromium(BrowserFixture app) : BrowserContext(app)
{
    [Fact]
    public async Task a_case_runs_from_registration_through_supplement_and_extension_to_a_partial_answer_counted_in_the_annual_table()
    {
        await SeedNeighboursAsync();
        var clerk = await App.CreateStaffAsync("wang.fang", "王芳", TestAgencies.Government, StaffRole.Registrar, StaffRole.CaseHandler);
        var head = await App.CreateStaffAsync("zhao.min", "赵敏", TestAgencies.Government, StaffRole.Approver);

        // 登记员/承办人: register, request a supplement, record it.
        await using var clerkContext = await App.NewContextAsync();
        var page = await SignInAsync(clerkContext, clerk);
        await page.ClickAsync("nav >> text=登记");
        await page.SelectOptionAsync("#register-agencyCode", TestAgencies.Government);
        await page.FillAsync("#register-receivedOn", "2024-12-02");
        await page.SelectOptionAsync("#register-channel", "Letter");
        await page.SelectOptionAsync("#register-applicantType", "NaturalPerson");
        await page.FillAsync("#register-applicantName", "陈建国");
        await page.FillAsync("#register-idNumber", "520203197805123456");
        await page.FillAsync("#register-phone", "13985700000");
        await page.FillAsync("#register-address", "毕节市七星关区洪山街道15号");
        await page.FillAsync("#register-items-0-", "洪山片区2023年房屋征收补偿方案");
        await page.FillAsync("#register-items-1-", "洪山片区被征收房屋评估报告");
        await page.SelectOptionAsync("#register-requestedForm", "Paper");
        await page.ClickAsync("form button:text-is('登记')");

        await Expect(page.Locator(".notice-success")).ToContainTextAsync("登记成功，登记号：qxg公开〔2024〕第");
        var registrationNumber = (await page.Locator(".registration-number").InnerTextAsync()).Trim();
        var caseUrl = new Uri(page.Url).AbsolutePath;
        await Expect(page.Locator("#clock .clock-status")).ToContainTextAsync("计时中");

        await page.ClickAsync("#step-supplement-request summary");
        await page.FillAsync("#supplement-request-requestedOn", "2024-12-04");
        await page.FillAsync("#supplement-request-deadline", "2024-12-19");
        await page.FillAsync("#supplement-request-whatToSupplement", "请明确所需评估报告对应的房屋地址。");
        await page.ClickAsync("#step-supplement-request button[type=submit]");
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("已办理：补正告知");
        await Expect(page.Locator("#clock .clock-status")).ToContainTextAsync("等待补正");

        await page.ClickAsync("#step-supplement summary");
        await page.FillAsync("#supplement-receivedOn", "2024-12-09");
        await page.FillAsync("#supplement-summary", "申请人补充了房屋地址：洪山街道15号。");
        await page.ClickAsync("#step-supplement button[type=submit]");
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("已办理：收到补正材料");
        await Expect(page.Locator("#clock")).ToContainTextAsync("收到补正材料，重新起算");
        await Expect(page.Locator("[data-step=extension]")).ToHaveCountAsync(0); // not the clerk's role
        await page.ClickAsync("button:text-is('退出登录')");
        await Expect(page.Locator("h2")).ToContainTextAsync("工作人员登录");

        // 审核人: from the worklist to the case, extend, answer.
        await using var headContext = await App.NewContextAsync();
        page = await SignInAsync(headContext, head);
        await page.ClickAsync("nav >> text=待办");
        await Expect(page.Locator("table.worklist")).ToContainTextAsync(registrationNumber);
        await ScreenshotAsync(page, "worklist");
        await page.ClickAsync($"table.worklist a:text-is('{registrationNumber}')");

        await page.ClickAsync("#step-extension summary");
        await page.FillAsync("#extension-extendedOn", "2024-12-16");
        await page.FillAsync("#extension-workingDays", "20");
        await page.FillAsync("#extension-reason", "评估报告需向评估机构调取，20个工作日内无法答复。");
        await page.ClickAsync("#step-extension button[type=submit]");
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("已办理：延期答复");
        await Expect(page.Locator("#clock")).ToContainTextAsync("延长 20 个工作日");
        await Expect(page.Locator("[data-step=extension]")).ToHaveCountAsync(0);
        await page.ClickAsync("#step-answer summary");
        await ScreenshotAsync(page, "case-page");

        // The answer is recorded half an hour after the earlier steps, so legal review can look at the case before it.
        App.Clock.SetUtcNow(AppFixture.Now.AddMinutes(30));
        await page.SelectOptionAsync("#answer-item1-result", "Disclosed");
        await page.SelectOptionAsync("#answer-item2-result", "WithheldThirdPartyRights");
        await page.FillAsync("#answer-replyDocumentNumber", "七星府公开答〔2024〕第27号");
        await page.SelectOptionAsync("#answer-serviceMethod", "InPerson");
        await page.FillAsync("#answer-servedOn", "2024-12-20");
        await page.ClickAsync("#step-answer button[type=submit]");
        // The withheld item has no reason yet: refused next to it, everything typed kept.
        await Expect(page.Locator("#answer-item2-reason-error")).ToContainTextAsync("应当说明理由");
        await Expect(page.Locator("#answer-replyDocumentNumber")).ToHaveValueAsync("七星府公开答〔2024〕第27号");
        await Expect(page.Locator("#answer-item2-result")).ToHaveValueAsync("WithheldThirdPartyRights");
        await page.FillAsync("#answer-item2-reason", "评估报告含被征收人个人信息，公开会损害第三方合法权益（《条例》第十五条）。");
        await page.ClickAsync("#step-answer button[type=submit]");

        await Expect(page.Locator(".notice-success")).ToContainTextAsync("已办理：答复");
        await Expect(page.Locator("#outcome")).ToContainTextAsync("（二）部分公开");
        await Expect(page.Locator("#clock .clock-status")).ToContainTextAsync("已办结");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("经赵敏同意延期答复20个工作日");
        await Expect(page.Locator("#timeline .when").First).ToContainTextAsync("经办人 赵敏（zhao.min）");

        // 年报: the case is counted under （二）部分公开 · 自然人 once the async projection has caught up.
        const string cell = "applications:Result.PartlyDisclosed:NaturalPerson";
        await page.ClickAsync("nav >> text=年报");
        await Expect(page.Locator("#report-year")).ToHaveValueAsync("2024");
        for (var attempt = 0; attempt < 40 && await page.Locator($"td[data-cell='{cell}'] a").CountAsync() == 0; attempt++)
        {
            await Task.Delay(250);
            await page.ReloadAsync();
        }
        await Expect(page.Locator($"td[data-cell='{cell}']")).ToHaveTextAsync("1");
        await ScreenshotAsync(page, "annual-table");
        await page.ClickAsync($"td[data-cell='{cell}'] a");
        await Expect(page.Locator("table.cell-applications")).ToContainTextAsync(registrationNumber);
        await ScreenshotAsync(page, "annual-table-cell");
        await page.ClickAsync($"table.cell-applications a:text-is('{registrationNumber}')");
        new Uri(page.Url).AbsolutePath.Should().Be(caseUrl);

        var xlsx = await page.Context.APIRequest.GetAsync("/reports/qxg/2024/download?scope=own&layout=2021&format=xlsx");
        xlsx.Status.Should().Be(200);
        xlsx.Headers["content-type"].Should().StartWith("application/vnd.openxmlformats");

        // 法律顾问: finds the case, reads every step of its history, then the case as it stood before the answer.
        var counsel = await App.CreateStaffAsync("chen.lvshi", "陈律师", TestAgencies.Government, StaffRole.LegalCounsel);
        await using var counselContext = await App.NewContextAsync();
        page = await SignInAsync(counselContext, counsel);
        await page.ClickAsync("nav >> text=法律审查");
        await page.FillAsync("#review-q", registrationNumber);
        await page.ClickAsync("form[role=search] button[type=submit]");
        await page.ClickAsync($"table.review-cases a:text-is('{registrationNumber}')");
        await Expect(page.Locator("h1")).ToContainTextAsync(registrationNumber);
        var steps = page.Locator("table.history tbody tr td:nth-child(4)");
        await Expect(steps).ToHaveTextAsync(["收到申请", "补正告知", "收到补正材料", "延期答复", "作出答复"]);
        await Expect(page.Locator("#event-4")).ToContainTextAsync("赵敏（zhao.min）");
        await Expect(page.Locator("#event-5")).ToContainTextAsync("七星府公开答〔2024〕第27号");
        await Expect(page.Locator("#stream-integrity")).ToContainTextAsync("校验通过");
        await Expect(page.Locator("form[method=post]:not(.signout)")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "legal-review");

        await page.FillAsync("#as-of-asOf", "2024-12-20T10:15");
        await page.ClickAsync("#as-of-form button[type=submit]");
        await Expect(page.Locator("#as-of h2")).ToContainTextAsync("截至 2024-12-20 10:15:00 的案卷");
        await Expect(page.Locator("#as-of .as-of-status")).ToHaveTextAsync("办理中");
        await Expect(steps).ToHaveTextAsync(["收到申请", "补正告知", "收到补正材料", "延期答复"]);
        await ScreenshotAsync(page, "legal-review-as-of");
    }

    [Fact]
    public async Task a_refused_step_shows_its_chinese_message_beside_the_form_with_the_input_kept()
    {
        var id = await RegisterAsync(new DateOnly(2024, 12, 2), "2024年度财政预算执行情况");
        var head = await App.CreateStaffAsync("zhao.min", "赵敏", TestAgencies.Government, StaffRole.Approver);
        await using var context = await App.NewContextAsync();
        var page = await SignInAsync(context, head);

        await page.GotoAsync($"/applications/{id}");
        await page.ClickAsync("#step-extension summary");
        await page.FillAsync("#extension-workingDays", "30");
        await page.FillAsync("#extension-reason", "需要会商财政部门");
        await page.ClickAsync("#step-extension button[type=submit]");

        await Expect(page.Locator("#extension-workingDays-error")).ToHaveTextAsync(new Regex("延长期限应为 1 至 20 个工作日"));
        await Expect(page.Locator("#extension-reason")).ToHaveValueAsync("需要会商财政部门");
        await Expect(page.Locator("#step-extension")).ToHaveAttributeAsync("open", "");
        await ScreenshotAsync(page, "refused-extension");
    }

    [Fact]
    public async Task a_stale_form_says_the_case_changed_shows_the_fresh_case_and_keeps_the_typed_text()
    {
        var id = await RegisterAsync(new DateOnly(2024, 12, 2), "某小区规划许可文件");
        var handler = await App.CreateStaffAsync("li.na", "李娜", TestAgencies.Government, StaffRole.CaseHandler);
        await using var context = await App.NewContextAsync();
        var first = await SignInAsync(context, handler);
        await first.GotoAsync($"/applications/{id}");
        var second = await context.NewPageAsync();
        await second.GotoAsync($"/applications/{id}");

        await first.ClickAsync("#step-note summary");
        await first.FillAsync("#note-text", "已电话联系申请人，确认所需文件范围。");
        await first.ClickAsync("#step-note button[type=submit]");
        await Expect(first.Locator(".notice-success")).ToContainTextAsync("已办理：添加备注");

        await second.ClickAsync("#step-supplement-request summary");
        await second.FillAsync("#supplement-request-deadline", "2024-12-27");
        await second.FillAsync("#supplement-request-whatToSupplement", "请说明小区名称及许可年份。");
        await second.ClickAsync("#step-supplement-request button[type=submit]");

        await Expect(second.Locator(".notice-warning").First).ToContainTextAsync("该案卷已被他人更新");
        await Expect(second.Locator("#timeline")).ToContainTextAsync("已电话联系申请人，确认所需文件范围。");
        await Expect(second.Locator("#supplement-request-whatToSupplement")).ToHaveValueAsync("请说明小区名称及许可年份。");
        await Expect(second.Locator("#supplement-request-deadline")).ToHaveValueAsync("2024-12-27");
        await ScreenshotAsync(second, "stale-form");

        // Resubmitting after reading the fresh case goes through on the new version.
        await second.ClickAsync("#step-supplement-request button[type=submit]");
        await Expect(second.Locator(".notice-success")).ToContainTextAsync("已办理：补正告知");
    }

    private async Task<Guid> RegisterAsync(DateOnly receivedOn, string item, string name = "张三",
        ApplicantType type = ApplicantType.NaturalPerson, Channel channel = Channel.Letter)
    {
        var registration = Scenarios.Registration(receivedOn, type: type, channel: channel) with
        {
            Items = [item],
            Applicant = new Applicant(name, null, "13800000000", "毕节市七星关区", null),
        };
        var outcome = await App.Commands.RegisterAsync(registration);
        outcome.Refusal.Should().BeNull();
        return outcome.Result!.ApplicationId;
    }

    /// <summary>A lived-in worklist for the screenshots: overdue, due soon, paused and fresh applications.</summary>
    private async Task SeedNeighboursAsync()
    {
        await App.CreateStaffAsync(Scenarios.Clerk, "孙丽", TestAgencies.Government, StaffRole.Registrar, StaffRole.CaseHandler);
        await RegisterAsync(new DateOnly(2024, 10, 28), "2024年城区道路改造工程招标文件", "刘海燕");
        await RegisterAsync(new DateOnly(2024, 11, 20), "七星关区2023年度财政决算报告", "贵州某律师事务所", ApplicantType.LegalServiceInstitution, Channel.Online);
        await RegisterAsync(new DateOnly(2024, 11, 26), "某小学扩建项目环境影响评价文件", "周晓明", channel: Channel.InPerson);
        var consulted = await RegisterAsync(new DateOnly(2024, 12, 5), "某企业排污许可证及监测数据", "毕节某科技有限公司", ApplicantType.CommercialEnterprise, Channel.Email);
        (await App.Commands.SendAsync(new SendConsultation(consulted, 1, ConsultationParty.ThirdParty, "毕节某化工有限公司", new DateOnly(2024, 12, 10), "clerk.wang")))
            .Refusal.Should().BeNull();
        await RegisterAsync(new DateOnly(2024, 12, 18), "2024年低保对象名单公示情况", "吴丽", channel: Channel.Online);
    }
}
