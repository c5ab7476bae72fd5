using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Server.Accounts;

/// <summary>The per-request nonce that lets a page carry an inline &lt;script&gt; or &lt;style&gt; under the Content-Security-Policy.</summary>
public static class CspNonce
{
    private const string Key = "csp-nonce";

    /// <summary>Use as <c>&lt;style nonce="@CspNonce.Of(context)"&gt;</c>.</summary>
    public static string Of(HttpContext context)
    {
        if (context.Items[Key] is string nonce) return nonce;
        // base64url: CSP allows "-" and "_", and no page encodes them ("+" and "/" would be written as &#x2B; by Razor,
        // which browsers read back, but a byte-for-byte check of the page would not).
        nonce = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
        context.Items[Key] = nonce;
        return nonce;
    }

    /// <summary>
    /// A complete document rendered elsewhere (case file, printable table) carries its own print stylesheet; under the
    /// Content-Security-Policy its <c>&lt;style&gt;</c> needs this request's nonce to apply.
    /// </summary>
    public static string AddToStyles(string document, HttpContext context) =>
        document.Replace("<style>", $"<style nonce=\"{System.Net.WebUtility.HtmlEncode(Of(context))}\">", StringComparison.Ordinal);
}

/// <summary>
/// Security headers on every response, errors included (added as the response starts, after any error handler has
/// cleared the headers): a strict Content-Security-Policy (no inline script or style without the request's nonce, no
/// framing), nosniff, DENY framing, no referrer across origins, no powerful browser features, and no caching of pages
/// shown to a signed-in user (they carry personal data).
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var nonce = CspNonce.Of(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // The API reference (Scalar, a third-party page with an inline start-up script and styles it injects) gets
            // inline script and style; it shows no personal data, and still loads and connects to this origin only.
            var inline = context.Request.Path.StartsWithSegments(Server.Api.ApiReference.Path) ? " 'unsafe-inline'" : $" 'nonce-{nonce}'";
            headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self'{inline}; style-src 'self'{inline}; img-src 'self' data:; " +
                "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
            if (context.User.Identity?.IsAuthenticated == true && !headers.ContainsKey("Cache-Control"))
                headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }
}

/// <summary>Anti-forgery for forms and for scripts that call the API with the cookie.</summary>
public static class AntiforgeryField
{
    /// <summary>The header a script sends with the token when it calls the API with the cookie (not needed with a bearer token).</summary>
    public const string HeaderName = "X-CSRF-TOKEN";

    /// <summary>The bare token, for a &lt;meta&gt; a script reads to set <see cref="HeaderName"/>.</summary>
    public static string Token(HttpContext context) =>
        context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken ?? "";
}

/// <summary>
/// A page's form posted with a missing or stale anti-forgery token (a page left open across a sign-out, a copy of an old
/// form): Razor components answer 400 with nothing but a content type, which the status-code pages leave alone, so the
/// clerk saw a blank page. It is now the Chinese page that says what to do. Nothing was done: the endpoint refused before
/// binding the form.
/// </summary>
public sealed class ExpiredFormPage(RequestDelegate next)
{
    public const string Message = "页面已过期或表单无效，本次提交未保存。请刷新页面后重新填写提交。";

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status400BadRequest && !context.Response.HasStarted
            && !StaffErrorPages.IsApi(context) && HttpMethods.IsPost(context.Request.Method)
            && context.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(await Components.Plain.PlainPages.MessageAsync(context, Message,
                ["如需帮助，请联系系统管理员，并提供以下编号："], code: StaffErrorPages.CorrelationId(context)));
        }
    }
}

/// <summary>
/// Errors never show a stack trace: HTML gets a Chinese page, <c>/api</c> gets ProblemDetails JSON; both carry a
/// correlation id, and the English detail with the exception goes to the log under the same id.
/// </summary>
public static partial class StaffErrorPages
{
    public static WebApplication UseStaffErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteUnhandledAsync,
            // A value that does not bind is the client's mistake: logged once, as information, by WriteUnhandledAsync.
            SuppressDiagnosticsCallback = handled => handled.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages(context => WriteStatusAsync(context.HttpContext));
        return app;
    }

    public static string CorrelationId(HttpContext context) => Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    private static async Task WriteUnhandledAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var correlation = CorrelationId(context);
        if (exception is BadHttpRequestException badRequest)
        {
            // The client's mistake, not the app's: said to the client, logged as information.
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Server.Errors").LogInformation(
                "Bad request {CorrelationId} on {Method} {Path}: {Reason}", correlation, context.Request.Method,
                context.Request.Path.Value, badRequest.Message);
            await WriteBadRequestAsync(context, badRequest, correlation);
            return;
        }
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Server.Errors").LogError(exception,
            "Unhandled error {CorrelationId} on {Method} {Path} for {UserName}", correlation, context.Request.Method,
            context.Request.Path.Value, context.User.Identity?.Name ?? "(anonymous)");
        var status = StatusCodes.Status500InternalServerError;
        if (Workflow.Applications.DatabaseOutage.IsOutage(exception))
        {
            // The database is down or restarting (docs/adr/0004, supervision): nothing was stored, the same request may be sent again.
            status = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = Api.ApiResults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        context.Response.StatusCode = status;
        await WriteAsync(context, status, correlation);
    }

    /// <summary>
    /// A value the endpoint could not bind, named: <c>Failed to bind parameter "bool? tree" from "x".</c> becomes
    /// “参数 tree 的取值“x”无效。” with the English reason and the field, in the refusal shape for the API.
    /// </summary>
    private static async Task WriteBadRequestAsync(HttpContext context, BadHttpRequestException badRequest, string correlation)
    {
        var status = badRequest.StatusCode;
        context.Response.StatusCode = status;
        var binding = UnboundParameter().Match(badRequest.Message);
        var field = binding.Success ? binding.Groups["name"].Value : null;
        var chinese = binding.Success ? $"参数 {field} 的取值“{binding.Groups["value"].Value}”无效。" : Describe(status).Chinese;
        if (IsApi(context))
        {
            var code = binding.Success ? "request.invalid-parameter" : CodeOf(status);
            await Results.Json(new { type = $"urn:workflow:refusal:{code}", code, title = chinese, detail = badRequest.Message, status, field, correlationId = correlation },
                statusCode: status, contentType: "application/problem+json").ExecuteAsync(context);
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(await Components.Plain.PlainPages.MessageAsync(context, chinese,
            ["如需帮助，请联系系统管理员，并提供以下编号："], code: correlation));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"[^\"]*? (?<name>[A-Za-z_][A-Za-z0-9_]*)\" from \"(?<value>[^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex UnboundParameter();

    private static Task WriteStatusAsync(HttpContext context) =>
        WriteAsync(context, context.Response.StatusCode, CorrelationId(context));

    private static async Task WriteAsync(HttpContext context, int status, string correlation)
    {
        var (chinese, english) = Describe(status);
        if (IsApi(context))
        {
            // The one error shape: code, Chinese title, English detail (as every refusal).
            var problem = new ProblemDetails { Status = status, Title = chinese, Detail = english };
            problem.Extensions["code"] = CodeOf(status);
            problem.Extensions["correlationId"] = correlation;
            await Results.Problem(problem).ExecuteAsync(context);
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(await Components.Plain.PlainPages.MessageAsync(context, chinese,
            ["如需帮助，请联系系统管理员，并提供以下编号："], code: correlation));
    }

    private static string CodeOf(int status) => status switch
    {
        401 => "auth.required",
        403 => "auth.forbidden",
        404 => "http.not-found",
        429 => "http.too-many-requests",
        503 => "service.unavailable",
        >= 500 => "server.error",
        _ => $"http.{status}",
    };

    private static (string Chinese, string English) Describe(int status) => status switch
    {
        503 => ("数据库暂时无法连接，本次操作未保存，请稍后重试。", "The database is unreachable; nothing was stored. Retry later."),
        400 => ("请求无效，请返回后重试。", "Bad request."),
        401 => ("请先登录。", "Authentication required."),
        403 => ("您没有权限进行此操作。", "Forbidden."),
        404 => ("未找到您要访问的页面或记录。", "Not found."),
        405 => ("不支持此操作。", "Method not allowed."),
        409 => ("该记录已被他人更新，请刷新后重试。", "Conflict."),
        429 => ("操作过于频繁，请稍后再试。", "Too many requests."),
        >= 500 => ("系统发生错误，请稍后再试。", "Internal server error."),
        _ => ("请求未能完成。", "The request could not be completed."),
    };
}
