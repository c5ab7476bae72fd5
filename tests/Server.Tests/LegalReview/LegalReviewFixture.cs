using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using System.Net.Http.Json;
using Npgsql;
using Server.Accounts;
using Server.Database;
using Server.Tests.Support;
using Wolverine;
using Workflow.Testing;

namespace Server.Tests.LegalReview;

/// <summary>A signed-in member of staff for tests; the agencies and roles can be changed per test.</summary>
public sealed class TestStaff : ICurrentStaff
{
    public bool IsSignedIn { get; set; } = true;
    public string UserName { get; set; } = "counsel.zhou";
    public string DisplayName { get; set; } = "周律师";
    public string AgencyCode { get; set; } = Scenarios.Agency;
    public IReadOnlySet<StaffRole> Roles { get; set; } = new HashSet<StaffRole> { StaffRole.LegalCounsel };
    public IReadOnlySet<string> VisibleAgencies { get; set; } = new HashSet<string> { Scenarios.Agency };
}

/// <summary>
/// The legal-review host: like <see cref="AppFixture"/> plus a test <see cref="ICurrentStaff"/>. It runs on its own
/// database (the configured server's database name + "_review", or its own temporary cluster), so it never races the
/// shared fixture's resets or async daemon.
/// </summary>
public sealed class LegalReviewFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? database;
    private string connectionString = "";

    public TestClock Clock { get; } = new(AppFixture.Now);

    public TestStaff Staff { get; } = new();

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public IMessageBus Bus => Services.CreateScope().ServiceProvider.GetRequiredService<IMessageBus>();

    public string ConnectionString => connectionString;

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        database = await TestDatabase.StartAsync("review");
        connectionString = database.ConnectionString;
        _ = Services;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Workflow", connectionString);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RunWolverineInSoloMode();
        });
    }

    public async Task ResetAsync()
    {
        Clock.SetUtcNow(AppFixture.Now);
        Staff.VisibleAgencies = new HashSet<string> { Scenarios.Agency };
        Staff.Roles = new HashSet<StaffRole> { StaffRole.LegalCounsel };
        await Services.GetRequiredService<IHost>().ResetAllMartenDataAsync();
        await TestAgencies.AddAsync(Services.GetRequiredService<AgencyDirectory>());
    }

    private static int users;

    /// <summary>
    /// An API client signed in (bearer token, through the real token endpoint) as a new user with the roles of
    /// <see cref="Staff"/>, in the test government when <see cref="Staff"/> may see it, otherwise in an unrelated one.
    /// </summary>
    public async Task<HttpClient> ClientAsync()
    {
        var agency = Staff.VisibleAgencies.Contains(Scenarios.Agency) ? TestAgencies.Government : TestAgencies.OtherGovernment;
        var userName = $"review.{Interlocked.Increment(ref users)}";
        var password = StaffSessions.NewPassword();
        var (_, refusal) = await Services.GetRequiredService<StaffAccounts>()
            .AddAsync(userName, Staff.DisplayName, agency, [.. Staff.Roles], password);
        if (refusal is not null) throw new InvalidOperationException(refusal.English);
        using var anonymous = CreateClient();
        var response = await anonymous.PostAsJsonAsync(TokenEndpoints.TokenPath, new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LegalReviewCollection : ICollectionFixture<LegalReviewFixture>
{
    public const string Name = "legal-review";
}

[Collection(LegalReviewCollection.Name)]
public abstract class LegalReviewContext(LegalReviewFixture app) : IAsyncLifetime
{
    protected LegalReviewFixture App { get; } = app;

    public Task InitializeAsync() => App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Moves the fake clock to 10:00 China time on <paramref name="date"/>.</summary>
    protected void At(DateOnly date, int hour = 10) =>
        App.Clock.SetUtcNow(new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8)));
}
