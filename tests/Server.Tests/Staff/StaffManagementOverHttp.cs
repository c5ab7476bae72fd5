using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Server.Accounts;
using Server.Components.Staff;
using Server.Tests.Support;

namespace Server.Tests.Staff;

/// <summary>
/// 人员 (the staff-management Razor pages) through a cookie client: an administrator adds users, gives and takes roles,
/// disables, enables and resets passwords; each change is recorded with who made it; the rules hold on the server.
/// </summary>
public sealed class StaffManagementOverHttp(AppFixture app) : IntegrationContext(app)
{
    [Fact]
    public async Task The_first_administrator_gives_themselves_the_roles_to_work_and_the_navigation_follows()
    {
        var admin = await App.CreateStaffAsync("first.admin", TestAgencies.Government, StaffRole.Administrator);
        var browser = await App.CookieClientAsync(admin);
        (await browser.GetStringAsync("/worklist")).Should().Contain("href=\"/staff\"").And.NotContain("href=\"/applications/new\"");

        var response = await browser.PostRazorFormAsync(StaffRoutes.User(admin.UserName), "staff-roles", WithSeen(RolesFields("RolesForm",
            StaffRole.Registrar, StaffRole.CaseHandler, StaffRole.Approver, StaffRole.Administrator), StaffRole.Administrator));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().Should().EndWith("?done=roles");
        (await browser.GetStringAsync("/worklist")).Should().Contain("href=\"/applications/new\"", "a 登记员 may register");
        var page = await browser.GetStringAsync(StaffRoutes.User(admin.UserName));
        page.Should().Contain("角色由“管理员”调整为“登记员、承办人、审核人、管理员”").And.Contain("first.admin");
    }

    [Fact]
    public async Task An_administrator_adds_a_user_who_can_then_sign_in_and_the_addition_is_recorded()
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Administrator);
        var password = StaffSessions.NewPassword();

        var response = await browser.PostRazorFormAsync(StaffRoutes.New, "new-staff-user", WithRoles(new()
        {
            ["Form.UserName"] = "wang.fang",
            ["Form.DisplayName"] = "王芳",
            ["Form.AgencyCode"] = TestAgencies.Department,
            ["Form.Password"] = password,
            ["Form.PasswordAgain"] = password,
        }, "Form", StaffRole.CaseHandler));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().Should().EndWith(StaffRoutes.User("wang.fang") + "?done=added");
        var user = await App.Services.GetRequiredService<StaffAccounts>().FindAsync("wang.fang");
        user!.Roles.Should().Equal(StaffRole.CaseHandler);
        user.AgencyCode.Should().Be(TestAgencies.Department);
        (await App.AnonymousBrowser().SignInAsync("wang.fang", password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await browser.GetStringAsync(StaffRoutes.List)).Should().Contain("王芳").And.Contain("七星关区自然资源局").And.Contain("承办人");
        var history = await App.Services.GetRequiredService<StaffAccounts>().HistoryAsync("wang.fang");
        history.Should().ContainSingle().Which.Kind.Should().Be(StaffAccountChangeKind.Added);
    }

    [Fact]
    public async Task A_refused_addition_shows_the_reason_next_to_its_field_keeps_the_input_and_adds_nothing()
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Administrator);

        var weak = await browser.PostRazorFormAsync(StaffRoutes.New, "new-staff-user", WithRoles(new()
        {
            ["Form.UserName"] = "li.si",
            ["Form.DisplayName"] = "李<四>",
            ["Form.AgencyCode"] = TestAgencies.Government,
            ["Form.Password"] = "short",
            ["Form.PasswordAgain"] = "short",
        }, "Form", StaffRole.Registrar));
        weak.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await weak.Content.ReadAsStringAsync();
        html.Should().Contain("密码至少需要 12 个字符").And.Contain("value=\"李&lt;四&gt;\"").And.NotContain("李<四>");

        var foreign = await browser.PostRazorFormAsync(StaffRoutes.New, "new-staff-user", WithRoles(new()
        {
            ["Form.UserName"] = "li.si",
            ["Form.AgencyCode"] = TestAgencies.OtherGovernment,
            ["Form.Password"] = "Aa1-long-enough-pw",
            ["Form.PasswordAgain"] = "Aa1-long-enough-pw",
        }, "Form", StaffRole.Registrar));
        foreign.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await foreign.Content.ReadAsStringAsync()).Should().Contain("只能管理本机关及所属部门的用户");

        (await App.Services.GetRequiredService<StaffAccounts>().FindAsync("li.si")).Should().BeNull();
    }

    [Fact]
    public async Task Disabling_ends_the_users_sessions_enabling_lets_them_back_and_a_reset_password_replaces_the_old_one()
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Administrator);
        var clerk = await App.CreateStaffAsync(TestAgencies.Government, StaffRole.Registrar);
        var clerkBrowser = await App.CookieClientAsync(clerk);
        (await clerkBrowser.GetAsync("/worklist")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await browser.PostRazorFormAsync(StaffRoutes.User(clerk.UserName), "staff-state", new() { ["StateForm.Disable"] = "true" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await clerkBrowser.GetAsync("/worklist")).StatusCode.Should().Be(HttpStatusCode.Redirect, "a disabled user's cookie no longer opens pages");

        (await browser.PostRazorFormAsync(StaffRoutes.User(clerk.UserName), "staff-state", new() { ["StateForm.Disable"] = "false" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var newPassword = StaffSessions.NewPassword();
        (await browser.PostRazorFormAsync(StaffRoutes.User(clerk.UserName), "staff-password", new()
        {
            ["PasswordForm.Password"] = newPassword,
            ["PasswordForm.PasswordAgain"] = newPassword,
        })).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await App.AnonymousBrowser().SignInAsync(clerk.UserName, clerk.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the old password is refused");
        (await App.AnonymousBrowser().SignInAsync(clerk.UserName, newPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var kinds = (await App.Services.GetRequiredService<StaffAccounts>().HistoryAsync(clerk.UserName)).Select(change => change.Kind);
        kinds.Should().Equal(StaffAccountChangeKind.Added, StaffAccountChangeKind.Disabled, StaffAccountChangeKind.Enabled, StaffAccountChangeKind.PasswordReset);
    }

    [Fact]
    public async Task An_administrator_cannot_take_away_their_own_administrator_role_or_disable_themselves()
    {
        var admin = await App.CreateStaffAsync(TestAgencies.Government, StaffRole.Administrator, StaffRole.Registrar);
        var browser = await App.CookieClientAsync(admin);

        var roles = await browser.PostRazorFormAsync(StaffRoutes.User(admin.UserName), "staff-roles",
            WithSeen(RolesFields("RolesForm", StaffRole.Registrar), StaffRole.Administrator, StaffRole.Registrar));
        roles.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await roles.Content.ReadAsStringAsync()).Should().Contain("不能取消自己的管理员角色");

        var disable = await browser.PostRazorFormAsync(StaffRoutes.User(admin.UserName), "staff-state", new() { ["StateForm.Disable"] = "true" });
        disable.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await disable.Content.ReadAsStringAsync()).Should().Contain("不能停用自己的账户");

        var user = await App.Services.GetRequiredService<StaffAccounts>().FindAsync(admin.UserName);
        user!.Roles.Should().Contain(StaffRole.Administrator);
        user.Disabled.Should().BeFalse();
    }

    [Fact]
    public async Task Only_administrators_open_the_pages_and_only_for_the_users_of_their_agency_tree()
    {
        var registrar = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Registrar);
        (await registrar.GetAsync(StaffRoutes.List)).StatusCode.Should().Be(HttpStatusCode.Redirect, "access denied sends a page user to the refusal page");
        (await registrar.GetStringAsync("/worklist")).Should().NotContain("href=\"/staff\"");

        var governmentClerk = await App.CreateStaffAsync(TestAgencies.Government, StaffRole.Registrar);
        var departmentAdmin = await App.CookieClientAsync(TestAgencies.Department, StaffRole.Administrator);
        (await departmentAdmin.GetAsync(StaffRoutes.User(governmentClerk.UserName))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await departmentAdmin.GetStringAsync(StaffRoutes.List)).Should().NotContain(governmentClerk.UserName);

        var response = await departmentAdmin.PostRazorFormAsync(StaffRoutes.User(governmentClerk.UserName), "staff-state", new() { ["StateForm.Disable"] = "true" },
            tokenPage: StaffRoutes.List);
        // The page renders no form for an account it does not show, so the post finds nothing to submit to.
        response.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest);
        (await App.Services.GetRequiredService<StaffAccounts>().FindAsync(governmentClerk.UserName))!.Disabled.Should().BeFalse();
    }

    private static Dictionary<string, string> WithRoles(Dictionary<string, string> fields, string prefix, params StaffRole[] selected)
    {
        foreach (var (key, value) in RolesFields(prefix, selected)) fields[key] = value;
        return fields;
    }

    /// <summary>The roles the form was shown with, as the page's hidden field carries them.</summary>
    private static Dictionary<string, string> WithSeen(Dictionary<string, string> fields, params StaffRole[] seen)
    {
        fields["RolesForm.Seen"] = RoleChoice.Seen(seen);
        return fields;
    }

    private static Dictionary<string, string> RolesFields(string prefix, params StaffRole[] selected)
    {
        var fields = new Dictionary<string, string>();
        var roles = Enum.GetValues<StaffRole>();
        for (var i = 0; i < roles.Length; i++)
        {
            fields[$"{prefix}.Roles[{i}].Role"] = roles[i].ToString();
            if (selected.Contains(roles[i])) fields[$"{prefix}.Roles[{i}].Selected"] = "true";
        }
        return fields;
    }
}

/// <summary>Posting a Razor page's form as a browser does: its anti-forgery token and the form's name (<c>_handler</c>).</summary>
public static class RazorForms
{
    public static async Task<HttpResponseMessage> PostRazorFormAsync(this HttpClient browser, string path, string formName,
        Dictionary<string, string> fields, string? tokenPage = null)
    {
        var token = await browser.FormTokenAsync(tokenPage ?? path);
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token, ["_handler"] = formName };
        return await browser.PostAsync(path, new FormUrlEncodedContent(body));
    }
}
