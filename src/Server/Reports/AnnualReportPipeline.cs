using System.Text;
using Marten;
using Projections;
using Projections.Annual;
using Projections.Annual.Publication;
using Projections.Annual.Section;
using Projections.LegalReview;
using Projections.Tables;
using Projections.Tables.Rendering;
using Server.Accounts;
using Wolverine;
using Workflow.Applications;
using Workflow.Publication;

namespace Server.Reports;

/// <summary>What a caller asks for: an agency (null: the caller's own), a year (null: this year), a layout code, own or summed over the subtree.</summary>
public sealed record ReportRequest(string? Agency, int? Year, string? Layout, bool Tree);

/// <summary>
/// A report's scope, decided once: the agency asked for, the agencies summed (itself, or its subtree as far as the
/// caller may see it), the name printed on the report, the year and the layout (resolved: the year's own when none was asked).
/// </summary>
public sealed record ReportScope(string Agency, string AgencyName, int Year, string Layout, bool Tree, IReadOnlyCollection<string> Agencies)
{
    /// <summary>The name printed on the report: the agency's, marked when its departments are included.</summary>
    public string Heading => Tree ? $"{AgencyName}（含所属部门）" : AgencyName;
}

/// <summary>How an unknown layout code is treated: the API and the command line refuse it, the pages fall back to the year's layout.</summary>
public enum UnknownLayout
{
    Refuse,
    UseYearsLayout,
}

/// <summary>A rendered report as a file: its bytes, content type and file name.</summary>
public sealed record ReportFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// The annual report pipeline, once: scope (who may see which agencies, year, layout) → reader (the tables now, or
/// replayed as of a moment) → renderer (JSON, XLSX, CSV, HTML, terminal text), plus the 依申请公开 part and publishing.
/// The JSON API, the 年报 pages, the <c>report</c> command and the legal-review replay all call it (ADR 0028), so
/// a rule about a report's scope or format is written here and nowhere else.
/// </summary>
public sealed class AnnualReportPipeline(AgencyDirectory agencies, IDocumentStore store, IQuerySession session,
    DecisionContextSource clock, LegalReviewReader legalReview, IMessageBus bus)
{
    /// <summary>The years a report can be asked for (the regulations apply from 2008; 2100 is a sanity bound).</summary>
    public const int FirstYear = 2008;

    public const int LastYear = 2100;

    /// <summary>How long a publication waits for the annual figures to count what was just recorded, before sending the command.</summary>
    public static readonly TimeSpan PublicationCatchUp = TimeSpan.FromSeconds(10);

    public static bool IsReportYear(int year) => year is >= FirstYear and <= LastYear;

    public static Refusal InvalidYear() => Refusals.Invalid("report.year", "年度无效。", "Invalid year.");

    public static Refusal UnknownFormat(string format) => Refusals.Invalid("report.format",
        $"未知的表格格式：{format}（可选 2021、2019、legacy）", $"Unknown layout '{format}' (2021, 2019 or legacy).");

    /// <summary>
    /// The scope of a request. <paramref name="visibleAgencies"/>: the agencies the caller may see (a staff member's), or
    /// null for the operator at the command line, who may see every agency. An agency the caller may not see, or that
    /// does not exist, is the same 404 (<see cref="Refusals.UnknownAgency"/>): an agency, not an application, is unknown.
    /// </summary>
    public async Task<(ReportScope? Scope, Refusal? Refusal)> ScopeAsync(ReportRequest request, IReadOnlySet<string>? visibleAgencies,
        UnknownLayout unknownLayout, CancellationToken cancellation = default)
    {
        var code = request.Agency?.Trim();
        if (string.IsNullOrEmpty(code) || (visibleAgencies is not null && !visibleAgencies.Contains(code))
            || await agencies.FindAsync(code, cancellation) is not { } agency)
            return (null, Refusals.UnknownAgency(code ?? "") with { Kind = RefusalKind.NotFound });
        AnnualTableLayout? layout = null;
        if (request.Layout is not null && TableLayouts.TryGetByCode(request.Layout, out var chosen)) layout = chosen;
        else if (request.Layout is not null && unknownLayout == UnknownLayout.Refuse) return (null, UnknownFormat(request.Layout));
        var year = request.Year ?? clock.Today.Year;
        if (!IsReportYear(year)) return (null, InvalidYear());
        IReadOnlyCollection<string> codes = request.Tree
            ? [.. (await agencies.SubtreeOf(agency.Code, cancellation)).Where(c => visibleAgencies is null || visibleAgencies.Contains(c))]
            : [agency.Code];
        return (new ReportScope(agency.Code, agency.Name, year, (layout ?? TableLayouts.ForYear(year)).Code, request.Tree, codes), null);
    }

    /// <summary>Tables 三 and 四 of the scope as the annual projection holds them now.</summary>
    public Task<RenderedReport> RenderAsync(ReportScope scope, CancellationToken cancellation = default) =>
        new AnnualTableReader(session).RenderAsync(scope.Agencies, scope.Heading, scope.Year, scope.Layout, cancellation);

    /// <summary>The tables with the applications behind every cell (the cell page's drill-down, ADR 0024): slower than
    /// <see cref="RenderAsync"/>, which serves counts only.</summary>
    public Task<RenderedReport> RenderWithDrillDownAsync(ReportScope scope, CancellationToken cancellation = default) =>
        new AnnualTableReader(session).RenderWithDrillDownAsync(scope.Agencies, scope.Heading, scope.Year, scope.Layout, cancellation);

    /// <summary>Tables 三 and 四 of the scope replayed from the events recorded up to <paramref name="asOf"/> (legal review).</summary>
    public async Task<(RenderedReport Report, AnnualTablesAsOf Tables)> RenderAsOfAsync(ReportScope scope, DateTimeOffset asOf,
        CancellationToken cancellation = default)
    {
        var tables = await legalReview.AnnualTablesAsOfAsync(scope.Agencies, scope.Year, asOf, cancellation);
        return (tables.Render(scope.Heading, scope.Layout), tables);
    }

    /// <summary>The 依申请公开 part of the scope: its figures, topics and fees, from the same tables.</summary>
    public Task<ApplicationSection> SectionAsync(ReportScope scope, CancellationToken cancellation = default) =>
        new ApplicationSectionReader(session).LoadAsync(scope.Agencies, scope.Heading, scope.Year, scope.Layout, cancellation);

    /// <summary>The paragraph of a section in the wording in force.</summary>
    public Task<SectionNarrativeText> NarrativeAsync(ApplicationSection section, CancellationToken cancellation = default) =>
        new ApplicationSectionReader(session).NarrativeAsync(section, cancellation);

    /// <summary>The 依申请公开 part as a document (paragraph, tables, fees) for the DOCX and printable HTML.</summary>
    public async Task<SectionDocument> SectionDocumentAsync(ReportScope scope, CancellationToken cancellation = default)
    {
        var section = await SectionAsync(scope, cancellation);
        return SectionDocument.Build(section, await NarrativeAsync(section, cancellation));
    }

    /// <summary>The year's publication in force and every cell changed since (A16); one agency's, never a subtree's.</summary>
    public Task<PublicationStatus> PublicationAsync(string agency, int year, CancellationToken cancellation = default) =>
        new PublicationStatusReader(session).LoadAsync(agency, year, cancellation);

    /// <summary>
    /// The part of one agency's year as it was published (its frozen tables, paragraph and fee statement), or why there is
    /// none (not published; published before the text was frozen): both <see cref="RefusalKind.NotFound"/>.
    /// </summary>
    public async Task<(SectionDocument? Document, AnnualReportPublished? Publication, Refusal? Refusal)> PublishedSectionAsync(
        string agency, int year, string agencyName, CancellationToken cancellation = default)
    {
        var publication = await new PublicationStatusReader(session).LatestAsync(agency, year, cancellation);
        if (publication is null)
            return (null, null, Refusals.Invalid("report.not-published", $"{year}年度年报尚未发布。", $"The {year} report has not been published.") with { Kind = RefusalKind.NotFound });
        var document = SectionDocument.AsPublished(publication, agencyName);
        return document is null
            ? (null, publication, Refusals.Invalid("report.published-without-text", "该年度年报发布时尚未保存依申请公开部分的文字，只保存了统计表。",
                "This year was published before the text of the part was frozen with the tables.") with { Kind = RefusalKind.NotFound })
            : (document, publication, null);
    }

    /// <summary>
    /// Publishes a year (A16). Waiting for the annual figures to count what was just recorded happens here, before the
    /// command and outside its transaction; the handler itself only checks, and refuses with a retryable refusal when the
    /// figures are still behind (ADR 0028).
    /// </summary>
    public async Task<PublicationResult> PublishAsync(string agency, int year, string? layout, string actor, CancellationToken cancellation = default)
    {
        try
        {
            await ProjectionCatchUp.WaitAsync(store, PublicationCatchUp);
        }
        catch (TimeoutException)
        {
            // The handler refuses with publication.projection-behind; nothing more to do here.
        }
        return await bus.InvokeAsync<PublicationResult>(new PublishAnnualReport(agency, year, layout, actor), cancellation);
    }

    /// <summary>
    /// A rendered report as a file: <c>xlsx</c>, <c>csv</c>, <c>json</c> or <c>html</c> (a whole printable document);
    /// null for any other format (the terminal's text is <see cref="TextTableRenderer"/>'s). <paramref name="baseName"/> is the file name without extension.
    /// </summary>
    public static ReportFile? File(RenderedReport report, string format, string baseName) => format switch
    {
        "xlsx" => new(XlsxTableRenderer.Render(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{baseName}.xlsx"),
        "csv" => new(CsvTableRenderer.Render(report), "text/csv; charset=utf-8", $"{baseName}.csv"),
        "json" => new(Encoding.UTF8.GetBytes(JsonTableRenderer.Render(report)), "application/json; charset=utf-8", $"{baseName}.json"),
        "html" => new(Encoding.UTF8.GetBytes(HtmlTableRenderer.RenderDocument(report, null)), "text/html; charset=utf-8", $"{baseName}.html"),
        _ => null,
    };

    /// <summary>The 依申请公开 document as a file: <c>docx</c> or <c>html</c> (printable); null for any other format.</summary>
    public static ReportFile? SectionFile(SectionDocument document, string format, string baseName) => format switch
    {
        "docx" => new(SectionDocxRenderer.Render(document), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{baseName}.docx"),
        "html" => new(Encoding.UTF8.GetBytes(SectionHtmlRenderer.RenderDocument(document)), "text/html; charset=utf-8", $"{baseName}.html"),
        _ => null,
    };
}
