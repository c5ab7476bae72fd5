using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Server.Accounts;
using Server.Tests.Support;
using Workflow.Applications;
using static Server.Tests.Support.Scenarios;

namespace Server.Tests.Api;

/// <summary>Hostile or careless input to the JSON API gets a clear refusal in Chinese and English, and nothing is appended.</summary>
public sealed class CommandValidation(AppFixture app) : IntegrationContext(app)
{
    private static readonly DateOnly Received = new(2024, 11, 4);

    private async Task<Guid> RegisterAsync(string agency = TestAgencies.Government) =>
        (await Bus.InvokeAsync<RegistrationResult>(Registration(Received, items: 2, agency: agency))).ApplicationId;

    private Task<HttpClient> OfficeAsync() =>
        App.BearerClientAsync(TestAgencies.Government, StaffRole.Registrar, StaffRole.CaseHandler, StaffRole.Approver);

    private static string Step(Guid id, string step) => $"/api/applications/{id}/steps/{step}";

    private static object ValidRegistration(string? externalId = null) => new
    {
        agencyCode = TestAgencies.Government, receivedOn = "2024-11-04", channel = "letter", applicantType = "naturalPerson",
        applicant = new { name = "李四", idNumber = (string?)null, phone = "13800000001", address = (string?)null, email = (string?)null },
        items = new[] { "某村征地补偿方案" }, requestedForm = "paper", externalRequestId = externalId,
    };

    /// <summary>Sends, expects a refusal with the status and code, in Chinese and English, and no event appended.</summary>
    private async Task<Problem> RefusedAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode status, string? code)
    {
        var before = await Store.EventCountAsync();
        var response = await send();
        var problem = await response.ProblemAsync();
        problem.Status.Should().Be(status, problem.Body);
        if (code is not null) problem.Code.Should().Be(code, problem.Body);
        ApiKit.HasChinese(problem.Title).Should().BeTrue($"the refusal has a Chinese message: {problem.Body}");
        problem.Detail.Should().NotBeNullOrWhiteSpace("the refusal has an English message");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        JsonDocument.Parse(problem.Body).RootElement.TryGetProperty("field", out _).Should().BeTrue($"every refusal names its field, or null: {problem.Body}");
        (await Store.EventCountAsync()).Should().Be(before, "a refusal appends nothing");
        return problem;
    }

    [Fact]
    public async Task a_missing_field_is_refused_and_named()
    {
        var id = await RegisterAsync();
        var client = await OfficeAsync();

        var problem = await RefusedAsync(() => client.PostAsJsonAsync(Step(id, "extension"),
            new { version = 1, extendedOn = "2024-11-29", workingDays = 20, approvedBy = "主任" }), HttpStatusCode.BadRequest, "field.required");
        problem.Detail.Should().Contain("reason");
        problem.Title.Should().Contain("reason");

        var registration = await RefusedAsync(() => client.PostAsJsonAsync("/api/applications", new { agencyCode = "qxg", receivedOn = "2024-11-04" }),
            HttpStatusCode.BadRequest, "field.required");
        registration.Detail.Should().Contain("channel").And.Contain("applicant").And.Contain("items")
            .And.NotContain("externalRequestId", "an optional field is not required");
    }

    [Fact]
    public async Task wrong_json_types_and_unknown_enum_values_are_refused()
    {
        var id = await RegisterAsync();
        var client = await OfficeAsync();

        var wrongType = await RefusedAsync(() => client.PostAsJsonAsync(Step(id, "extension"),
            new { version = 1, extendedOn = "2024-11-29", workingDays = "twenty", approvedBy = "主任", reason = "需调档" }), HttpStatusCode.BadRequest, "payload.malformed");
        wrongType.Title.Should().Contain("workingDays");
        await RefusedAsync(() => client.PostAsJsonAsync(Step(id, "note"), new { version = "one", notedOn = "2024-11-05", text = "备注" }),
            HttpStatusCode.BadRequest, "payload.malformed");
        await RefusedAsync(() => client.PostAsJsonAsync(Step(id, "consultation"),
            new { version = 1, party = "neighbour", consultee = "某公司", sentOn = "2024-11-05" }), HttpStatusCode.BadRequest, "payload.malformed");
        await RefusedAsync(() => client.PostAsJsonAsync(Step(id, "consultation"),
            new { version = 1, party = 0, consultee = "某公司", sentOn = "2024-11-05" }), HttpStatusCode.BadRequest, "payload.malformed");
        await RefusedAsync(() => client.PostAsJsonAsync(Step(id, "notice"),
            new { version = 1, kind = "receiptAcknowledgement", issuedOn = "2024-11-05", sentBy = "carrierPigeon" }), HttpStatusCode.BadRequest, "payload.malformed");
        await RefusedAsync(() => client.PostRawAsync(Step(id, "answer"),
            "{\"version\":1,\"answeredOn\":\"2024-11-20\",\"items\":[null,{\"itemNumber\":1,\"result\":\"disclosed\",\"reason\":null}],\"chosenRow\":null,\"replyDocumentNumber\":\"复1号\",\"serviceMethod\":null,\"servedOn\":null}"),
            HttpStatusCode.BadRequest, "answer.item-missing");
        await RefusedAsync(() => client.PostRawAsync("/api/applications",
            "{\"agencyCode\":\"qxg\",\"receivedOn\":\"2024-11-04\",\"channel\":\"letter\",\"applicantType\":\"naturalPerson\",\"applicant\":{\"name\":\"李四\",\"idNumber\":null,\"phone\":\"1\",\"address\":null,\"email\":null},\"items\":[null],\"requestedForm\":\"paper\",\"externalRequestId\":null}"),
            HttpStatusCode.BadRequest, "field.required");
        await RefusedAsync(() => client.PostAsJsonAsync(Step(id, "correction"),
            new { version = 1, correctedOn = "2024-11-05", fact = "channel", newValue = "Letter, Fax", reason = "录入错误" }), HttpStatusCode.BadRequest, "field.unknown-value");
    }

    [Fact]
    public async Task dates_out_of_range_are_refused()
    {
        var id = await RegisterAsync();
        var client = await OfficeAsync();

        await RefusedAsync(() => client.PostAsJsonAsync("/api/applications", Reg(receivedOn: "2007-12-31")), HttpStatusCode.BadRequest, "date.too-early");
        await RefusedAsync(() => client.PostAsJsonAsync("/api/applications", Reg(receivedOn: "2024-12-21")), HttpStatusCode.BadRequest, "date.in-future");
        await RefusedAsync(() => client.PostAsJsonAsync("/api/applications", Reg(receivedOn: "2024-02-30")), HttpStatusCode.BadRequest, "payload.malformed");
        await RefusedAsync(() => client.PostAsJsonAsync("/api/applications", Reg(receivedOn: "20241104")), HttpStatusCode.BadRequest, "payload.malformed");
        await RefusedAsync(() => client.PostAsJsonAsync(Step(id, "note"), new { version = 1, notedOn = "2024-11-01", text = "备注" }),
            HttpStatusCode.BadRequest, "date.before-receipt");
        await RefusedAsync(() => client.PostAsJsonAsync(Step(id, "note"), new { version = 1, notedOn = "9999-12-31", text = "备注" }),
            HttpStatusCode.BadRequest, "date.in-future");
        await RefusedAsync(() => client.PostAsJsonAsync(Step(id, "supplement-request"),
            new { version = 1, requestedOn = "2024-11-06", deadline = "2024-11-05", whatToSupplement = "文号" }), HttpStatusCode.BadRequest, "supplement.deadline-not-after-request");

        static object Reg(string receivedOn) => new
        {
            agencyCode = TestAgencies.Government, receivedOn, channel = "letter", applicantType = "naturalPerson",
            applicant = new { name = "李四", idNumber = (string?)null, phone = "13800000001", address = (string?)null, email = (string?)null },
            items = new[] { "某村征地补偿方案" }, requestedForm = "paper", externalRequestId = (string?)null,
        };
    }

    [Fact]
    public async Task the_api_takes_an_optional_arrival_date_beside_the_receipt_date_and_refuses_one_after_it()
    {
        var client = await OfficeAsync();
        object Reg(string receivedOn, string? arrivedOn, string channel = "letter") => new
        {
            agencyCode = TestAgencies.Government, receivedOn, arrivedOn, channel, applicantType = "naturalPerson",
            applicant = new { name = "李四", idNumber = (string?)null, phone = "13800000001", address = (string?)null, email = (string?)null },
            items = new[] { "某村征地补偿方案" }, requestedForm = "paper", externalRequestId = (string?)null,
        };

        await RefusedAsync(() => client.PostAsJsonAsync("/api/applications", Reg("2024-11-04", "2024-11-05")), HttpStatusCode.BadRequest,
            "registration.arrived-after-receipt");
        await RefusedAsync(() => client.PostAsJsonAsync("/api/applications", Reg("2024-11-04", "2024-11-01", "inPerson")), HttpStatusCode.BadRequest,
            "registration.in-person-arrival");
        var created = await client.PostAsJsonAsync("/api/applications", Reg("2024-11-04", "2024-11-01"));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<RegistrationResult>())!.ApplicationId;
        await using var session = Store.QuerySession();
        var received = (ApplicationReceived)(await session.Events.FetchStreamAsync(id))[0].Data;
        (received.ReceivedOn, received.ArrivedOn).Should().Be((new DateOnly(2024, 11, 4), new DateOnly(2024, 11, 1)));
    }

    [Fact]
    public async Task oversized_text_and_bodies_are_refused()
    {
        var id = await RegisterAsync();
        var client = await OfficeAsync();

        await RefusedAsync(() => client.PostAsJsonAsync(Step(id, "note"), new { version = 1, notedOn = "2024-11-05", text = new string('长', 4001) }),
            HttpStatusCode.BadRequest, "field.too-long");
        var longName = new
        {
            agencyCode = TestAgencies.Government, receivedOn = "2024-11-04", channel = "letter", applicantType = "naturalPerson",
            applicant = new { name = new string('名', 201), idNumber = (string?)null, phone = "13800000001", address = (string?)null, email = (string?)null },
            items = new[] { "某村征地补偿方案" }, requestedForm = "paper", externalRequestId = (string?)null,
        };
        await RefusedAsync(() => client.PostAsJsonAsync("/api/applications", longName), HttpStatusCode.BadRequest, "field.too-long");
        await RefusedAsync(() => client.PostAsJsonAsync(Step(id, "note"), new { version = 1, notedOn = "2024-11-05", text = new string('x', 300_000) }),
            HttpStatusCode.BadRequest, "payload.too-large");
    }

    [Fact]
    public async Task bodies_that_are_not_json_objects_and_unknown_steps_are_refused()
    {
        var id = await RegisterAsync();
        var client = await OfficeAsync();

        await RefusedAsync(() => client.PostRawAsync(Step(id, "note"), "version=1&text=hi", "application/x-www-form-urlencoded"), HttpStatusCode.BadRequest, "payload.content-type");
        await RefusedAsync(() => client.PostRawAsync(Step(id, "note"), "{\"version\": 1,"), HttpStatusCode.BadRequest, "payload.not-json");
        await RefusedAsync(() => client.PostRawAsync(Step(id, "note"), "[1, 2]"), HttpStatusCode.BadRequest, "payload.not-object");
        await RefusedAsync(() => client.PostRawAsync(Step(id, "note"), "null"), HttpStatusCode.BadRequest, "payload.not-object");
        await RefusedAsync(() => client.PostRawAsync(Step(id, "note"), new string('[', 100) + new string(']', 100)), HttpStatusCode.BadRequest, "payload.not-json");
        var unknown = await RefusedAsync(() => client.PostAsJsonAsync(Step(id, "teleport"), new { version = 1 }), HttpStatusCode.BadRequest, "step.unknown");
        unknown.Title.Should().Contain("未知的办理步骤");
    }

    [Fact]
    public async Task unknown_and_foreign_ids_are_not_found_and_unknown_case_numbers_are_refused()
    {
        var id = await RegisterAsync();
        var foreign = await RegisterAsync(TestAgencies.OtherGovernment);
        var client = await OfficeAsync();
        var note = new { version = 1, notedOn = "2024-11-05", text = "备注" };

        await RefusedAsync(() => client.PostAsJsonAsync(Step(Guid.NewGuid(), "note"), note), HttpStatusCode.NotFound, "application.not-found");
        await RefusedAsync(() => client.PostAsJsonAsync(Step(foreign, "note"), note), HttpStatusCode.NotFound, "application.not-found");
        await RefusedAsync(() => client.PostAsJsonAsync(Step(id, "consultation-reply"),
            new { version = 1, consultationNumber = 7, repliedOn = "2024-11-05", consentsToDisclosure = true, summary = (string?)null }), HttpStatusCode.BadRequest, "consultation.not-open");
        await RefusedAsync(() => client.PostAsJsonAsync(Step(id, "reconsideration-decision"),
            new { version = 1, caseNumber = 9, decidedOn = "2024-11-05", decision = "upheld", summary = (string?)null }), HttpStatusCode.BadRequest, "reconsideration.unknown");
        await RefusedAsync(() => client.PostAsJsonAsync(Step(id, "lawsuit"),
            new { version = 1, filedOn = "2024-11-05", court = "某县人民法院", docketNumber = (string?)null, afterReconsideration = 3 }), HttpStatusCode.BadRequest, "lawsuit.reconsideration-not-decided");
        await RefusedAsync(() => client.PostAsJsonAsync(Step(id, "answer"),
            new { version = 1, answeredOn = "2024-11-20", items = new[] { new { itemNumber = 5, result = "disclosed", reason = (string?)null } },
                chosenRow = (string?)null, replyDocumentNumber = "复〔2024〕1号", serviceMethod = (string?)null, servedOn = (string?)null }),
            HttpStatusCode.BadRequest, "answer.items-mismatch");
        var foreignRegistration = JsonSerializer.Serialize(ValidRegistration()).Replace("\"agencyCode\":\"qxg\"", "\"agencyCode\":\"dfx\"");
        (await client.PostRawAsync("/api/applications", foreignRegistration)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "registering for another agency is refused");
    }

    [Fact]
    public async Task a_query_value_that_does_not_bind_is_refused_naming_the_parameter()
    {
        var client = await App.BearerClientAsync(TestAgencies.Government, StaffRole.Approver, StaffRole.Administrator);

        var list = await RefusedAsync(() => client.GetAsync("/api/applications?open=maybe"), HttpStatusCode.BadRequest, "request.invalid-parameter");
        list.Title.Should().Contain("open").And.Contain("maybe");
        JsonDocument.Parse(list.Body).RootElement.GetProperty("field").GetString().Should().Be("open");

        var report = await RefusedAsync(() => client.GetAsync($"/api/reports/{TestAgencies.Government}/2024?tree=x"), HttpStatusCode.BadRequest, "request.invalid-parameter");
        report.Title.Should().Contain("tree");
        App.Logs.Lines.Should().NotContain(line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains("Failed to bind"),
            "a client's mistake is not the app's error");
    }

    [Fact]
    public async Task a_stale_version_is_a_conflict_with_the_chinese_message()
    {
        var id = await RegisterAsync();
        var client = await OfficeAsync();
        (await client.PostAsJsonAsync(Step(id, "note"), new { version = 1, notedOn = "2024-11-05", text = "第一条" })).StatusCode.Should().Be(HttpStatusCode.OK);

        var problem = await RefusedAsync(() => client.PostAsJsonAsync(Step(id, "note"), new { version = 1, notedOn = "2024-11-05", text = "第二条" }),
            HttpStatusCode.Conflict, "version.stale");
        problem.Title.Should().Contain("该案卷已被他人更新").And.Contain("第 1 版").And.Contain("第 2 版");
    }

    [Fact]
    public async Task the_role_matrix_holds_over_http()
    {
        var id = await RegisterAsync();
        var answer = new
        {
            version = 1, answeredOn = "2024-11-20",
            items = new[] { new { itemNumber = 1, result = "disclosed", reason = (string?)null }, new { itemNumber = 2, result = "disclosed", reason = (string?)null } },
            chosenRow = (string?)null, replyDocumentNumber = "qxg公开复〔2024〕1号", serviceMethod = "post", servedOn = "2024-11-20",
        };
        var note = new { version = 1, notedOn = "2024-11-05", text = "备注" };

        var counsel = await App.BearerClientAsync(TestAgencies.Government, StaffRole.LegalCounsel);
        (await RefusedAsync(() => counsel.PostAsJsonAsync(Step(id, "note"), note), HttpStatusCode.Forbidden, "role.forbidden")).Title.Should().Contain("角色");
        await RefusedAsync(() => counsel.PostAsJsonAsync(Step(id, "answer"), answer), HttpStatusCode.Forbidden, "role.forbidden");
        await RefusedAsync(() => counsel.PostAsJsonAsync("/api/applications", ValidRegistration()), HttpStatusCode.Forbidden, "role.forbidden");
        (await counsel.GetAsync($"/api/applications/{id}")).StatusCode.Should().Be(HttpStatusCode.OK, "counsel reads");

        var registrar = await App.BearerClientAsync(TestAgencies.Government, StaffRole.Registrar);
        await RefusedAsync(() => registrar.PostAsJsonAsync(Step(id, "answer"), answer), HttpStatusCode.Forbidden, "role.forbidden");
        var handler = await App.BearerClientAsync(TestAgencies.Government, StaffRole.CaseHandler);
        await RefusedAsync(() => handler.PostAsJsonAsync(Step(id, "answer"), answer), HttpStatusCode.Forbidden, "role.forbidden");
        await RefusedAsync(() => handler.PostAsJsonAsync("/api/applications", ValidRegistration()), HttpStatusCode.Forbidden, "role.forbidden");

        (await registrar.PostAsJsonAsync("/api/applications", ValidRegistration())).StatusCode.Should().Be(HttpStatusCode.Created);
        var approver = await App.BearerClientAsync(TestAgencies.Government, StaffRole.Approver);
        (await approver.PostAsJsonAsync(Step(id, "answer"), answer)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task another_agencys_application_is_not_found_for_get_and_post_but_a_government_sees_its_departments()
    {
        var own = await RegisterAsync();
        var department = await RegisterAsync(TestAgencies.Department);
        var stranger = await App.BearerClientAsync(TestAgencies.OtherGovernment, StaffRole.CaseHandler, StaffRole.Approver);

        await RefusedAsync(() => stranger.GetAsync($"/api/applications/{own}"), HttpStatusCode.NotFound, "application.not-found");
        await RefusedAsync(() => stranger.PostAsJsonAsync(Step(own, "note"), new { version = 1, notedOn = "2024-11-05", text = "备注" }),
            HttpStatusCode.NotFound, "application.not-found");
        (await stranger.GetFromJsonAsync<JsonElement>("/api/applications")).EnumerateArray().Should().BeEmpty();

        var government = await App.BearerClientAsync(TestAgencies.Government, StaffRole.CaseHandler);
        (await government.GetAsync($"/api/applications/{department}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var departmentStaff = await App.BearerClientAsync(TestAgencies.Department, StaffRole.CaseHandler);
        await RefusedAsync(() => departmentStaff.GetAsync($"/api/applications/{own}"), HttpStatusCode.NotFound, "application.not-found");
    }

    [Fact]
    public async Task the_actor_recorded_is_the_signed_in_user_whatever_the_body_says()
    {
        var id = await RegisterAsync();
        var staff = await App.CreateStaffAsync(TestAgencies.Government, StaffRole.Registrar, StaffRole.CaseHandler);
        var client = await App.BearerClientAsync(staff);

        (await client.PostAsJsonAsync(Step(id, "note"), new { version = 1, notedOn = "2024-11-05", text = "备注", actor = "someone.else", applicationId = Guid.NewGuid() }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var registered = await client.PostAsJsonAsync("/api/applications", new
        {
            agencyCode = TestAgencies.Government, receivedOn = "2024-11-04", channel = "letter", applicantType = "naturalPerson",
            applicant = new { name = "李四", idNumber = (string?)null, phone = "13800000001", address = (string?)null, email = (string?)null },
            items = new[] { "某村征地补偿方案" }, requestedForm = "paper", externalRequestId = (string?)null, actor = "someone.else",
        });
        registered.StatusCode.Should().Be(HttpStatusCode.Created);
        var newId = (await registered.Content.ReadFromJsonAsync<RegistrationResult>())!.ApplicationId;

        await using var session = Store.QuerySession();
        var noteEvent = (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).OfType<NoteAdded>().Single();
        noteEvent.Actor.Should().Be(staff.UserName);
        noteEvent.ApplicationId.Should().Be(id, "the id comes from the URL, not the body");
        var received = (await session.Events.FetchStreamAsync(newId)).Select(e => e.Data).OfType<ApplicationReceived>().Single();
        received.Actor.Should().Be(staff.UserName);
    }

    [Fact]
    public async Task the_openapi_document_lists_the_endpoints_and_is_readable_anonymously()
    {
        using var anonymous = App.CreateClient();

        var response = await anonymous.GetAsync("/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain("/api/applications").And.Contain("/api/applications/{id}/steps/{step}").And.Contain("/api/applications/{id}");
        paths.Should().NotContain(p => p.StartsWith("/applications/", StringComparison.Ordinal), "pages are not part of the API");
    }
}
