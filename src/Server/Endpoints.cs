using Marten.Events.Daemon.Coordination;
using Server.Database;

namespace Server;

public static class Endpoints
{
    public static WebApplication MapWorkflowEndpoints(this WebApplication app)
    {
        app.MapGet("/health", Health);
        Server.Api.LegalReviewApi.MapLegalReviewApi(app);
        app.MapGet("/", () => Results.Content("<!doctype html><meta charset=utf-8><title>依申请公开办理系统</title><h1>依申请公开办理系统</h1>", "text/html; charset=utf-8"));
        return app;
    }

    private static async Task<IResult> Health(IProjectionCoordinator coordinator, WorkflowDatabase database, CancellationToken cancellation)
    {
        var report = await HealthReport.CheckAsync(coordinator, database, cancellation);
        return Results.Json(report, statusCode: report.Healthy ? 200 : 503);
    }
}
