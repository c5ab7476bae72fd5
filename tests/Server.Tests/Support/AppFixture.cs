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
/// One application host per test run, on one real PostgreSQL: a temporary private cluster unless a connection string
/// is configured (ConnectionStrings__Workflow). Time is a fake clock set to a known day in China.
/// </summary>
public sealed class AppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>"Today" for every test: 2024-12-20 10:00 in China (a Friday).</summary>
    public static readonly DateTimeOffset Now = new(2024, 12, 20, 10, 0, 0, TimeSpan.FromHours(8));

    private TestDatabase? database;

    public TestClock Clock { get; } = new(Now);

    /// <summary>Every log line the host writes, to check that no personal data reaches the logs.</summary>
    public CapturedLogs Logs { get; } = new();

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public ApplicationCommandBus Commands => Services.CreateScope().ServiceProvider.GetRequiredService<ApplicationCommandBus>();

    public IMessageBus Bus => Services.CreateScope().ServiceProvider.GetRequiredService<IMessageBus>();

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        // One database for the whole run, handed to the host as its connection string, so the host never starts one.
        database = await TestDatabase.StartAsync("server");
        _ = Services; // start the host
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Workflow", database!.ConnectionString);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RunWolverineInSoloMode();
            services.AddTransient<IStartupFilter, FailingEndpoints>();
        });
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    /// <summary>Empties every document and stream, then adds the standard agency tree (<see cref="TestAgencies"/>).</summary>
    public async Task ResetAsync()
    {
        Clock.SetUtcNow(Now);
        await Services.GetRequiredService<IHost>().ResetAllMartenDataAsync();
        await TestAgencies.AddAsync(Services.GetRequiredService<AgencyDirectory>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
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
