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

/// <summary>
/// Who a legal-review test acts as: a real user with these roles is created and signed in by
/// <see cref="LegalReviewFixture.ClientAsync"/>, in the test government when it may see it, otherwise in another one.
/// </summary>
public sealed class ReviewerProfile
{
    public string DisplayName { get; set; } = "周律师";
    public IReadOnlySet<StaffRole> Roles { get; set; } = new HashSet<StaffRole> { StaffRole.LegalCounsel };
    public IReadOnlySet<string> VisibleAgencies { get; set; } = new HashSet<string> { Scenarios.Agency };
}

/// <summary>
/// The legal-review host: like <see cref="AppFixture"/> plus a test <see cref="ICurrentStaff"/>. It runs on its own
/// database (the configured server's database name + "_review", or its own temporary cluster), so it never races the
/// shared fixture's resets or async daemon.
/// </summary>
public sealed class LegalReviewFixture() : WorkflowHostFixture("review")
{
    /// <summary>Who <see cref="ClientAsync"/> signs in as: the roles and the agencies to see (reset before each test).</summary>
    public ReviewerProfile Staff { get; } = new();

    protected override Task SeedAsync()
    {
        Staff.VisibleAgencies = new HashSet<string> { Scenarios.Agency };
        Staff.Roles = new HashSet<StaffRole> { StaffRole.LegalCounsel };
        return TestAgencies.AddAsync(Services.GetRequiredService<AgencyDirectory>());
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
