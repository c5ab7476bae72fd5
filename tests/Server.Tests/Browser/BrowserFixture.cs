using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Workflow.Testing;
using Npgsql;
using Server.Accounts;
using Server.Database;
using Server.Tests.Support;
using Wolverine;
using Workflow.Applications;

namespace Server.Tests.Browser;

/// <summary>
/// The application on a real Kestrel loopback port (Chromium cannot reach a TestServer), with the same fake clock as the
/// other tests, and one headless Debian Chromium driven by Playwright. It has its own database, so it runs beside the
/// <see cref="AppFixture"/> host: the configured server's database name with <c>_browser</c> appended (created when
/// missing), or a temporary private cluster when nothing is configured.
/// </summary>
public sealed class BrowserFixture() : WorkflowHostFixture("browser")
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
         "--lang=zh-CN"]; // date inputs show yyyy/mm/dd as on a Chinese office PC

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Where the tests save screenshots (under the test output folder).</summary>
    public string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    protected override async Task StartHostAsync()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        Directory.CreateDirectory(ScreenshotFolder);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Env = ChineseEnvironment(),
        });
    }

    /// <summary>The standard agencies, as <see cref="AppFixture"/> has.</summary>
    protected override Task SeedAsync() => TestAgencies.AddAsync(Services.GetRequiredService<AgencyDirectory>());

    public async Task<TestStaff> CreateStaffAsync(string userName, string displayName, string agency, params StaffRole[] roles)
    {
        var password = StaffSessions.NewPassword();
        var (user, refusal) = await Services.GetRequiredService<StaffAccounts>().AddAsync(userName, displayName, agency, roles, password);
        if (refusal is not null) throw new InvalidOperationException(refusal.English);
        return new TestStaff(user!.UserName, password, user.AgencyCode, user.Roles);
    }

    /// <summary>A fresh browser context (its own cookies) at 1280×900, Chinese locale, China time.</summary>
    public Task<IBrowserContext> NewContextAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseUrl,
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        Locale = "zh-CN",
        TimezoneId = "Asia/Shanghai",
    });

    /// <summary>This process's environment with a Chinese UI language, which Chromium on Linux takes from LANGUAGE/LANG.</summary>
    private static Dictionary<string, string> ChineseEnvironment()
    {
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        environment["LANGUAGE"] = "zh_CN";
        environment["LANG"] = "zh_CN.UTF-8";
        return environment;
    }

    protected override async Task DisposeExtrasAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>Base for browser tests: resets the data first; helpers to sign in and to keep screenshots.</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserContext(BrowserFixture app) : IAsyncLifetime
{
    protected BrowserFixture App { get; } = app;

    public Task InitializeAsync() => App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Signs in through the sign-in page and lands on the home page.</summary>
    protected async Task<IPage> SignInAsync(IBrowserContext context, TestStaff staff)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#userName", staff.UserName);
        await page.FillAsync("#password", staff.Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator(".site-name")).ToHaveTextAsync("依申请公开办理系统");
        return page;
    }

    protected async Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(App.ScreenshotFolder, name + ".png"), FullPage = fullPage });
}
