using Workflow.Vocabulary;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Projections.Cases;
using Projections.Integrity;
using Projections.LegalReview;
using Server.Accounts;
using Server.LegalReview;
using Workflow.Applications;

namespace Server.Pages;

/// <summary>
/// 法律审查: for 法律顾问, 审核人 and 管理员. <c>/review</c> finds a case by registration number and shows the latest
/// integrity check and chain digests; <c>/review/applications/{id}</c> is the whole history of a case with the clock
/// after each step, the corrections in full, the compliance findings, the case as it stood at a chosen moment and the
/// chain check of its stream; <c>/review/reports</c> is a year's table as it stood at a chosen moment. Read-only, except
/// running the integrity check (法律顾问 and 管理员, as the API allows). Another agency's case does not exist (404).
/// The three pages are Razor components (<c>Components/Review</c>); this class keeps their paths, who may open them,
/// the shared wording (status, actor, clock), running the check and the printable case file.
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
        // The pages are Razor components (Components/Review); running the check and the printable case file are here.
        app.MapPost(IntegrityCheckPath, RunIntegrityCheckAsync).DisableAntiforgery(); // validated explicitly below
        app.MapGet(HistoryPathPrefix + "{id:guid}/case-file", CaseFileAsync);
    }

    /// <summary>Who may open the legal-review pages (and sees their entry in the navigation).</summary>
    public static bool MayReview(ICurrentStaff staff) =>
        staff.IsSignedIn && (staff.Roles.Contains(StaffRole.LegalCounsel) || staff.Roles.Contains(StaffRole.Approver)
                             || staff.Roles.Contains(StaffRole.Administrator));

    /// <summary>Who may run the check of the whole store and read its breaks (they name streams of every agency).</summary>
    public static bool MayAudit(ICurrentStaff staff) =>
        staff.IsSignedIn && (staff.Roles.Contains(StaffRole.LegalCounsel) || staff.Roles.Contains(StaffRole.Administrator));

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

    // ---- the printable case file --------------------------------------------------------------------------------

    private static async Task<IResult> CaseFileAsync(Guid id, HttpContext http, ICurrentStaff staff, LegalReviewReader reader, CancellationToken cancellation)
    {
        if (!MayReview(staff)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var dossier = await reader.DossierAsync(id, staff.VisibleAgencies, staff.DisplayName, cancellation);
        if (dossier is null) return Results.NotFound();
        return Results.Content(CspNonce.AddToStyles(CaseFileHtml.Render(dossier), http), "text/html; charset=utf-8", Encoding.UTF8);
    }

    // ---- shared -------------------------------------------------------------------------------------------------

    /// <summary>What the as-of fields say when the moment cannot be read.</summary>
    public const string BadMomentMessage = "时点格式不正确，应为日期和时间，如 2024-12-20 10:30。";

    /// <summary>The clock's own sentence already names the days used and left and the due date.</summary>
    public static string ClockText(ClockAfterStep? clock) => clock is null ? "—"
        : clock.StatusText + (clock.PausedWorkingDays > 0 ? $"（累计暂停{clock.PausedWorkingDays}个工作日）" : "")
          + $"〔工作日历{clock.CalendarVersion}{(clock.Provisional ? "，含预计年度" : "")}〕";

    public static string StatusText(ApplicationFile file) => file.Status == ApplicationStatus.Closed
        ? $"已办结（{ChineseTerms.Of(file.Closure ?? ClosureKind.Answered)}，{Html.Date(file.ClosedOn)}）"
        : ChineseTerms.Of(file.Status);

    public static string ActorName(IReadOnlyDictionary<string, string> names, string actor) =>
        names.TryGetValue(actor, out var name) ? $"{name}（{actor}）" : actor;

    public static async Task<string> DisplayNameAsync(IQuerySession session, string userName, CancellationToken cancellation) =>
        await session.LoadAsync<StaffUser>(userName, cancellation) is { } user ? $"{user.DisplayName}（{userName}）" : userName;
}
