using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Server.Accounts;

namespace Server.Tests.Support;

/// <summary>The agency tree every integration test starts with (added by <see cref="AppFixture.ResetAsync"/>).</summary>
public static class TestAgencies
{
    /// <summary>毕节市七星关区人民政府 (its office sees its departments' applications). Prefix kept as "qxg公开".</summary>
    public const string Government = Scenarios.Agency;
    /// <summary>七星关区自然资源局, a department of <see cref="Government"/>.</summary>
    public const string Department = "qxg-zrzy";
    /// <summary>大方县人民政府, another government: nothing shared with <see cref="Government"/>.</summary>
    public const string OtherGovernment = "dfx";

    public static async Task AddAsync(AgencyDirectory agencies)
    {
        await Add(agencies.AddAsync(Government, "毕节市七星关区人民政府", null, "qxg公开"));
        await Add(agencies.AddAsync(Department, "七星关区自然资源局", Government, "七星自然资源公开"));
        await Add(agencies.AddAsync(OtherGovernment, "大方县人民政府", null, "大方府公开"));

        static async Task Add(Task<(Agency? Agency, Workflow.Applications.Refusal? Refusal)> adding)
        {
            var (_, refusal) = await adding;
            if (refusal is not null) throw new InvalidOperationException(refusal.English);
        }
    }
}

/// <summary>A test user and the password it was created with.</summary>
public sealed record TestStaff(string UserName, string Password, string AgencyCode, IReadOnlyList<StaffRole> Roles);

/// <summary>
/// Acting as a given member of staff: users are created through <see cref="StaffAccounts"/> (the code the
/// <c>users add</c> command runs), then signed in through the real endpoints: a bearer token for API tests, the
/// sign-in form (with its anti-forgery token) for page tests.
/// </summary>
public static class StaffSessions
{
    private static int counter;

    /// <summary>A strong random password that satisfies <see cref="PasswordPolicy"/>.</summary>
    public static string NewPassword() => $"Pw-{Guid.NewGuid():N}";

    public static async Task<TestStaff> CreateStaffAsync(this AppFixture app, string agency, params StaffRole[] roles) =>
        await app.CreateStaffAsync($"{(roles.Length == 0 ? "nobody" : string.Join('-', roles)).ToLowerInvariant()}.{agency}.{Interlocked.Increment(ref counter)}", agency, roles);

    public static async Task<TestStaff> CreateStaffAsync(this AppFixture app, string userName, string agency, params StaffRole[] roles)
    {
        var password = NewPassword();
        var (user, refusal) = await app.Services.GetRequiredService<StaffAccounts>().AddAsync(userName, $"测试{userName}", agency, roles, password);
        if (refusal is not null) throw new InvalidOperationException(refusal.English);
        return new TestStaff(user!.UserName, password, user.AgencyCode, user.Roles);
    }

    /// <summary>An API client signed in with a bearer token as a new user of <paramref name="agency"/> with <paramref name="roles"/>.</summary>
    public static async Task<HttpClient> BearerClientAsync(this AppFixture app, string agency, params StaffRole[] roles) =>
        await app.BearerClientAsync(await app.CreateStaffAsync(agency, roles));

    public static async Task<HttpClient> BearerClientAsync(this AppFixture app, TestStaff staff)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var token = await app.IssueTokenAsync(staff.UserName, staff.Password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    public static async Task<TokenResponse> IssueTokenAsync(this AppFixture app, string userName, string password)
    {
        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var response = await anonymous.PostAsJsonAsync(TokenEndpoints.TokenPath, new { userName, password });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }

    /// <summary>A browser-like client (cookies, no automatic redirects) signed in through the sign-in form.</summary>
    public static async Task<HttpClient> CookieClientAsync(this AppFixture app, string agency, params StaffRole[] roles) =>
        await app.CookieClientAsync(await app.CreateStaffAsync(agency, roles));

    public static async Task<HttpClient> CookieClientAsync(this AppFixture app, TestStaff staff)
    {
        var client = app.AnonymousBrowser();
        var response = await client.SignInAsync(staff.UserName, staff.Password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "the sign-in form redirects on success");
        return client;
    }

    /// <summary>A client with a cookie jar and no automatic redirects, signed in as nobody.</summary>
    public static HttpClient AnonymousBrowser(this AppFixture app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Fills in and posts the sign-in form, as a browser would (anti-forgery token from the page).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient browser, string userName, string password, string? returnUrl = null)
    {
        var token = await browser.FormTokenAsync(SignInPages.SignInPath);
        return await browser.PostAsync(SignInPages.SignInPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = returnUrl ?? "/",
        }));
    }

    /// <summary>Loads a page and returns the anti-forgery token of its form (the cookie half stays in the client's jar).</summary>
    public static async Task<string> FormTokenAsync(this HttpClient browser, string path)
    {
        var html = await browser.GetStringAsync(path);
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        match.Success.Should().BeTrue($"the page {path} has an anti-forgery field");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}

public static class ApiJson
{
    /// <summary>The server's JSON conventions (web defaults, enums as strings).</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>GET /api/me as the client's user.</summary>
    public static async Task<StaffProfile> MeAsync(this HttpClient client) =>
        (await client.GetFromJsonAsync<StaffProfile>(TokenEndpoints.MePath, Options))!;
}

/// <summary>The JSON of <c>POST /api/auth/token</c> (ASP.NET Core's AccessTokenResponse).</summary>
public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
