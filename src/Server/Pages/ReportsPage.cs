using System.Globalization;
using System.Text;
using Marten;
using Projections.Annual;
using Projections.Annual.Publication;
using Projections.Annual.Section;
using Projections.Cases;
using Projections.Tables;
using Projections.Tables.Rendering;
using Server.Accounts;
using Server.Reports;
using Wolverine;
using Workflow.Applications;
using Workflow.Publication;

namespace Server.Pages;

/// <summary>
/// 年报: tables 三 and 四 for one agency (or summed over its subtree) and a year, in a layout; each non-zero cell links
/// to the applications behind it; XLSX and CSV downloads. The tables come from the async annual projection, so a step
/// just recorded may take a moment to appear. 审核人 and 管理员 publish a year (A16); the changes since are listed under it.
/// </summary>
public static class ReportsPage
{
    public const string Path = "/reports";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ShowAsync);
        app.MapGet("/reports/{agency}/{year:int}/cells/{cellKey}", CellAsync);
        app.MapGet("/reports/{agency}/{year:int}/download", DownloadAsync);
        app.MapGet("/reports/{agency}/{year:int}/figures/{name}", FigureAsync);
        app.MapPost("/reports/{agency}/{year:int}/publication", PublishAsync);
    }

    /// <summary>What the user picked (the pipeline's scope); <see cref="Tree"/> sums the agency and its departments.</summary>
    private sealed record ReportChoice(ReportScope Scope)
    {
        public string Agency => Scope.Agency;
        public int Year => Scope.Year;
        public bool Tree => Scope.Tree;
        public string Layout => Scope.Layout;
        public string Query => $"scope={(Tree ? "tree" : "own")}&layout={Html.Url(Layout)}";
    }

    private static async Task<(ReportChoice? Choice, RenderedReport? Report)> LoadAsync(HttpContext http, string? agency, int? year,
        string? scope, string? layout, CancellationToken cancellation)
    {
        var (choice, _) = await ScopeAsync(http, agency, year, scope, layout, cancellation);
        if (choice is null) return (null, null);
        return (choice, await Pipeline(http).RenderAsync(choice.Scope, cancellation));
    }

    private static AnnualReportPipeline Pipeline(HttpContext http) => http.RequestServices.GetRequiredService<AnnualReportPipeline>();

    /// <summary>The page's scope: the user's own agency and this year unless chosen; an unknown layout falls back to the year's.</summary>
    private static async Task<(ReportChoice? Choice, Refusal? Refusal)> ScopeAsync(HttpContext http, string? agency, int? year,
        string? scope, string? layout, CancellationToken cancellation)
    {
        var staff = http.RequestServices.GetRequiredService<ICurrentStaff>();
        var request = new ReportRequest(string.IsNullOrWhiteSpace(agency) ? staff.AgencyCode : agency, year, layout, scope == "tree");
        var (found, refusal) = await Pipeline(http).ScopeAsync(request, staff.VisibleAgencies, UnknownLayout.UseYearsLayout, cancellation);
        return found is null ? (null, refusal) : (new ReportChoice(found), null);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, ICurrentStaff staff, AgencyDirectory agencies,
        string? agency, int? year, string? scope, string? layout, string? published, CancellationToken cancellation)
    {
        var (choice, report) = await LoadAsync(http, agency, year, scope, layout, cancellation);
        if (choice is null || report is null) return Results.NotFound();
        var notice = published is null ? null : StaffLayout.Notice("success", $"{choice.Year}年年报已发布。");
        return await RenderAsync(http, staff, agencies, choice, report, notice, StatusCodes.Status200OK, cancellation);
    }

    private static async Task<IResult> RenderAsync(HttpContext http, ICurrentStaff staff, AgencyDirectory agencies, ReportChoice choice,
        RenderedReport report, string? notice, int status, CancellationToken cancellation)
    {
        var names = await agencies.NamesAsync(cancellation);
        var state = new FormState()
            .With("agency", choice.Agency).With("year", choice.Year.ToString(CultureInfo.InvariantCulture))
            .With("scope", choice.Tree ? "tree" : "own").With("layout", choice.Layout);
        var f = new FormFields("report", state);
        var thisYear = http.RequestServices.GetRequiredService<DecisionContextSource>().Today.Year;
        var years = Enumerable.Range(0, thisYear - 2008 + 1).Select(i => (thisYear - i).ToString(CultureInfo.InvariantCulture));

        var html = new StringBuilder("<h1>政府信息公开工作年度报告</h1>");
        if (notice is not null) html.Append(notice);
        if (await Projections.Annual.AnnualCountingState.OutdatedVersionAsync(http.RequestServices.GetRequiredService<IQuerySession>(), cancellation) is { } outdated)
            html.Append(StaffLayout.Notice("warning", Projections.Annual.AnnualCountingState.OutdatedRefusal(outdated).Chinese));
        html.Append($"<form method=\"get\" action=\"{Path}\" class=\"panel report-controls\">");
        html.Append(f.Select("agency", "机关", staff.VisibleAgencies.Order(StringComparer.Ordinal).Select(c => (c, names.GetValueOrDefault(c, c))), required: false, emptyLabel: null));
        html.Append(f.Select("scope", "范围", [("own", "本机关"), ("tree", "本机关及所属部门合计")], required: false, emptyLabel: null));
        html.Append(f.Select("year", "年度", years.Select(y => (y, $"{y}年")), required: false, emptyLabel: null));
        html.Append(f.Select("layout", "表格式", TableLayouts.All.Select(l => (l.Code, LayoutLabel(l))), required: false, emptyLabel: null,
            hint: "默认按年度：2021年起用2021年格式，2019—2020年用试行格式，此前用统计表"));
        html.Append("<div class=\"actions-row\"><button type=\"submit\">查看</button></div>");
        html.Append("</form>");
        var download = $"/reports/{Html.Url(choice.Agency)}/{choice.Year}/download?{choice.Query}";
        html.Append($"<p class=\"downloads\"><a class=\"button button-secondary\" href=\"{Html.E(download)}&amp;format=xlsx\">下载 Excel（XLSX）</a>" +
                    $"<a class=\"button button-secondary\" href=\"{Html.E(download)}&amp;format=csv\">下载 CSV</a></p>");
        html.Append("<p class=\"muted no-print\">点击表中数字可查看对应的申请。刚办理的事项可能需要几秒钟后才计入统计。</p>");
        html.Append("<section class=\"panel\">");
        html.Append(HtmlTableRenderer.RenderFragment(report,
            key => $"/reports/{Html.Url(choice.Agency)}/{choice.Year}/cells/{Html.Url(key)}?{choice.Query}"));
        html.Append("</section>");
        // Publication is per agency: one read of its status (the publication and the changes since) serves both sections.
        var publication = choice.Tree ? null
            : await Pipeline(http).PublicationAsync(choice.Agency, choice.Year, cancellation);
        html.Append(await ApplicationSectionHtmlAsync(http, staff, choice, publication, cancellation));
        html.Append(await PublicationSectionAsync(http, staff, choice, report, publication, cancellation));
        return await StaffLayout.PageAsync(http, $"{choice.Year}年年报", NavSection.Reports, html.ToString(), status);
    }

    // ---- the 依申请公开 paragraph, topics and fees ------------------------------------------------------------------

    private static Task<ApplicationSection> SectionAsync(HttpContext http, ReportChoice choice, CancellationToken cancellation) =>
        Pipeline(http).SectionAsync(choice.Scope, cancellation);

    public static string NarrativePath(string agency, int year) => $"/reports/{Html.Url(agency)}/{year}/narrative";

    /// <summary>
    /// 依申请公开: the paragraph as it will be published (staff's wording or the generated one), the topics and the fee
    /// statement, each figure linking to its applications; the DOCX and printable HTML of the whole part.
    /// </summary>
    private static async Task<string> ApplicationSectionHtmlAsync(HttpContext http, ICurrentStaff staff, ReportChoice choice,
        PublicationStatus? status, CancellationToken cancellation)
    {
        var section = await SectionAsync(http, choice, cancellation);
        var narrative = await Pipeline(http).NarrativeAsync(section, cancellation);
        var download = $"/reports/{Html.Url(choice.Agency)}/{choice.Year}/download?{choice.Query}";
        var figureLink = (SectionFigure f) => f.Ids.Count == 0 ? Html.E(f.Text)
            : $"<a href=\"/reports/{Html.Url(choice.Agency)}/{choice.Year}/figures/{Html.Url(f.Name)}?{Html.E(choice.Query)}\">{Html.E(f.Text)}</a>";
        var html = new StringBuilder("<section class=\"panel application-section\" id=\"application-section\"><h2>依申请公开情况（年报正文）</h2>");
        html.Append($"<p class=\"narrative\" id=\"narrative\">{Html.E(narrative.Text)}</p>");
        html.Append(narrative.Edited
            ? $"<p class=\"muted\">文字经 {Html.E(narrative.LastEdit!.EditedBy)} 于 {Html.E(Html.DateTimeLocal(narrative.LastEdit.EditedAt))} 修改；其中的数字仍随统计表更新。</p>"
            : "<p class=\"muted\">以上文字由统计数据生成，数字与上表一致。</p>");
        if (MayEditNarrative(staff))
            html.Append($"<p><a class=\"button button-secondary\" href=\"{Html.E(NarrativePath(choice.Agency, choice.Year))}?{Html.E(choice.Query)}\">修改文字</a></p>");
        if (section.Topics.Count > 0)
        {
            html.Append("<h3>申请内容分类</h3><table class=\"data topic-counts\"><thead><tr><th scope=\"col\">分类</th><th scope=\"col\">申请数</th></tr></thead><tbody>");
            foreach (var topic in section.Topics)
                html.Append($"<tr><td>{Html.E(topic.Topic)}</td><td class=\"num\">{figureLink(section.Figures[ApplicationSection.TopicFigureName(topic.Topic)])}</td></tr>");
            html.Append("</tbody></table>");
        }
        html.Append($"<h3>{Html.E(section.Report.LayoutCode == TableLayouts.CodeLegacy ? "收费情况" : SectionDocument.OtherMattersHeading)}</h3>");
        html.Append($"<p id=\"fee-statement\">{Html.E(SectionDocument.FeeStatement(section))}</p>");
        html.Append("<table class=\"data fee-figures\"><tbody>");
        foreach (var name in new[] { "fees.notices", "fees.noticed", "fees.collected" })
        {
            var figure = section.Figures[name];
            var label = name == "fees.notices" ? "收费通知（件）" : $"{figure.Label}（元）";
            html.Append($"<tr><th scope=\"row\">{Html.E(label)}</th><td class=\"num\">{figureLink(figure)}</td></tr>");
        }
        html.Append("</tbody></table>");
        html.Append($"<p class=\"downloads\"><a class=\"button button-secondary\" href=\"{Html.E(download)}&amp;format=docx\">下载依申请公开部分（Word）</a>" +
                    $"<a class=\"button button-secondary\" href=\"{Html.E(download)}&amp;format=section-html\">打印版（HTML）</a></p>");
        if (status?.Publication is { Paragraph: not null, FeeStatement: not null } publication)
        {
            // Published years keep the text as published beside the current one, as the tables keep their published counts.
            html.Append($"<h3>发布稿（{Html.E(publication.PublishedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))} 发布）</h3>");
            html.Append($"<p class=\"narrative published-narrative\" id=\"published-narrative\">{Html.E(publication.Paragraph!)}</p>");
            html.Append($"<p id=\"published-fee-statement\">{Html.E(publication.FeeStatement!)}</p>");
            html.Append(publication.Paragraph == narrative.Text
                ? "<p class=\"muted\">发布后文字未变。</p>"
                : "<p class=\"muted\">发布后文字或数字有变动：上方为当前文字，此处为发布时的文字。</p>");
            html.Append($"<p class=\"downloads\"><a class=\"button button-secondary\" href=\"{Html.E(download)}&amp;format=published-docx\">下载发布稿（Word）</a>" +
                        $"<a class=\"button button-secondary\" href=\"{Html.E(download)}&amp;format=published-section-html\">发布稿打印版（HTML）</a></p>");
        }
        html.Append("</section>");
        return html.ToString();
    }

    /// <summary>Who may edit the paragraph's wording (as the API allows).</summary>
    public static bool MayEditNarrative(ICurrentStaff staff) =>
        staff.Roles.Contains(StaffRole.Approver) || staff.Roles.Contains(StaffRole.CaseHandler);

    private static async Task<IResult> FigureAsync(HttpContext http, string agency, int year, string name, string? scope, string? layout,
        ApplicationAccess access, CancellationToken cancellation)
    {
        var (choice, _) = await LoadAsync(http, agency, year, scope, layout, cancellation);
        if (choice is null) return Results.NotFound();
        var section = await SectionAsync(http, choice, cancellation);
        if (!section.Figures.TryGetValue(name, out var figure)) return Results.NotFound();
        var ids = figure.Ids.ToArray();
        var files = ids.Length == 0 ? [] : await access.VisibleFiles().Where(f => f.Id.IsOneOf(ids)).ToListAsync(cancellation);
        var html = new StringBuilder();
        html.Append($"<p class=\"no-print\"><a href=\"{Path}?agency={Html.Url(choice.Agency)}&amp;year={choice.Year}&amp;{Html.E(choice.Query)}#application-section\">← 返回{choice.Year}年年报</a></p>");
        html.Append($"<h1>{Html.E(section.Report.AgencyName)}{choice.Year}年 · {Html.E(figure.Label)}：{Html.E(figure.Text)}</h1>");
        html.Append("<table class=\"data figure-applications\"><thead><tr><th scope=\"col\">登记号</th><th scope=\"col\">收到日期</th><th scope=\"col\">状态</th></tr></thead><tbody>");
        foreach (var file in files.OrderBy(f => f.ReceivedOn).ThenBy(f => f.RegistrationNumber, StringComparer.Ordinal))
            html.Append($"<tr><td><a href=\"/applications/{file.Id}\">{Html.E(file.RegistrationNumber)}</a></td><td>{Html.Date(file.ReceivedOn)}</td>" +
                        $"<td>{Html.E(ChineseLabels.Of(file.Status))}</td></tr>");
        html.Append("</tbody></table>");
        if (ids.Length > files.Count) html.Append($"<p class=\"muted\">另有 {ids.Length - files.Count} 件不在您可查看的范围内。</p>");
        return await StaffLayout.PageAsync(http, "年报明细", NavSection.Reports, html.ToString());
    }

    // ---- publication (A16) --------------------------------------------------------------------------------------

    /// <summary>Who may publish a year's tables (as the API allows).</summary>
    public static bool MayPublish(ICurrentStaff staff) =>
        staff.Roles.Contains(StaffRole.Approver) || staff.Roles.Contains(StaffRole.Administrator);

    public static string PublicationPath(string agency, int year) => $"/reports/{Html.Url(agency)}/{year}/publication";

    /// <summary>
    /// 发布: when the year is published, the date and every cell changed since with the applications that entered or
    /// left it; for 审核人 and 管理员 the form that publishes (again). Publication is per agency, not for a subtree sum.
    /// </summary>
    private static async Task<string> PublicationSectionAsync(HttpContext http, ICurrentStaff staff, ReportChoice choice, RenderedReport report,
        PublicationStatus? status, CancellationToken cancellation)
    {
        var html = new StringBuilder("<section class=\"panel publication\" id=\"publication\"><h2>年报发布</h2>");
        if (choice.Tree)
        {
            html.Append("<p class=\"muted\">年报按单个机关发布。请将“范围”选为“本机关”查看发布情况。</p></section>");
            return html.ToString();
        }
        var services = http.RequestServices;
        var session = services.GetRequiredService<IQuerySession>();
        if (status!.Publication is { } publication)
        {
            var publisher = await session.LoadAsync<StaffUser>(publication.Actor, cancellation);
            var layoutLabel = TableLayouts.TryGetByCode(publication.Layout, out var published) ? LayoutLabel(published) : publication.Layout;
            html.Append($"<p class=\"published-on\">已于 {Html.Date(publication.PublishedOn)} 发布（{Html.E(layoutLabel)}，发布人 " +
                        $"{Html.E(publisher?.DisplayName ?? publication.Actor)}）。</p>");
            html.Append(await ChangesAsync(status, services.GetRequiredService<ApplicationAccess>(), cancellation));
        }
        else
        {
            html.Append("<p class=\"not-published\">本年度年报尚未发布。发布后，再有影响本表的办理或更正，将在此列出“发布后变动”。</p>");
        }
        if (MayPublish(staff))
        {
            html.Append($"<form method=\"post\" action=\"{Html.E(PublicationPath(choice.Agency, choice.Year))}\" class=\"actions-row\" id=\"publish-form\">");
            html.Append(AntiforgeryField.Html(http));
            html.Append($"<input type=\"hidden\" name=\"layout\" value=\"{Html.E(choice.Layout)}\">");
            html.Append($"<button type=\"submit\">{(status.IsPublished ? "按当前数据重新发布" : "发布年报")}</button>");
            html.Append($"<span class=\"muted\">按“{Html.E(report.Heading)}”当前数据冻结发布，使用所选表格式。</span></form>");
        }
        html.Append("</section>");
        return html.ToString();
    }

    private static async Task<string> ChangesAsync(PublicationStatus status, ApplicationAccess access, CancellationToken cancellation)
    {
        var changes = status.ChangesSincePublication;
        // A16 with ADR 0020: a correction of the counting rules since the publication is stated, with what it changed.
        var rules = string.Concat(status.RuleCorrections.Select(r => $"<p class=\"rule-correction\">本年报发布后，{Html.E(r.Chinese)}下列变动中标明“统计口径更正”的，系按更正后的口径重新统计所致，原发布数据保留不变。</p>"));
        if (changes.Count == 0) return rules + "<p class=\"muted\" id=\"no-changes\">发布后没有影响本表的变动。</p>";
        var ids = changes.SelectMany(c => c.ApplicationsAdded.Concat(c.ApplicationsRemoved)).Distinct().ToArray();
        var files = ids.Length == 0 ? [] : await access.VisibleFiles().Where(f => f.Id.IsOneOf(ids)).ToListAsync(cancellation);
        var numbers = files.ToDictionary(f => f.Id, f => f.RegistrationNumber);
        string Links(IReadOnlyList<Guid> list) => list.Count == 0 ? "—" : string.Join("、", list.Select(id => numbers.TryGetValue(id, out var number)
            ? $"<a href=\"/applications/{id}\">{Html.E(number)}</a>"
            : "<span class=\"muted\">（不在您的查看范围内）</span>"));

        var html = new StringBuilder("<h3>发布后变动</h3>").Append(rules);
        html.Append("<table class=\"data publication-changes\"><thead><tr><th scope=\"col\">项目</th><th scope=\"col\">发布时</th>" +
                    "<th scope=\"col\">当前</th><th scope=\"col\">新计入的申请</th><th scope=\"col\">移出的申请</th><th scope=\"col\">原因</th></tr></thead><tbody>");
        foreach (var change in changes)
            html.Append($"<tr data-cell=\"{Html.E(change.Cell)}\" data-cause=\"{change.Cause}\"><td>{Html.E(CellLabel(change.Cell))}</td><td class=\"num\">{Html.E(Number(change.Published))}</td>" +
                        $"<td class=\"num\">{Html.E(Number(change.Current))}</td><td>{Links(change.ApplicationsAdded)}</td><td>{Links(change.ApplicationsRemoved)}</td>" +
                        $"<td>{Html.E(change.CauseChinese)}</td></tr>");
        html.Append("</tbody></table>");
        return html.ToString();
    }

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// A publication cell key (<see cref="DisclosureFact.Key"/>, or <c>Reviews.{block}.{column}</c>) in Chinese, e.g.
    /// <c>Result.PartlyDisclosed.NaturalPerson</c> → 办理结果 · （二）部分公开 · 自然人.
    /// </summary>
    public static string CellLabel(string cell)
    {
        var parts = cell.Split('.');
        string Applicant(string text) => Enum.TryParse<ApplicantType>(text, out var type) ? ChineseLabels.ApplicantTypeLong(type) : text;
        return parts switch
        {
            ["Result", var row, var applicant] when Enum.TryParse<ResultRow>(row, out var r) => $"办理结果 · {ChineseLabels.Of(r)} · {Applicant(applicant)}",
            ["NewlyReceived", var applicant] => $"本年新收申请 · {Applicant(applicant)}",
            ["CarriedIn", var applicant] => $"上年结转申请 · {Applicant(applicant)}",
            ["CarriedOver", var applicant] => $"结转下年度继续办理 · {Applicant(applicant)}",
            ["ReceivedViaChannel", var channel] when Enum.TryParse<Channel>(channel, out var c) => $"申请方式 · {ChineseLabels.Of(c)}",
            ["ClosedOnTime"] => "按期办结",
            ["ClosedAfterExtension"] => "延期办结",
            ["FeeCollected"] => "收取信息处理费（元）",
            ["AnsweredLate"] => "其中逾期答复",
            ["LegacyAnswer", var category] when Enum.TryParse<LegacyAnswerCategory>(category, out var legacy) => $"申请答复数 · {LegacyLabel(legacy)}",
            ["Reviews", var block, var column] => $"{BlockLabel(block)} · {(Enum.TryParse<ReviewResultColumn>(column, out var rc) ? ChineseLabels.Of(rc) : column)}",
            _ => cell,
        };
    }

    private static string LegacyLabel(LegacyAnswerCategory category) => category switch
    {
        LegacyAnswerCategory.AlreadyProactivelyDisclosed => "属于已主动公开范围数",
        LegacyAnswerCategory.Agreed => "同意公开答复数",
        LegacyAnswerCategory.PartlyAgreed => "同意部分公开答复数",
        LegacyAnswerCategory.RefusedStateSecret => "不同意公开 · 涉及国家秘密",
        LegacyAnswerCategory.RefusedCommercialSecret => "不同意公开 · 涉及商业秘密",
        LegacyAnswerCategory.RefusedPrivacy => "不同意公开 · 涉及个人隐私",
        LegacyAnswerCategory.RefusedSecurity => "不同意公开 · 危及国家安全、公共安全、经济安全和社会稳定",
        LegacyAnswerCategory.RefusedNotGovernmentInformation => "不同意公开 · 不是条例所指政府信息",
        LegacyAnswerCategory.RefusedOtherLegalGround => "不同意公开 · 法律法规规定的其他情形",
        LegacyAnswerCategory.NotThisAgency => "不属于本行政机关公开数",
        LegacyAnswerCategory.DoesNotExist => "申请信息不存在数",
        LegacyAnswerCategory.ToldToAmend => "告知作出更改补充数",
        _ => "告知通过其他途径办理数",
    };

    private static string BlockLabel(string block) => block switch
    {
        nameof(ReviewBlock.Reconsideration) => "行政复议",
        nameof(ReviewBlock.LitigationWithoutReconsideration) => "行政诉讼（未经复议直接起诉）",
        nameof(ReviewBlock.LitigationAfterReconsideration) => "行政诉讼（复议后起诉）",
        _ => block,
    };

    private static async Task<IResult> PublishAsync(HttpContext http, string agency, int year, IFormCollection form, ICurrentStaff staff,
        AgencyDirectory agencies, CancellationToken cancellation)
    {
        var layout = form["layout"].ToString();
        var (choice, report) = await LoadAsync(http, agency, year, "own", layout, cancellation);
        if (choice is null || report is null) return Results.NotFound();
        if (!MayPublish(staff)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        try
        {
            await Pipeline(http).PublishAsync(choice.Agency, choice.Year, choice.Layout, staff.UserName, cancellation);
        }
        catch (CommandRefusedException refused)
        {
            var notice = StaffLayout.Notice("error", $"年报未能发布：{refused.Refusal.Chinese}");
            return await RenderAsync(http, staff, agencies, choice, report, notice, StatusCodes.Status422UnprocessableEntity, cancellation);
        }
        return Results.Redirect($"{Path}?agency={Html.Url(choice.Agency)}&year={choice.Year}&{choice.Query}&published=1#publication");
    }

    private static async Task<IResult> SectionDownloadAsync(HttpContext http, ReportChoice choice, string format, string baseName,
        CancellationToken cancellation)
    {
        var document = await Pipeline(http).SectionDocumentAsync(choice.Scope, cancellation);
        return ReportResults.Of(AnnualReportPipeline.SectionFile(document, format == "docx" ? "docx" : "html", $"{baseName}-依申请公开")!, http);
    }

    /// <summary>The part as published (frozen tables, paragraph and fee statement), for one agency's published year.</summary>
    private static async Task<IResult> PublishedSectionDownloadAsync(HttpContext http, ReportChoice choice, string agencyName, string format,
        string baseName, CancellationToken cancellation)
    {
        var (document, _, refusal) = await Pipeline(http).PublishedSectionAsync(choice.Agency, choice.Year, agencyName, cancellation);
        if (refusal is not null) return Results.NotFound();
        return ReportResults.Of(AnnualReportPipeline.SectionFile(document!, format == "published-docx" ? "docx" : "html", $"{baseName}-依申请公开-发布稿")!, http);
    }

    public static string LayoutLabel(AnnualTableLayout layout) => layout.Code switch
    {
        TableLayouts.Code2021 => "2021年格式（国办公开办函〔2021〕30号）",
        TableLayouts.Code2019 => "2019年试行格式（国办公开办函〔2019〕60号）",
        _ => "2019年以前统计表（国办发〔2014〕32号）",
    };

    private static async Task<IResult> CellAsync(HttpContext http, string agency, int year, string cellKey, string? scope, string? layout,
        ApplicationAccess access, CancellationToken cancellation)
    {
        var (choice, report) = await LoadAsync(http, agency, year, scope, layout, cancellation);
        if (choice is null || report is null || report.FindCell(cellKey) is not { } cell) return Results.NotFound();
        var ids = report.IdsBehind(cellKey).ToArray();
        var files = ids.Length == 0 ? [] : await access.VisibleFiles().Where(f => f.Id.IsOneOf(ids)).ToListAsync(cancellation);
        var table = report.Tables.First(t => t.FindCell(cellKey) is not null);
        var row = table.DataRows.FirstOrDefault(r => r.Values.Any(v => v?.CellKey == cellKey));
        var column = table.Columns.FirstOrDefault(c => c.GridColumn == cell.Column);
        // A statement under the table (其中逾期答复 n 件, A13) has no row or column: its sentence is the title.
        var statement = table.Statements.FirstOrDefault(st => st.Number.CellKey == cellKey);
        var title = statement?.Around.Before.TrimEnd() ?? string.Join(" · ", (row?.LabelPath ?? []).Where(l => l.Length > 0));
        var columnTitle = string.Join(" · ", (column?.LabelPath ?? []).Where(l => l.Length > 0));

        var html = new StringBuilder();
        html.Append($"<p class=\"no-print\"><a href=\"{Path}?agency={Html.Url(choice.Agency)}&amp;year={choice.Year}&amp;{Html.E(choice.Query)}\">← 返回{choice.Year}年年报</a></p>");
        html.Append($"<h1>{Html.E(report.Heading)}</h1>");
        html.Append($"<div class=\"panel\"><dl class=\"facts\"><dt>表</dt><dd>{Html.E(table.Title)}</dd><dt>行</dt><dd>{Html.E(title)}</dd>" +
                    $"<dt>列</dt><dd>{Html.E(columnTitle)}</dd><dt>数值</dt><dd>{Html.E(cell.Text)}</dd></dl></div>");
        if (files.Count == 0)
        {
            html.Append("<p class=\"panel muted\">该单元格没有可查看的申请。</p>");
        }
        else
        {
            html.Append("<table class=\"data cell-applications\"><thead><tr><th scope=\"col\">登记号</th><th scope=\"col\">申请人类型</th>" +
                        "<th scope=\"col\">收到日期</th><th scope=\"col\">状态</th><th scope=\"col\">办结日期</th><th scope=\"col\">统计行</th></tr></thead><tbody>");
            foreach (var file in files.OrderBy(f => f.ReceivedOn).ThenBy(f => f.RegistrationNumber, StringComparer.Ordinal))
                html.Append($"<tr><td><a href=\"/applications/{file.Id}\">{Html.E(file.RegistrationNumber)}</a></td>" +
                            $"<td>{Html.E(ChineseLabels.ApplicantTypeLong(file.ApplicantType))}</td><td>{Html.Date(file.ReceivedOn)}</td>" +
                            $"<td>{Html.E(ChineseLabels.Of(file.Status))}</td><td>{Html.Date(file.ClosedOn)}</td>" +
                            $"<td>{Html.E(file.Row is { } r ? ChineseLabels.Of(r) : "—")}</td></tr>");
            html.Append("</tbody></table>");
        }
        if (ids.Length > files.Count)
            html.Append($"<p class=\"muted\">另有 {ids.Length - files.Count} 件不在您可查看的范围内。</p>");
        return await StaffLayout.PageAsync(http, "年报明细", NavSection.Reports, html.ToString());
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, string agency, int year, string? scope, string? layout, string? format,
        CancellationToken cancellation)
    {
        var (choice, report) = await LoadAsync(http, agency, year, scope, layout, cancellation);
        if (choice is null || report is null) return Results.NotFound();
        var baseName = $"{choice.Agency}{(choice.Tree ? "-all" : "")}-{choice.Year}-{choice.Layout}";
        return format switch
        {
            "xlsx" or "csv" => ReportResults.Of(AnnualReportPipeline.File(report, format, baseName)!, http),
            "docx" or "section-html" => await SectionDownloadAsync(http, choice, format, baseName, cancellation),
            "published-docx" or "published-section-html" when !choice.Tree => await PublishedSectionDownloadAsync(http, choice, report.AgencyName, format, baseName, cancellation),
            _ => Results.NotFound(),
        };
    }
}
