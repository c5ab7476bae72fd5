using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Marten;
using Marten.Events;
using Server.Accounts;
using Server.Tests.Browser;
using Server.Tests.Staff;
using Server.Tests.Support;
using Workflow.Applications;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Server.Tests.Reports;

/// <summary>
/// Topics and the 依申请公开 part of the report over HTTP: the administrator's topic page, topics through the API at
/// registration and as a step (old requests stay valid), the paragraph on the 年报 page, its edit page, the DOCX.
/// </summary>
public sealed class ApplicationSectionOverHttp(AppFixture app) : IntegrationContext(app)
{
    private const string Agency = TestAgencies.Government;

    private static object Registration(params string[]? topics) => topics is null
        ? new
        {
            agencyCode = Agency, receivedOn = "2024-11-04", channel = "letter", applicantType = "naturalPerson",
            applicant = new { name = "李四", idNumber = (string?)null, phone = "13800000001", address = (string?)null, email = (string?)null },
            items = new[] { "某村征地补偿方案" }, requestedForm = "paper", externalRequestId = (string?)null,
        }
        : new
        {
            agencyCode = Agency, receivedOn = "2024-11-04", channel = "online", applicantType = "naturalPerson",
            applicant = new { name = "李四", idNumber = (string?)null, phone = "13800000001", address = (string?)null, email = (string?)null },
            items = new[] { "某村征地补偿方案" }, requestedForm = "paper", externalRequestId = (string?)null, topics,
        };

    [Fact]
    public async Task an_administrator_adds_and_retires_topics_on_the_topics_page_and_retired_ones_stay_listed()
    {
        var admin = await App.CookieClientAsync(Agency, StaffRole.Administrator);
        var added = await admin.PostRazorFormAsync("/topics", "add-topic", new() { ["AddForm.Agency"] = Agency, ["AddForm.Name"] = " 林权纠纷 " });
        added.StatusCode.Should().Be(HttpStatusCode.Redirect, await added.Content.ReadAsStringAsync());
        (await admin.GetStringAsync(added.Headers.Location!.ToString())).Should().Contain("已新增分类").And.Contain("林权纠纷").And.Contain("征地和房屋拆迁");

        var duplicate = await admin.PostRazorFormAsync("/topics", "add-topic", new() { ["AddForm.Agency"] = Agency, ["AddForm.Name"] = "林权纠纷" });
        duplicate.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await duplicate.Content.ReadAsStringAsync()).Should().Contain("已在列表中");

        var retired = await admin.PostRazorFormAsync("/topics", "retire-topic", new() { ["RetireForm.Agency"] = Agency, ["RetireForm.Name"] = "林权纠纷" });
        retired.StatusCode.Should().Be(HttpStatusCode.Redirect, await retired.Content.ReadAsStringAsync());

        var api = await App.BearerClientAsync(Agency, StaffRole.Registrar);
        var topics = await api.GetFromJsonAsync<JsonElement>($"/api/agencies/{Agency}/topics");
        topics.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "林权纠纷").GetProperty("retiredBy").GetString().Should().NotBeNull();
        var refused = await api.PostAsJsonAsync("/api/applications", Registration("林权纠纷"));
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("topics.unknown");
        (await api.PostAsJsonAsync($"/api/agencies/{Agency}/topics", new { name = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await App.CookieClientAsync(Agency, StaffRole.Registrar)).GetAsync("/topics")).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task topics_come_through_the_api_the_paragraph_shows_on_the_report_page_can_be_edited_and_the_docx_holds_it()
    {
        var registrar = await App.BearerClientAsync(Agency, StaffRole.Registrar, StaffRole.CaseHandler);
        var plain = await registrar.PostAsJsonAsync("/api/applications", Registration(null));
        plain.StatusCode.Should().Be(HttpStatusCode.Created, "a request valid before topics existed stays valid");
        var created = await registrar.PostAsJsonAsync("/api/applications", Registration("征地和房屋拆迁", "社会保障"));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var untagged = (await plain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();
        var assigned = await registrar.PostAsJsonAsync($"/api/applications/{untagged}/steps/topics",
            new { version = 1, assignedOn = "2024-11-05", topics = new[] { "征地和房屋拆迁" } });
        assigned.StatusCode.Should().Be(HttpStatusCode.OK, await assigned.Content.ReadAsStringAsync());
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var section = await registrar.GetFromJsonAsync<JsonElement>($"/api/reports/{Agency}/2024/section");
        var paragraph = section.GetProperty("paragraph").GetString();
        paragraph.Should().StartWith("2024年，共收到政府信息公开申请2件，其中信函申请1件，网上申请1件。")
            .And.Contain("征地和房屋拆迁（2件）、社会保障（1件）").And.Contain("未收取信息处理费。");
        (await registrar.GetStringAsync($"/api/reports/{Agency}/2024")).Should().Contain("\"layout\"", "the report JSON is unchanged");

        var approver = await App.CookieClientAsync(Agency, StaffRole.Approver);
        var reports = $"/reports?agency={Agency}&year=2024&scope=own&layout=2021";
        var page = await approver.GetStringAsync(reports);
        page.Should().Contain("id=\"narrative\"").And.Contain("共收到政府信息公开申请2件").And.Contain("六、其他需要报告的事项")
            .And.Contain($"/reports/{Agency}/2024/figures/");

        var narrativePath = $"/reports/{Agency}/2024/narrative?scope=own&layout=2021";
        (await approver.GetAsync(narrativePath)).StatusCode.Should().Be(HttpStatusCode.OK,
            string.Join("\n", App.Logs.Lines.Where(l => l.Contains("xception")).TakeLast(2)));
        var saved = await approver.PostRazorFormAsync(narrativePath, "edit-narrative", new() { ["Form.Template"] = "全年共收到申请{received}件，均已依法处理。" });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, string.Join("\n", App.Logs.Lines.Where(l => l.Contains("xception")).TakeLast(3)));
        var badFigure = await approver.PostRazorFormAsync(narrativePath, "edit-narrative", new() { ["Form.Template"] = "共{recieved}件" });
        badFigure.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await badFigure.Content.ReadAsStringAsync()).Should().Contain("{recieved}");

        page = await approver.GetStringAsync(reports);
        page.Should().Contain("全年共收到申请2件，均已依法处理。").And.Contain("修改；其中的数字仍随统计表更新");

        var docx = await approver.GetAsync($"/reports/{Agency}/2024/download?scope=own&layout=2021&format=docx");
        docx.StatusCode.Should().Be(HttpStatusCode.OK);
        using var stream = new MemoryStream(await docx.Content.ReadAsByteArrayAsync());
        using var word = WordprocessingDocument.Open(stream, false);
        var body = word.MainDocumentPart!.Document.Body!;
        var texts = body.Elements<W.Paragraph>().Select(p => p.InnerText).ToList();
        texts.Should().Contain("三、收到和处理政府信息公开申请情况").And.Contain("全年共收到申请2件，均已依法处理。")
            .And.Contain("四、政府信息公开行政复议、行政诉讼情况").And.Contain("六、其他需要报告的事项").And.Contain("2024年度未收取信息处理费。");
        body.Elements<W.Table>().Should().HaveCount(2);
        body.Elements<W.Table>().First().InnerText.Should().Contain("本年新收政府信息公开申请数量");

        var html = await approver.GetStringAsync($"/reports/{Agency}/2024/download?scope=own&layout=2021&format=section-html");
        html.Should().Contain("全年共收到申请2件").And.Contain("<table>").And.Contain("勾稽关系");
    }

    [Fact]
    public async Task a_published_year_keeps_its_paragraph_as_published_beside_the_current_one_and_downloads_it()
    {
        var registrar = await App.BearerClientAsync(Agency, StaffRole.Registrar);
        (await registrar.PostAsJsonAsync("/api/applications", Registration(null))).StatusCode.Should().Be(HttpStatusCode.Created);
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var api = await App.BearerClientAsync(Agency, StaffRole.Approver);
        (await api.GetAsync($"/api/reports/{Agency}/2024/section?published=true")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing is published yet");

        var publish = await api.PostAsJsonAsync($"/api/reports/{Agency}/2024/publication", new { layout = "2021" });
        publish.IsSuccessStatusCode.Should().BeTrue(await publish.Content.ReadAsStringAsync());
        (await registrar.PostAsJsonAsync("/api/applications", Registration(null))).StatusCode.Should().Be(HttpStatusCode.Created);
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var frozen = await api.GetFromJsonAsync<JsonElement>($"/api/reports/{Agency}/2024/section?published=true");
        frozen.GetProperty("paragraph").GetString().Should().Contain("共收到政府信息公开申请1件");
        frozen.GetProperty("publishedOn").GetString().Should().Be("2024-12-20");
        (await api.GetFromJsonAsync<JsonElement>($"/api/reports/{Agency}/2024/section")).GetProperty("paragraph").GetString()
            .Should().Contain("共收到政府信息公开申请2件");
        (await api.GetStringAsync($"/api/reports/{Agency}/2024/section?published=true&download=html"))
            .Should().Contain("共收到政府信息公开申请1件").And.Contain("发布稿");

        var approver = await App.CookieClientAsync(Agency, StaffRole.Approver);
        var page = await approver.GetStringAsync($"/reports?agency={Agency}&year=2024&scope=own&layout=2021");
        page.Should().Contain("id=\"published-narrative\"").And.Contain("发布后文字或数字有变动").And.Contain("format=published-docx");
        var docx = await approver.GetAsync($"/reports/{Agency}/2024/download?scope=own&layout=2021&format=published-docx");
        docx.StatusCode.Should().Be(HttpStatusCode.OK);
        using var stream = new MemoryStream(await docx.Content.ReadAsByteArrayAsync());
        using var word = WordprocessingDocument.Open(stream, false);
        word.MainDocumentPart!.Document.Body!.InnerText.Should().Contain("共收到政府信息公开申请1件").And.NotContain("共收到政府信息公开申请2件");
    }

    [Fact]
    public async Task the_registration_form_offers_the_agencys_active_topics_and_records_the_ticked_ones()
    {
        var browser = await App.CookieClientAsync(Agency, StaffRole.Registrar);
        var form = await browser.GetStringAsync(Server.Components.Registration.RegistrationPage.Path);
        form.Should().Contain("申请内容分类").And.Contain("value=\"征地和房屋拆迁\"");
        Dictionary<string, string> Fields(string topic) => new()
        {
            ["agencyCode"] = Agency, ["receivedOn"] = "2024-12-02", ["channel"] = "Letter", ["applicantType"] = "NaturalPerson",
            ["applicant.name"] = "李四", ["applicant.phone"] = "13800000000", ["items[0]"] = "2024年征地补偿标准", ["requestedForm"] = "Paper",
            ["topics[0].name"] = topic, ["topics[0].selected"] = "true",
        };

        var refused = await browser.PostRazorFormAsync(Server.Components.Registration.RegistrationPage.Path, Server.Components.Registration.RegistrationPage.FormName, Fields("没有的分类"));
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("内容分类不在本机关的分类列表中").And.Contain("没有的分类");

        var registered = await browser.PostRazorFormAsync(Server.Components.Registration.RegistrationPage.Path, Server.Components.Registration.RegistrationPage.FormName, Fields("社会保障"));
        registered.StatusCode.Should().Be(HttpStatusCode.Redirect, await registered.Content.ReadAsStringAsync());
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var api = await App.BearerClientAsync(Agency, StaffRole.Registrar);
        var section = await api.GetFromJsonAsync<JsonElement>($"/api/reports/{Agency}/2024/section");
        section.GetProperty("paragraph").GetString().Should().Contain("社会保障（1件）");
    }

    [Fact]
    public async Task the_case_page_topics_step_ticks_topics_and_the_case_shows_them()
    {
        var registered = await App.Bus.RegisterAsync(new DateOnly(2024, 12, 2));
        var handler = await App.CookieClientAsync(Agency, StaffRole.CaseHandler);
        var casePath = $"/applications/{registered.ApplicationId}";
        var page = await handler.GetStringAsync(casePath);
        page.Should().Contain("data-step=\"topics\"").And.Contain("未分类").And.Contain("value=\"社会保障\"");

        var posted = await handler.PostFormAsync(casePath, $"{casePath}/steps/topics", new()
        {
            ["_handler"] = "topics", ["version"] = "1", ["assignedOn"] = "2024-12-03", ["topics[0]"] = "社会保障", ["topics[1]"] = "教育",
        });
        posted.StatusCode.Should().Be(HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync());
        var after = await handler.GetStringAsync(casePath);
        after.Should().Contain("<dd id=\"case-topics\">社会保障、教育</dd>").And.Contain("申请内容分类");
    }
}
