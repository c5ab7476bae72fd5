using System.Text.Json.Nodes;
using Workflow.Applications;

namespace Server.Api;

/// <summary>
/// A JSON request body as every API route reads it: <c>application/json</c>, at most a given size (reading stops there,
/// whatever <c>Content-Length</c> says or does not say), then through the product's one JSON gate
/// (<see cref="StrictJson"/>: duplicate keys, NUL, control and bidirectional characters refused, naming the field).
/// </summary>
public static class JsonRequestBody
{
    public static async Task<(JsonNode? Json, Refusal? Refusal)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellation)
    {
        var tooLarge = Refusals.Invalid("payload.too-large", "请求内容过大。", $"The request body exceeds {maxBytes} bytes.");
        if (request.ContentLength > maxBytes) return (null, tooLarge);
        if (!request.HasJsonContentType())
            return (null, Refusals.Invalid("payload.content-type", "请求内容应为 JSON（application/json）。", "Content-Type must be application/json."));
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellation)) > 0)
        {
            body.Write(buffer, 0, read);
            if (body.Length > maxBytes) return (null, tooLarge);
        }
        return StrictJson.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
    }
}
