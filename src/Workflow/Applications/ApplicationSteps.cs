using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Workflow.Applications;

/// <summary>
/// The names of the lifecycle steps as the HTTP API, the web forms and the import file spell them, mapped to their
/// commands (each step's folder declares its name), and the strict JSON reading of commands.
/// </summary>
public static class ApplicationSteps
{
    public const string Register = "register";

    /// <summary>Every step's name and command, derived from the step folders (<see cref="LifecycleSteps"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Type> Commands =
        LifecycleSteps.All.ToDictionary(step => step.Name, step => step.CommandType, StringComparer.Ordinal);

    public static string StepOf(Type commandType) => LifecycleSteps.Of(commandType).Name;

    /// <summary>
    /// Strict JSON for commands: camelCase, enums only by name, ISO dates, required constructor parameters and
    /// nullability enforced — a malformed payload is refused, never half-read.
    /// </summary>
    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Required = what the command cannot do without: a constructor parameter that is neither nullable nor
            // defaulted. A nullable one (idNumber, externalRequestId, an item's reason …) may be left out: absent = null.
            RespectNullableAnnotations = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            MaxDepth = 16,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
            {
                Modifiers = { RequireNonNullableParameters },
            },
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static void RequireNonNullableParameters(System.Text.Json.Serialization.Metadata.JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
            if (property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false })
                property.IsRequired = true;
    }

    /// <summary>
    /// Reads a step's command from a JSON body, with the application id and the actor set by the server (any values
    /// for them in the body are overwritten: the actor is always the signed-in user). Returns a refusal when the body
    /// is not a valid command.
    /// </summary>
    public static (IApplicationCommand? Command, Refusal? Refusal) Read(string step, JsonNode? body, Guid applicationId, string actor)
    {
        if (!Commands.TryGetValue(step, out var type))
            return (null, Refusals.Invalid("step.unknown", $"未知的办理步骤：{step}", $"Unknown step '{step}'."));
        if (body is not JsonObject json)
            return (null, Refusals.Invalid("payload.not-object", "请求内容应为 JSON 对象。", "The request body must be a JSON object."));
        json["applicationId"] = applicationId.ToString();
        json["actor"] = actor;
        return Deserialize<IApplicationCommand>(json, type);
    }

    /// <summary>Reads a registration, with the actor set by the server.</summary>
    public static (RegisterApplication? Command, Refusal? Refusal) ReadRegistration(JsonNode? body, string actor)
    {
        if (body is not JsonObject json)
            return (null, Refusals.Invalid("payload.not-object", "请求内容应为 JSON 对象。", "The request body must be a JSON object."));
        json["actor"] = actor;
        return Deserialize<RegisterApplication>(json, typeof(RegisterApplication));
    }

    /// <summary>The names System.Text.Json lists when required properties are missing (its only structured trace of them).</summary>
    private static IReadOnlyList<string> MissingRequired(JsonException exception) =>
        exception.Message.Contains("missing required properties", StringComparison.Ordinal)
            ? [.. System.Text.RegularExpressions.Regex.Matches(exception.Message[exception.Message.IndexOf("missing required properties", StringComparison.Ordinal)..], "'([^']+)'")
                .Select(m => m.Groups[1].Value)]
            : [];

    /// <summary>The field a JSON path names ("$.applicant.phone" → "applicant.phone"), or null for the whole body.</summary>
    private static string? FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static (T? Command, Refusal? Refusal) Deserialize<T>(JsonObject json, Type type) where T : class
    {
        try
        {
            return (json.Deserialize(type, Json) as T, null);
        }
        catch (JsonException exception) when (MissingRequired(exception) is { Count: > 0 } missing)
        {
            var where = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "" : $"{exception.Path[2..]}.";
            var fields = string.Join("、", missing.Select(name => where + name));
            return (null, Refusals.Invalid("field.required", $"缺少必填项：{fields}。",
                $"Missing required field(s): {string.Join(", ", missing.Select(name => where + name))}.", where + missing[0]));
        }
        catch (JsonException exception)
        {
            var path = string.IsNullOrEmpty(exception.Path) ? "" : $"（{exception.Path}）";
            return (null, Refusals.Invalid("payload.malformed", $"请求内容格式有误{path}：缺少必填项、类型不符或取值无效。",
                $"Malformed payload{(string.IsNullOrEmpty(exception.Path) ? "" : $" at {exception.Path}")}: {exception.Message}", FieldOf(exception.Path)));
        }
        catch (Exception exception) when (exception is FormatException or OverflowException or ArgumentException or NotSupportedException)
        {
            return (null, Refusals.Invalid("payload.malformed", "请求内容格式有误：取值无效。", $"Malformed payload: {exception.Message}"));
        }
    }
}
