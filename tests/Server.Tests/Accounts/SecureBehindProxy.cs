using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Server.Accounts;
using Server.Tests.Support;

namespace Server.Tests.Accounts;

/// <summary>
/// Behind an HTTPS reverse proxy configured under ForwardedHeaders:KnownProxies the app sees the real scheme and client:
/// cookies are Secure and HSTS is sent. The same headers from anyone else are ignored.
/// </summary>
public sealed class SecureBehindProxy(AppFixture app) : IntegrationContext(app)
{
    private const string Proxy = "10.1.2.3";

    /// <summary>Plays the network: the connection's remote address is what the test says (TestServer has none).</summary>
    private sealed class RemoteAddress : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers.TryGetValue("X-Test-Remote", out var remote)) context.Connection.RemoteIpAddress = IPAddress.Parse(remote!);
                return following(context);
            });
            next(app);
        };
    }

    private HttpClient Client(WebApplicationFactory<Program> host, string remote)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Test-Remote", remote);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.44");
        return client;
    }

    [Fact]
    public async Task an_https_proxy_that_is_configured_gets_secure_cookies_and_hsts_and_others_do_not()
    {
        await using var host = App.WithWebHostBuilder(builder => builder
            .UseSetting("ForwardedHeaders:KnownProxies:0", Proxy)
            .ConfigureTestServices(services => services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, RemoteAddress>()));
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);

        var viaProxy = await Client(host, Proxy).GetAsync("/signin");
        var direct = await Client(host, "10.9.9.9").GetAsync("/signin");

        viaProxy.Headers.GetValues("Strict-Transport-Security").Single().Should().Contain("max-age=31536000");
        viaProxy.Headers.GetValues("Set-Cookie").Should().OnlyContain(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        direct.Headers.Contains("Strict-Transport-Security").Should().BeFalse("X-Forwarded-Proto from an unknown address is ignored");
        direct.Headers.GetValues("Set-Cookie").Should().OnlyContain(c => !c.Contains("secure", StringComparison.OrdinalIgnoreCase));

        // The throttle counts the real client behind the proxy, not the proxy: one client's guesses do not block the office.
        var guard = host.Services.GetRequiredService<SignInGuard>();
        for (var attempt = 0; attempt < 5; attempt++)
            await Client(host, Proxy).PostAsJsonAsync(TokenEndpoints.TokenPath, new { userName = staff.UserName, password = "Wrong-password-1" });
        var other = Client(host, Proxy);
        other.DefaultRequestHeaders.Remove("X-Forwarded-For");
        other.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.45");
        (await other.PostAsJsonAsync(TokenEndpoints.TokenPath, new { userName = staff.UserName, password = staff.Password }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        guard.Reset();
    }
}
