using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Projections.Integrity;
using Projections.LegalReview;
using Projections.Tables.Rendering;
using Server.Accounts;
using Server.LegalReview;
using Server.Reports;

namespace Server.Api;

/// <summary>
/// 法律审查 (legal review) JSON API: the whole history of a case, compliance findings, the case or a year's table as it
/// stood at any moment, the printable case file, and the integrity check. Read-only. Only applications of the caller's
/// visible agencies are shown; any other id answers 404, so existence is not leaked. <see cref="ICurrentStaff"/> is taken
/// explicitly from DI ([FromServices]): until its implementation is registered, the routes still map.
/// </summary>
public static class LegalReviewApi
{
    public static IEndpointRouteBuilder MapLegalReviewApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/applications").WithTags("法律审查");
        cases.MapGet("/{id:guid}/history", History).WithName("GetApplicationHistory")
            .WithSummary("办理经过 / Every event with business date, record time, actor and the clock after it; ?asOf= limits to what was recorded by then");
        cases.MapGet("/{id:guid}/findings", Findings).WithName("GetApplicationFindings")
            .WithSummary("合规审查 / Compliance findings computed from the events");
        cases.MapGet("/{id:guid}/as-of", CaseAsOf).WithName("GetApplicationAsOf")
            .WithSummary("时点回溯 / The case file and clock as they stood at ?asOf= (events recorded up to then)");
        cases.MapGet("/{id:guid}/export.html", ExportHtml).WithName("ExportCaseFileHtml")
            .WithSummary("案卷导出 / Printable case file (HTML, Chinese)");
        cases.MapGet("/{id:guid}/export.pdf", ExportPdf).WithName("ExportCaseFilePdf")
            .WithSummary("案卷导出 / Printable case file (PDF through Chromium; 503 when Chromium is missing)");

        app.MapGet("/api/reports/{agency}/{year:int}/as-of", ReportAsOf).WithTags("法律审查").WithName("GetReportAsOf")
            .WithSummary("年报回溯 / Tables 三 and 四 of a year as they stood at ?asOf= (replay of events recorded up to then)");

        var integrity = app.MapGroup("/api/integrity").WithTags("完整性");
        integrity.MapGet("/", Verify).WithName("VerifyIntegrity")
            .WithSummary("完整性校验 / Verify every hash chain and digest; names the first broken event");
        integrity.MapPost("/digests", PublishDigest).WithName("PublishChainDigest")
            .WithSummary("发布摘要 / Publish a digest over every stream's head hash");
        return app;
    }

    private static async Task<IResult> History(Guid id, string? asOf, [FromServices] ICurrentStaff staff, LegalReviewReader reader, CancellationToken cancellation)
    {
        if (Unauthorized(staff) is { } denied) return denied;
        if (!TryParseMoment(asOf, out var moment)) return BadMoment(asOf);
        var history = await reader.HistoryAsync(id, staff.VisibleAgencies, moment, cancellation);
        return history is null ? NotFound() : Results.Ok(history);
    }

    private static async Task<IResult> Findings(Guid id, string? asOf, [FromServices] ICurrentStaff staff, LegalReviewReader reader, CancellationToken cancellation)
    {
        if (Unauthorized(staff) is { } denied) return denied;
        if (!TryParseMoment(asOf, out var moment)) return BadMoment(asOf);
        var findings = await reader.FindingsAsync(id, staff.VisibleAgencies, moment, cancellation);
        return findings is null ? NotFound() : Results.Ok(findings);
    }

    private static async Task<IResult> CaseAsOf(Guid id, string? asOf, [FromServices] ICurrentStaff staff, LegalReviewReader reader, TimeProvider time,
        CancellationToken cancellation)
    {
        if (Unauthorized(staff) is { } denied) return denied;
        if (!TryParseMoment(asOf, out var moment)) return BadMoment(asOf);
        var view = await reader.CaseAsOfAsync(id, staff.VisibleAgencies, moment ?? time.GetUtcNow(), cancellation);
        return view is null ? NotFound() : Results.Ok(view);
    }

    private static async Task<IResult> ReportAsOf(string agency, int year, string? asOf, string? format, [FromServices] ICurrentStaff staff,
        [FromServices] AnnualReportPipeline pipeline, TimeProvider time, CancellationToken cancellation)
    {
        if (Unauthorized(staff) is { } denied) return denied;
        var (scope, refusal) = await pipeline.ScopeAsync(new ReportRequest(agency, year, format, Tree: false), staff.VisibleAgencies,
            UnknownLayout.Refuse, cancellation);
        if (refusal is not null) return refusal.Kind == Workflow.Applications.RefusalKind.NotFound ? NotFound() : ApiResults.Refused(refusal);
        if (!TryParseMoment(asOf, out var moment)) return BadMoment(asOf);
        var (report, tables) = await pipeline.RenderAsOfAsync(scope!, moment ?? time.GetUtcNow(), cancellation);
        return Results.Json(new JsonObject
        {
            ["agency"] = agency,
            ["year"] = year,
            ["asOf"] = tables.AsOf.ToString("O", CultureInfo.InvariantCulture),
            ["eventsReplayed"] = tables.EventsReplayed,
            ["applications"] = tables.Applications,
            ["report"] = JsonNode.Parse(JsonTableRenderer.Render(report)),
        });
    }

    private static async Task<IResult> ExportHtml(Guid id, HttpContext http, [FromServices] ICurrentStaff staff, LegalReviewReader reader, CancellationToken cancellation)
    {
        if (Unauthorized(staff) is { } denied) return denied;
        var dossier = await reader.DossierAsync(id, staff.VisibleAgencies, staff.DisplayName, cancellation);
        return dossier is null ? NotFound() : Results.Content(CspNonce.AddToStyles(CaseFileHtml.Render(dossier), http), "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> ExportPdf(Guid id, [FromServices] ICurrentStaff staff, LegalReviewReader reader, ChromiumPdfPrinter printer,
        CancellationToken cancellation)
    {
        if (Unauthorized(staff) is { } denied) return denied;
        var dossier = await reader.DossierAsync(id, staff.VisibleAgencies, staff.DisplayName, cancellation);
        if (dossier is null) return NotFound();
        if (!printer.IsAvailable)
            return Problem(503, "pdf.unavailable", "服务器未安装 Chromium，暂时无法生成 PDF，请使用 HTML 版本打印。",
                $"PDF export needs Chromium at {printer.ExecutablePath}; it is not installed. Use export.html or install chromium and fonts-noto-cjk.");
        var pdf = await printer.PrintAsync(CaseFileHtml.Render(dossier), cancellation);
        return Results.File(pdf, "application/pdf", $"case-{dossier.File.RegistrationNumber}.pdf");
    }

    private static async Task<IResult> Verify([FromServices] ICurrentStaff staff, IntegrityVerifier verifier, CancellationToken cancellation)
    {
        if (Unauthorized(staff) is { } denied) return denied;
        if (!MayAudit(staff)) return ApiResults.Forbidden();
        return Results.Ok(await verifier.VerifyAllAsync(cancellation));
    }

    private static async Task<IResult> PublishDigest([FromServices] ICurrentStaff staff, ChainDigestPublisher publisher, CancellationToken cancellation)
    {
        if (Unauthorized(staff) is { } denied) return denied;
        if (!MayAudit(staff)) return ApiResults.Forbidden();
        Projections.Integrity.ChainDigest digest;
        try
        {
            digest = await publisher.PublishAsync(cancellation);
        }
        catch (Workflow.Applications.CommandRefusedException refused)
        {
            return ApiResults.Refused(refused.Refusal);
        }
        return Results.Ok(new { digest.Id, digest.Sequence, digest.CreatedAt, streams = digest.Leaves.Count, digest.MerkleRoot, digest.PreviousHash, digest.Hash });
    }

    /// <summary>The whole store's check names streams of every agency: counsel and administrators only.</summary>
    private static bool MayAudit([FromServices] ICurrentStaff staff) =>
        staff.Roles.Contains(StaffRole.LegalCounsel) || staff.Roles.Contains(StaffRole.Administrator);

    /// <summary>
    /// A moment in ISO 8601. A bare date (2024-12-31) means the end of that day in China (23:59:59.999999 +08:00):
    /// "as of 31 December" includes what was recorded that day. A time without an offset is China time.
    /// </summary>
    public static bool TryParseMoment(string? text, out DateTimeOffset? moment)
    {
        moment = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            moment = new DateTimeOffset(date.ToDateTime(TimeOnly.MaxValue), TimeSpan.FromHours(8));
            return true;
        }
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var local) && local.Kind == DateTimeKind.Unspecified)
        {
            moment = new DateTimeOffset(local, TimeSpan.FromHours(8));
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            moment = parsed;
            return true;
        }
        return false;
    }

    private static IResult? Unauthorized([FromServices] ICurrentStaff staff) => staff.IsSignedIn ? null
        : Problem(401, "auth.required", "请先登录。", "Sign in first.");

    private static IResult NotFound() => Problem(404, "not-found", "未找到该申请，或您无权查看。", "No such application, or it is not visible to you.");

    private static IResult BadMoment(string? text) => Problem(400, "as-of.invalid", "时点格式不正确，应为日期（2024-12-31）或ISO 8601时间。",
        $"asOf '{text}' is not an ISO 8601 date or date-time.");

    private static IResult Problem(int status, string code, string chinese, string english) => Results.Json(
        new { type = $"urn:workflow:refusal:{code}", code, title = chinese, detail = english, status },
        statusCode: status, contentType: "application/problem+json");
}
