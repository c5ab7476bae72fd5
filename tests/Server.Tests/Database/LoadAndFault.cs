using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Projections.Integrity;
using Server.Accounts;
using Server.Database;
using Server.Tests.Support;
using Wolverine;
using Workflow.Applications;
using Workflow.Testing;
using Xunit.Abstractions;

namespace Server.Tests.Database;

/// <summary>
/// Issue 12's load-and-fault test, part of every <c>dotnet test</c>: 8 clients send a few hundred mixed commands
/// (registrations at one agency, steps on shared cases with stale versions, repeated idempotency keys, a key reused
/// with another body, malformed bodies) while the private PostgreSQL is killed (SIGKILL) once in the middle and brought
/// back by its watchdog. Every answer is 2xx, 4xx, 409 or 503, never a 500; a client with no answer or a 503 sends the
/// same request again (same idempotency key). Afterwards every accepted registration is stored exactly once, the
/// registration numbers have neither gaps nor duplicates, and the integrity check passes.
/// </summary>
[Collection(PrivatePostgresCollection.Name)]
public sealed class LoadAndFault(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Clients = 8;
    private const int RequestsPerClient = 40;
    private const string Agency = "qxg";

    private WorkflowDatabase database = null!;
    private WebApplicationFactory<Program> host = null!;

    public async Task InitializeAsync()
    {
        JasperFx.CommandLine.JasperFxEnvironment.AutoStartHost = true;
        // Its own private server, whatever the run is configured with: this test kills it.
        database = await WorkflowDatabase.StartAsync(new ConfigurationBuilder().Build(), AppContext.BaseDirectory, temporary: true);
        host = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            WorkflowHostFixture.ConfigureForTests(builder, database.ConnectionString, new TestClock(WorkflowHostFixture.Now)));
        await TestAgencies.AddAsync(host.Services.GetRequiredService<AgencyDirectory>());
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await database.DisposeAsync();
    }

    private sealed record Sent(string Kind, int Status);

    [Fact]
    public async Task eight_clients_and_a_killed_database_cost_some_503s_and_no_500_and_lose_nothing()
    {
        var watch = Stopwatch.StartNew();
        var password = StaffSessions.NewPassword();
        await host.Services.GetRequiredService<StaffAccounts>().AddAsync("load.clerk", "压力测试", TestAgencies.Government,
            [StaffRole.Registrar, StaffRole.CaseHandler, StaffRole.Approver], password);
        var token = await TokenAsync(password);
        var shared = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var response = await Client(token).PostAsync("/api/applications", Json(Registration($"shared-{i}", "共享案件")));
            response.StatusCode.Should().Be(HttpStatusCode.Created);
            shared.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid());
        }

        var answers = new ConcurrentBag<Sent>();
        var accepted = new ConcurrentDictionary<string, string>(); // idempotency key → registration number
        var unsettled = new ConcurrentBag<string>();
        var sent = 0;
        var killed = new TaskCompletionSource();
        var killAt = Clients * RequestsPerClient / 3;

        async Task<HttpResponseMessage?> SendAsync(HttpClient client, string kind, Func<HttpRequestMessage> request)
        {
            // No answer or 503: the same request again (a registration keeps its idempotency key), for up to 30 s.
            for (var attempt = 1; ; attempt++)
            {
                if (Interlocked.Increment(ref sent) == killAt) killed.TrySetResult();
                HttpResponseMessage? response = null;
                try
                {
                    response = await client.SendAsync(request());
                    answers.Add(new Sent(kind, (int)response.StatusCode));
                    if (response.StatusCode != HttpStatusCode.ServiceUnavailable) return response;
                    response.Headers.RetryAfter.Should().NotBeNull("a 503 says when to come back");
                }
                catch (HttpRequestException)
                {
                    answers.Add(new Sent(kind, 0));
                }
                if (attempt == 60) return response;
                await Task.Delay(500);
            }
        }

        var killedAfter = int.MaxValue;
        var killedPostmaster = 0;
        var killer = Task.Run(async () =>
        {
            await killed.Task;
            killedPostmaster = database.PrivateServer!.CurrentPostmasterProcessId()!.Value;
            killedAfter = answers.Count;
            output.WriteLine($"{watch.Elapsed}: killing PostgreSQL (pid {killedPostmaster}) after {killedAfter} answers");
            Process.GetProcessById(killedPostmaster).Kill();
        });

        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var client = Client(token);
            var random = new Random(1200 + c);
            var mine = new List<(string Key, string Body)>();
            for (var i = 0; i < RequestsPerClient; i++)
            {
                var roll = random.Next(100);
                if (roll < 40 || mine.Count == 0)
                {
                    var key = $"load-{c}-{i}";
                    var body = Registration(key, $"申请人{c}-{i}");
                    var response = await SendAsync(client, "registration", () => Post("/api/applications", body));
                    await NoteRegistrationAsync(response, key, body);
                    mine.Add((key, body));
                }
                else if (roll < 55)
                {
                    var (key, body) = mine[random.Next(mine.Count)];
                    var response = await SendAsync(client, "repeated key", () => Post("/api/applications", body));
                    await NoteRegistrationAsync(response, key, body);
                }
                else if (roll < 62)
                {
                    var (key, _) = mine[random.Next(mine.Count)];
                    await SendAsync(client, "key with another body", () => Post("/api/applications", Registration(key, "另一个申请人")));
                }
                else if (roll < 85)
                {
                    var id = shared[random.Next(shared.Count)];
                    var stale = random.Next(1, 6);
                    await SendAsync(client, "step", () => Post($"/api/applications/{id}/steps/note",
                        $$"""{"version":{{stale}},"notedOn":"2024-12-20","text":"并发备注 {{c}}-{{i}}"}"""));
                }
                else
                {
                    var bad = new[]
                    {
                        """{"agencyCode":"qxg","agencyCode":"qxg"}""",
                        Registration($"bad-{c}-{i}", "张\u0000三"),
                        Registration($"bad-{c}-{i}", "abc").Replace("abc", "\\u202eabc"),
                        "{not json",
                    }[random.Next(4)];
                    await SendAsync(client, "malformed", () => Post("/api/applications", bad));
                }
            }
        })).ToList();

        async Task NoteRegistrationAsync(HttpResponseMessage? response, string key, string body)
        {
            if (response is null || response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                unsettled.Add(key);
                return;
            }
            if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
            {
                var number = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("registrationNumber").GetString()!;
                accepted.AddOrUpdate(key, number, (_, existing) =>
                {
                    existing.Should().Be(number, "the same key always names the same registration");
                    return existing;
                });
            }
        }

        await Task.WhenAll(clients);
        killed.TrySetResult();
        await killer;

        // Counts, as the issue asks.
        var byKind = answers.GroupBy(a => a.Kind).OrderBy(g => g.Key)
            .Select(g => $"{g.Key}: {string.Join(", ", g.GroupBy(a => a.Status).OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "no answer" : s.Key)}×{s.Count()}"))}");
        output.WriteLine($"{answers.Count} answers in {watch.Elapsed}; accepted registrations {accepted.Count}; unsettled {unsettled.Count}");
        foreach (var line in byKind) output.WriteLine("  " + line);

        answers.Should().NotContain(a => a.Status >= 500 && a.Status != 503, "a dead database costs 503s, never a 500");
        killedAfter.Should().BeLessThan(answers.Count, "the database was killed while clients were still sending");
        database.PrivateServer!.CurrentPostmasterProcessId().Should().NotBe(killedPostmaster, "the watchdog restarted the server");
        unsettled.Should().BeEmpty("every client eventually got an answer");

        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var received = await session.Events.QueryRawEventDataOnly<ApplicationReceived>().ToListAsync();
        received.Should().HaveCount(accepted.Count + shared.Count, "every accepted registration is stored exactly once, nothing else");
        received.Select(r => r.RegistrationSequence).Order().Should().Equal(Enumerable.Range(1, received.Count), "numbers without gaps or duplicates");
        received.Select(r => r.RegistrationNumber).Should().Contain(accepted.Values);
        var report = await host.Services.GetRequiredService<IntegrityVerifier>().VerifyAllAsync();
        report.Intact.Should().BeTrue(report.FirstBreak?.Message);
        output.WriteLine($"lost: 0; verify: {report.ChineseSummary}");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(2));
    }

    private static string Registration(string key, string name) => JsonSerializer.Serialize(new
    {
        agencyCode = Agency, receivedOn = "2024-12-02", channel = "letter", applicantType = "naturalPerson",
        applicant = new { name, phone = "13800000000" }, items = new[] { "某村征地补偿方案" }, requestedForm = "paper", externalRequestId = key,
    });

    private static HttpRequestMessage Post(string path, string body) =>
        new(HttpMethod.Post, path) { Content = Json(body) };

    private static StringContent Json(string body) =>
        new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" });

    private HttpClient Client(string token)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<string> TokenAsync(string password)
    {
        using var anonymous = host.CreateClient();
        var response = await anonymous.PostAsJsonAsync(TokenEndpoints.TokenPath, new { userName = "load.clerk", password });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
