using System.Diagnostics;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Server.Accounts;
using Server.Tests.Support;
using Workflow.Applications;
using Xunit.Abstractions;
using static Server.Tests.Support.Scenarios;

namespace Server.Tests.Api;

/// <summary>
/// Thousands of seeded random mutations of valid payloads, for every step of <see cref="ApplicationSteps.Commands"/> and
/// registration: every one is refused with a 4xx and a message, none is a 5xx, and the event store is unchanged.
/// Every mutation makes the payload invalid by construction (dropping a required field — a constructor parameter that
/// is neither nullable nor defaulted; values are of a wrong JSON kind, null where not nullable, beyond every length limit, nested past the depth
/// limit, or invalid dates), or targets an id or version the caller may not use, so no request may append anything.
/// </summary>
public sealed class MalformedPayloadFuzz(AppFixture app, ITestOutputHelper output) : IntegrationContext(app)
{
    private const int Requests = 3000;
    private const int Seed = 515;

    /// <summary>A valid payload of every step (with the version the target application has: 1) and of registration.</summary>
    private static Dictionary<string, JsonObject> Baselines() => new()
    {
        ["supplement-request"] = Json(new { version = 1, requestedOn = "2024-11-06", deadline = "2024-11-20", whatToSupplement = "请明确文号" }),
        ["supplement"] = Json(new { version = 1, receivedOn = "2024-11-08", summary = "已补充" }),
        ["supplement-lapse"] = Json(new { version = 1, lapsedOn = "2024-11-25" }),
        ["extension"] = Json(new { version = 1, extendedOn = "2024-11-29", workingDays = 20, approvedBy = "主任", reason = "需调档" }),
        ["article35-due-date"] = Json(new { version = 1, setOn = "2024-11-08", dueOn = "2025-01-20", reason = "大量申请" }),
        ["consultation"] = Json(new { version = 1, party = "thirdParty", consultee = "某公司", sentOn = "2024-11-05" }),
        ["consultation-reply"] = Json(new { version = 1, consultationNumber = 1, repliedOn = "2024-11-12", consentsToDisclosure = true, summary = "同意" }),
        ["fee-notice"] = Json(new { version = 1, noticedOn = "2024-11-07", method = "perPage", quantity = 120, confirmedAmount = 1100.0m }),
        ["fee-payment"] = Json(new { version = 1, paidOn = "2024-11-12", amount = 1100.0m }),
        ["fee-lapse"] = Json(new { version = 1, lapsedOn = "2024-12-19" }),
        ["answer"] = Json(new
        {
            version = 1, answeredOn = "2024-11-20",
            items = new object[] { new { itemNumber = 1, result = "disclosed", reason = "可公开" }, new { itemNumber = 2, result = "withheldThirdPartyRights", reason = "涉及第三方" } },
            chosenRow = "disclosed", replyDocumentNumber = "复〔2024〕1号", serviceMethod = "post", servedOn = "2024-11-20",
        }),
        ["answer-service"] = Json(new { version = 1, method = "post", servedOn = "2024-11-21" }),
        ["withdrawal"] = Json(new { version = 1, withdrawnOn = "2024-11-06", reason = "申请人撤回" }),
        ["notice"] = Json(new { version = 1, kind = "receiptAcknowledgement", issuedOn = "2024-11-05", sentBy = "post" }),
        ["reconsideration"] = Json(new { version = 1, filedOn = "2024-11-25", reviewBody = "某市人民政府", docketNumber = "复〔2024〕9号" }),
        ["reconsideration-decision"] = Json(new { version = 1, caseNumber = 1, decidedOn = "2024-12-10", decision = "upheld", summary = "维持" }),
        ["lawsuit"] = Json(new { version = 1, filedOn = "2024-11-25", court = "某县人民法院", docketNumber = "行初1号", afterReconsideration = 1 }),
        ["lawsuit-decision"] = Json(new { version = 1, caseNumber = 1, decidedOn = "2024-12-10", decision = "rejected", summary = "驳回" }),
        ["correction"] = Json(new { version = 1, correctedOn = "2024-11-05", fact = "channel", newValue = "Fax", reason = "录入错误" }),
        ["note"] = Json(new { version = 1, notedOn = "2024-11-05", text = "备注" }),
        ["topics"] = Json(new { version = 1, assignedOn = "2024-11-05", topics = new[] { "社会保障", "教育" } }),
        [ApplicationSteps.Register] = Json(new
        {
            agencyCode = TestAgencies.Government, receivedOn = "2024-11-04", channel = "letter", applicantType = "naturalPerson",
            applicant = new { name = "李四", idNumber = "520000199001011234", phone = "13800000001", address = "某路1号", email = "a@b.cn" },
            items = new[] { "某村征地补偿方案" }, requestedForm = "paper", externalRequestId = "fuzz",
        }),
    };

    private static JsonObject Json(object value) => JsonSerializer.SerializeToNode(value, ApiJson.Options)!.AsObject();

    /// <summary>Top-level fields whose constructor parameter is nullable: null is a valid value there, so never a mutation.</summary>
    private static HashSet<string> NullableFields(string step)
    {
        var type = step == ApplicationSteps.Register ? typeof(RegisterApplication) : ApplicationSteps.Commands[step];
        var context = new NullabilityInfoContext();
        return type.GetConstructors().Single().GetParameters()
            .Where(p => Nullable.GetUnderlyingType(p.ParameterType) is not null || context.Create(p).ReadState == NullabilityState.Nullable)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!))
            .ToHashSet();
    }

    private static readonly HashSet<string> NullableNestedFields = ["idNumber", "phone", "address", "email", "reason"];

    [Fact]
    public async Task thousands_of_malformed_payloads_are_refused_with_a_message_never_a_5xx_and_append_nothing()
    {
        var id = (await Bus.InvokeAsync<RegistrationResult>(Registration(new(2024, 11, 4), items: 2))).ApplicationId;
        var foreign = (await Bus.InvokeAsync<RegistrationResult>(Registration(new(2024, 11, 4), agency: TestAgencies.OtherGovernment))).ApplicationId;
        var client = await App.BearerClientAsync(TestAgencies.Government, StaffRole.Registrar, StaffRole.CaseHandler, StaffRole.Approver);
        var baselines = Baselines();
        var steps = baselines.Keys.ToArray();
        var random = new Random(Seed);
        var before = await Store.EventCountAsync();
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var watch = Stopwatch.StartNew();

        for (var i = 0; i < Requests; i++)
        {
            var step = steps[random.Next(steps.Length)];
            var payload = baselines[step].DeepClone().AsObject();
            if (step == ApplicationSteps.Register) payload["externalRequestId"] = $"fuzz-{i}";
            var target = id;
            var unknownStep = false;
            var path = (string s) => s == ApplicationSteps.Register && !unknownStep ? "/api/applications" : $"/api/applications/{target}/steps/{s}";
            string description;
            string body;
            string? contentType = "application/json";

            switch (random.Next(100))
            {
                case < 5: // an unknown step
                    step = UnknownStep(random);
                    unknownStep = true;
                    description = $"unknown step '{step}'";
                    body = payload.ToJsonString();
                    break;
                case < 10: // not JSON at all
                    body = NotJson(random);
                    description = $"non-JSON body '{Shorten(body)}'";
                    break;
                case < 14: // a wrong content type, with a malformed body
                    Mutate(payload, step, random, []);
                    body = payload.ToJsonString();
                    contentType = new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data", null }[random.Next(5)];
                    description = $"content type '{contentType}'";
                    break;
                case < 20 when step != ApplicationSteps.Register: // a valid payload for someone else's or no application
                    target = random.Next(2) == 0 ? foreign : Guid.NewGuid();
                    body = payload.ToJsonString();
                    description = target == foreign ? "another agency's application" : "an unknown application id";
                    break;
                case < 27 when step != ApplicationSteps.Register: // a valid payload with a version the caller did not see
                    payload["version"] = new[] { 0, -1, 2, 1000, int.MaxValue, int.MinValue }[random.Next(6)];
                    body = payload.ToJsonString();
                    description = $"version {payload["version"]}";
                    break;
                default:
                    var mutated = new HashSet<string>();
                    var mutations = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Mutate(payload, step, random, mutated)).ToList();
                    body = payload.ToJsonString();
                    description = string.Join("; ", mutations);
                    break;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, path(step)) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
            if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var text = await response.Content.ReadAsStringAsync();
            if (status is < 400 or >= 500)
            {
                failures.Add($"#{i} {step}: {description} → {status} {Shorten(text, 300)}");
                continue;
            }
            if (!HasMessages(text)) failures.Add($"#{i} {step}: {description} → {status} without a Chinese and English message: {Shorten(text, 300)}");
        }

        output.WriteLine($"{Requests} requests in {watch.Elapsed}; statuses: {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        failures.Should().BeEmpty($"{failures.Count} of {Requests} payloads were not cleanly refused; first ones:\n{string.Join("\n", failures.Take(15))}");
        (await Store.EventCountAsync()).Should().Be(before, "no refused payload appends an event");
    }

    /// <summary>Hostile text as it appears inside a JSON string (raw JSON escapes, so lone surrogates survive).</summary>
    private static readonly string[] HostileText = [@"\u0000", @"\ud800", @"\udc00x", @"\u0007", @"\u001b[31m", @"\u202e", @"\u2066", @"\u0085"];

    /// <summary>Every string field of a payload (top level, nested object, first array element), as JSON paths and setters.</summary>
    private static IEnumerable<(string Path, Action<JsonObject, string> Set)> StringFields(JsonObject payload)
    {
        foreach (var (key, value) in payload)
        {
            if (value?.GetValueKind() == JsonValueKind.String && key != "version")
                yield return (key, (json, text) => json[key] = text);
            if (value is JsonObject inner)
                foreach (var (innerKey, innerValue) in inner)
                    if (innerValue?.GetValueKind() == JsonValueKind.String)
                        yield return ($"{key}.{innerKey}", (json, text) => json[key]![innerKey] = text);
            if (value is JsonArray { Count: > 0 } array && array[0]?.GetValueKind() == JsonValueKind.String)
                yield return ($"{key}[0]", (json, text) => json[key]![0] = text);
        }
    }

    /// <summary>
    /// The payloads of issue 12: for every step and registration, hostile text (NUL, lone surrogates, control and bidi
    /// characters) in every string field, and every top-level and nested key duplicated. Each one is a 400 naming the
    /// field, through the HTTP API and through the importer alike, and nothing is appended.
    /// </summary>
    private static IEnumerable<(string Step, string Field, string Body)> HostilePayloads()
    {
        foreach (var (step, baseline) in Baselines())
        {
            foreach (var (field, set) in StringFields(baseline))
            {
                foreach (var hostile in HostileText)
                {
                    var payload = baseline.DeepClone().AsObject();
                    set(payload, "PLACEHOLDER");
                    yield return (step, field, payload.ToJsonString().Replace("PLACEHOLDER", "某" + hostile + "某", StringComparison.Ordinal));
                }
            }
            foreach (var (key, value) in baseline)
            {
                var text = baseline.ToJsonString();
                yield return (step, key, "{" + $"\"{key}\":{value?.ToJsonString() ?? "null"}," + text[1..]);
                if (value is JsonObject inner && inner.Count > 0)
                {
                    var (innerKey, innerValue) = inner.First();
                    var nested = $"\"{key}\":{{";
                    yield return (step, $"{key}.{innerKey}", text.Replace(nested, nested + $"\"{innerKey}\":{innerValue?.ToJsonString() ?? "null"},", StringComparison.Ordinal));
                }
            }
        }
    }

    [Fact]
    public async Task duplicate_keys_and_hostile_text_are_refused_naming_the_field_through_the_api_and_the_importer()
    {
        var id = (await Bus.InvokeAsync<RegistrationResult>(Registration(new(2024, 11, 4), items: 2))).ApplicationId;
        var client = await App.BearerClientAsync(TestAgencies.Government, StaffRole.Registrar, StaffRole.CaseHandler, StaffRole.Approver);
        var before = await Store.EventCountAsync();
        var payloads = HostilePayloads().ToList();
        var failures = new List<string>();

        foreach (var (step, field, body) in payloads)
        {
            var path = step == ApplicationSteps.Register ? "/api/applications" : $"/api/applications/{id}/steps/{step}";
            using var response = await client.PostRawAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != System.Net.HttpStatusCode.BadRequest || !HasMessages(text)
                || !(text.Contains("field.invalid-text") || text.Contains("payload.duplicate-key")) || !text.Contains(field))
                failures.Add($"API {step} {field}: {Shorten(body, 120)} → {(int)response.StatusCode} {Shorten(text, 200)}");
        }

        var lines = new StringBuilder();
        lines.AppendLine("""{"ref":"fz","step":"register","agencyCode":"qxg","receivedOn":"2024-11-04","channel":"letter","applicantType":"naturalPerson","applicant":{"name":"王五","phone":"13800000002"},"items":["某文件"],"requestedForm":"paper"}""");
        var importLines = payloads.Select(p => $$"""{"ref":"{{(p.Step == ApplicationSteps.Register ? "r" + p.GetHashCode() : "fz")}}","step":"{{p.Step}}",""" + p.Body[1..]).ToList();
        foreach (var line in importLines) lines.AppendLine(line);
        using var scope = App.Services.CreateScope();
        var summary = await scope.ServiceProvider.GetRequiredService<Workflow.Import.ApplicationImporter>().ImportAsync(new StringReader(lines.ToString()), "import");

        foreach (var error in summary.Errors.Take(3)) output.WriteLine($"{error.LineNumber} [{error.Code}] {error.English}");
        summary.Registered.Should().Be(1, "only the clean registration line");
        summary.StepsApplied.Should().Be(0);
        var refused = summary.Errors.Where(e => e.Code is "field.invalid-text" or "payload.duplicate-key" or "line.after-failed-step").ToList();
        failures.AddRange(summary.Errors.Except(refused).Select(e => $"import line {e.LineNumber}: [{e.Code}] {e.English}"));
        summary.Errors.Should().HaveCount(importLines.Count);
        output.WriteLine($"{payloads.Count} hostile payloads through the API and the importer");
        failures.Should().BeEmpty($"{failures.Count} hostile payloads were not refused naming the field:\n{string.Join("\n", failures.Take(15))}");
        (await Store.EventCountAsync()).Should().Be(before + 1, "only the clean registration line appended an event");
    }

    /// <summary>Makes the payload invalid at one field (top level or nested) and says how.</summary>
    private static string Mutate(JsonObject payload, string step, Random random, HashSet<string> mutated)
    {
        var nullable = NullableFields(step);
        // A field is mutated at most once: a second "wrong type" could bring back a value of the original kind.
        var (parent, key, nested) = PickField(payload, random, mutated);
        if (parent is null) return "nothing to mutate";
        mutated.Add(key);
        var current = parent[key];
        var isNullable = nested ? NullableNestedFields.Contains(key) : nullable.Contains(key);
        var kind = current?.GetValueKind() ?? JsonValueKind.Null;

        switch (random.Next(8))
        {
            case 0 when !isNullable: // an optional (nullable) field may be left out: absent = null
                parent.Remove(key);
                return $"drop {key}";
            case 1 when !isNullable:
                parent[key] = null;
                return $"null {key}";
            case 2 when kind == JsonValueKind.String:
                parent[key] = new string("长x"[random.Next(2)], 4_100 + random.Next(60_000));
                return $"huge {key}";
            case 3:
                var depth = 20 + random.Next(30);
                parent[key] = JsonNode.Parse(new string('[', depth) + new string(']', depth));
                return $"deep {key}";
            case 4 when kind == JsonValueKind.Number:
                parent[key] = JsonNode.Parse(new[] { "1e40", "-1e40", "99999999999999999999999999999999" }[random.Next(3)]);
                return $"out-of-range number {key}";
            case 5 when kind == JsonValueKind.String && key.EndsWith("On", StringComparison.Ordinal) || key == "deadline":
                parent[key] = new[] { "2024-02-30", "2024-13-01", "24-11-05", "", "2024/11/05", "10000-01-01", "today" }[random.Next(7)];
                return $"invalid date {key}";
            case 6 when parent[key] is JsonArray array:
                // Registration ignores blank items beside real ones, so there the only invalid list of nulls is all nulls.
                if (step == ApplicationSteps.Register) parent[key] = new JsonArray((JsonNode?)null);
                else array.Insert(random.Next(array.Count + 1), null);
                return $"null element in {key}";
            default:
                parent[key] = WrongKind(kind, random);
                return $"wrong type {key} ({kind} → {parent[key]?.GetValueKind()})";
        }
    }

    /// <summary>A value of another JSON kind, never one System.Text.Json could read as the original kind.</summary>
    private static JsonNode? WrongKind(JsonValueKind kind, Random random)
    {
        var candidates = new List<Func<JsonNode?>>
        {
            () => JsonValue.Create(random.Next(-5, 50)),
            () => JsonValue.Create("abc" + random.Next(1000)),
            () => JsonValue.Create(random.Next(2) == 0),
            () => new JsonObject { ["x"] = 1 },
            () => new JsonArray(1, 2),
        };
        var allowed = kind switch
        {
            JsonValueKind.Number => new[] { 1, 2, 3, 4 },
            JsonValueKind.String => [0, 2, 3, 4],
            JsonValueKind.True or JsonValueKind.False => [0, 1, 3, 4],
            JsonValueKind.Object => [0, 1, 2, 4],
            JsonValueKind.Array => [0, 1, 2, 3],
            _ => [3, 4], // null baseline (a nullable of unknown type): only containers are wrong for every type
        };
        return candidates[allowed[random.Next(allowed.Length)]]();
    }

    private static (JsonObject? Parent, string Key, bool Nested) PickField(JsonObject payload, Random random, HashSet<string> excluded)
    {
        var fields = new List<(JsonObject, string, bool)>();
        foreach (var (key, value) in payload)
        {
            fields.Add((payload, key, false));
            if (value is JsonObject inner) fields.AddRange(inner.Select(p => (inner, p.Key, true)));
            if (value is JsonArray { Count: > 0 } array && array[0] is JsonObject first) fields.AddRange(first.Select(p => (first, p.Key, true)));
        }
        fields.RemoveAll(f => excluded.Contains(f.Item2));
        if (fields.Count == 0) return (null, "", false);
        return fields[random.Next(fields.Count)];
    }

    private static string UnknownStep(Random random)
    {
        var known = new[] { "Register", "NOTE", "notes", "supplement_request", "answer ", "答复", "steps", "register", "..", "note;drop table" };
        if (random.Next(2) == 0) return known[random.Next(known.Length)];
        return new string(Enumerable.Range(0, 1 + random.Next(40)).Select(_ => "abcdefghijklmnopqrstuvwxyz-"[random.Next(27)]).ToArray());
    }

    private static string NotJson(Random random) => random.Next(8) switch
    {
        0 => "",
        1 => "{",
        2 => "<application><version>1</version></application>",
        3 => "version=1&text=hi",
        4 => "\u0000\u0001\u0002",
        5 => "{\"version\": 1, \"text\": \"unterminated}",
        6 => new string('{', 30),
        _ => new string(Enumerable.Range(0, random.Next(1, 200)).Select(_ => (char)random.Next(32, 0x9fff)).ToArray()),
    };

    private static bool HasMessages(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var title = root.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "";
            var detail = root.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";
            return title.Length > 0 && detail.Length > 0 && (ApiKit.HasChinese(title) || ApiKit.HasChinese(detail));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text, int max = 60) => text.Length <= max ? text : text[..max] + "…";
}
