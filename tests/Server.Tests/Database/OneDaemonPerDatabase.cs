using System.Text;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Projections;
using Projections.Annual;
using Server.Accounts;
using Server.Tests.Support;
using Wolverine;
using Workflow.Import;
using Workflow.Testing;

namespace Server.Tests.Database;

/// <summary>
/// docs/adr/0022: a command-line host beside the running app on the same database never runs a second daemon on a
/// projection. Two full hosts (the "app" and an "import" command) share one database here, as they do in production.
/// </summary>
public sealed class OneDaemonPerDatabase : IAsyncLifetime
{
    private TestDatabase database = null!;
    private readonly CapturedLogs logs = new();

    public async Task InitializeAsync()
    {
        JasperFx.CommandLine.JasperFxEnvironment.AutoStartHost = true;
        database = await TestDatabase.StartAsync("daemon");
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    private WebApplicationFactory<Program> Host() => new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Workflow", database.ConnectionString);
        builder.ConfigureLogging(logging => logging.AddProvider(logs));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(new TestClock(WorkflowHostFixture.Now));
            services.RunWolverineInSoloMode();
        });
    });

    [Fact]
    public async Task an_import_beside_the_running_app_leaves_every_projection_to_one_daemon()
    {
        await using var app = Host();
        var store = app.Services.GetRequiredService<IDocumentStore>();
        await app.Services.GetRequiredService<IHost>().ResetAllMartenDataAsync();
        await TestAgencies.AddAsync(app.Services.GetRequiredService<AgencyDirectory>());
        var appDaemon = app.Services.GetRequiredService<LeaderElectedProjectionCoordinator>();
        (await appDaemon.WaitForLeadershipAsync(TimeSpan.FromSeconds(10), default)).Should().BeTrue("the app, first up, runs the daemon");

        await using var command = Host();
        using var scope = command.Services.CreateScope();
        var summary = await scope.ServiceProvider.GetRequiredService<ApplicationImporter>().ImportAsync(new StringReader(Lines(120)), "import");
        await ProjectionCatchUp.WaitAsync(command.Services.GetRequiredService<IDocumentStore>(), TimeSpan.FromMinutes(1));

        command.Services.GetRequiredService<LeaderElectedProjectionCoordinator>().IsLeader.Should().BeFalse("the command runs no daemon beside the app");
        command.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>().DaemonForMainDatabase().CurrentAgents().Should().BeEmpty();
        summary.Errors.Should().BeEmpty();
        summary.Registered.Should().Be(120);
        appDaemon.IsLeader.Should().BeTrue("the app kept its daemon");
        logs.Lines.Should().NotContain(line => line.Contains("ProgressionProgressOutOfOrder"));
        await using var session = store.QuerySession();
        (await session.Query<ApplicationStatistics>().CountAsync()).Should().Be(120, "the app's daemon projected every imported case once");
    }

    [Fact]
    public async Task a_command_started_alone_runs_the_daemon_and_the_app_takes_over_when_it_exits()
    {
        var command = Host();
        var commandDaemon = command.Services.GetRequiredService<LeaderElectedProjectionCoordinator>();
        (await commandDaemon.WaitForLeadershipAsync(TimeSpan.FromSeconds(10), default)).Should().BeTrue("nobody else runs one");
        await using var app = Host();
        var appDaemon = app.Services.GetRequiredService<LeaderElectedProjectionCoordinator>();
        await Task.Delay(LeaderElectedProjectionCoordinator.PollInterval * 2);
        appDaemon.IsLeader.Should().BeFalse();
        (await appDaemon.AnyLeaderAsync(default)).Should().BeTrue();

        await command.DisposeAsync();

        (await appDaemon.WaitForLeadershipAsync(LeaderElectedProjectionCoordinator.PollInterval * 3, default)).Should().BeTrue();
        var daemon = app.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>().DaemonForMainDatabase();
        for (var waited = 0; !daemon.IsRunning && waited < 50; waited++) await Task.Delay(100);
        daemon.IsRunning.Should().BeTrue("the app took the daemon over");
    }

    [Fact]
    public async Task a_daemon_paused_before_its_host_starts_takes_the_lock_but_loads_nothing_until_resumed()
    {
        // CommandHost.StartAsync(…, daemonPaused: true), as import and rebuildtables start: paused first, then started.
        // Started and paused afterwards, the daemon began loading a waiting backlog and the pause cancelled the query
        // mid-flight, logged as "Error trying to load events" at the second import of a 100,000-case 台账.
        await using var app = Host();
        await app.Services.GetRequiredService<IHost>().ResetAllMartenDataAsync();
        await TestAgencies.AddAsync(app.Services.GetRequiredService<AgencyDirectory>());
        var coordinator = app.Services.GetRequiredService<LeaderElectedProjectionCoordinator>();
        await coordinator.StopAsync(default);
        using (var scope = app.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<ApplicationImporter>().ImportAsync(new StringReader(Lines(30)), "import"))
                .Registered.Should().Be(30, "a backlog waits for the daemon");
        var store = app.Services.GetRequiredService<IDocumentStore>();

        await coordinator.PauseAsync();
        await coordinator.StartAsync(default);

        (await coordinator.WaitForLeadershipAsync(TimeSpan.FromSeconds(10), default)).Should().BeTrue("a paused daemon still holds the lock");
        await Task.Delay(LeaderElectedProjectionCoordinator.PollInterval * 2);
        coordinator.DaemonForMainDatabase().CurrentAgents().Should().BeEmpty("nothing starts an agent of a daemon paused before its start");
        await using (var session = store.QuerySession())
            (await session.Query<ApplicationStatistics>().CountAsync()).Should().Be(0, "no event was projected while paused");

        await coordinator.ResumeAsync();
        await ProjectionCatchUp.WaitAsync(store, TimeSpan.FromMinutes(1));
        await using (var session = store.QuerySession())
            (await session.Query<ApplicationStatistics>().CountAsync()).Should().Be(30, "resumed, it catches up");
        logs.Lines.Should().NotContain(line => line.Contains("Error trying to load events"));
    }

    [Fact]
    public async Task rebuildtables_beside_the_running_app_refuses_loudly_instead_of_racing_its_daemon()
    {
        await using var app = Host();
        await app.Services.GetRequiredService<IHost>().ResetAllMartenDataAsync();
        (await app.Services.GetRequiredService<LeaderElectedProjectionCoordinator>().WaitForLeadershipAsync(TimeSpan.FromSeconds(10), default)).Should().BeTrue();

        await using var command = Host();
        var rebuild = () => command.Services.GetRequiredService<AnnualTablesRebuild>().RebuildAsync();

        await rebuild.Should().ThrowAsync<ProjectionOwnedElsewhereException>();
        await command.DisposeAsync();
        await app.Services.GetRequiredService<AnnualTablesRebuild>().RebuildAsync(); // the app itself may
        logs.Lines.Should().NotContain(line => line.Contains("ProgressionProgressOutOfOrder"));
    }

    private static string Lines(int cases)
    {
        var text = new StringBuilder();
        for (int i = 1; i <= cases; i++)
        {
            var day = 1 + i % 28;
            text.AppendLine($$"""{"ref":"2024-{{i:D3}}","step":"register","agencyCode":"qxg","receivedOn":"2024-03-{{day:D2}}","channel":"letter","applicantType":"naturalPerson","applicant":{"name":"申请人{{i}}","idNumber":null,"phone":"13800000000","address":null,"email":null},"items":["某村征地补偿方案"],"requestedForm":"paper","externalRequestId":null}""");
        }
        return text.ToString();
    }
}
