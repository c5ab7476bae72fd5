using Marten.Events.Daemon.Coordination;
using Server.Api;
using Server.Database;
using Server.Notices;
using Server.Pages;
using Scalar.AspNetCore;

namespace Server;

public static class Endpoints
{
    public static WebApplication MapWorkflowEndpoints(this WebApplication app)
    {
        // The calendar in force follows changes recorded by other processes (the calendar command): ADR 0018.
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/health"))
                await context.RequestServices.GetRequiredService<Workflow.Calendar.CalendarInForce>()
                .RefreshAsync(context.RequestServices.GetRequiredService<Marten.IDocumentStore>(), cancellation: context.RequestAborted);
            await next(context);
        });
        app.MapGet("/health", Health).AllowAnonymous();
        // Signed-in staff only: an anonymous visitor is redirected to /signin.
        app.MapStaffPages(); // web UI: /, /worklist, /applications/..., /reports
        app.MapApplicationApi();
        app.MapLegalReviewApi();
        app.MapReportApi();
        Server.Calendar.CalendarApi.MapCalendarApi(app);
        app.MapSectionApi(); // 依申请公开部分 and topic lists
        app.MapNoticePages();
        // The OpenAPI document of the JSON API (/openapi/v1.json) describes no data: readable without signing in.
        app.MapOpenApi().AllowAnonymous();
        // A readable reference of that document (Scalar): its script is served from the app, the CDN fonts are off.
        app.MapScalarApiReference(ApiReference.Path, ApiReference.Configure).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> Health(HttpContext context, IProjectionCoordinator coordinator,
        WorkflowDatabase database, CancellationToken cancellation)
    {
        var report = await HealthReport.CheckAsync(coordinator, database, cancellation);
        var status = report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        if (!report.Healthy) context.Response.Headers.RetryAfter = ApiResults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The details (server address, version, data folder, the problem) are for administrators only.
        var administrator = context.User.Identity?.IsAuthenticated == true
                            && context.RequestServices.GetRequiredService<Server.Accounts.ICurrentStaff>().Roles.Contains(Server.Accounts.StaffRole.Administrator);
        return administrator
            ? Results.Json(report, statusCode: status)
            : Results.Json(new { status = report.Status }, statusCode: status);
    }
}
