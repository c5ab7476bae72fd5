using System.Text.Json;
using System.Text.Json.Serialization;
using Workflow.Applications;

namespace Projections.Cases;

/// <summary>
/// Reads <see cref="ReviewFile.Kind"/> as stored before it was an enum (the Chinese term 行政复议 / 行政诉讼) as well as by
/// enum name, and writes the enum name: case files stored by older versions still load without a rebuild.
/// </summary>
public sealed class ReviewKindJson : JsonConverter<ReviewKind>
{
    public override ReviewKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return text switch
        {
            "行政复议" => ReviewKind.Reconsideration,
            "行政诉讼" => ReviewKind.Lawsuit,
            _ when Enum.TryParse<ReviewKind>(text, ignoreCase: true, out var kind) && Enum.IsDefined(kind) => kind,
            _ => throw new JsonException($"Unknown review kind '{text}'."),
        };
    }

    public override void Write(Utf8JsonWriter writer, ReviewKind value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
