using System.Net;
using System.Net.Http.Json;
using Server.Accounts;
using Server.Tests.Support;

namespace Server.Tests.Accounts;

public sealed class CookieSignIn(AppFixture app) : IntegrationContext(app)
{
    [Fact]
    public async Task an_anonymous_visitor_of_the_home_page_is_sent_to_the_chinese_sign_in_page()
    {
        var browser = App.AnonymousBrowser();

        var home = await browser.GetAsync("/");
        home.StatusCode.Should().Be(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().Should().Contain("/signin");

        var page = await browser.GetStringAsync(home.Headers.Location);
        page.Should().Contain("工作人员登录").And.Contain("__RequestVerificationToken").And.Contain("lang=\"zh-CN\"");
    }

    [Fact]
    public async Task the_sign_in_page_states_the_lockout_the_guard_applies_and_the_forbidden_page_says_why_in_chinese()
    {
        var browser = App.AnonymousBrowser();

        var signIn = await browser.GetStringAsync(SignInPages.SignInPath);
        var lockout = new LockoutOptions();
        signIn.Should().Contain($"连续 {lockout.MaxFailedSignIns} 次输入错误后，本机须等待 {(int)lockout.LockoutDuration.TotalMinutes} 分钟");

        var forbidden = await browser.GetAsync(SignInPages.AccessDeniedPath);
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        forbidden.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await forbidden.Content.ReadAsStringAsync();
        html.Should().Contain("<h1>无权访问</h1>").And.Contain("您的角色不能进行此操作").And.Contain("lang=\"zh-CN\"");
    }

    [Fact]
    public async Task signing_in_through_the_form_sets_a_strict_http_only_cookie_and_opens_the_home_page()
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);
        var browser = App.AnonymousBrowser();

        var response = await browser.SignInAsync(staff.UserName, staff.Password, "/");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gkxx.staff="));
        cookie.ToLowerInvariant().Should().Contain("httponly").And.Contain("samesite=strict");
        (await browser.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await browser.MeAsync()).UserName.Should().Be("clerk.li");
    }

    [Fact]
    public async Task a_sign_in_post_without_the_anti_forgery_token_is_rejected()
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);
        var browser = App.AnonymousBrowser();
        await browser.GetStringAsync(SignInPages.SignInPath); // has the cookie half, but posts no token

        var response = await browser.PostAsync(SignInPages.SignInPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = staff.UserName,
            ["password"] = staff.Password,
        }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.TryGetValues("Set-Cookie", out var cookies).Should().BeFalse(cookies is null ? "" : string.Join(";", cookies));
        (await browser.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task a_wrong_password_shows_the_form_again_with_a_chinese_message_and_lockout_is_explained()
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);
        var browser = App.AnonymousBrowser();

        var wrong = await browser.SignInAsync(staff.UserName, "Wrong-password-1");
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("用户名或密码错误").And.Contain("value=\"clerk.li\"");
        for (var attempt = 2; attempt <= 4; attempt++) await browser.SignInAsync(staff.UserName, "Wrong-password-1");
        var locked = await browser.SignInAsync(staff.UserName, "Wrong-password-1");

        (await locked.Content.ReadAsStringAsync()).Should().Contain("登录尝试次数过多").And.Contain("10:15");
    }

    [Fact]
    public async Task a_cookie_copied_before_sign_out_is_refused_after_it()
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);
        var browser = App.AnonymousBrowser();
        var signedIn = await browser.SignInAsync(staff.UserName, staff.Password);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gkxx.staff=", StringComparison.Ordinal)).Split(';')[0];
        var copy = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        (await copy.GetAsync("/worklist")).StatusCode.Should().Be(HttpStatusCode.OK, "the copy works while the session is open");

        var token = await browser.FormTokenAsync(SignInPages.SignOutPath);
        await browser.PostAsync(SignInPages.SignOutPath, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        var after = await copy.GetAsync("/worklist");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().Should().StartWith("http://localhost/signin");
        (await copy.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task the_return_url_may_only_be_a_path_on_this_site()
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);

        var response = await App.AnonymousBrowser().SignInAsync(staff.UserName, staff.Password, "//evil.example/steal");

        response.Headers.Location!.ToString().Should().Be("/");
        SignInPages.LocalOrHome("/cases/1?x=2").Should().Be("/cases/1?x=2");
        SignInPages.LocalOrHome("https://evil.example").Should().Be("/");
        SignInPages.LocalOrHome("/\\evil.example").Should().Be("/");
    }

    [Fact]
    public async Task signing_out_needs_the_form_token_and_ends_the_session()
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Registrar);

        (await browser.PostAsync(SignInPages.SignOutPath, new FormUrlEncodedContent([]))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await browser.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);

        var token = await browser.FormTokenAsync(SignInPages.SignOutPath);
        var signedOut = await browser.PostAsync(SignInPages.SignOutPath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await browser.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task the_cookie_session_slides_but_ends_after_eight_idle_hours()
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Registrar);

        App.Clock.Advance(TimeSpan.FromHours(5));
        (await browser.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK); // past half the lifetime: renewed
        App.Clock.Advance(TimeSpan.FromHours(5));
        (await browser.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromHours(8.5));
        (await browser.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task an_unsafe_api_call_with_the_cookie_needs_the_anti_forgery_header()
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Registrar);

        var response = await browser.PostAsJsonAsync("/api/anything", new { });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("antiforgery.missing");
    }
}
