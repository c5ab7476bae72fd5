using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Projections.Cases;
using Server.Accounts;
using Server.Cases;
using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Vocabulary;

namespace Server.Notices;

/// <summary>
/// The printable notices of a case: <c>GET /applications/{id}/notices/{kind}</c> previews (or reprints) one, and
/// <c>POST</c> to the same address issues it through the <see cref="IssueNotice"/> command, which gives it its document
/// number. An application of an agency the user cannot see is 404, like everywhere else.
/// </summary>
public static class NoticePages
{
    public static string PathOf(Guid applicationId, NoticeKind kind) => $"/applications/{applicationId}/notices/{NoticeKinds.SlugOf(kind)}";

    public static IEndpointRouteBuilder MapNoticePages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/applications/{id:guid}/notices/{kind}", Preview).ExcludeFromDescription();
        app.MapPost("/applications/{id:guid}/notices/{kind}", Issue).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> Preview(Guid id, string kind, HttpContext context, ApplicationAccess access, CancellationToken cancellation)
    {
        var file = await access.LoadVisibleAsync(id, cancellation);
        if (file is null || !NoticeKinds.TryParseSlug(kind, out var noticeKind)) return Results.NotFound();
        return await RenderAsync(context, file, noticeKind, StatusCodes.Status200OK, null, cancellation);
    }

    private static async Task<IResult> Issue(Guid id, string kind, HttpContext context, ApplicationAccess access, ICurrentStaff staff,
        ApplicationCommandBus commands, IAntiforgery antiforgery, DecisionContextSource today, CancellationToken cancellation)
    {
        // A form posted with the staff cookie must carry the anti-forgery token; a bearer-token client cannot be forged.
        if (!StaffSchemes.HasBearerToken(context.Request) && !await antiforgery.IsRequestValidAsync(context))
            return Results.BadRequest();
        var file = await access.LoadVisibleAsync(id, cancellation);
        if (file is null || !NoticeKinds.TryParseSlug(kind, out var noticeKind)) return Results.NotFound();
        if (!context.Request.HasFormContentType)
            return await RenderAsync(context, file, noticeKind, StatusCodes.Status400BadRequest,
                Refusals.Invalid("payload.content-type", "请通过页面表单提交。", "Post the page's form."), cancellation);

        var form = await context.Request.ReadFormAsync(cancellation);
        var (command, invalid) = ReadForm(form, id, noticeKind, staff.UserName, today.Today);
        if (invalid is not null)
            return await RenderAsync(context, file, noticeKind, StatusCodes.Status400BadRequest, invalid, cancellation);
        if (await access.CheckAsync(command!, cancellation) is { } denial)
        {
            return denial.StatusCode == StatusCodes.Status404NotFound
                ? Results.NotFound()
                : await RenderAsync(context, file, noticeKind, denial.StatusCode, denial.Refusal, cancellation);
        }
        var outcome = await commands.SendAsync(command!, cancellation);
        if (!outcome.Succeeded)
        {
            var current = await access.LoadVisibleAsync(id, cancellation) ?? file;
            return await RenderAsync(context, current, noticeKind, Api.ApiResults.StatusOf(outcome.Refusal!), outcome.Refusal, cancellation);
        }
        return Results.Redirect(PathOf(id, noticeKind), permanent: false, preserveMethod: false);
    }

    /// <summary>Reads the issue form: version (the case version the user saw), issuedOn (yyyy-MM-dd, default today), sentBy.</summary>
    internal static (IssueNotice? Command, Refusal? Refusal) ReadForm(IFormCollection form, Guid id, NoticeKind kind, string actor, DateOnly today)
    {
        if (!int.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return (null, Refusals.Required("案卷版本", "version"));
        var issuedText = form["issuedOn"].ToString();
        var issuedOn = today;
        if (issuedText.Length > 0 && !DateOnly.TryParseExact(issuedText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out issuedOn))
            return (null, Refusals.Invalid("field.date-format", "发出日期的格式应为 yyyy-MM-dd。", "issuedOn must be yyyy-MM-dd."));
        var sentByText = form["sentBy"].ToString();
        if (!Enum.GetNames<ServiceMethod>().Contains(sentByText, StringComparer.Ordinal))
            return (null, Refusals.Invalid("field.unknown-value", $"“{ChineseTerms.Field.ServiceMethod}”的取值无效。", "Unknown value for 'sentBy'."));
        return (new IssueNotice(id, version, kind, issuedOn, Enum.Parse<ServiceMethod>(sentByText), actor), null);
    }

    private static async Task<IResult> RenderAsync(HttpContext context, ApplicationFile file, NoticeKind kind, int status, Refusal? error,
        CancellationToken cancellation)
    {
        var services = context.RequestServices;
        var agency = await services.GetRequiredService<AgencyDirectory>().FindAsync(file.AgencyCode, cancellation);
        var reader = services.GetRequiredService<CaseReader>();
        var (history, state) = await reader.HistoryAndWriteModelAsync(file.Id, cancellation);
        if (state is null) return Results.NotFound();
        var today = services.GetRequiredService<DecisionContextSource>().Today;
        var (sheet, refusal) = NoticeSheets.Build(kind, file, state, agency?.Name ?? file.AgencyCode, history,
            services.GetRequiredService<DecisionContextSource>().CalendarFor(file.AgencyCode), today);
        if (sheet is null)
        {
            var page = await Components.Plain.PlainPages.MessageAsync(context, ChineseTerms.Of(kind), [file.RegistrationNumber], error: refusal!.Chinese);
            return Results.Content(page, "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }
        var staff = services.GetRequiredService<ICurrentStaff>();
        var controls = new NoticeControlsModel(error, today, CommandPermissions.MaySend<IssueNotice>(staff),
            services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context));
        return new RazorComponentResult<Components.Notices.NoticeDocument>(new Dictionary<string, object?>
        {
            [nameof(Components.Notices.NoticeDocument.Sheet)] = sheet,
            [nameof(Components.Notices.NoticeDocument.StyleNonce)] = CspNonce.Of(context),
            [nameof(Components.Notices.NoticeDocument.Controls)] = controls,
        })
        { StatusCode = status };
    }

}
