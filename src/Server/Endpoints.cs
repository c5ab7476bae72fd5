using Marten.Events.Daemon.Coordination;
using Server.Api;
using Server.Database;
using Server.Notices;
using Server.Pages;

namespace Server;

public static class Endpoints
{
    public static WebApplication MapWorkflowEndpoints(this WebApplication app)
    {
        app.MapGet("/health", Health).AllowAnonymous();
        // Signed-in staff only: an anonymous visitor is redirected to /signin.
        app.MapStaffPages(); // web UI: /, /worklist, /applications/..., /reports
        app.MapApplicationApi();
        app.MapLegalReviewApi();
        app.MapReportApi();
        app.MapSectionApi(); // 依申请公开部分 and topic lists
        app.MapNoticePages();
        // The OpenAPI document of the JSON API (/openapi/v1.json) describes no data: readable without signing in.
        app.MapOpenApi().AllowAnonymous();
        return app;
    }

    private static async Task<IResult> Health(IProjectionCoordinator coordinator, WorkflowDatabase database, CancellationToken cancellation)
    {
        var report = await HealthReport.CheckAsync(coordinator, database, cancellation);
        return Results.Json(report, statusCode: report.Healthy ? 200 : 503);
    }
}
