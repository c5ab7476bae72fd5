using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Server.Database;

namespace Server.Tests.Database;

[Collection(PrivatePostgresCollection.Name)]
public sealed class ServerHostDatabaseTests
{
    [Fact]
    public async Task The_host_starts_with_nothing_configured_and_stops_its_private_server_on_shutdown()
    {
        JasperFx.CommandLine.JasperFxEnvironment.AutoStartHost = true;
        var factory = new WebApplicationFactory<Program>()
            .WithWebHostBuilder(host => host
                .UseSetting(WorkflowDatabase.TemporaryKey, "true")
                // Nothing configured, even when the run itself was given a server (a blank value counts as none).
                .UseSetting("ConnectionStrings:Workflow", ""));
        PrivatePostgres server;
        await using (factory)
        {
            using var client = factory.CreateClient();
            (await (await client.GetAsync("/health")).Content.ReadAsStringAsync()).Should().Be("{\"status\":\"healthy\"}", "anonymous callers learn only healthy or not");

            var database = factory.Services.GetRequiredService<WorkflowDatabase>();
            database.IsPrivate.Should().BeTrue();
            server = database.PrivateServer!;
            server.IsTemporary.Should().BeTrue();
            (await PrivatePostgresTests.QueryAsync(database.ConnectionString, "SELECT 1")).Should().Be(1);
        }

        ProcessTable.IsRunning(server.PostmasterProcessId).Should().BeFalse();
        ProcessTable.WithArgument(server.DataDirectory).Should().BeEmpty();
        Directory.Exists(server.DataDirectory).Should().BeFalse();
    }
}
