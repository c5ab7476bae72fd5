using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Marten;
using Microsoft.AspNetCore.Mvc.Testing;
using Server.Accounts;
using Server.Api;
using Server.Api.Steps;
using Server.Tests.Support;
using Workflow.Applications;
using static Server.Tests.Support.Scenarios;

namespace Server.Tests.Api;

/// <summary>
/// One route per step (<c>POST /api/applications/{id}/{step}</c>), described in the OpenAPI document with the step's
/// payload and an example, and a readable API reference page; the <c>/steps/{step}</c> route stays as an alias.
/// </summary>
public sealed partial class TypedStepRoutes(AppFixture app) : IntegrationContext(app)
{
    private static readonly DateOnly Received = new(2024, 11, 4);

    private async Task<Guid> RegisterAsync() =>
        (await Bus.InvokeAsync<RegistrationResult>(Registration(Received, items: 1))).ApplicationId;

    private Task<HttpClient> OfficeAsync() =>
        App.BearerClientAsync(TestAgencies.Government, StaffRole.Registrar, StaffRole.CaseHandler, StaffRole.Approver);

    [Fact]
    public void every_step_has_its_typed_route_and_every_example_is_a_valid_payload()
    {
        StepEndpoints.All.Select(e => e.Step.Name).Should().BeEquivalentTo(LifecycleSteps.All.Select(s => s.Name));
        foreach (var endpoint in StepEndpoints.All)
        {
            var (command, refusal) = ApplicationSteps.Read(endpoint.Step.Name, JsonSerializer.SerializeToNode(endpoint.Example), Guid.NewGuid(), "clerk.wang");
            refusal.Should().BeNull($"the example of {endpoint.Step.Name} is read as written");
            command!.GetType().Should().Be(endpoint.Step.CommandType);
        }
    }

    [Fact]
    public async Task the_openapi_document_describes_every_step_payload_with_an_example_and_without_server_set_fields()
    {
        var document = JsonNode.Parse(await App.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]!["schemas"]!;
        foreach (var endpoint in StepEndpoints.All)
        {
            var post = document["paths"]![$"/api/applications/{{id}}/{endpoint.Step.Name}"]?["post"];
            post.Should().NotBeNull($"the document has the route of {endpoint.Step.Name}");
            var body = post!["requestBody"]!["content"]!["application/json"]!;
            JsonNode.DeepEquals(body["example"], JsonSerializer.SerializeToNode(endpoint.Example)).Should().BeTrue($"{endpoint.Step.Name} shows its example");
            var name = body["schema"]!["$ref"]!.GetValue<string>().Split('/')[^1];
            var properties = schemas[name]!["properties"]!.AsObject();
            properties.Select(p => p.Key).Should().Contain("version").And.NotContain(["actor", "applicationId"]);
        }
        var method = schemas[nameof(NoticeFee)]!["properties"]!["method"]!;
        var feeMethod = method["$ref"] is { } reference ? schemas[reference.GetValue<string>().Split('/')[^1]]! : method;
        feeMethod.ToJsonString().Should().Contain("\"perPage\"", "enums are described by the camelCase names the API reads");
    }

    [Fact]
    public async Task a_typed_route_records_its_step_and_refuses_like_the_alias()
    {
        var id = await RegisterAsync();
        var client = await OfficeAsync();
        var extension = new { version = 1, extendedOn = "2024-11-20", workingDays = 20, approvedBy = "办公室主任李四", reason = "需调取档案" };

        var response = await client.PostAsJsonAsync($"/api/applications/{id}/extension", extension);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>().Should().Be(2);

        (await (await client.PostAsJsonAsync($"/api/applications/{id}/extension", extension)).ProblemAsync()).Code.Should().Be("version.stale");
        (await (await client.PostAsJsonAsync($"/api/applications/{id}/note", new { version = 2, notedOn = "2024-11-20" })).ProblemAsync())
            .Code.Should().Be("field.required");
        (await (await client.PostAsJsonAsync($"/api/applications/{Guid.NewGuid()}/note", new { version = 1, notedOn = "2024-11-20", text = "x" }))
            .ProblemAsync()).Status.Should().Be(HttpStatusCode.NotFound);
        var refused = await client.PostAsJsonAsync($"/api/applications/{id}/extension", extension with { version = 2 });
        var problem = await refused.ProblemAsync();
        problem.Code.Should().Be("extension.second");
        var tooEarly = await (await client.PostAsJsonAsync($"/api/applications/{id}/note", new { version = 2, notedOn = "2024-11-01", text = "x" })).ProblemAsync();
        tooEarly.Code.Should().Be("date.before-receipt");
        JsonNode.Parse(tooEarly.Body)!["field"]!.GetValue<string>().Should().Be("notedOn", "a refusal names the field it is about");

        var handler = await App.BearerClientAsync(TestAgencies.Government, StaffRole.CaseHandler);
        (await handler.PostAsJsonAsync($"/api/applications/{id}/answer-service", new { version = 2, method = "post", servedOn = "2024-11-22" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "the case handler may record service; the state refuses it (not answered)");
        (await handler.PostAsJsonAsync($"/api/applications/{id}/correction",
                new { version = 2, correctedOn = "2024-11-20", fact = "applicantName", newValue = "王五", reason = "录入错误" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "a correction is the 审核人's");
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamStateAsync(id))!.Version.Should().Be(2);
    }

    [Fact]
    public async Task the_api_reference_page_is_served_with_its_script_from_the_app()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await client.GetAsync(ApiReference.Path)).Headers.Location!.ToString().Should().Be("reference/", "Scalar's page lives at the folder path");
        var response = await client.GetAsync(ApiReference.Path + "/");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("openapi/v1.json");
        var resources = ResourceReference().Matches(html).Select(m => m.Groups[1].Value).ToList();
        resources.Should().NotContain(r => r.StartsWith("http", StringComparison.OrdinalIgnoreCase) || r.StartsWith("//", StringComparison.Ordinal),
            "the page loads nothing from a CDN");
        var scripts = resources.Where(r => r.EndsWith(".js", StringComparison.Ordinal)).ToList();
        scripts.Should().Contain("scalar.js");
        foreach (var script in scripts)
        {
            var scriptUrl = new Uri(new Uri(client.BaseAddress!, ApiReference.Path + "/"), script);
            (await client.GetAsync(scriptUrl)).StatusCode.Should().Be(HttpStatusCode.OK, scriptUrl.ToString());
        }
    }

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex ResourceReference();
}
