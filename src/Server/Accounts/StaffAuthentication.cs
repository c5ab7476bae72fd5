using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;

namespace Server.Accounts;

/// <summary>The authentication schemes: a policy scheme that forwards to bearer or cookie.</summary>
public static class StaffSchemes
{
    /// <summary>The default scheme: bearer when the request has <c>Authorization: Bearer</c>, cookie otherwise.</summary>
    public const string Staff = "Staff";
    public const string Cookie = "StaffCookie";
    public const string Bearer = "StaffBearer";

    public static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The claim types of a signed-in member of staff.</summary>
public static class StaffClaims
{
    public const string UserName = ClaimTypes.Name;
    public const string Role = ClaimTypes.Role;
    public const string DisplayName = "staff:display_name";
    public const string Agency = "staff:agency";
    public const string VisibleAgency = "staff:visible_agency";
    public const string SecurityStamp = "staff:stamp";
    /// <summary>The server-side session of a cookie (<see cref="StaffSession"/>): sign-out deletes it.</summary>
    public const string Session = "staff:session";

    /// <summary>What goes into a cookie or token: only who it is and the stamp; everything else is read fresh per request.</summary>
    public static ClaimsPrincipal ForSignIn(StaffUser user) => new(new ClaimsIdentity(
        [new Claim(UserName, user.UserName), new Claim(SecurityStamp, user.SecurityStamp)], "staff", UserName, Role));

    /// <summary>A cookie's principal: also names its server-side session.</summary>
    public static ClaimsPrincipal ForCookie(StaffUser user, string sessionId) => new(new ClaimsIdentity(
        [new Claim(UserName, user.UserName), new Claim(SecurityStamp, user.SecurityStamp), new Claim(Session, sessionId)], "staff", UserName, Role));

    /// <summary>The principal of one request, built from the current user document and agency tree.</summary>
    public static ClaimsPrincipal ForRequest(StaffUser user, IEnumerable<string> visibleAgencies, string authenticationType, string? sessionId = null)
    {
        List<Claim> claims =
        [
            .. sessionId is null ? Array.Empty<Claim>() : [new Claim(Session, sessionId)],
            new(UserName, user.UserName),
            new(DisplayName, user.DisplayName),
            new(Agency, user.AgencyCode),
            new(SecurityStamp, user.SecurityStamp),
            .. user.Roles.Select(role => new Claim(Role, role.ToString())),
            .. visibleAgencies.Select(code => new Claim(VisibleAgency, code)),
        ];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, UserName, Role));
    }
}

/// <summary>Authorization policy names: one per role, and one per command (from <see cref="CommandPermissions"/>).</summary>
public static class StaffPolicies
{
    public const string SignedIn = "staff:signed-in";

    /// <summary>The policy of <see cref="StaffRole.Administrator"/>, as a constant for <c>[Authorize(Policy = …)]</c> on Razor pages.</summary>
    public const string Administrators = "staff:role:" + nameof(StaffRole.Administrator);

    public static string ForRole(StaffRole role) => $"staff:role:{role}";

    /// <summary>The policy of <see cref="Workflow.Applications.RegisterApplication"/> (<see cref="ForCommand"/>), as a constant for <c>[Authorize(Policy = …)]</c>.</summary>
    public const string Registrars = "staff:command:" + nameof(Workflow.Applications.RegisterApplication);

    public static string ForCommand(Type commandType) => $"staff:command:{commandType.Name}";

    public static string ForCommand<TCommand>() => ForCommand(typeof(TCommand));

    /// <summary>Requires a role that may send <typeparamref name="TCommand"/>, e.g. <c>app.MapPost(...).RequireCommandPermission&lt;ExtendReply&gt;()</c>.</summary>
    public static TBuilder RequireCommandPermission<TCommand, TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ForCommand<TCommand>());

    public static RouteHandlerBuilder RequireCommandPermission<TCommand>(this RouteHandlerBuilder builder) =>
        builder.RequireAuthorization(ForCommand<TCommand>());

    public static RouteHandlerBuilder RequireRole(this RouteHandlerBuilder builder, StaffRole role) =>
        builder.RequireAuthorization(ForRole(role));
}

/// <summary><see cref="ICurrentStaff"/> read from the request's claims (as rebuilt by <see cref="StaffSessionValidation"/>).</summary>
public sealed class ClaimsCurrentStaff(IHttpContextAccessor accessor) : ICurrentStaff
{
    private readonly Lazy<StaffMember> member = new(() => FromPrincipal(accessor.HttpContext?.User));

    public bool IsSignedIn => member.Value.IsSignedIn;
    public string UserName => member.Value.UserName;
    public string DisplayName => member.Value.DisplayName;
    public string AgencyCode => member.Value.AgencyCode;
    public IReadOnlySet<StaffRole> Roles => member.Value.Roles;
    public IReadOnlySet<string> VisibleAgencies => member.Value.VisibleAgencies;

    public static StaffMember FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true || principal.FindFirstValue(StaffClaims.Agency) is not { } agency)
            return StaffMember.Anonymous;
        var userName = principal.FindFirstValue(StaffClaims.UserName) ?? "";
        return new StaffMember(
            userName,
            principal.FindFirstValue(StaffClaims.DisplayName) ?? userName,
            agency,
            principal.FindAll(StaffClaims.Role).Select(c => Enum.TryParse<StaffRole>(c.Value, out var role) ? (StaffRole?)role : null)
                .OfType<StaffRole>().ToHashSet(),
            principal.FindAll(StaffClaims.VisibleAgency).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }
}

/// <summary>
/// After authentication: checks that the cookie's or token's user still exists, is enabled and has the same security
/// stamp (a password reset or disabling ends every session), then rebuilds the principal from the user document and
/// the agency tree, so role and agency changes apply at the next request. Anything else leaves the request anonymous.
/// </summary>
public sealed class StaffSessionValidation(RequestDelegate next, ILogger<StaffSessionValidation> logger)
{
    public async Task InvokeAsync(HttpContext context, StaffSessionStore sessions, IDocumentStore store)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var userName = context.User.FindFirstValue(StaffClaims.UserName) ?? "";
            var stamp = context.User.FindFirstValue(StaffClaims.SecurityStamp);
            var bearer = StaffSchemes.HasBearerToken(context.Request);
            var sessionId = bearer ? null : context.User.FindFirstValue(StaffClaims.Session);
            // The user, the agency tree and the cookie's server-side session in one round trip (docs/adr/0025): this
            // runs before every signed-in request, so it is a single batched query, never one connection per lookup.
            StaffUser? user = null;
            StaffSession? storedSession = null;
            IReadOnlyList<Agency> agencies = [];
            if (userName.Length > 0)
            {
                await using var session = store.QuerySession();
                var batch = session.CreateBatchQuery();
                var userLoad = batch.Load<StaffUser>(StaffAccounts.NormalizeUserName(userName));
                var agencyLoad = batch.Query<Agency>().ToList();
                var sessionLoad = string.IsNullOrEmpty(sessionId) ? null : batch.Load<StaffSession>(sessionId);
                await batch.Execute(context.RequestAborted);
                user = await userLoad;
                agencies = await agencyLoad;
                storedSession = sessionLoad is null ? null : await sessionLoad;
            }
            // A cookie lives only as long as its server-side session: after sign-out a copy of it is worthless.
            var sessionOpen = bearer || (user is not null
                && await sessions.IsOpenAsync(storedSession, user.UserName, context.RequestAborted));
            if (user is null || user.Disabled || user.SecurityStamp != stamp || !sessionOpen)
            {
                logger.LogInformation("Session of staff user {UserName} ended: signed out, account removed, disabled or password reset", userName);
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
                if (!bearer) await context.SignOutAsync(StaffSchemes.Cookie);
            }
            else
            {
                context.User = StaffClaims.ForRequest(user, AgencyDirectory.Subtree(agencies, user.AgencyCode),
                    bearer ? StaffSchemes.Bearer : StaffSchemes.Cookie, sessionId);
            }
        }
        await next(context);
    }
}

public static class StaffAccountsRegistration
{
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(8);
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromHours(8);

    /// <summary>Accounts, agencies, cookie and bearer authentication, role and command policies, antiforgery, error pages.</summary>
    public static WebApplicationBuilder AddStaffAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.AddSingleton<AgencyDirectory>();
        services.AddSingleton<StaffAccounts>();
        services.AddSingleton<StaffSessionStore>();
        services.AddSingleton<SignInGuard>();
        // Behind a reverse proxy: X-Forwarded-For/-Proto are believed only from the proxies configured under
        // ForwardedHeaders:KnownProxies (addresses) and ForwardedHeaders:KnownNetworks (CIDR), besides loopback. Then the
        // client address (sign-in throttling) is the real client's and an HTTPS proxy makes cookies Secure and sends HSTS.
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            foreach (var network in builder.Configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.ExcludedHosts.Clear(); // the office's host name may well be a bare intranet name
        });
        services.AddSingleton(builder.Configuration.GetSection("Accounts:Lockout").Get<LockoutOptions>() ?? new LockoutOptions());
        services.AddSingleton<IPasswordHasher<StaffUser>, PasswordHasher<StaffUser>>();
        services.AddScoped<ICurrentStaff, ClaimsCurrentStaff>();
        services.AddSingleton<ApplicationAgencies>();
        services.AddScoped<ApplicationAccess>();

        services.AddAuthentication(StaffSchemes.Staff)
            .AddPolicyScheme(StaffSchemes.Staff, "Bearer token or cookie", options =>
                options.ForwardDefaultSelector = context =>
                    StaffSchemes.HasBearerToken(context.Request) ? StaffSchemes.Bearer : StaffSchemes.Cookie)
            .AddCookie(StaffSchemes.Cookie, options =>
            {
                options.Cookie.Name = "gkxx.staff";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure over HTTPS, also behind a proxy
                options.ExpireTimeSpan = CookieLifetime;
                options.SlidingExpiration = true;
                options.LoginPath = SignInPages.SignInPath;
                options.LogoutPath = SignInPages.SignOutPath;
                options.AccessDeniedPath = SignInPages.AccessDeniedPath;
                options.ReturnUrlParameter = "returnUrl";
                options.Events = new CookieAuthenticationEvents
                {
                    // The API answers with status codes, never with a redirect to a page.
                    OnRedirectToLogin = context => ApiStatusOrRedirect(context, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context => ApiStatusOrRedirect(context, StatusCodes.Status403Forbidden),
                };
            })
            .AddBearerToken(StaffSchemes.Bearer, options =>
            {
                options.BearerTokenExpiration = AccessTokenLifetime;
                options.RefreshTokenExpiration = RefreshTokenLifetime;
            });

        var authorization = services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.SignedIn, policy => policy.RequireAuthenticatedUser().RequireClaim(StaffClaims.Agency))
            // Secure by default: an endpoint that says nothing requires a signed-in member of staff.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(StaffClaims.Agency).Build());
        foreach (var role in Enum.GetValues<StaffRole>())
            authorization.AddPolicy(StaffPolicies.ForRole(role), policy => policy.RequireAuthenticatedUser().RequireRole(role.ToString()));
        foreach (var command in CommandPermissions.CommandTypes)
        {
            var roles = CommandPermissions.RolesFor(command).Select(r => r.ToString()).ToArray();
            authorization.AddPolicy(StaffPolicies.ForCommand(command), policy =>
            {
                policy.RequireAuthenticatedUser();
                if (roles.Length == 0) policy.RequireAssertion(_ => false); // nobody may send it
                else policy.RequireRole(roles);
            });
        }

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "gkxx.antiforgery";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.HeaderName = AntiforgeryField.HeaderName;
        });
        services.AddProblemDetails();
        // A query or route value that does not bind (tree=x, confirm=abc) is thrown to the error pages, which name the
        // parameter in Chinese and English (StaffErrorPages), instead of ending as a bare 400 "Bad request".
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        // Request lines can carry personal data in query strings (a search by name): never log them.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing.EndpointMiddleware", LogLevel.Warning);
        return builder;
    }

    /// <summary>The middleware, in order: security headers, error pages, authentication, session check, authorization, antiforgery; then the sign-in endpoints.</summary>
    public static WebApplication UseStaffAccounts(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseHsts(); // only on HTTPS requests (directly or through a configured proxy)
        app.UseMiddleware<SecurityHeaders>();
        app.UseStaffErrorPages();
        app.UseAuthentication();
        app.UseMiddleware<StaffSessionValidation>();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<ExpiredFormPage>();
        app.UseMiddleware<ApiCookieAntiforgery>();
        app.MapSignInPages();
        app.MapTokenEndpoints();
        return app;
    }

    private static Task ApiStatusOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
