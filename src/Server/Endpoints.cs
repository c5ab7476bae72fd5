using Marten.Events.Daemon.Coordination;
using Server.Api;
using Server.Database;
using Server.Notices;

namespace Server;

public static class Endpoints
{
    public static WebApplication MapWorkflowEndpoints(this WebApplication app)
    {
        app.MapGet("/health", Health).AllowAnonymous();
        // Signed-in staff only: an anonymous visitor is redirected to /signin.
        app.MapGet("/", () => Results.Content("<!doctype html><meta charset=utf-8><title>依申请公开办理系统</title><h1>依申请公开办理系统</h1><p><a href=\"/signout\">退出登录</a></p>", "text/html; charset=utf-8"));
        app.MapApplicationApi();
        app.MapLegalReviewApi();
        app.MapReportApi();
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
