using System.Globalization;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Projections.Cases;
using Projections.Integrity;
using Projections.LegalReview;
using Projections.Tables;
using Projections.Tables.Rendering;
using Server.Accounts;
using Server.Api;
using Server.LegalReview;
using Server.Reports;
using Workflow.Applications;

namespace Server.Pages;

/// <summary>
/// 法律审查: for 法律顾问, 审核人 and 管理员. <c>/review</c> finds a case by registration number and shows the latest
/// integrity check and chain digests; <c>/review/applications/{id}</c> is the whole history of a case with the clock
/// after each step, the corrections in full, the compliance findings, the case as it stood at a chosen moment and the
/// chain check of its stream; <c>/review/reports</c> is a year's table as it stood at a chosen moment. Read-only, except
/// running the integrity check (法律顾问 and 管理员, as the API allows). Another agency's case does not exist (404).
/// </summary>
public static class LegalReviewPages
{
    public const string HistoryPathPrefix = "/review/applications/";
    public const string ReportsPath = "/review/reports";
    public const string IntegrityCheckPath = "/review/integrity";

    public static string HistoryPath(Guid id) => $"{HistoryPathPrefix}{id}";

    public static string CaseFilePath(Guid id) => $"{HistoryPathPrefix}{id}/case-file";

    public static string PdfPath(Guid id) => $"/api/applications/{id}/export.pdf";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(StaffLayout.ReviewPath, IndexAsync);
        app.MapPost(IntegrityCheckPath, RunIntegrityCheckAsync).DisableAntiforgery(); // validated explicitly below
        app.MapGet(HistoryPathPrefix + "{id:guid}", HistoryAsync);
        app.MapGet(HistoryPathPrefix + "{id:guid}/case-file", CaseFileAsync);
        app.MapGet(ReportsPath, ReportAsOfAsync);
    }

    /// <summary>Who may open the legal-review pages (and sees their entry in the navigation).</summary>
    public static bool MayReview(ICurrentStaff staff) =>
        staff.IsSignedIn && (staff.Roles.Contains(StaffRole.LegalCounsel) || staff.Roles.Contains(StaffRole.Approver)
                             || staff.Roles.Contains(StaffRole.Administrator));

    /// <summary>Who may run the check of the whole store and read its breaks (they name streams of every agency).</summary>
    public static bool MayAudit(ICurrentStaff staff) =>
        staff.IsSignedIn && (staff.Roles.Contains(StaffRole.LegalCounsel) || staff.Roles.Contains(StaffRole.Administrator));

    // ---- /review ------------------------------------------------------------------------------------------------

    private static async Task<IResult> IndexAsync(HttpContext http, string? q, ICurrentStaff staff, ApplicationAccess access,
        IQuerySession session, AgencyDirectory agencies, CancellationToken cancellation)
    {
        if (!MayReview(staff)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var search = q?.Trim();
        var query = access.VisibleFiles();
        var files = string.IsNullOrEmpty(search)
            ? await query.OrderByDescending(f => f.RegisteredAt).Take(20).ToListAsync(cancellation)
            : await query.Where(f => f.RegistrationNumber.Contains(search)).OrderByDescending(f => f.RegisteredAt).Take(100).ToListAsync(cancellation);
        var names = await agencies.NamesAsync(cancellation);

        var html = new StringBuilder("<h1>法律审查</h1>");
        html.Append($"<form method=\"get\" action=\"{StaffLayout.ReviewPath}\" class=\"panel filters\" role=\"search\">");
        html.Append(new FormFields("review", new FormState().With("q", search ?? ""))
            .Text("q", "登记号", type: "search", hint: "可输入登记号的一部分，如“〔2024〕第12号”"));
        html.Append("<div class=\"actions-row\"><button type=\"submit\">查找</button></div>");
        html.Append($"<p class=\"muted\"><a href=\"{ReportsPath}\">查看年报在某一时点的情况</a></p>");
        html.Append("</form>");

        html.Append("<section class=\"panel\" id=\"cases\">");
        html.Append(string.IsNullOrEmpty(search) ? "<h2>最近登记的申请</h2>" : $"<h2>“{Html.E(search)}”的查找结果</h2>");
        if (files.Count == 0)
        {
            html.Append("<p class=\"muted\">没有找到您可查看的申请。</p>");
        }
        else
        {
            html.Append("<table class=\"data review-cases\"><thead><tr><th scope=\"col\">登记号</th><th scope=\"col\">机关</th><th scope=\"col\">申请人</th>" +
                        "<th scope=\"col\">收到日期</th><th scope=\"col\">状态</th><th scope=\"col\">案卷</th></tr></thead><tbody>");
            foreach (var file in files)
                html.Append($"<tr><td><a href=\"{HistoryPath(file.Id)}\">{Html.E(file.RegistrationNumber)}</a></td>" +
                            $"<td>{Html.E(names.GetValueOrDefault(file.AgencyCode, file.AgencyCode))}</td><td>{Html.E(file.Applicant.Name)}</td>" +
                            $"<td class=\"nowrap\">{Html.Date(file.ReceivedOn)}</td><td>{Html.E(StatusText(file))}</td>" +
                            $"<td><a href=\"/applications/{file.Id}\">案卷页</a></td></tr>");
            html.Append("</tbody></table>");
        }
        html.Append("</section>");

        html.Append(await IntegrityPanelAsync(http, staff, session, cancellation));
        return await StaffLayout.PageAsync(http, "法律审查", NavSection.Review, html.ToString());
    }

    private static async Task<string> IntegrityPanelAsync(HttpContext http, ICurrentStaff staff, IQuerySession session, CancellationToken cancellation)
    {
        var latest = await session.LoadAsync<IntegrityCheckRecord>(IntegrityCheckRecord.LatestId, cancellation);
        var digests = await session.Query<ChainDigest>().OrderByDescending(d => d.Sequence).Take(5).ToListAsync(cancellation);
        var html = new StringBuilder("<section class=\"panel\" id=\"integrity\"><h2>记录完整性校验</h2>");
        html.Append("<p class=\"muted\">校验重新计算每个事件流的哈希链，并与定期发布的摘要核对：任何事后改动或删除记录都会被发现。</p>");
        if (latest is null)
        {
            html.Append("<p class=\"integrity-status\">尚未在本页运行过校验。</p>");
        }
        else
        {
            var checker = await DisplayNameAsync(session, latest.CheckedBy, cancellation);
            html.Append($"<p class=\"integrity-status {(latest.Intact ? "integrity-ok" : "integrity-broken")}\">" +
                        $"{Html.E(latest.Intact ? "校验通过" : "校验未通过")}：{Html.E(Html.Seconds(latest.CheckedAt))}，由{Html.E(checker)}运行。</p>");
            if (MayAudit(staff))
            {
                html.Append($"<p>{Html.E(latest.ChineseSummary)}</p>");
                if (latest.Breaks.Count > 0)
                {
                    html.Append("<ol class=\"integrity-breaks\">");
                    foreach (var broken in latest.Breaks) html.Append($"<li>{Html.E(broken)}</li>");
                    html.Append("</ol>");
                }
            }
            else
            {
                html.Append($"<p>共校验{latest.StreamsChecked}个事件流、{latest.EventsChecked}条记录、{latest.DigestsChecked}份摘要。</p>");
            }
        }
        if (MayAudit(staff))
            html.Append($"<form method=\"post\" action=\"{IntegrityCheckPath}\" class=\"actions-row\">{AntiforgeryField.Html(http)}" +
                        "<button type=\"submit\">立即校验全部记录</button></form>");

        html.Append("<h3>最近发布的摘要</h3>");
        if (digests.Count == 0)
        {
            html.Append("<p class=\"muted\">尚未发布摘要。</p>");
        }
        else
        {
            html.Append("<table class=\"data digests\"><thead><tr><th scope=\"col\">序号</th><th scope=\"col\">发布时间</th><th scope=\"col\">事件流数</th>" +
                        "<th scope=\"col\">摘要哈希值</th></tr></thead><tbody>");
            foreach (var digest in digests)
                html.Append($"<tr><td>{Html.E(digest.Sequence.ToString(CultureInfo.InvariantCulture))}</td><td class=\"nowrap\">{Html.E(Html.Seconds(digest.CreatedAt))}</td>" +
                            $"<td class=\"num\">{Html.E(digest.Leaves.Count)}</td><td><code class=\"hash\">{Html.E(digest.Hash)}</code></td></tr>");
            html.Append("</tbody></table>");
        }
        html.Append("</section>");
        return html.ToString();
    }

    private static async Task<IResult> RunIntegrityCheckAsync(HttpContext http, ICurrentStaff staff, IAntiforgery antiforgery,
        IntegrityVerifier verifier, IDocumentStore store, CancellationToken cancellation)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        if (!MayAudit(staff)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var report = await verifier.VerifyAllAsync(cancellation);
        await using (var session = store.LightweightSession())
        {
            session.Store(IntegrityCheckRecord.From(report, staff.UserName));
            await session.SaveChangesAsync(cancellation);
        }
        return Results.Redirect($"{StaffLayout.ReviewPath}#integrity");
    }

    // ---- /review/applications/{id} ------------------------------------------------------------------------------

    private static async Task<IResult> HistoryAsync(Guid id, string? asOf, HttpContext http, ICurrentStaff staff, LegalReviewReader reader,
        IntegrityVerifier verifier, IQuerySession session, TimeProvider time, CancellationToken cancellation)
    {
        if (!MayReview(staff)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var full = await reader.HistoryAsync(id, staff.VisibleAgencies, null, cancellation);
        if (full is null) return Results.NotFound();

        var validMoment = LegalReviewApi.TryParseMoment(asOf, out var moment);
        var history = full;
        CaseFindings? findings;
        CaseAsOf? view = null;
        if (validMoment && moment is { } at)
        {
            view = await reader.CaseAsOfAsync(id, staff.VisibleAgencies, at, cancellation);
            history = await reader.HistoryAsync(id, staff.VisibleAgencies, at, cancellation) ?? full with { Entries = [], AsOf = at };
            findings = await reader.FindingsAsync(id, staff.VisibleAgencies, at, cancellation);
        }
        else
        {
            findings = await reader.FindingsAsync(id, staff.VisibleAgencies, null, cancellation);
        }
        var integrity = await verifier.VerifyStreamAsync(id, cancellation);
        var actors = full.Entries.Select(e => e.Actor).Concat(full.Entries.Select(e => e.Correction?.CorrectedBy).OfType<string>()).Distinct().ToArray();
        var names = (await session.Query<StaffUser>().Where(u => actors.Contains(u.UserName)).ToListAsync(cancellation))
            .ToDictionary(u => u.UserName, u => u.DisplayName);

        var html = new StringBuilder();
        html.Append($"<p class=\"no-print\"><a href=\"{StaffLayout.ReviewPath}\">← 法律审查</a>　<a href=\"/applications/{id}\">打开案卷页</a></p>");
        html.Append($"<h1>办理经过 <span class=\"registration-number\">{Html.E(full.RegistrationNumber)}</span></h1>");
        html.Append($"<p class=\"downloads no-print\"><a class=\"button button-secondary\" href=\"{CaseFilePath(id)}\">导出案卷（HTML，可打印）</a>" +
                    $"<a class=\"button button-secondary\" href=\"{PdfPath(id)}\">导出案卷（PDF）</a></p>");
        html.Append(AsOfForm(id, asOf, validMoment, moment, time));
        if (view is not null || (validMoment && moment is not null))
            html.Append(AsOfPanel(view, moment!.Value, history.Entries.Count, full.Entries.Count, id));

        html.Append(HistoryTable(history, names, moment is not null && validMoment));
        html.Append(FindingsPanel(findings?.Findings ?? [], moment is not null && validMoment));
        html.Append(StreamIntegrityPanel(integrity));
        return await StaffLayout.PageAsync(http, $"办理经过 {full.RegistrationNumber}", NavSection.Review, html.ToString(),
            validMoment ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static string AsOfForm(Guid id, string? asOf, bool valid, DateTimeOffset? moment, TimeProvider time)
    {
        var value = valid && moment is { } at ? Html.DateTimeLocal(at) : asOf ?? Html.DateTimeLocal(time.GetUtcNow());
        var state = new FormState().With("asOf", value);
        if (!valid) state.AddError("asOf", "时点格式不正确，应为日期和时间，如 2024-12-20 10:30。");
        var fields = new FormFields("as-of", state);
        var html = new StringBuilder($"<form method=\"get\" action=\"{HistoryPath(id)}\" class=\"panel filters no-print\" id=\"as-of-form\">");
        html.Append(fields.Text("asOf", "查看该时点的案卷", type: "datetime-local", hint: "按录入系统的时间（北京时间）回溯：只计入该时点之前已录入的记录"));
        html.Append("<div class=\"actions-row\"><button type=\"submit\">查看</button>");
        if (moment is not null) html.Append($"<a href=\"{HistoryPath(id)}\">查看全部记录</a>");
        html.Append("</div></form>");
        return html.ToString();
    }

    private static string AsOfPanel(CaseAsOf? view, DateTimeOffset moment, int known, int total, Guid id)
    {
        var html = new StringBuilder($"<section class=\"panel as-of\" id=\"as-of\"><h2>截至 {Html.E(Html.Seconds(moment))} 的案卷</h2>");
        if (view is null)
        {
            html.Append("<p class=\"notice notice-warning\">该时点该申请尚未登记。</p></section>");
            return html.ToString();
        }
        var file = view.File;
        html.Append($"<p class=\"muted\">该时点已录入 {known} 条记录（共 {total} 条）；{(total > known ? $"此后又录入 {total - known} 条，未计入下方内容。" : "此后没有新的记录。")}</p>");
        html.Append("<dl class=\"facts\">");
        html.Append($"<dt>办理状态</dt><dd class=\"as-of-status\">{Html.E(StatusText(file))}</dd>");
        html.Append($"<dt>收到申请日期</dt><dd>{Html.Date(file.ReceivedOn)}</dd>");
        html.Append($"<dt>申请方式</dt><dd>{Html.E(ChineseLabels.Of(file.Channel))}</dd>");
        html.Append($"<dt>申请人类型</dt><dd>{Html.E(ChineseLabels.ApplicantTypeLong(file.ApplicantType))}</dd>");
        html.Append($"<dt>申请人</dt><dd>{Html.E(file.Applicant.Name)}</dd>");
        if (file.ExtendedOn is not null)
            html.Append($"<dt>延期</dt><dd>{Html.Date(file.ExtendedOn)} 延长 {file.ExtensionDays} 个工作日</dd>");
        if (file.Row is { } row) html.Append($"<dt>办理结果</dt><dd>{Html.E(ChineseLabels.Of(row))}</dd>");
        if (file.ReplyDocumentNumber is not null) html.Append($"<dt>答复书文号</dt><dd>{Html.E(file.ReplyDocumentNumber)}</dd>");
        foreach (var notice in file.Notices)
            html.Append($"<dt>{Html.E(ChineseLabels.Of(notice.Kind))}</dt><dd>{Html.E(notice.DocumentNumber)}（{Html.Date(notice.IssuedOn)}）</dd>");
        if (view.Clock is { } clock)
        {
            html.Append($"<dt>答复期限</dt><dd class=\"as-of-clock\">{Html.E(clock.StatusText)}</dd>");
            html.Append($"<dt>届满日期</dt><dd>{Html.Date(clock.DueOn)}</dd>");
            html.Append($"<dt>已用 / 剩余工作日</dt><dd>{clock.WorkingDaysUsed} / {(clock.IsOpen ? clock.WorkingDaysLeft.ToString(CultureInfo.InvariantCulture) : "—")}（按 {Html.Date(view.AsOfDate)} 计算）</dd>");
        }
        else if (view.ClockProblem is not null)
        {
            html.Append($"<dt>答复期限</dt><dd>无法计算：{Html.E(view.ClockProblem)}</dd>");
        }
        html.Append("</dl>");
        html.Append($"<p class=\"no-print\"><a href=\"{HistoryPath(id)}\">返回当前的全部记录</a></p></section>");
        return html.ToString();
    }

    private static string HistoryTable(CaseHistory history, IReadOnlyDictionary<string, string> names, bool asOf)
    {
        var html = new StringBuilder("<section class=\"panel\" id=\"history\">");
        html.Append(asOf ? "<h2>该时点之前的办理记录</h2>" : "<h2>全部办理记录</h2>");
        html.Append("<p class=\"muted\">“业务日期”为事项依法发生之日；“录入时间”为系统记录该事项的时间（北京时间）。记录不修改、不删除，更正以新记录保存。</p>");
        if (history.Entries.Count == 0)
        {
            html.Append("<p class=\"muted\">没有记录。</p></section>");
            return html.ToString();
        }
        html.Append("<table class=\"data history\"><thead><tr><th scope=\"col\">序号</th><th scope=\"col\">业务日期</th><th scope=\"col\">录入时间</th>" +
                    "<th scope=\"col\">事项</th><th scope=\"col\">经办人</th><th scope=\"col\">内容</th><th scope=\"col\">该步之后的期限</th></tr></thead><tbody>");
        foreach (var entry in history.Entries)
        {
            html.Append($"<tr id=\"event-{entry.Version}\" data-version=\"{entry.Version}\" data-step=\"{Html.E(entry.EventType)}\"{(entry.Correction is null ? "" : " class=\"correction\"")}>");
            html.Append($"<td class=\"num\">{entry.Version}</td><td class=\"nowrap\">{Html.Date(entry.BusinessDate)}</td>" +
                        $"<td class=\"nowrap\">{Html.E(Html.Seconds(entry.RecordedAt))}</td><td class=\"nowrap\">{Html.E(entry.Step)}</td>" +
                        $"<td>{Html.E(ActorName(names, entry.Actor))}</td>");
            html.Append($"<td><p class=\"history-text\">{Html.E(entry.Description)}</p>");
            if (entry.Reason is not null && entry.Correction is null && !entry.Description.Contains(entry.Reason, StringComparison.Ordinal))
                html.Append($"<p class=\"history-reason\"><span class=\"muted\">理由：</span>{Html.E(entry.Reason)}</p>");
            foreach (var document in entry.Documents)
                html.Append($"<p class=\"history-document\"><span class=\"muted\">文书：</span>{Html.E(document.Kind)} {Html.E(document.DocumentNumber)}" +
                            $"（{Html.Date(document.IssuedOn)}{(document.SentBy is null ? "" : "，" + Html.E(document.SentBy))}）</p>");
            if (entry.Correction is { } correction)
                html.Append("<dl class=\"facts correction-detail\">" +
                            $"<dt>更正事项</dt><dd>{Html.E(correction.Fact)}</dd>" +
                            $"<dt>原值</dt><dd class=\"old-value\">{Html.E(correction.OldValue)}</dd>" +
                            $"<dt>新值</dt><dd class=\"new-value\">{Html.E(correction.NewValue)}</dd>" +
                            $"<dt>更正人</dt><dd>{Html.E(ActorName(names, correction.CorrectedBy))}</dd>" +
                            $"<dt>理由</dt><dd>{Html.E(correction.Reason)}</dd>" +
                            $"<dt>更正日期</dt><dd>{Html.Date(correction.CorrectedOn)}（录入 {Html.E(Html.Seconds(correction.RecordedAt))}）</dd></dl>");
            html.Append("</td>");
            html.Append($"<td class=\"history-clock\">{Html.E(ClockText(entry.Clock))}</td></tr>");
        }
        html.Append("</tbody></table>");
        if (history.ClockProblem is not null) html.Append($"<p class=\"notice notice-warning\">{Html.E(history.ClockProblem)}</p>");
        html.Append("</section>");
        return html.ToString();
    }

    /// <summary>The clock's own sentence already names the days used and left and the due date.</summary>
    private static string ClockText(ClockAfterStep? clock) => clock is null ? "—"
        : clock.StatusText + (clock.PausedWorkingDays > 0 ? $"（累计暂停{clock.PausedWorkingDays}个工作日）" : "")
          + $"〔工作日历{clock.CalendarVersion}{(clock.Provisional ? "，含预计年度" : "")}〕";

    private static string FindingsPanel(IReadOnlyList<ComplianceFinding> findings, bool asOf)
    {
        var html = new StringBuilder($"<section class=\"panel\" id=\"findings\"><h2>合规审查{(asOf ? "（该时点）" : "")}</h2>");
        if (findings.Count == 0)
        {
            html.Append("<p class=\"findings-none\">未发现问题。</p></section>");
            return html.ToString();
        }
        html.Append("<table class=\"data findings\"><thead><tr><th scope=\"col\">等级</th><th scope=\"col\">问题</th><th scope=\"col\">依据</th>" +
                    "<th scope=\"col\">说明</th><th scope=\"col\">涉及记录</th></tr></thead><tbody>");
        foreach (var finding in findings)
        {
            var (label, css) = finding.Severity switch
            {
                FindingSeverity.Violation => ("违法风险", "tag-overdue"),
                FindingSeverity.Warning => ("注意", "tag-due-soon"),
                _ => ("提示", "tag-paused"),
            };
            var events = string.Join("、", finding.EventIndexes.Select(i => $"<a href=\"#event-{i + 1}\">第{i + 1}条</a>"));
            html.Append($"<tr data-finding=\"{Html.E(finding.Code)}\"><td><span class=\"tag {css}\">{label}</span></td><td>{Html.E(finding.ChineseTitle)}</td>" +
                        $"<td class=\"nowrap\">{Html.E(finding.Article)}</td><td>{Html.E(finding.Detail)}</td><td>{(events.Length == 0 ? "—" : events)}</td></tr>");
        }
        html.Append("</tbody></table></section>");
        return html.ToString();
    }

    private static string StreamIntegrityPanel(IntegrityReport report)
    {
        var html = new StringBuilder("<section class=\"panel\" id=\"stream-integrity\"><h2>本案记录完整性</h2>");
        html.Append(report.Intact
            ? $"<p class=\"integrity-status integrity-ok\">校验通过：本案{report.EventsChecked}条记录与哈希链一致，未发现改动。</p>"
            : $"<p class=\"integrity-status integrity-broken\" role=\"alert\">校验未通过：{Html.E(report.FirstBreak!.ChineseMessage)}</p>");
        foreach (var broken in report.Breaks.Skip(1)) html.Append($"<p class=\"integrity-broken\">{Html.E(broken.ChineseMessage)}</p>");
        html.Append($"<p class=\"muted\">校验时间 {Html.E(Html.Seconds(report.CheckedAt))}。");
        if (report.LatestDigestHash is { } digest)
            html.Append($"最近一次摘要（{Html.E(Html.Seconds(report.LatestDigestAt!.Value))}）：<code class=\"hash\">{Html.E(digest)}</code>");
        else html.Append("尚未发布摘要。");
        html.Append("</p></section>");
        return html.ToString();
    }

    // ---- the printable case file --------------------------------------------------------------------------------

    private static async Task<IResult> CaseFileAsync(Guid id, HttpContext http, ICurrentStaff staff, LegalReviewReader reader, CancellationToken cancellation)
    {
        if (!MayReview(staff)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var dossier = await reader.DossierAsync(id, staff.VisibleAgencies, staff.DisplayName, cancellation);
        if (dossier is null) return Results.NotFound();
        return Results.Content(CspNonce.AddToStyles(CaseFileHtml.Render(dossier), http), "text/html; charset=utf-8", Encoding.UTF8);
    }

    // ---- /review/reports ----------------------------------------------------------------------------------------

    private static async Task<IResult> ReportAsOfAsync(HttpContext http, string? agency, int? year, string? layout, string? asOf,
        ICurrentStaff staff, AgencyDirectory agencies, AnnualReportPipeline pipeline, DecisionContextSource today, TimeProvider time,
        CancellationToken cancellation)
    {
        if (!MayReview(staff)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var thisYear = today.Today.Year;
        // A year not yet begun has nothing to replay.
        if (year > thisYear) return Results.NotFound();
        var (scope, refused) = await pipeline.ScopeAsync(new ReportRequest(string.IsNullOrWhiteSpace(agency) ? staff.AgencyCode : agency, year,
            layout, Tree: false), staff.VisibleAgencies, UnknownLayout.UseYearsLayout, cancellation);
        if (refused is not null) return Results.NotFound();
        var (code, reportYear, layoutCode) = (scope!.Agency, scope.Year, scope.Layout);
        var valid = LegalReviewApi.TryParseMoment(asOf, out var moment);
        var at = valid && moment is { } m ? m : time.GetUtcNow();
        var names = await agencies.NamesAsync(cancellation);

        var state = new FormState()
            .With("agency", code).With("year", reportYear.ToString(CultureInfo.InvariantCulture)).With("layout", layoutCode)
            .With("asOf", valid ? Html.DateTimeLocal(at) : asOf ?? "");
        if (!valid) state.AddError("asOf", "时点格式不正确，应为日期和时间，如 2024-12-20 10:30。");
        var f = new FormFields("report-as-of", state);
        var years = Enumerable.Range(0, thisYear - 2008 + 1).Select(i => (thisYear - i).ToString(CultureInfo.InvariantCulture));
        var html = new StringBuilder("<p class=\"no-print\"><a href=\"/review\">← 法律审查</a></p><h1>年报回溯</h1>");
        html.Append($"<form method=\"get\" action=\"{ReportsPath}\" class=\"panel report-controls\">");
        html.Append(f.Select("agency", "机关", staff.VisibleAgencies.Order(StringComparer.Ordinal).Select(c => (c, names.GetValueOrDefault(c, c))), required: false, emptyLabel: null));
        html.Append(f.Select("year", "年度", years.Select(y => (y, $"{y}年")), required: false, emptyLabel: null));
        html.Append(f.Select("layout", "表格式", TableLayouts.All.Select(l => (l.Code, ReportsPage.LayoutLabel(l))), required: false, emptyLabel: null));
        html.Append(f.Text("asOf", "时点", type: "datetime-local", hint: "按录入系统的时间（北京时间）回放当时已录入的全部记录"));
        html.Append("<div class=\"actions-row\"><button type=\"submit\">查看</button></div></form>");
        if (valid)
        {
            var (report, tables) = await pipeline.RenderAsOfAsync(scope, at, cancellation);
            html.Append($"<p class=\"notice notice-success as-of-summary\" role=\"status\">截至 {Html.E(Html.Seconds(at))}：回放 {tables.EventsReplayed} 条记录，涉及 {tables.Applications} 件申请。</p>");
            html.Append("<section class=\"panel\">").Append(HtmlTableRenderer.RenderFragment(report)).Append("</section>");
        }
        return await StaffLayout.PageAsync(http, $"{reportYear}年年报回溯", NavSection.Review, html.ToString(),
            valid ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    // ---- shared -------------------------------------------------------------------------------------------------

    private static string StatusText(ApplicationFile file) => file.Status == ApplicationStatus.Closed
        ? $"已办结（{ChineseLabels.Of(file.Closure ?? ClosureKind.Answered)}，{Html.Date(file.ClosedOn)}）"
        : ChineseLabels.Of(file.Status);

    private static string ActorName(IReadOnlyDictionary<string, string> names, string actor) =>
        names.TryGetValue(actor, out var name) ? $"{name}（{actor}）" : actor;

    private static async Task<string> DisplayNameAsync(IQuerySession session, string userName, CancellationToken cancellation) =>
        await session.LoadAsync<StaffUser>(userName, cancellation) is { } user ? $"{user.DisplayName}（{userName}）" : userName;
}
