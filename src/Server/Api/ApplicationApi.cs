using System.Text.Json.Nodes;
using Marten;
using Server.Accounts;
using Server.Api.Steps;
using Server.Cases;
using Workflow.Applications;

namespace Server.Api;

/// <summary>
/// The JSON API for a government portal and other integrations: the same commands as the web UI, through the same
/// <see cref="ApplicationCommandBus"/>. The actor is always the signed-in user.
/// </summary>
public static class ApplicationApi
{
    public static RouteGroupBuilder MapApplicationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/applications").RequireAuthorization().WithTags("依申请公开");

        api.MapPost("/", Register).WithName("RegisterApplication")
            .WithSummary("登记申请 / Register an application (idempotent with externalRequestId)");
        // One typed route per step (/api/applications/{id}/extension …), declared in Api/Steps/<Command>Endpoint.cs.
        api.MapStepEndpoints();
        // The generic route the README named first: kept as an alias of the typed routes (same reader, same checks).
        api.MapPost("/{id:guid}/steps/{step}", SendStepAsync).WithName("RecordStep")
            .WithSummary("办理步骤（通用） / Record any lifecycle step by name: an alias of the step's own route; the body carries the version you saw");
        api.MapGet("/{id:guid}", Get).WithName("GetApplication")
            .WithSummary("案卷 / The case file with its statutory clock");
        api.MapGet("/", List).WithName("ListApplications")
            .WithSummary("申请列表 / Applications visible to you, newest first");
        return api;
    }

    private static async Task<IResult> Register(HttpRequest request, ICurrentStaff staff, ApplicationAccess access,
        ApplicationCommandBus commands, CancellationToken cancellation)
    {
        var body = await ReadBodyAsync(request, cancellation);
        if (body.Refusal is not null) return ApiResults.Refused(body.Refusal);
        var (command, refusal) = ApplicationSteps.ReadRegistration(body.Json, staff.UserName);
        if (refusal is not null) return ApiResults.Refused(refusal);
        if (access.CheckRegistration(command!) is { } denial) return ApiResults.Denied(denial);

        var outcome = await commands.RegisterAsync(command!, cancellation);
        if (!outcome.Succeeded) return ApiResults.Refused(outcome.Refusal!);
        var result = outcome.Result!;
        access.Registered(result, command!);
        return result.AlreadyRegistered
            ? Results.Ok(result)
            : Results.Created($"/api/applications/{result.ApplicationId}", result);
    }

    /// <summary>Records one step: the typed routes and the <c>/steps/{step}</c> alias both come here.</summary>
    public static async Task<IResult> SendStepAsync(Guid id, string step, HttpRequest request, ICurrentStaff staff,
        ApplicationAccess access, ApplicationCommandBus commands, CancellationToken cancellation)
    {
        // Existence first: an application of another agency is 404 whatever the payload (no existence leak).
        if (!await access.IsVisibleAsync(id, cancellation)) return ApiResults.Refused(Refusals.NotFound());
        var body = await ReadBodyAsync(request, cancellation);
        if (body.Refusal is not null) return ApiResults.Refused(body.Refusal);
        var (command, refusal) = ApplicationSteps.Read(step, body.Json, id, staff.UserName);
        if (refusal is not null) return ApiResults.Refused(refusal);
        if (await access.CheckAsync(command!, cancellation) is { } denial) return ApiResults.Denied(denial);

        var outcome = await commands.SendAsync(command!, cancellation);
        return outcome.Succeeded
            ? Results.Ok(new StepResult(id, outcome.Application!.Version, outcome.Application.Status))
            : ApiResults.Refused(outcome.Refusal!);
    }

    private static async Task<IResult> Get(Guid id, ICurrentStaff staff, CaseReader cases, CancellationToken cancellation)
    {
        var view = await cases.LoadAsync(id, staff, cancellation);
        return view is null ? ApiResults.Refused(Refusals.NotFound()) : Results.Ok(view);
    }

    private static async Task<IResult> List(ApplicationAccess access, string? agency, bool? open, CancellationToken cancellation)
    {
        var query = access.VisibleFiles();
        if (agency is not null) query = query.Where(f => f.AgencyCode == agency);
        if (open == true) query = query.Where(f => f.Status != ApplicationStatus.Closed);
        if (open == false) query = query.Where(f => f.Status == ApplicationStatus.Closed);
        var files = await query.OrderByDescending(f => f.ReceivedOn).Take(500).ToListAsync(cancellation);
        return Results.Ok(files.Select(f => new
        {
            f.Id, f.RegistrationNumber, f.AgencyCode, f.ReceivedOn, f.Status, f.Closure, f.Row, version = f.StreamVersion,
        }));
    }

    private const int MaxBodyBytes = 256 * 1024;

    private static Task<(JsonNode? Json, Refusal? Refusal)> ReadBodyAsync(HttpRequest request, CancellationToken cancellation) =>
        JsonRequestBody.ReadAsync(request, MaxBodyBytes, cancellation);
}

/// <summary>How refusals look on the wire: a problem document with the stable code, the Chinese and the English message.</summary>
public static class ApiResults
{
    /// <summary>Seconds a client waits before sending an unavailable (503) request again.</summary>
    public const int RetryAfterSeconds = 2;

    public static IResult Refused(Refusal refusal)
    {
        var json = Results.Json(
            new { type = $"urn:workflow:refusal:{refusal.Code}", code = refusal.Code, title = refusal.Chinese, detail = refusal.English, status = StatusOf(refusal), field = refusal.Field },
            statusCode: StatusOf(refusal), contentType: "application/problem+json");
        return refusal.Kind == RefusalKind.Unavailable ? new RetryLater(json) : json;
    }

    /// <summary>A 503 refusal with the Retry-After header: nothing was stored, the same request may be sent again.</summary>
    private sealed class RetryLater(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }

    public static IResult Forbidden() => Denied(new AccessDenial(StatusCodes.Status403Forbidden, ApplicationAccess.NotYourRole));

    /// <summary>A 403 or 404 of the access check, in the same shape as every refusal (its <c>field</c> included).</summary>
    public static IResult Denied(AccessDenial denial) => Results.Json(
        new { type = $"urn:workflow:refusal:{denial.Refusal.Code}", code = denial.Refusal.Code, title = denial.Refusal.Chinese, detail = denial.Refusal.English, status = denial.StatusCode, field = denial.Refusal.Field },
        statusCode: denial.StatusCode, contentType: "application/problem+json");

    public static int StatusOf(Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };
}
