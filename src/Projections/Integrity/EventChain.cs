using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Projections.Integrity;

/// <summary>The content of one stored event that its chain hash covers (docs/adr/0010).</summary>
/// <param name="StreamId">The application's stream.</param>
/// <param name="Version">The event's version in its stream (1-based).</param>
/// <param name="EventTypeName">Marten's stored type name (mt_events.type).</param>
/// <param name="BusinessDate">The business date (ISO) of the event, empty for an event without one.</param>
/// <param name="Actor">Who recorded it, empty for an event without one.</param>
/// <param name="DataJson">The event's JSON data, in any key order or spacing: it is canonicalised before hashing.</param>
/// <param name="RecordedAt">Marten's event timestamp; hashed at microsecond precision, as PostgreSQL stores it.</param>
public sealed record ChainedEventContent(
    Guid StreamId, long Version, string EventTypeName, string BusinessDate, string Actor, string DataJson, DateTimeOffset RecordedAt);

/// <summary>
/// The hash chain of one stream: link n = SHA-256 over the canonical content of event n and the hash of link n-1.
/// Pure and deterministic, so the same function seals at append time and verifies from the rows in the database.
/// </summary>
public static class EventChain
{
    /// <summary>The format of the hashed content; a change of format gets a new tag and the verifier keeps the old one.</summary>
    public const string FormatTag = "event-chain-v1";

    /// <summary>The "previous hash" of the first event of every stream.</summary>
    public const string GenesisHash = "";

    private static readonly JsonSerializerOptions CanonicalWriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Hash(ChainedEventContent content, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(content);
        // A JSON array makes the concatenation unambiguous whatever the fields contain.
        var canonical = new JsonArray(
            FormatTag,
            content.StreamId.ToString("D"),
            content.Version,
            content.EventTypeName,
            content.BusinessDate,
            content.Actor,
            Timestamp(content.RecordedAt),
            CanonicalJson(content.DataJson),
            previousHash).ToJsonString(CanonicalWriterOptions);
        return Sha256Hex(canonical);
    }

    /// <summary>The timestamp as PostgreSQL keeps it: UTC, truncated to microseconds (Npgsql truncates ticks).</summary>
    public static string Timestamp(DateTimeOffset recordedAt) =>
        TruncateToMicroseconds(recordedAt).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % 10, TimeSpan.Zero);

    /// <summary>
    /// JSON with object keys sorted ordinally, no insignificant whitespace and one escaping rule, so the text Marten
    /// serialised at append time and the text PostgreSQL returns from jsonb (keys reordered) give the same string.
    /// </summary>
    public static string CanonicalJson(string json)
    {
        var node = JsonNode.Parse(json);
        return node is null ? "null" : Sort(node)!.ToJsonString(CanonicalWriterOptions);
    }

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sort)]),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
