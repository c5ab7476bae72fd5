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
/// The names the staff frame (<c>Components/Layout/StaffLayoutComponent.razor</c>, its facts from <see cref="StaffFrame"/>)
/// and the pages share. The string-built frame is gone with the last string-built page.
/// </summary>
public static class StaffLayout
{
    public const string SystemName = "依申请公开办理系统";

    /// <summary>The legal-review area (<see cref="LegalReviewPages"/>), linked for the roles that may open it.</summary>
    public const string ReviewPath = "/review";
}
