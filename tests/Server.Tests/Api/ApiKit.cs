using System.Net;
using System.Text;
using System.Text.Json;
using Marten;

namespace Server.Tests.Api;

/// <summary>A refusal as the API writes it: the stable code, the Chinese title and the English detail.</summary>
public sealed record Problem(HttpStatusCode Status, string? Code, string Title, string Detail, string Body);

public static class ApiKit
{
    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string body, string contentType = "application/json") =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8) { Headers = { ContentType = new(contentType) { CharSet = "utf-8" } } });

    public static async Task<Problem> ProblemAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return new Problem(response.StatusCode, Text("code"), Text("title") ?? "", Text("detail") ?? "", body);
    }

    public static async Task<int> EventCountAsync(this IDocumentStore store)
    {
        await using var session = store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }

    public static bool HasChinese(string text) => text.Any(c => c is >= '\u4e00' and <= '\u9fff');
}
