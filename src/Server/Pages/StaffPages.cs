namespace Server.Pages;

/// <summary>The staff web UI (Chinese, server-rendered): 登记, 待办, 案卷, 年报, 法律审查, the home redirect and the stylesheet.</summary>
public static class StaffPages
{
    public static WebApplication MapStaffPages(this WebApplication app)
    {
        StaffStylesheet.Map(app);
        WorklistPage.Map(app);
        RegistrationPage.Map(app);
        CasePage.Map(app);
        ReportsPage.Map(app);
        LegalReviewPages.Map(app);
        return app;
    }
}
