using System.Text;
using Server.Accounts;

namespace Server.Pages;

/// <summary>The navigation entries of the header.</summary>
public enum NavSection
{
    None,
    Register,
    Worklist,
    Reports,
    Review,
    Staff,
    Calendar,
}

/// <summary>One entry of the navigation.</summary>
public sealed record NavEntry(NavSection Section, string Href, string Label);

/// <summary>
/// What the frame of every staff page shows: the user, their roles and agency, and the navigation entries their roles
/// open. Computed once here for both renderers of the frame: <see cref="StaffLayout"/> (the pages still built as
/// strings) and the Razor layout <c>Components/Layout/StaffLayoutComponent.razor</c>.
/// </summary>
public sealed record StaffFrame(string DisplayName, string Roles, string AgencyName, IReadOnlyList<NavEntry> Navigation)
{
    public static async Task<StaffFrame> ForAsync(HttpContext context)
    {
        var staff = context.RequestServices.GetRequiredService<ICurrentStaff>();
        var names = await context.RequestServices.GetRequiredService<AgencyDirectory>().NamesAsync(context.RequestAborted);
        List<NavEntry> navigation = [];
        if (Accounts.CommandPermissions.MaySend<Workflow.Applications.RegisterApplication>(staff))
            navigation.Add(new NavEntry(NavSection.Register, "/applications/new", "登记"));
        navigation.Add(new NavEntry(NavSection.Worklist, "/worklist", "待办"));
        navigation.Add(new NavEntry(NavSection.Reports, "/reports", "年报"));
        if (LegalReviewPages.MayReview(staff) && RouteExists(context, StaffLayout.ReviewPath))
            navigation.Add(new NavEntry(NavSection.Review, StaffLayout.ReviewPath, "法律审查"));
        if (StaffAdministration.MayAdminister(staff))
            navigation.Add(new NavEntry(NavSection.Staff, Components.Staff.StaffRoutes.List, "人员"));
        navigation.Add(new NavEntry(NavSection.Calendar, Components.Calendar.CalendarRoutes.Year, "工作日历"));
        return new StaffFrame(staff.DisplayName, StaffRoleNames.Describe(staff.Roles), names.GetValueOrDefault(staff.AgencyCode, staff.AgencyCode), navigation);
    }

    private static bool RouteExists(HttpContext context, string path)
    {
        var sources = context.RequestServices.GetServices<EndpointDataSource>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Any(e => string.Equals("/" + e.RoutePattern.RawText?.TrimStart('/'), path, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>
/// The one frame of every staff page: header with the system name, the user and their agency, the navigation and a
/// sign-out form (POST with anti-forgery). One stylesheet (<see cref="StaffStylesheet"/>), no inline style or script.
/// </summary>
public static class StaffLayout
{
    public const string SystemName = "依申请公开办理系统";

    /// <summary>The legal-review area (<see cref="LegalReviewPages"/>), linked for the roles that may open it.</summary>
    public const string ReviewPath = "/review";

    public static async Task<IResult> PageAsync(HttpContext context, string title, NavSection section, string body,
        int statusCode = StatusCodes.Status200OK)
    {
        var html = await RenderAsync(context, title, section, body);
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

    public static async Task<string> RenderAsync(HttpContext context, string title, NavSection section, string body)
    {
        var frame = await StaffFrame.ForAsync(context);
        var antiforgery = AntiforgeryField.Html(context);
        var nav = new StringBuilder();
        foreach (var entry in frame.Navigation)
            nav.Append(NavLink(entry.Href, entry.Label, entry.Section == section));

        return $"""
            <!doctype html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Html.E(title)} - {SystemName}</title>
            <link rel="stylesheet" href="{StaffStylesheet.Path}">
            </head>
            <body>
            <header class="site-header">
            <div class="site-bar">
            <a class="site-name" href="/">{SystemName}</a>
            <div class="site-user"><span class="user-name">{Html.E(frame.DisplayName)}</span><span class="user-roles">{Html.E(frame.Roles)}</span><span class="user-agency">{Html.E(frame.AgencyName)}</span>
            <form method="post" action="{SignInPages.SignOutPath}" class="signout">{antiforgery}<button type="submit" class="link-button">退出登录</button></form>
            </div>
            </div>
            <nav class="site-nav" aria-label="主导航">{nav}</nav>
            </header>
            <main id="main">
            {body}
            </main>
            <footer class="site-footer">{SystemName} · 依据《中华人民共和国政府信息公开条例》（国务院令第711号）</footer>
            </body>
            </html>
            """;
    }

    private static string NavLink(string href, string label, bool current) =>
        $"<a href=\"{href}\"{(current ? " aria-current=\"page\" class=\"current\"" : "")}>{Html.E(label)}</a>";

    /// <summary>A notice above the page content: success (green), warning (amber) or error (red), always with text.</summary>
    public static string Notice(string kind, string message, string? extraHtml = null) =>
        $"<div class=\"notice notice-{kind}\" role=\"{(kind == "success" ? "status" : "alert")}\"><p>{Html.E(message)}</p>{extraHtml}</div>";
}
