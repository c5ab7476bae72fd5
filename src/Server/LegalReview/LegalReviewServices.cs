using Marten;
using Projections.Integrity;
using Projections.LegalReview;

namespace Server.LegalReview;

public static class LegalReviewServices
{
    /// <summary>The services of legal review and integrity (history, findings, as-of, case file, chain verification).</summary>
    public static IServiceCollection AddLegalReview(this IServiceCollection services)
    {
        services.AddSingleton<IConfigureMarten, EventTimestampsFromTimeProvider>();
        services.AddSingleton<IConfigureMarten, IntegrityCheckRecordStorage>();
        services.AddSingleton<IntegrityVerifier>();
        services.AddSingleton<ChainDigestPublisher>();
        services.AddScoped<LegalReviewReader>();
        services.AddSingleton<ChromiumPdfPrinter>();
        services.AddHostedService<ChainDigestSchedule>();
        return services;
    }
}

/// <summary>
/// Marten stamps events with the time of <c>Events.TimeProvider</c> (QuickWithServerTimestamps takes it from the
/// application). Using the host's <see cref="TimeProvider"/> makes record times testable and keeps one notion of "now".
/// </summary>
public sealed class EventTimestampsFromTimeProvider(TimeProvider time) : IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options) => options.Events.TimeProvider = time;
}

/// <summary>
/// Publishes a chain digest periodically (configuration <c>Integrity:DigestIntervalHours</c>, default 24; 0 turns it
/// off). Runs on the wall clock, not the business clock: it is operations, not a statutory step.
/// </summary>
public sealed class ChainDigestSchedule(IServiceProvider services, IConfiguration configuration, ILogger<ChainDigestSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hours = configuration.GetValue<double?>("Integrity:DigestIntervalHours") ?? 24;
        if (hours <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromHours(hours));
        try
        {
            await PublishOnEveryTickAsync(timer, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: nothing to finish.
        }
    }

    private async Task PublishOnEveryTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var digest = await services.GetRequiredService<ChainDigestPublisher>().PublishAsync(stoppingToken);
                logger.LogInformation("Chain digest {Id} published over {Streams} streams: {Hash}", digest.Id, digest.Leaves.Count, digest.Hash);
            }
            catch (Workflow.Applications.CommandRefusedException refused)
            {
                // Another process published the same sequence first: its digest covers the same heads.
                logger.LogInformation("Chain digest not published: {Reason}", refused.Refusal.English);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Publishing the chain digest failed");
            }
        }
    }
}
