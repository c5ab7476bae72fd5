using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Server.Accounts;
using Server.Tests.Support;

namespace Server.Tests.Accounts;

public sealed class SecurityHeadersAndErrors(AppFixture app) : IntegrationContext(app)
{
    [Theory]
    [InlineData("/signin")]
    [InlineData("/health")]
    [InlineData("/")]
    [InlineData("/api/me")]
    public async Task every_response_carries_the_security_headers(string path)
    {
        var response = await App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("frame-ancestors 'none'").And.Contain("object-src 'none'").And.NotContain("unsafe-inline");
        csp.Should().MatchRegex("script-src 'self' 'nonce-[A-Za-z0-9+/_=-]+'");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("same-origin");
        response.Headers.GetValues("Permissions-Policy").Single().Should().Contain("camera=()");
    }

    [Theory]
    [InlineData("/signin")]
    [InlineData("/health")]
    [InlineData("/api/me")]
    [InlineData("/no-such-page")]
    public async Task every_response_says_how_long_the_server_took_in_server_timing(string path)
    {
        var response = await App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(path);

        var header = response.Headers.GetValues(ServerTiming.HeaderName).Single();
        header.Should().MatchRegex(@"^app;dur=\d+\.\d$");
        ServerTiming.Parse(header).Should().BeGreaterThanOrEqualTo(0);
    }

    [Theory]
    [InlineData("app;dur=12.5", 12.5)]
    [InlineData("db;dur=3, app;dur=7", 7.0)]
    [InlineData("app;desc=\"x\";dur=0.1", 0.1)]
    [InlineData("db;dur=3", null)]
    [InlineData("app;dur=soon", null)]
    [InlineData(null, null)]
    public void the_app_duration_is_read_back_from_a_server_timing_header(string? header, double? expected) =>
        ServerTiming.Parse(header).Should().Be(expected);

    [Fact]
    public async Task the_inline_style_of_a_page_carries_the_nonce_of_its_policy()
    {
        var response = await App.CreateClient().GetAsync("/signin");
        var nonce = System.Text.RegularExpressions.Regex.Match(response.Headers.GetValues("Content-Security-Policy").Single(), "'nonce-([^']+)'").Groups[1].Value;

        (await response.Content.ReadAsStringAsync()).Should().Contain($"<style nonce=\"{nonce}\">").And.NotContain("<script");
    }

    [Fact]
    public async Task a_page_error_shows_a_chinese_page_with_a_correlation_id_and_no_detail()
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Registrar);
        App.Logs.Clear();

        var response = await browser.GetAsync("/test/failure");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("系统发生错误").And.NotContain(FailingEndpoints.Secret).And.NotContain("at Server").And.NotContain("InvalidOperationException");
        var correlation = System.Text.RegularExpressions.Regex.Match(html, "<code>([^<]+)</code>").Groups[1].Value;
        correlation.Should().NotBeNullOrEmpty();
        App.Logs.Lines.Should().Contain(line => line.Contains(correlation) && line.Contains(FailingEndpoints.Secret));
    }

    [Fact]
    public async Task an_api_error_is_problem_details_with_a_correlation_id_and_no_detail()
    {
        var client = await App.BearerClientAsync(TestAgencies.Government, StaffRole.Registrar);

        var response = await client.GetAsync("/api/test/failure");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.Should().NotContain(FailingEndpoints.Secret);
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("code").GetString().Should().Be("server.error");
        problem.GetProperty("title").GetString().Should().Be("系统发生错误，请稍后再试。");
        problem.GetProperty("detail").GetString().Should().Be("Internal server error.");
        problem.GetProperty("correlationId").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task an_unknown_page_gets_a_chinese_not_found_page()
    {
        var browser = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Registrar);

        var response = await browser.GetAsync("/no/such/page");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("未找到您要访问的页面或记录");
    }

    [Fact]
    public async Task a_401_has_the_one_error_shape_too()
    {
        var response = await App.CreateClient().GetAsync("/api/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().Should().Be("auth.required");
        Api.ApiKit.HasChinese(problem.GetProperty("title").GetString()!).Should().BeTrue();
        Api.ApiKit.HasChinese(problem.GetProperty("detail").GetString()!).Should().BeFalse();
    }

    [Fact]
    public async Task health_tells_anonymous_callers_only_healthy_or_not_and_administrators_the_details()
    {
        // Right after the host starts, the leader-elected daemon may not run yet (503, which is the point of /health):
        // this test is about what each caller is told once it runs.
        var client = App.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await client.GetAsync("/health")).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        var anonymous = await client.GetStringAsync("/health");
        var administrator = await (await App.BearerClientAsync(TestAgencies.Government, StaffRole.Administrator)).GetStringAsync("/health");
        var clerk = await (await App.BearerClientAsync(TestAgencies.Government, StaffRole.Registrar)).GetStringAsync("/health");

        anonymous.Should().Be("{\"status\":\"healthy\"}");
        clerk.Should().Be(anonymous);
        administrator.Should().Contain("\"databaseReachable\":true").And.Contain("\"daemonRunning\":true").And.Contain("\"database\":");
    }
}
