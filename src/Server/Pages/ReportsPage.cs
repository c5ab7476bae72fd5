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

    /// <summary>
    /// A publication cell key (<see cref="DisclosureFact.Key"/>, or <c>Reviews.{block}.{column}</c>) in Chinese, e.g.
    /// <c>Result.PartlyDisclosed.NaturalPerson</c> → 办理结果 · （二）部分公开 · 自然人.
    /// </summary>
    public static string CellLabel(string cell)
    {
        var parts = cell.Split('.');
        string Applicant(string text) => Enum.TryParse<ApplicantType>(text, out var type) ? ChineseTerms.ApplicantTypeLong(type) : text;
        return parts switch
        {
            ["Result", var row, var applicant] when Enum.TryParse<ResultRow>(row, out var r) => $"办理结果 · {ChineseTerms.Of(r)} · {Applicant(applicant)}",
            ["NewlyReceived", var applicant] => $"本年新收申请 · {Applicant(applicant)}",
            ["CarriedIn", var applicant] => $"上年结转申请 · {Applicant(applicant)}",
            ["CarriedOver", var applicant] => $"结转下年度继续办理 · {Applicant(applicant)}",
            ["ReceivedViaChannel", var channel] when Enum.TryParse<Channel>(channel, out var c) => $"申请方式 · {ChineseTerms.Of(c)}",
            ["ClosedOnTime"] => "按期办结",
            ["ClosedAfterExtension"] => "延期办结",
            ["FeeCollected"] => "收取信息处理费（元）",
            ["AnsweredLate"] => "其中逾期答复",
            ["LegacyAnswer", var category] when Enum.TryParse<LegacyAnswerCategory>(category, out var legacy) => $"申请答复数 · {LegacyLabel(legacy)}",
            ["Reviews", var block, var column] => $"{BlockLabel(block)} · {(Enum.TryParse<ReviewResultColumn>(column, out var rc) ? ChineseTerms.Of(rc) : column)}",
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
