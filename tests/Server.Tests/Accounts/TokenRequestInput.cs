using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Server.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Server.Components.Staff;
using Server.Tests.Support;

namespace Server.Tests.Accounts;

/// <summary>
/// What a client can send to the sign-in endpoints that is no user name or no JSON: refused as a wrong name (401) or a
/// bad request (400) in the product's error shape, never a 500, and nothing reaches the database.
/// </summary>
public sealed class TokenRequestInput(AppFixture app) : IntegrationContext(app)
{
    private HttpClient Anonymous() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("{\"userName\":\"a\\u0000\",\"password\":\"x\"}", "userName")]
    [InlineData("{\"userName\":\"clerk\\u202Eli\",\"password\":\"x\"}", "userName")]
    [InlineData("{\"userName\":\"clerk.li\",\"password\":\"x\\u0000\"}", "password")]
    [InlineData("{\"userName\":\"\\ud800\",\"password\":\"x\"}", "userName")]
    public async Task text_that_cannot_be_stored_is_a_400_naming_the_field(string json, string field)
    {
        var response = await Anonymous().PostAsync(TokenEndpoints.TokenPath, Json(json));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("code").GetString().Should().Be("field.invalid-text");
        body.GetProperty("title").GetString().Should().Contain("请删除后重试");
        // StrictJson names the field in its messages (its refusals carry no Field of their own).
        body.GetProperty("detail").GetString().Should().Contain($"'{field}' is not acceptable text");
    }

    [Theory]
    [InlineData("not json", "payload.not-json", null)]
    [InlineData("null", "payload.not-object", null)]
    [InlineData("[]", "payload.not-object", null)]
    [InlineData("{\"userName\":5,\"password\":\"x\"}", "field.not-text", "userName")]
    [InlineData("{\"password\":\"x\"}", "field.required", "userName")]
    [InlineData("{\"userName\":\"a\",\"UserName\":\"b\",\"password\":\"x\"}", "payload.duplicate-key", "userName")]
    public async Task a_body_that_is_no_token_request_is_a_400_in_the_product_shape(string json, string code, string? field)
    {
        var response = await Anonymous().PostAsync(TokenEndpoints.TokenPath, Json(json));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("code").GetString().Should().Be(code);
        body.GetProperty("title").GetString().Should().MatchRegex(@"\p{IsCJKUnifiedIdeographs}", "the title is for people, in Chinese");
        body.GetProperty("detail").GetString().Should().NotBeNullOrEmpty();
        var fieldValue = body.GetProperty("field");
        (fieldValue.ValueKind == JsonValueKind.Null ? null : fieldValue.GetString()).Should().Be(field);
    }

    [Fact]
    public async Task a_body_that_is_not_json_by_its_content_type_is_a_400()
    {
        var response = await Anonymous().PostAsync(TokenEndpoints.TokenPath,
            new StringContent("{\"userName\":\"a\",\"password\":\"x\"}", Encoding.UTF8, "text/plain"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().Should().Be("payload.content-type");
    }

    [Theory]
    [InlineData("a\u0000")]
    [InlineData("李四")]
    [InlineData("x")]
    public async Task a_name_that_cannot_be_a_user_name_is_answered_like_a_wrong_one(string userName)
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);
        var accounts = App.Services.GetRequiredService<StaffAccounts>();

        (await accounts.SignInAsync(userName, staff.Password)).Refusal!.Code.Should().Be("signin.failed");
        var viaForm = await App.AnonymousBrowser().SignInAsync(userName, staff.Password);
        if (userName.Contains('\0'))
        {
            // A NUL in a posted form is refused by ASP.NET Core's form handling before the endpoint runs: a plain 400 page.
            viaForm.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            return;
        }
        viaForm.StatusCode.Should().Be(HttpStatusCode.OK, "the sign-in page is shown again");
        (await viaForm.Content.ReadAsStringAsync()).Should().Contain("用户名或密码错误");
    }

    [Fact]
    public async Task looking_up_a_name_that_cannot_be_one_finds_nobody_without_asking_the_database()
    {
        var accounts = App.Services.GetRequiredService<StaffAccounts>();

        (await accounts.FindAsync("a\u0000b")).Should().BeNull();
        (await accounts.HistoryAsync("a\u0000b")).Should().BeEmpty();
        (await accounts.DisableAsync("a\u0000b"))!.Code.Should().Be("user.unknown");
        (await App.Services.GetRequiredService<AgencyDirectory>().FindAsync("q\u0000xg")).Should().BeNull();
    }

    [Fact]
    public async Task the_right_name_and_password_still_get_a_token_with_any_case_of_the_keys()
    {
        var staff = await App.CreateStaffAsync("portal.case", TestAgencies.Government, StaffRole.Registrar);

        var response = await Anonymous().PostAsync(TokenEndpoints.TokenPath,
            Json(JsonSerializer.Serialize(new Dictionary<string, string> { ["UserName"] = staff.UserName, ["Password"] = staff.Password })));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken.Should().NotBeNullOrEmpty();
    }
}
