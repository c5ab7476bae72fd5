using Server.Accounts;
using Server.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Server.Tests.Browser;

/// <summary>
/// 人员 in a real Chromium: the README's first administrator gives themselves the roles to work, adds a clerk, disables
/// and enables her and resets her password; the page shows every change with who made it. No console errors, no CSP
/// violations (the page carries no script).
/// </summary>
public sealed class StaffManagementInChromium(BrowserFixture app) : BrowserContext(app)
{
    [Fact]
    public async Task The_first_administrator_sets_up_the_office_from_the_staff_page()
    {
        var admin = await App.CreateStaffAsync("admin", "管理员", TestAgencies.Government, StaffRole.Administrator);
        await using var context = await App.NewContextAsync();
        var page = await SignInAsync(context, admin);
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };

        await Expect(page.Locator("nav >> text=登记")).ToHaveCountAsync(0);
        await page.ClickAsync("nav >> text=人员");
        await Expect(page.Locator("h1")).ToHaveTextAsync("人员");
        await page.ClickAsync("a:text-is('admin')");
        await page.CheckAsync("#RolesForm-role-Registrar");
        await page.CheckAsync("#RolesForm-role-CaseHandler");
        await page.ClickAsync("button:text-is('保存角色')");
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("已保存角色");
        await Expect(page.Locator("nav >> text=登记")).ToHaveCountAsync(1);

        await page.ClickAsync("nav >> text=人员");
        await page.ClickAsync("a:text-is('新建用户')");
        await page.FillAsync("#user-name", "wang.fang");
        await page.FillAsync("#display-name", "王芳");
        await page.SelectOptionAsync("#agency", TestAgencies.Government);
        await page.CheckAsync("#Form-role-Registrar");
        await page.FillAsync("#password", "short");
        await page.FillAsync("#password-again", "short");
        await page.ClickAsync("button:text-is('新建')");
        await Expect(page.Locator(".field-error")).ToContainTextAsync("密码至少需要 12 个字符");
        await Expect(page.Locator("#user-name")).ToHaveValueAsync("wang.fang");

        var password = StaffSessions.NewPassword();
        await page.FillAsync("#password", password);
        await page.FillAsync("#password-again", password);
        await page.ClickAsync("button:text-is('新建')");
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("已新建用户");
        await Expect(page.Locator("h1")).ToHaveTextAsync("王芳（wang.fang）");

        await page.ClickAsync("button:text-is('停用')");
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("已停用该用户");
        await page.ClickAsync("button:text-is('启用')");
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("已启用该用户");
        var newPassword = StaffSessions.NewPassword();
        await page.FillAsync("#new-password", newPassword);
        await page.FillAsync("#new-password-again", newPassword);
        await page.ClickAsync("button:text-is('重置密码')");
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("已重置密码");

        var history = page.Locator("section:has(h2:text-is('变更记录')) tbody tr");
        await Expect(history).ToHaveCountAsync(4);
        await Expect(history.Nth(0)).ToContainTextAsync("新建用户，角色：登记员");
        await Expect(history.Nth(0)).ToContainTextAsync("admin");
        await Expect(history.Nth(3)).ToContainTextAsync("重置密码");
        await ScreenshotAsync(page, "staff-page");

        await using var clerkContext = await App.NewContextAsync();
        var clerkPage = await SignInAsync(clerkContext, new TestStaff("wang.fang", newPassword, TestAgencies.Government, [StaffRole.Registrar]));
        await Expect(clerkPage.Locator("nav >> text=登记")).ToHaveCountAsync(1);
        await Expect(clerkPage.Locator("nav >> text=人员")).ToHaveCountAsync(0);
        // The one refused submission (the short password) is answered 422, which Chromium reports; nothing else.
        consoleErrors.Should().ContainSingle().Which.Should().Contain("status of 422");
    }
}
