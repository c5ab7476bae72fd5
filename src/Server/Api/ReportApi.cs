using Server.Accounts;
using Server.Reports;
using Workflow.Applications;

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

    /// <summary>
    /// An agency the caller cannot see, or that does not exist: the catalogue's <see cref="Refusals.UnknownAgency"/>
    /// (agency.unknown), answered 404 like an invisible application (one answer for both, so existence is not leaked).
    /// Not <see cref="Refusals.NotFound"/>: that one says "no such application".
    /// </summary>
    public static Refusal AgencyNotFound(string agency) => Refusals.UnknownAgency(agency.Trim()) with { Kind = RefusalKind.NotFound };

    private static async Task<IResult> Table(string agency, int year, string? format, bool? tree, string? download,
        HttpContext http, ICurrentStaff staff, AnnualReportPipeline pipeline, CancellationToken cancellation)
    {
        if (!staff.VisibleAgencies.Contains(agency)) return ApiResults.Refused(AgencyNotFound(agency));
        var (scope, refusal) = await pipeline.ScopeAsync(new ReportRequest(agency, year, format, tree == true), staff.VisibleAgencies,
            UnknownLayout.Refuse, cancellation);
        if (refusal is not null) return ApiResults.Refused(refusal);
        var report = await pipeline.RenderAsync(scope!, cancellation);
        return AnnualReportPipeline.File(report, download ?? "json", $"{agency}-{year}-{report.LayoutCode}") is { } file && download is not "json"
            ? ReportResults.Of(file, http)
            : ApiResults.Refused(Refusals.Invalid("report.download", "下载格式应为 xlsx、csv 或 html。", "download must be xlsx, csv or html."));
    }

    private static async Task<IResult> Publication(string agency, int year, ICurrentStaff staff, AnnualReportPipeline pipeline,
        CancellationToken cancellation)
    {
        if (!staff.VisibleAgencies.Contains(agency)) return ApiResults.Refused(AgencyNotFound(agency));
        return Results.Ok(await pipeline.PublicationAsync(agency, year, cancellation));
    }

    private static async Task<IResult> Publish(string agency, int year, string? format, ICurrentStaff staff, AnnualReportPipeline pipeline,
        CancellationToken cancellation)
    {
        if (!staff.VisibleAgencies.Contains(agency)) return ApiResults.Refused(AgencyNotFound(agency));
        if (!staff.Roles.Contains(StaffRole.Approver) && !staff.Roles.Contains(StaffRole.Administrator)) return ApiResults.Forbidden();
        try
        {
            var result = await pipeline.PublishAsync(agency, year, format, staff.UserName, cancellation);
            return Results.Ok(result);
        }
        catch (CommandRefusedException refused)
        {
            return ApiResults.Refused(refused.Refusal);
        }
    }
}
