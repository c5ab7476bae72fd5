using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Server.Accounts;
using Server.Database;
using Server.Tests.Support;
using Wolverine;
using Workflow.Testing;

namespace Server.Tests.Database;

/// <summary>
/// A configured server the app cannot restart goes away: the app answers 503 with Retry-After (never 500), /health
/// says unhealthy, and when the server is back the app recovers by itself. The "server" the app is configured with is
/// a TCP relay to a real PostgreSQL that the test cuts and restores on the same port.
/// </summary>
[Collection(PrivatePostgresCollection.Name)]
public sealed class ConfiguredServerOutage : IAsyncLifetime
{
    private WorkflowDatabase database = null!;
    private Relay relay = null!;
    private WebApplicationFactory<Program> host = null!;

    public async Task InitializeAsync()
    {
        JasperFx.CommandLine.JasperFxEnvironment.AutoStartHost = true;
        database = await WorkflowDatabase.StartAsync(new ConfigurationBuilder().Build(), AppContext.BaseDirectory, temporary: true);
        relay = new Relay(database.PrivateServer!.Port);
        var configured = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = relay.Port, Timeout = 3 }.ConnectionString;
        host = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            WorkflowHostFixture.ConfigureForTests(builder, configured, new TestClock(WorkflowHostFixture.Now)));
        await TestAgencies.AddAsync(host.Services.GetRequiredService<AgencyDirectory>());
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        relay.Dispose();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task while_the_server_is_gone_requests_get_503_with_retry_after_and_health_says_so_then_all_recovers()
    {
        var password = StaffSessions.NewPassword();
        await host.Services.GetRequiredService<StaffAccounts>().AddAsync("outage.clerk", "测试", TestAgencies.Government, [StaffRole.Registrar], password);
        var anonymous = host.CreateClient();
        var token = (await (await anonymous.PostAsJsonAsync(TokenEndpoints.TokenPath, new { userName = "outage.clerk", password }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var body = """{"agencyCode":"qxg","receivedOn":"2024-12-02","channel":"letter","applicantType":"naturalPerson","applicant":{"name":"张三","phone":"13800000000"},"items":["某文件"],"requestedForm":"paper","externalRequestId":"outage-1"}""";

        relay.Cut();
        var during = await client.PostAsync("/api/applications", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var health = await anonymous.GetAsync("/health");

        during.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, await during.Content.ReadAsStringAsync());
        during.Headers.RetryAfter.Should().NotBeNull();
        (await during.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().Should().Be("service.unavailable");
        health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await health.Content.ReadAsStringAsync()).Should().Be("{\"status\":\"unhealthy\"}");

        relay.Restore();
        HttpResponseMessage after = null!;
        for (var attempt = 0; attempt < 40; attempt++)
        {
            after = await client.PostAsync("/api/applications", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            if (after.StatusCode != HttpStatusCode.ServiceUnavailable) break;
            await Task.Delay(250);
        }
        after.StatusCode.Should().Be(HttpStatusCode.Created, "the app recovers by itself and the retried request registers once");
        // The daemon notices its lock connection broke at its next turn (2 s) and starts again.
        var healthy = false;
        for (var attempt = 0; attempt < 60 && !healthy; attempt++)
        {
            healthy = (await anonymous.GetAsync("/health")).StatusCode == HttpStatusCode.OK;
            if (!healthy) await Task.Delay(250);
        }
        healthy.Should().BeTrue("/health recovers by itself within seconds");
    }

    /// <summary>A TCP relay on a fixed loopback port that can be cut (listener closed, connections dropped) and restored.</summary>
    private sealed class Relay : IDisposable
    {
        private readonly int target;
        private readonly List<TcpClient> open = [];
        private TcpListener? listener;
        private CancellationTokenSource cancellation = new();

        public Relay(int target)
        {
            this.target = target;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Restore();
        }

        public int Port { get; }

        public void Restore()
        {
            cancellation = new CancellationTokenSource();
            listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            var token = cancellation.Token;
            _ = Task.Run(async () =>
            {
                while (!token.IsCancellationRequested)
                {
                    TcpClient incoming;
                    try { incoming = await listener.AcceptTcpClientAsync(token); }
                    catch (Exception) { return; }
                    var outgoing = new TcpClient();
                    try { await outgoing.ConnectAsync(IPAddress.Loopback, target, token); }
                    catch (Exception) { incoming.Dispose(); continue; }
                    lock (open) open.AddRange([incoming, outgoing]);
                    _ = Pump(incoming.GetStream(), outgoing.GetStream(), token);
                    _ = Pump(outgoing.GetStream(), incoming.GetStream(), token);
                }
            }, token);
        }

        private static async Task Pump(Stream from, Stream to, CancellationToken token)
        {
            try { await from.CopyToAsync(to, token); }
            catch (Exception) { }
            finally { from.Dispose(); to.Dispose(); }
        }

        public void Cut()
        {
            cancellation.Cancel();
            listener?.Stop();
            lock (open)
            {
                foreach (var client in open) client.Dispose();
                open.Clear();
            }
        }

        public void Dispose() => Cut();
    }
}
