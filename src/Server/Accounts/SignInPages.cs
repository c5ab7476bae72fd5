using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Server.Components.Plain;
using Workflow.Applications;

namespace Server.Accounts;

public sealed class SignInForm
{
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
}

/// <summary>The Chinese sign-in and sign-out pages of the web UI (cookie), with anti-forgery on both forms.</summary>
public static class SignInPages
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    public const string AccessDeniedPath = "/forbidden";

    public static WebApplication MapSignInPages(this WebApplication app)
    {
        app.MapGet(SignInPath, (HttpContext context, string? returnUrl) => PageAsync(context, null, "", returnUrl)).AllowAnonymous();
        app.MapPost(SignInPath, SignInAsync).AllowAnonymous().DisableRequestTimeout();
        // Typed as Func so the endpoint executes the IResult (an async HttpContext lambda would bind as a RequestDelegate
        // and drop it).
        app.MapGet(SignOutPath, (Func<HttpContext, Task<IResult>>)(async context =>
            Results.Content(await PlainPages.SignOutAsync(context), "text/html; charset=utf-8"))).AllowAnonymous();
        app.MapPost(SignOutPath, async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
            // Server-side: the session is deleted, so the cookie stops working even where it was copied.
            await context.RequestServices.GetRequiredService<StaffSessionStore>()
                .EndAsync(context.User.FindFirst(StaffClaims.Session)?.Value, context.RequestAborted);
            await context.SignOutAsync(StaffSchemes.Cookie);
            return Results.Redirect(SignInPath);
        }).AllowAnonymous();
        app.MapGet(AccessDeniedPath, (Func<HttpContext, Task<IResult>>)(async context => Results.Content(await PlainPages.MessageAsync(context, "无权访问",
            ["您的角色不能进行此操作。如需权限，请联系本机关的系统管理员。"]), "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden)))
            .AllowAnonymous();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, [FromForm] SignInForm form, SignInGuard guard, StaffSessionStore sessions)
    {
        var outcome = await guard.SignInAsync(form.UserName, form.Password, SignInGuard.ClientOf(context), context.RequestAborted);
        if (!outcome.Succeeded) return await PageAsync(context, outcome.Refusal!.Chinese, form.UserName ?? "", form.ReturnUrl);
        var session = await sessions.OpenAsync(outcome.User!.UserName, context.RequestAborted);
        await context.SignInAsync(StaffSchemes.Cookie, StaffClaims.ForCookie(outcome.User!, session));
        return Results.Redirect(LocalOrHome(form.ReturnUrl));
    }

    /// <summary>Only a path on this site: never an open redirect to another host.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";

    private static async Task<IResult> PageAsync(HttpContext context, string? error, string userName, string? returnUrl) =>
        Results.Content(await PlainPages.SignInAsync(context, error, userName, LocalOrHome(returnUrl)), "text/html; charset=utf-8");
}

public sealed record TokenRequest(string? UserName, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>The current member of staff, as GET /api/me returns it.</summary>
public sealed record StaffProfile(
    string UserName, string DisplayName, string AgencyCode, string AgencyName,
    IReadOnlyList<StaffRole> Roles, IReadOnlyList<string> RoleNames, IReadOnlyList<string> VisibleAgencies);

/// <summary>Bearer tokens for the HTTP API (a government portal): issue, refresh, and who am I.</summary>
public static class TokenEndpoints
{
    public const string TokenPath = "/api/auth/token";
    public const string RefreshPath = "/api/auth/refresh";
    public const string MePath = "/api/me";

    public static WebApplication MapTokenEndpoints(this WebApplication app)
    {
        // The body is read by ReadTokenRequestAsync, not bound: no Accepts metadata either, which would make routing
        // answer another content type before the endpoint can refuse it in the product's shape.
        app.MapPost(TokenPath, IssueAsync).AllowAnonymous();
        app.MapPost(RefreshPath, RefreshAsync).AllowAnonymous();
        app.MapGet(MePath, MeAsync).RequireAuthorization(StaffPolicies.SignedIn);
        return app;
    }

    private static async Task<IResult> IssueAsync(SignInGuard guard, TimeProvider time, HttpContext context)
    {
        var (request, invalid) = await ReadTokenRequestAsync(context.Request, context.RequestAborted);
        if (invalid is not null) return Api.ApiResults.Refused(invalid);
        var outcome = await guard.SignInAsync(request!.UserName, request.Password, SignInGuard.ClientOf(context), context.RequestAborted);
        if (outcome.Succeeded) return TypedResults.SignIn(StaffClaims.ForSignIn(outcome.User!), authenticationScheme: StaffSchemes.Bearer);

        var refusal = outcome.Refusal!;
        if (outcome.LockedUntil is { } until)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling((until - time.GetUtcNow()).TotalSeconds)).ToString();
            return Problem(StatusCodes.Status429TooManyRequests, refusal.Code, refusal.English, refusal.Chinese);
        }
        if (refusal.Kind == RefusalKind.Unavailable) return Api.ApiResults.Refused(refusal);
        return Problem(StatusCodes.Status401Unauthorized, refusal.Code, refusal.English, refusal.Chinese);
    }

    private const int MaxTokenRequestBytes = 8 * 1024;

    /// <summary>
    /// The body of <see cref="TokenPath"/>: a JSON object (<c>application/json</c>) with <c>userName</c> and
    /// <c>password</c> as strings (names matched without regard to case, as before). It passes the product's one gate
    /// for JSON (<see cref="StrictJson"/>: no NUL, control or bidirectional character, no duplicated key); anything else
    /// is a 400 refusal naming the field, never a sign-in attempt.
    /// </summary>
    public static async Task<(TokenRequest? Request, Refusal? Refusal)> ReadTokenRequestAsync(HttpRequest request, CancellationToken cancellation)
    {
        var (json, refusal) = await Server.Api.JsonRequestBody.ReadAsync(request, MaxTokenRequestBytes, cancellation);
        if (refusal is not null) return (null, refusal);
        if (json is not System.Text.Json.Nodes.JsonObject fields)
            return (null, Refusals.Invalid("payload.not-object", "请求内容应为包含 userName 和 password 的 JSON 对象。",
                "The request body must be a JSON object with userName and password."));
        string? userName = null, password = null;
        foreach (var (name, value) in fields)
        {
            var field = name.Equals("userName", StringComparison.OrdinalIgnoreCase) ? "userName"
                : name.Equals("password", StringComparison.OrdinalIgnoreCase) ? "password" : null;
            if (field is null) continue;
            if (value is not System.Text.Json.Nodes.JsonValue text || !text.TryGetValue<string>(out var textValue))
                return (null, Refusals.Invalid("field.not-text", $"“{field}”应为文本。", $"'{field}' must be a string.", field));
            // A key given twice, in any letter case, was refused by StrictJson already.
            if (field == "userName") userName = textValue; else password = textValue;
        }
        if (string.IsNullOrWhiteSpace(userName)) return (null, Refusals.Required("用户名", "userName", "userName"));
        if (string.IsNullOrEmpty(password)) return (null, Refusals.Required("密码", "password", "password"));
        return (new TokenRequest(userName, password), null);
    }

    private static async Task<IResult> RefreshAsync(RefreshRequest request, StaffAccounts accounts, TimeProvider time,
        IOptionsMonitor<BearerTokenOptions> options, HttpContext context)
    {
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null
            : options.Get(StaffSchemes.Bearer).RefreshTokenProtector.Unprotect(request.RefreshToken);
        var user = ticket?.Properties.ExpiresUtc is { } expires && expires > time.GetUtcNow()
            && ticket.Principal.Identity?.Name is { } name
            ? await accounts.FindAsync(name, context.RequestAborted) : null;
        if (user is null || user.Disabled || user.SecurityStamp != ticket!.Principal.FindFirst(StaffClaims.SecurityStamp)?.Value)
            return Problem(StatusCodes.Status401Unauthorized, "token.refresh-refused", "The refresh token is invalid or expired.", "登录已失效，请重新登录。");
        return TypedResults.SignIn(StaffClaims.ForSignIn(user), authenticationScheme: StaffSchemes.Bearer);
    }

    private static async Task<Ok<StaffProfile>> MeAsync(ICurrentStaff staff, AgencyDirectory agencies, CancellationToken cancellation)
    {
        var names = await agencies.NamesAsync(cancellation);
        var roles = staff.Roles.Order().ToList();
        return TypedResults.Ok(new StaffProfile(staff.UserName, staff.DisplayName, staff.AgencyCode,
            names.GetValueOrDefault(staff.AgencyCode, staff.AgencyCode), roles, [.. roles.Select(r => r.ChineseName())],
            [.. staff.VisibleAgencies.Order(StringComparer.Ordinal)]));
    }

    /// <summary>API errors in the one shape of every error body: a stable <c>code</c>, the Chinese <c>title</c> for
    /// people, the English <c>detail</c> for logs and programs.</summary>
    public static IResult Problem(int status, string code, string english, string chinese) =>
        Results.Problem(title: chinese, detail: english, statusCode: status,
            extensions: new Dictionary<string, object?> { ["code"] = code });
}

/// <summary>
/// A script calling an unsafe <c>/api</c> method with the session cookie (instead of a bearer token) must send the
/// anti-forgery token in <see cref="AntiforgeryField.HeaderName"/>; SameSite=Strict alone is not the only guard.
/// </summary>
public sealed class ApiCookieAntiforgery(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (StaffErrorPages.IsApi(context) && context.User.Identity?.IsAuthenticated == true
            && !StaffSchemes.HasBearerToken(context.Request)
            && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)))
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                await TokenEndpoints.Problem(StatusCodes.Status400BadRequest, "antiforgery.missing",
                    $"A cookie-authenticated API call needs the anti-forgery token in the {AntiforgeryField.HeaderName} header.",
                    "页面已过期，请刷新后重试。").ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    }
}
