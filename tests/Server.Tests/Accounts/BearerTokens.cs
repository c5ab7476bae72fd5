using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Server.Accounts;
using Server.Tests.Support;

namespace Server.Tests.Accounts;

public sealed class BearerTokens(AppFixture app) : IntegrationContext(app)
{
    private HttpClient Anonymous() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task a_token_is_issued_for_the_right_password_and_identifies_the_user_on_the_api()
    {
        var staff = await App.CreateStaffAsync("portal.qxg", TestAgencies.Government, StaffRole.Registrar, StaffRole.CaseHandler);
        var client = await App.BearerClientAsync(staff);

        var me = await client.MeAsync();

        me!.UserName.Should().Be("portal.qxg");
        me.AgencyCode.Should().Be(TestAgencies.Government);
        me.AgencyName.Should().Be("毕节市七星关区人民政府");
        me.Roles.Should().Equal(StaffRole.Registrar, StaffRole.CaseHandler);
        me.RoleNames.Should().Equal("登记员", "承办人");
    }

    [Fact]
    public async Task a_wrong_password_gets_401_with_a_chinese_and_an_english_message()
    {
        var staff = await App.CreateStaffAsync("portal.qxg", TestAgencies.Government, StaffRole.Registrar);

        var response = await Anonymous().PostAsJsonAsync(TokenEndpoints.TokenPath, new { userName = staff.UserName, password = "Wrong-password-1" });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("code").GetString().Should().Be("signin.failed");
        body.GetProperty("title").GetString().Should().Be("用户名或密码错误。", "one error shape: the Chinese title");
        body.GetProperty("detail").GetString().Should().Be("Wrong user name or password.");
    }

    [Fact]
    public async Task the_sixth_attempt_after_five_failures_gets_429_with_retry_after()
    {
        var staff = await App.CreateStaffAsync("portal.qxg", TestAgencies.Government, StaffRole.Registrar);
        var client = Anonymous();
        for (var attempt = 1; attempt <= 4; attempt++)
            (await client.PostAsJsonAsync(TokenEndpoints.TokenPath, new { userName = staff.UserName, password = "Wrong-password-1" }))
                .StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var locked = await client.PostAsJsonAsync(TokenEndpoints.TokenPath, new { userName = staff.UserName, password = "Wrong-password-1" });
        locked.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        locked.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromMinutes(15));
        (await client.PostAsJsonAsync(TokenEndpoints.TokenPath, new { userName = staff.UserName, password = staff.Password }))
            .StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task the_api_without_a_token_or_with_a_forged_one_answers_401_not_a_redirect()
    {
        (await Anonymous().GetAsync(TokenEndpoints.MePath)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var forged = Anonymous();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        (await forged.GetAsync(TokenEndpoints.MePath)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task disabling_a_user_or_resetting_the_password_ends_issued_tokens()
    {
        var disabled = await App.CreateStaffAsync("portal.one", TestAgencies.Government, StaffRole.Registrar);
        var reset = await App.CreateStaffAsync("portal.two", TestAgencies.Government, StaffRole.Registrar);
        var disabledClient = await App.BearerClientAsync(disabled);
        var resetClient = await App.BearerClientAsync(reset);
        (await disabledClient.GetAsync(TokenEndpoints.MePath)).StatusCode.Should().Be(HttpStatusCode.OK);

        var accounts = App.Services.GetRequiredService<StaffAccounts>();
        await accounts.DisableAsync(disabled.UserName);
        await accounts.ResetPasswordAsync(reset.UserName, StaffSessions.NewPassword());

        (await disabledClient.GetAsync(TokenEndpoints.MePath)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await resetClient.GetAsync(TokenEndpoints.MePath)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_refresh_token_gives_a_new_access_token_until_the_password_changes()
    {
        var staff = await App.CreateStaffAsync("portal.qxg", TestAgencies.Government, StaffRole.Registrar);
        var token = await App.IssueTokenAsync(staff.UserName, staff.Password);

        var refreshed = await Anonymous().PostAsJsonAsync(TokenEndpoints.RefreshPath, new { refreshToken = token.RefreshToken });
        refreshed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await refreshed.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken.Should().NotBeNullOrEmpty();

        await App.Services.GetRequiredService<StaffAccounts>().ResetPasswordAsync(staff.UserName, StaffSessions.NewPassword());
        (await Anonymous().PostAsJsonAsync(TokenEndpoints.RefreshPath, new { refreshToken = token.RefreshToken }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task an_access_token_expires_after_an_hour()
    {
        var client = await App.BearerClientAsync(TestAgencies.Government, StaffRole.Registrar);
        App.Clock.Advance(TimeSpan.FromMinutes(61));

        (await client.GetAsync(TokenEndpoints.MePath)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task role_changes_apply_at_the_next_request_because_roles_are_read_per_request()
    {
        var staff = await App.CreateStaffAsync("portal.qxg", TestAgencies.Government, StaffRole.Registrar);
        var client = await App.BearerClientAsync(staff);
        await using (var session = Store.LightweightSession())
        {
            var user = await session.LoadAsync<StaffUser>(staff.UserName);
            user!.Roles = [StaffRole.LegalCounsel];
            session.Update(user);
            await session.SaveChangesAsync();
        }

        (await client.MeAsync()).Roles.Should().Equal(StaffRole.LegalCounsel);
    }
}
