using System.Globalization;
using System.Text;
using Marten;
using Projections.Annual;
using Projections.Cases;
using Projections.Tables;
using Projections.Tables.Rendering;
using Server.Accounts;
using Workflow.Applications;

namespace Server.Pages;

/// <summary>
/// 年报: tables 三 and 四 for one agency (or summed over its subtree) and a year, in a layout; each non-zero cell links
/// to the applications behind it; XLSX and CSV downloads. The tables come from the async annual projection, so a step
/// just recorded may take a moment to appear.
/// </summary>
public static class ReportsPage
{
    public const string Path = "/reports";

    public static void Map(WebApplication app)
    {
        app.MapGet(Path, ShowAsync);
        app.MapGet("/reports/{agency}/{year:int}/cells/{cellKey}", CellAsync);
        app.MapGet("/reports/{agency}/{year:int}/download", DownloadAsync);
    }

    /// <summary>What the user picked; <see cref="Tree"/> sums the agency and its departments.</summary>
    private sealed record ReportChoice(string Agency, int Year, bool Tree, string Layout)
    {
        public string Query => $"scope={(Tree ? "tree" : "own")}&layout={Html.Url(Layout)}";
    }

    private static async Task<(ReportChoice? Choice, RenderedReport? Report)> LoadAsync(HttpContext http, string? agency, int? year,
        string? scope, string? layout, CancellationToken cancellation)
    {
        var services = http.RequestServices;
        var staff = services.GetRequiredService<ICurrentStaff>();
        var code = string.IsNullOrWhiteSpace(agency) ? staff.AgencyCode : agency.Trim();
        if (!staff.VisibleAgencies.Contains(code)) return (null, null);
        var reportYear = year ?? services.GetRequiredService<DecisionContextSource>().Today.Year;
        if (reportYear is < 2008 or > 2100) return (null, null);
        var layoutCode = TableLayouts.TryGetByCode(layout, out var chosen) ? chosen.Code : TableLayouts.ForYear(reportYear).Code;
        var tree = scope == "tree";
        var directory = services.GetRequiredService<AgencyDirectory>();
        var names = await directory.NamesAsync(cancellation);
        IReadOnlyCollection<string> codes = tree ? [.. (await directory.SubtreeOf(code, cancellation)).Where(staff.VisibleAgencies.Contains)] : [code];
        var name = names.GetValueOrDefault(code, code) + (tree ? "（含所属部门）" : "");
        var reader = new AnnualTableReader(services.GetRequiredService<IQuerySession>());
        var report = await reader.RenderAsync(codes, name, reportYear, layoutCode, cancellation);
        return (new ReportChoice(code, reportYear, tree, layoutCode), report);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, ICurrentStaff staff, AgencyDirectory agencies,
        string? agency, int? year, string? scope, string? layout, CancellationToken cancellation)
    {
        var (choice, report) = await LoadAsync(http, agency, year, scope, layout, cancellation);
        if (choice is null || report is null) return Results.NotFound();
        var names = await agencies.NamesAsync(cancellation);
        var state = new FormState()
            .With("agency", choice.Agency).With("year", choice.Year.ToString(CultureInfo.InvariantCulture))
            .With("scope", choice.Tree ? "tree" : "own").With("layout", choice.Layout);
        var f = new FormFields("report", state);
        var thisYear = http.RequestServices.GetRequiredService<DecisionContextSource>().Today.Year;
        var years = Enumerable.Range(0, thisYear - 2008 + 1).Select(i => (thisYear - i).ToString(CultureInfo.InvariantCulture));

        var html = new StringBuilder("<h1>政府信息公开工作年度报告</h1>");
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
        // Publication (PublishAnnualReport, A16) is built separately: its button and the "changes since publication"
        // list belong here, under the tables.
        html.Append("<!-- annual-report-publication -->");
        return await StaffLayout.PageAsync(http, $"{choice.Year}年年报", NavSection.Reports, html.ToString());
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
        var title = string.Join(" · ", (row?.LabelPath ?? []).Where(l => l.Length > 0));
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
            "xlsx" => Results.File(XlsxTableRenderer.Render(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{baseName}.xlsx"),
            "csv" => Results.File(CsvTableRenderer.Render(report), "text/csv; charset=utf-8", $"{baseName}.csv"),
            _ => Results.NotFound(),
        };
    }
}
