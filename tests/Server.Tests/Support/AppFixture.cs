using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Server.Accounts;
using Server.Database;
using Wolverine;
using Workflow.Testing;
using Workflow.Applications;

namespace Server.Tests.Support;

/// <summary>
/// The shared host of the integration tests, with every log line captured (to check no personal data reaches the logs)
/// and test-only failing endpoints for the error pages; each test starts from the standard agency tree.
/// </summary>
public sealed class AppFixture() : WorkflowHostFixture("server")
{
    /// <summary>Every log line the host writes, to check that no personal data reaches the logs.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddTransient<IStartupFilter, FailingEndpoints>();

    /// <summary>The standard agency tree (<see cref="TestAgencies"/>).</summary>
    protected override Task SeedAsync()
    {
        // Sign-in throttling counts per client in memory; every test starts from a clean slate, like a restarted app.
        Services.GetRequiredService<SignInGuard>().Reset();
        return TestAgencies.AddAsync(Services.GetRequiredService<AgencyDirectory>());
    }
}

[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "integration";
}

/// <summary>Base for integration tests: resets all Marten data first (and leaves it afterwards, for inspection).</summary>
[Collection(IntegrationCollection.Name)]
public abstract class IntegrationContext(AppFixture app) : IAsyncLifetime
{
    protected AppFixture App { get; } = app;

    protected IDocumentStore Store => App.Store;

    protected IMessageBus Bus => App.Bus;

    public Task InitializeAsync() => App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
