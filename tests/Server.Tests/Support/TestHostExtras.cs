using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Server.Tests.Support;

/// <summary>
/// Paths that throw, reached after the application's own pipeline finds no endpoint, so the application's error
/// handling is what the tests see: <c>/test/failure</c> (a page) and <c>/api/test/failure</c> (the API).
/// </summary>
public sealed class FailingEndpoints : IStartupFilter
{
    public const string Secret = "secret-detail-that-must-not-reach-users";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Use((context, following) => context.Request.Path.Value is "/test/failure" or "/api/test/failure"
            ? throw new InvalidOperationException($"Deliberate failure: {Secret}")
            : following(context));
    };
}

/// <summary>An in-memory logger provider: every formatted message and exception text, in order.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => [.. lines];

    public void Clear() => lines.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
