using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Wolverine;
using Workflow.Applications;

namespace Workflow.Testing;

/// <summary>
/// One application host for a collection of tests, on a real PostgreSQL of its own (<see cref="TestDatabase"/>), with
/// the async daemon and Wolverine in solo mode and a settable clock starting at <see cref="Now"/>. Fixtures add what
/// their tests need (a browser, captured logs, their agencies) through the hooks.
/// </summary>
public abstract class WorkflowHostFixture(string databasePurpose) : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>"Today" for every test: 2024-12-20 10:00 in China (a Friday).</summary>
    public static readonly DateTimeOffset Now = new(2024, 12, 20, 10, 0, 0, TimeSpan.FromHours(8));

    private TestDatabase? database;

    public TestClock Clock { get; } = new(Now);

    /// <summary>The connection string of this fixture's database (for tests that go around the app, e.g. tampering).</summary>
    public string ConnectionString => database!.ConnectionString;

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public ApplicationCommandBus Commands => Services.CreateScope().ServiceProvider.GetRequiredService<ApplicationCommandBus>();

    public IMessageBus Bus => Services.CreateScope().ServiceProvider.GetRequiredService<IMessageBus>();

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        // Handed to the host as its connection string, so the host itself never starts a database.
        database = await TestDatabase.StartAsync(databasePurpose);
        await StartHostAsync();
    }

    /// <summary>Starts the host; a fixture that serves on a real port overrides it.</summary>
    protected virtual Task StartHostAsync()
    {
        _ = Services;
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        ConfigureForTests(builder, database!.ConnectionString, Clock, ConfigureTestServices);

    /// <summary>
    /// How every test host is set up: the Testing environment, the given database (so the host never starts one of
    /// its own), a settable clock instead of the system's, and Wolverine in solo mode. Used by the fixtures and by the
    /// tests that need a host on a server of their own (outages, killed servers).
    /// </summary>
    public static void ConfigureForTests(IWebHostBuilder builder, string connectionString, TimeProvider clock,
        Action<IServiceCollection>? moreServices = null)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Workflow", connectionString);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(clock);
            services.RunWolverineInSoloMode();
            moreServices?.Invoke(services);
        });
    }

    /// <summary>More test-only services of a fixture.</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    /// <summary>Empties every document and stream, puts the clock back on <see cref="Now"/> and adds the fixture's baseline data.</summary>
    public async Task ResetAsync()
    {
        Clock.SetUtcNow(Now);
        await Services.GetRequiredService<IHost>().ResetAllMartenDataAsync();
        // The calendar in force forgets the changes recorded by the previous test (ADR 0018).
        await Services.GetRequiredService<Workflow.Calendar.CalendarInForce>().RefreshAsync(Store, force: true);
        await SeedAsync();
    }

    /// <summary>The data every test of the fixture starts from (the agencies its tests register for).</summary>
    protected abstract Task SeedAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeExtrasAsync();
        await base.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }

    /// <summary>What a fixture must release before the host stops (a browser).</summary>
    protected virtual Task DisposeExtrasAsync() => Task.CompletedTask;
}
