using System.Diagnostics;
using System.Globalization;

namespace Server;

/// <summary>
/// <c>Server-Timing: app;dur=…</c> on every response: the milliseconds from the request entering the pipeline to its
/// response starting (the whole handling of a page or an API call, which writes its body once it is rendered). Browsers
/// show it in their developer tools; bench/Commands.Bench reads it to report server time beside client time (issue 16's
/// page goal is server time). It carries one duration, nothing about the data.
/// </summary>
public sealed class ServerTiming(RequestDelegate next)
{
    public const string HeaderName = "Server-Timing";

    public Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = string.Create(CultureInfo.InvariantCulture,
                $"app;dur={Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0}");
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>The <c>app</c> duration of a <c>Server-Timing</c> header value, or null.</summary>
    public static double? Parse(string? header)
    {
        if (header is null) return null;
        foreach (var metric in header.Split(','))
        {
            var parts = metric.Split(';', StringSplitOptions.TrimEntries);
            if (parts[0] != "app") continue;
            foreach (var parameter in parts.Skip(1))
                if (parameter.StartsWith("dur=", StringComparison.Ordinal)
                    && double.TryParse(parameter.AsSpan(4), NumberStyles.Float, CultureInfo.InvariantCulture, out var duration))
                    return duration;
        }
        return null;
    }
}
