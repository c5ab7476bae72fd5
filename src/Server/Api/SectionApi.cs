using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Projections.Annual.Section;
using Server.Accounts;
using Server.Reports;
using Workflow.Applications;
using Workflow.Topics;

namespace Server.Api;

/// <summary>
/// The 依申请公开 part of the annual report (paragraph, figures, topics, fees; DOCX and printable HTML) and the
/// agencies' topic lists (申请内容分类). New routes beside the report API; the existing report routes are unchanged.
/// </summary>
public static class SectionApi
{
    public sealed record NarrativeEdit(string Template);

    public sealed record TopicChange(string Name);

    public static IEndpointRouteBuilder MapSectionApi(this IEndpointRouteBuilder app)
    {
        var section = app.MapGroup("/api/reports/{agency}/{year:int}/section").RequireAuthorization().WithTags("年报");
        section.MapGet("/", Get).WithName("GetApplicationSection")
            .WithSummary("依申请公开部分 / The paragraph, its figures with drill-down, topics and fees; ?format=&tree=&download=docx|html; ?published=true: the part as published");
        section.MapPut("/narrative", Edit).WithName("EditApplicationNarrative")
            .WithSummary("修改段落文字 / Save staff's wording (placeholders such as {received} keep the figures linked)");
        section.MapDelete("/narrative", Reset).WithName("ResetApplicationNarrative")
            .WithSummary("恢复生成的段落 / Go back to the generated wording (recorded)");

        var topics = app.MapGroup("/api/agencies/{agency}/topics").RequireAuthorization().WithTags("申请内容分类");
        topics.MapGet("/", ListTopics).WithName("ListTopics").WithSummary("分类列表 / The agency's topics, retired ones included");
        topics.MapPost("/", AddTopic).WithName("AddTopic").WithSummary("新增分类 / Add a topic (管理员)");
        topics.MapPost("/retire", RetireTopic).WithName("RetireTopic").WithSummary("停用分类 / Retire a topic, kept for history (管理员)");
        return app;
    }

    /// <summary>The section for the request, or the refusal: unknown or invisible agency, bad year or format.</summary>
    public static async Task<(ApplicationSection? Section, Refusal? Refusal)> LoadAsync(string agency, int year, string? format, bool? tree,
        ICurrentStaff staff, AnnualReportPipeline pipeline, CancellationToken cancellation)
    {
        if (!staff.VisibleAgencies.Contains(agency)) return (null, ReportApi.AgencyNotFound(agency));
        var (scope, refusal) = await pipeline.ScopeAsync(new ReportRequest(agency, year, format, tree == true), staff.VisibleAgencies,
            UnknownLayout.Refuse, cancellation);
        return refusal is not null ? (null, refusal) : (await pipeline.SectionAsync(scope!, cancellation), null);
    }

    private static async Task<IResult> Get(string agency, int year, string? format, bool? tree, string? download, bool? published,
        ICurrentStaff staff, AnnualReportPipeline pipeline, HttpContext http, CancellationToken cancellation)
    {
        var (section, refusal) = await LoadAsync(agency, year, format, tree, staff, pipeline, cancellation);
        if (refusal is not null) return ApiResults.Refused(refusal);
        if (published == true)
        {
            var (frozen, publication, notPublished) = await pipeline.PublishedSectionAsync(agency, year, section!.Report.AgencyName, cancellation);
            if (notPublished is not null) return ApiResults.Refused(notPublished);
            return download switch
            {
                null => Results.Ok(new { agency, year, publishedOn = publication!.PublishedOn, layout = publication.Layout, paragraph = publication.Paragraph, feeStatement = publication.FeeStatement }),
                _ => Download(frozen!, download, $"{agency}-{year}-依申请公开-发布稿", http),
            };
        }
        var narrative = await pipeline.NarrativeAsync(section!, cancellation);
        var document = SectionDocument.Build(section!, narrative);
        var file = $"{agency}-{year}-依申请公开";
        return download switch
        {
            null => Results.Ok(new
            {
                agency, year, layout = section!.Report.LayoutCode, paragraph = narrative.Text, template = narrative.Template,
                edited = narrative.Edited, lastEdit = narrative.LastEdit, defaultTemplate = narrative.DefaultTemplate,
                feeStatement = SectionDocument.FeeStatement(section),
                fees = section.Fees,
                topics = section.Topics,
                figures = section.Figures.Values.Select(f => new { f.Name, f.Label, f.Value, f.Text, f.CellKeys, ids = f.Ids }),
            }),
            _ => Download(document, download, file, http),
        };
    }

    /// <summary>The DOCX or printable HTML of a section document.</summary>
    public static IResult Download(SectionDocument document, string download, string file, HttpContext http) =>
        AnnualReportPipeline.SectionFile(document, download, file) is { } found
            ? ReportResults.Of(found, http)
            : ApiResults.Refused(Refusals.Invalid("report.download", "下载格式应为 docx 或 html。", "download must be docx or html."));

    private static bool MayEditNarrative(ICurrentStaff staff) =>
        staff.Roles.Contains(StaffRole.Approver) || staff.Roles.Contains(StaffRole.CaseHandler);

    private static async Task<IResult> Edit(string agency, int year, string? format, bool? tree, HttpRequest request,
        ICurrentStaff staff, AnnualReportPipeline pipeline, IDocumentStore store, TimeProvider time, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var (section, refusal) = await LoadAsync(agency, year, format, tree, staff, pipeline, cancellation);
        if (refusal is not null) return ApiResults.Refused(refusal);
        if (!MayEditNarrative(staff)) return ApiResults.Forbidden();
        var (edit, invalid) = await ReadAsync<NarrativeEdit>(request, cancellation);
        if (invalid is not null) return ApiResults.Refused(invalid);
        var refused = await ApplicationSectionReader.SaveEditAsync(session, section!, edit!.Template, staff.UserName, time.GetUtcNow(), cancellation);
        if (refused is not null) return ApiResults.Refused(refused);
        return Results.Ok(new { paragraph = SectionNarrative.Render(edit.Template.Trim(), section!), template = edit.Template.Trim() });
    }

    private static async Task<IResult> Reset(string agency, int year, string? format, bool? tree, ICurrentStaff staff,
        AnnualReportPipeline pipeline, IDocumentStore store, TimeProvider time, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var (section, refusal) = await LoadAsync(agency, year, format, tree, staff, pipeline, cancellation);
        if (refusal is not null) return ApiResults.Refused(refusal);
        if (!MayEditNarrative(staff)) return ApiResults.Forbidden();
        var busy = await ApplicationSectionReader.ResetAsync(session, section!, staff.UserName, time.GetUtcNow(), cancellation);
        return busy is not null ? ApiResults.Refused(busy) : Results.NoContent();
    }

    private static async Task<IResult> ListTopics(string agency, ICurrentStaff staff, TopicCatalog catalog, CancellationToken cancellation)
    {
        if (!staff.VisibleAgencies.Contains(agency)) return ApiResults.Refused(ReportApi.AgencyNotFound(agency));
        return Results.Ok((await catalog.ForAgencyAsync(agency, cancellation)).Topics);
    }

    private static Task<IResult> AddTopic(string agency, HttpRequest request, ICurrentStaff staff, TopicCatalog catalog,
        CancellationToken cancellation) =>
        ChangeTopicAsync(agency, request, staff, (name, actor) => catalog.AddAsync(agency, name, actor, cancellation), cancellation);

    private static Task<IResult> RetireTopic(string agency, HttpRequest request, ICurrentStaff staff, TopicCatalog catalog,
        CancellationToken cancellation) =>
        ChangeTopicAsync(agency, request, staff, (name, actor) => catalog.RetireAsync(agency, name, actor, cancellation), cancellation);

    private static async Task<IResult> ChangeTopicAsync(string agency, HttpRequest request, ICurrentStaff staff,
        Func<string, string, Task<(AgencyTopicList? List, Refusal? Refusal)>> change, CancellationToken cancellation)
    {
        if (!staff.VisibleAgencies.Contains(agency)) return ApiResults.Refused(ReportApi.AgencyNotFound(agency));
        if (!staff.Roles.Contains(StaffRole.Administrator)) return ApiResults.Forbidden();
        var (body, invalid) = await ReadAsync<TopicChange>(request, cancellation);
        if (invalid is not null) return ApiResults.Refused(invalid);
        var (list, refusal) = await change(body!.Name, staff.UserName);
        return refusal is not null ? ApiResults.Refused(refusal) : Results.Ok(list!.Topics);
    }

    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// The body through the product's one JSON gate (<see cref="StrictJson"/>: duplicate keys, NUL, control and bidi
    /// characters refused naming the field), then bound to <typeparamref name="T"/>.
    /// </summary>
    private static async Task<(T? Value, Refusal? Refusal)> ReadAsync<T>(HttpRequest request, CancellationToken cancellation) where T : class
    {
        var (json, refusal) = await JsonRequestBody.ReadAsync(request, MaxBodyBytes, cancellation);
        if (refusal is not null) return (null, refusal);
        if (json is not JsonObject)
            return (null, Refusals.Invalid("payload.not-object", "请求内容应为 JSON 对象。", "The request body must be a JSON object."));
        try
        {
            var value = json.Deserialize<T>(ApplicationSteps.Json);
            return value is null
                ? (null, Refusals.Invalid("payload.not-object", "请求内容应为 JSON 对象。", "The request body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, Refusals.Invalid("payload.malformed", "请求内容格式有误：缺少必填项或类型不符。", $"Malformed payload: {exception.Message}"));
        }
    }
}
