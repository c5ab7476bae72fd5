using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Server.Accounts;
using Server.Components.Staff;
using Server.Tests.Support;

namespace Server.Tests.Staff;

/// <summary>
/// What a forged or odd post to the staff forms can carry: unknown roles, numbers for roles, gaps in the role list,
/// display names with control or bidirectional characters, two administrators at once, the same user added ten times at
/// once. Each is a form error in Chinese (or a conflict) with the form shown again; never a 500; nothing changes.
/// </summary>
public sealed class StaffFormInput(AppFixture app) : IntegrationContext(app)
{
    private StaffAccounts Accounts => App.Services.GetRequiredService<StaffAccounts>();

    private static Dictionary<string, string> NewUser(string userName, string password, Dictionary<string, string> roles, string? displayName = "新同事") =>
        new(roles)
        {
            ["Form.UserName"] = userName,
            ["Form.DisplayName"] = displayName ?? "",
            ["Form.AgencyCode"] = TestAgencies.Government,
            ["Form.Password"] = password,
            ["Form.PasswordAgain"] = password,
        };

    public static TheoryData<string, string> ForgedRoles => new()
    {
        { "Roles[0].Role=God", "未知角色" },
        { "Roles[0].Role=99", "未知角色" },
        { "Roles[0].Role=4", "未知角色" },
        { "Roles[0].Role=administrator", "未知角色" },
        { "Roles[100000].Role=Registrar", "角色" },
    };

    [Theory]
    [MemberData(nameof(ForgedRoles))]
    public async Task a_forged_role_on_the_new_user_form_is_a_form_error_and_adds_nobody(string posted, string message)
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Administrator);
        var (key, value) = (posted[..posted.IndexOf('=')], posted[(posted.IndexOf('=') + 1)..]);
        var password = StaffSessions.NewPassword();

        var response = await browser.PostRazorFormAsync(StaffRoutes.New, "new-staff-user", NewUser("forged.role", password, new()
        {
            [$"Form.{key}"] = value,
            [$"Form.{key.Replace(".Role", ".Selected")}"] = "true",
        }));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain(message).And.Contain("value=\"Registrar\"", "the role checkboxes are shown again");
        (await Accounts.FindAsync("forged.role")).Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(ForgedRoles))]
    public async Task a_forged_role_on_the_roles_form_is_a_form_error_and_changes_nothing(string posted, string message)
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Administrator);
        var clerk = await App.CreateStaffAsync(TestAgencies.Government, StaffRole.Registrar);
        var (key, value) = (posted[..posted.IndexOf('=')], posted[(posted.IndexOf('=') + 1)..]);

        var response = await browser.PostRazorFormAsync(StaffRoutes.User(clerk.UserName), "staff-roles", new()
        {
            [$"RolesForm.{key}"] = value,
            [$"RolesForm.{key.Replace(".Role", ".Selected")}"] = "true",
            ["RolesForm.Seen"] = "Registrar",
        });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadAsStringAsync()).Should().Contain(message);
        (await Accounts.FindAsync(clerk.UserName))!.Roles.Should().Equal(StaffRole.Registrar);
        (await Accounts.HistoryAsync(clerk.UserName)).Should().ContainSingle();
    }

    [Theory]
    [InlineData("测\u202e试", "202E")]
    [InlineData("测\u0007试", "0007")]
    public async Task a_display_name_with_control_or_direction_characters_is_a_form_error_on_that_field(string displayName, string named)
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Administrator);
        var password = StaffSessions.NewPassword();

        var response = await browser.PostRazorFormAsync(StaffRoutes.New, "new-staff-user",
            NewUser("bidi.name", password, new() { ["Form.Roles[0].Role"] = "Registrar", ["Form.Roles[0].Selected"] = "true" }, displayName));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("“姓名”").And.Contain(named);
        Regex.IsMatch(html, "<input[^>]*id=\"display-name\"[^>]*>\\s*<div class=\"field-error\"|display-name[\\s\\S]{0,400}field-error")
            .Should().BeTrue("the message stands next to the display name");
        (await Accounts.FindAsync("bidi.name")).Should().BeNull();
    }

    [Theory]
    [InlineData("测\u0000试")]
    [InlineData("测\u202e试")]
    [InlineData("测\u2066试")]
    public async Task adding_a_user_with_a_display_name_that_is_no_acceptable_text_is_refused_on_that_field(string displayName)
    {
        var (user, refusal) = await Accounts.AddAsync("bidi.name", displayName, TestAgencies.Government, [StaffRole.Registrar], StaffSessions.NewPassword());

        user.Should().BeNull();
        refusal!.Code.Should().Be("user.display-name-invalid");
        refusal.Field.Should().Be("displayName");
        refusal.Chinese.Should().StartWith("“姓名”含有");
        (await Accounts.FindAsync("bidi.name")).Should().BeNull();
    }

    [Fact]
    public async Task ten_administrators_adding_the_same_user_at_once_get_one_addition_and_nine_form_errors()
    {
        var browsers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => App.CookieClientAsync(TestAgencies.Government, StaffRole.Administrator)));
        var password = StaffSessions.NewPassword();
        var tokens = await Task.WhenAll(browsers.Select(browser => browser.FormTokenAsync(StaffRoutes.New)));

        var responses = await Task.WhenAll(browsers.Select((browser, i) => Task.Run(() => browser.PostAsync(StaffRoutes.New, new FormUrlEncodedContent(
            new Dictionary<string, string>(NewUser("same.name", password, new() { ["Form.Roles[0].Role"] = "Registrar", ["Form.Roles[0].Selected"] = "true" }))
            {
                ["__RequestVerificationToken"] = tokens[i],
                ["_handler"] = "new-staff-user",
            })))));

        responses.Count(response => response.StatusCode == HttpStatusCode.Redirect).Should().Be(1);
        foreach (var refused in responses.Where(response => response.StatusCode != HttpStatusCode.Redirect))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
            (await refused.Content.ReadAsStringAsync()).Should().Contain("用户名“same.name”已存在");
        }
        (await Accounts.HistoryAsync("same.name")).Should().ContainSingle();
    }

    [Fact]
    public async Task an_administrator_saving_a_roles_form_after_another_changed_the_roles_gets_a_conflict_and_the_current_roles()
    {
        var first = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Administrator);
        var second = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Administrator);
        var clerk = await App.CreateStaffAsync(TestAgencies.Government, StaffRole.Registrar);
        var page = StaffRoutes.User(clerk.UserName);
        var firstToken = await first.FormTokenAsync(page);
        var firstSeen = SeenOn(await first.GetStringAsync(page));
        firstSeen.Should().Be("Registrar");

        (await second.PostRazorFormAsync(page, "staff-roles", Roles(SeenOn(await second.GetStringAsync(page)), StaffRole.Approver)))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var stale = await first.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>(Roles(firstSeen, StaffRole.Registrar, StaffRole.CaseHandler))
        {
            ["__RequestVerificationToken"] = firstToken,
            ["_handler"] = "staff-roles",
        }));

        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var html = await stale.Content.ReadAsStringAsync();
        html.Should().Contain("已被他人修改").And.Contain("现为：审核人");
        SeenOn(html).Should().Be("Approver", "the form is shown again with the roles as they are now");
        (await Accounts.FindAsync(clerk.UserName))!.Roles.Should().Equal(StaffRole.Approver);
    }

    [Fact]
    public async Task a_roles_form_without_the_roles_it_was_shown_with_is_refused()
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Administrator);
        var clerk = await App.CreateStaffAsync(TestAgencies.Government, StaffRole.Registrar);

        var response = await browser.PostRazorFormAsync(StaffRoutes.User(clerk.UserName), "staff-roles",
            new() { ["RolesForm.Roles[0].Role"] = "Approver", ["RolesForm.Roles[0].Selected"] = "true" });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).Should().Contain("页面已过期");
        (await Accounts.FindAsync(clerk.UserName))!.Roles.Should().Equal(StaffRole.Registrar);
    }

    private static string SeenOn(string html) =>
        System.Net.WebUtility.HtmlDecode(Regex.Match(html, "name=\"RolesForm.Seen\" value=\"([^\"]*)\"").Groups[1].Value);

    private static Dictionary<string, string> Roles(string seen, params StaffRole[] selected)
    {
        var fields = new Dictionary<string, string> { ["RolesForm.Seen"] = seen };
        var roles = Enum.GetValues<StaffRole>();
        for (var i = 0; i < roles.Length; i++)
        {
            fields[$"RolesForm.Roles[{i}].Role"] = roles[i].ToString();
            if (selected.Contains(roles[i])) fields[$"RolesForm.Roles[{i}].Selected"] = "true";
        }
        return fields;
    }
}
