namespace Server.Pages;

/// <summary>The staff web UI (Chinese, server-rendered): 登记, 待办, 案卷, 年报, 法律审查, the home redirect and the stylesheet.</summary>
public static class StaffPages
{
    public static WebApplication MapStaffPages(this WebApplication app)
    {
        // Pages are for people, not part of the JSON API's OpenAPI description.
        var pages = app.MapGroup("").ExcludeFromDescription();
        StaffStylesheet.Map(pages);
        ReportsPage.Map(pages);
        LegalReviewPages.Map(pages);
        // Razor pages (docs/adr/0019, 0027): 登记, 待办, the home page and every new page are components; the pages above migrate in the redesign.
        app.MapRazorComponents<Components.App>().ExcludeFromDescription();
        return app;
    }
}
