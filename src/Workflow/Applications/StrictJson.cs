using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Applications;

/// <summary>
/// The one gate every command payload passes (HTTP API and importer alike) before it is read: well-formed JSON, no
/// duplicated key (which value would win is a guess), and text that PostgreSQL can store and a reader can trust — no
/// NUL, no lone surrogate, no other control character than tab and line breaks, no bidirectional override that could
/// make a name or a document number display differently from what it is. A refusal names the field (its JSON path).
/// Commands built from a web form pass the same text rule through <see cref="CheckText"/> at the command bus.
/// </summary>
public static class StrictJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>Parses and checks <paramref name="utf8"/>; either a JSON node or a refusal naming the field.</summary>
    public static (JsonNode? Json, Refusal? Refusal) Parse(ReadOnlyMemory<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException exception)
        {
            return (null, Refusals.Invalid("payload.not-json", "请求内容不是有效的 JSON。", $"The request body is not valid JSON: {exception.Message}"));
        }
        catch (ArgumentException exception)
        {
            return (null, Refusals.Invalid("payload.not-json", "请求内容不是有效的 JSON（编码无效）。", $"The request body is not valid JSON: {exception.Message}"));
        }

        using (document)
        {
            if (Check(document.RootElement, "$") is { } refusal) return (null, refusal);
            return (JsonNode.Parse(utf8.Span, new JsonNodeOptions(), DocumentOptions), null);
        }
    }

    public static (JsonNode? Json, Refusal? Refusal) Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    private static Refusal? Check(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // Case-insensitive, as the command reader matches names (JsonSerializerDefaults.Web): "version" and
                // "Version" in one object are the same key twice, and which one wins would be a guess.
                // The refusal names the key as first spelled.
                var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in element.EnumerateObject())
                {
                    var name = ReadText(() => property.Name);
                    var childPath = name is null ? path : $"{path}.{name}";
                    if (name is null || TextProblem(name) is not null)
                        return Unusable(path, "键名含有无效字符", "a property name contains an invalid character");
                    if (!names.TryAdd(name, name))
                    {
                        var first = $"{path}.{names[name]}";
                        return Refusals.Invalid("payload.duplicate-key", $"请求内容中“{Field(first)}”出现了不止一次。",
                            $"The key '{Field(first)}' appears more than once.", FieldOrNull(first));
                    }
                    if (Check(property.Value, childPath) is { } refusal) return refusal;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    if (Check(item, $"{path}[{index++}]") is { } refusal) return refusal;
                return null;
            case JsonValueKind.String:
                var text = ReadText(element.GetString);
                if (text is null) return Unusable(path, "含有不成对的代理字符（\\ud800 等）", "it contains a lone surrogate");
                return TextProblem(text) is { } problem ? Unusable(path, problem.Chinese, problem.English) : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The text rule for an object built in the app rather than read from JSON (a command from a web form): every string
    /// it carries is checked as <see cref="Parse(ReadOnlyMemory{byte})"/> checks a payload's, and a refusal names the
    /// field by the JSON path the same command would have in the API (<paramref name="options"/>' naming). The object is
    /// walked, not serialized: a writer would quietly replace a lone surrogate.
    /// </summary>
    public static Refusal? CheckText(object value, JsonSerializerOptions options) => CheckText(value, options, "$", depth: 0);

    private static Refusal? CheckText(object? value, JsonSerializerOptions options, string path, int depth)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                return TextProblem(text) is { } problem ? Unusable(path, problem.Chinese, problem.English) : null;
            case System.Collections.IEnumerable items when depth < DocumentOptions.MaxDepth:
                var index = 0;
                foreach (var item in items)
                    if (CheckText(item, options, $"{path}[{index++}]", depth + 1) is { } refusal) return refusal;
                return null;
        }
        // The properties as the serializer names them, so the path is the one the same command has in the API.
        var contract = options.GetTypeInfo(value.GetType());
        if (contract.Kind != System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object || depth >= DocumentOptions.MaxDepth) return null;
        foreach (var property in contract.Properties)
            if (property.Get is { } get && CheckText(get(value), options, $"{path}.{property.Name}", depth + 1) is { } refusal)
                return refusal;
        return null;
    }

    /// <summary>Why a text cannot be stored as given, or null when it can.</summary>
    public static (string Chinese, string English)? TextProblem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return ("含有空字符（\\u0000）", "it contains a NUL character");
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                return ("含有不成对的代理字符", "it contains a lone surrogate");
            }
            if (char.IsLowSurrogate(c)) return ("含有不成对的代理字符", "it contains a lone surrogate");
            if (c is '\t' or '\n' or '\r') continue;
            if (char.IsControl(c))
                return ($"含有控制字符（U+{(int)c:X4}）", $"it contains the control character U+{(int)c:X4}");
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
                return ($"含有改变文字方向的控制字符（U+{(int)c:X4}）", $"it contains the bidirectional control U+{(int)c:X4}");
            if (c is '\uFFFE' or '\uFFFF')
                return ("含有非字符码位", "it contains a noncharacter");
        }
        return null;
    }

    private static string? ReadText(Func<string?> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException)
        {
            return null; // System.Text.Json cannot turn an escaped lone surrogate into a string
        }
    }

    private static Refusal Unusable(string path, string chinese, string english) =>
        Unacceptable(Field(path), Field(path), chinese, english, FieldOrNull(path));

    /// <summary>
    /// The refusal (<c>field.invalid-text</c>) of a text that breaks the rule, or null when it keeps it: for text checked
    /// where it is used rather than in a payload (a topic name, a paragraph, an agency's name), named to the user by
    /// <paramref name="chinese"/> and in the log by <paramref name="english"/>.
    /// </summary>
    public static Refusal? TextRefusal(string? text, string chinese, string english, string? field) =>
        text is not null && TextProblem(text) is { } problem ? Unacceptable(chinese, english, problem.Chinese, problem.English, field) : null;

    private static Refusal Unacceptable(string chineseLabel, string englishLabel, string chinese, string english, string? field) =>
        Refusals.Invalid("field.invalid-text", $"“{chineseLabel}”{chinese}，请删除后重试。", $"'{englishLabel}' is not acceptable text: {english}.", field);

    /// <summary>The field a refusal is about, as the API names fields (null for the payload as a whole).</summary>
    private static string? FieldOrNull(string path) => path == "$" ? null : Field(path);

    private static string Field(string path) => path == "$" ? "(root)" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path[1..];
}
