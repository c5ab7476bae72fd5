namespace Server.Pages;

/// <summary>The staff web UI (Chinese, server-rendered): 登记, 待办, 案卷, 年报, 法律审查, the home redirect and the stylesheet.</summary>
public static class StaffPages
{
    public static WebApplication MapStaffPages(this WebApplication app)
    {
        // Pages are for people, not part of the JSON API's OpenAPI description.
        var pages = app.MapGroup("").ExcludeFromDescription();
        StaffStylesheet.Map(pages);
        ReportsPage.Map(pages);       // the report downloads; the 年报 pages are Razor components (Components/Reports)
        LegalReviewPages.Map(pages);  // running the integrity check, the printable case file; the pages are in Components/Review
        // Razor pages (docs/adr/0019, 0027): 登记, 待办, the home page, 年报, 法律审查 and every new page are components.
        app.MapRazorComponents<Components.App>().ExcludeFromDescription();
        return app;
    }
}
