using Workflow.Vocabulary;
using Projections.Tables;
using Server.Accounts;
using Server.Reports;
using Workflow.Applications;

namespace Server.Pages;

/// <summary>
/// 年报: the page, its drill-downs and the publication form are Razor components (<c>Components/Reports</c>); this class
/// keeps the page's paths, who may do what on it, the Chinese labels of its cells and the downloads (XLSX, CSV, the
/// 依申请公开 part as DOCX or printable HTML, and the part as published), all through <see cref="AnnualReportPipeline"/>.
/// </summary>
public static class ReportsPage
{
    public const string Path = "/reports";

    public static void Map(IEndpointRouteBuilder app)
    {
        // The page, its drill-downs and the publication form are Razor components (Components/Reports); the files are here.
        app.MapGet("/reports/{agency}/{year:int}/download", DownloadAsync);
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

    public static string NarrativePath(string agency, int year) => $"/reports/{Html.Url(agency)}/{year}/narrative";

    /// <summary>Who may edit the paragraph's wording (as the API allows).</summary>
    public static bool MayEditNarrative(ICurrentStaff staff) =>
        staff.Roles.Contains(StaffRole.Approver) || staff.Roles.Contains(StaffRole.CaseHandler);

    // ---- publication (A16) --------------------------------------------------------------------------------------

    /// <summary>Who may publish a year's tables (as the API allows).</summary>
    public static bool MayPublish(ICurrentStaff staff) =>
        staff.Roles.Contains(StaffRole.Approver) || staff.Roles.Contains(StaffRole.Administrator);

    public static string PublicationPath(string agency, int year) => $"/reports/{Html.Url(agency)}/{year}/publication";

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

    private static async Task<IResult> DownloadAsync(HttpContext http, string agency, int year, string? scope, string? layout, string? format,
        CancellationToken cancellation)
    {
        var (choice, _) = await ScopeAsync(http, agency, year, scope, layout, cancellation);
        if (choice is null) return Results.NotFound();
        var report = await Pipeline(http).RenderAsync(choice.Scope, cancellation);
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
