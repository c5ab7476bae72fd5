using Marten;
using Projections.Annual;
using Projections.Annual.Publication;
using Projections.Tables;
using Projections.Tables.Rendering;
using Server.Accounts;
using Wolverine;
using Workflow.Applications;
using Workflow.Publication;

namespace Server.Api;

/// <summary>
/// 年报 JSON API: tables 三 and 四 of an agency (or its subtree) and year in any layout and format, and the year's
/// publication (A16) with the changes since. Other agencies' tables answer 404 like their applications.
/// </summary>
public static class ReportApi
{
    public static IEndpointRouteBuilder MapReportApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports/{agency}/{year:int}").RequireAuthorization().WithTags("年报");
        reports.MapGet("/", Table).WithName("GetAnnualTables")
            .WithSummary("年报表三、表四 / Tables 三 and 四; ?format=2021|2019|legacy, ?tree=true sums the agency's departments, ?download=xlsx|csv|html");
        reports.MapGet("/publication", Publication).WithName("GetPublication")
            .WithSummary("发布情况 / The published snapshot and every cell changed since, with the applications involved");
        reports.MapPost("/publication", Publish).WithName("PublishAnnualReport")
            .WithSummary("发布年报 / Freeze the year's tables as published (审核人 or 管理员)");
        return app;
    }

    private static async Task<IResult> Table(string agency, int year, string? format, bool? tree, string? download,
        HttpContext http, ICurrentStaff staff, AgencyDirectory agencies, IQuerySession session, CancellationToken cancellation)
    {
        if (!staff.VisibleAgencies.Contains(agency) || await agencies.FindAsync(agency, cancellation) is not { } found)
            return ApiResults.Refused(Refusals.NotFound());
        if (format is not null && !TableLayouts.TryGetByCode(format, out _))
            return ApiResults.Refused(Refusals.Invalid("report.format", $"未知的表格格式：{format}（可选 2021、2019、legacy）",
                $"Unknown layout '{format}' (2021, 2019 or legacy)."));
        if (year is < 2008 or > 2100)
            return ApiResults.Refused(Refusals.Invalid("report.year", "年度无效。", "Invalid year."));

        IReadOnlyCollection<string> codes = tree == true
            ? [.. (await agencies.SubtreeOf(agency, cancellation)).Where(staff.VisibleAgencies.Contains)]
            : [agency];
        var name = tree == true ? $"{found.Name}（含所属部门）" : found.Name;
        var report = await new AnnualTableReader(session).RenderAsync(codes, name, year, format, cancellation);
        var file = $"{agency}-{year}-{report.LayoutCode}";
        return download switch
        {
            null => Results.Content(JsonTableRenderer.Render(report), "application/json; charset=utf-8"),
            "xlsx" => Results.File(XlsxTableRenderer.Render(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{file}.xlsx"),
            "csv" => Results.File(CsvTableRenderer.Render(report), "text/csv; charset=utf-8", $"{file}.csv"),
            "html" => Results.Content(CspNonce.AddToStyles(HtmlTableRenderer.RenderDocument(report, null), http), "text/html; charset=utf-8"),
            _ => ApiResults.Refused(Refusals.Invalid("report.download", "下载格式应为 xlsx、csv 或 html。", "download must be xlsx, csv or html.")),
        };
    }

    private static async Task<IResult> Publication(string agency, int year, ICurrentStaff staff, PublicationStatusReader reader,
        CancellationToken cancellation)
    {
        if (!staff.VisibleAgencies.Contains(agency)) return ApiResults.Refused(Refusals.NotFound());
        return Results.Ok(await reader.LoadAsync(agency, year, cancellation));
    }

    private static async Task<IResult> Publish(string agency, int year, string? format, ICurrentStaff staff, IMessageBus bus,
        CancellationToken cancellation)
    {
        if (!staff.VisibleAgencies.Contains(agency)) return ApiResults.Refused(Refusals.NotFound());
        if (!staff.Roles.Contains(StaffRole.Approver) && !staff.Roles.Contains(StaffRole.Administrator)) return ApiResults.Forbidden();
        try
        {
            var result = await bus.InvokeAsync<PublicationResult>(new PublishAnnualReport(agency, year, format, staff.UserName), cancellation);
            return Results.Ok(result);
        }
        catch (CommandRefusedException refused)
        {
            return ApiResults.Refused(refused.Refusal);
        }
    }
}
