using Server.Api;
using Server.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Server.Tests.Browser;

/// <summary>The API reference page in a real Chromium: it renders the steps' routes, loads nothing from another host, and the CSP lets it run.</summary>
public sealed class ApiReferenceInChromium(BrowserFixture app) : BrowserContext(app)
{
    [Fact]
    public async Task The_reference_shows_the_step_routes_from_this_server_only()
    {
        await using var context = await App.NewContextAsync();
        var page = await context.NewPageAsync();
        var foreign = new List<string>();
        var errors = new List<string>();
        page.Request += (_, request) => { if (!request.Url.StartsWith(App.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)) foreign.Add(request.Url); };
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        var failed = new List<string>();
        page.Response += (_, response) => { if (response.Status >= 400) failed.Add($"{response.Status} {response.Url}"); };

        await page.GotoAsync(ApiReference.Path + "/");
        try
        {
            await Expect(page.Locator("text=依申请公开").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.Locator("text=依申请公开").First.ClickAsync();
            await Expect(page.Locator("text=延期答复").First).ToBeAttachedAsync(new() { Timeout = 10_000 });
        }
        catch (Microsoft.Playwright.PlaywrightException)
        {
            throw new Xunit.Sdk.XunitException($"errors: {string.Join(" | ", errors)}; failed: {string.Join(" | ", failed)}; foreign: {string.Join(" | ", foreign)}; body: {(await page.ContentAsync())[..Math.Min(1500, (await page.ContentAsync()).Length)]}");
        }

        foreign.Should().BeEmpty("the page works on a network without internet");
        errors.Should().NotContain(e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
