using System.Text.Encodings.Web;
using System.Text.Json;

namespace Projections.Tables.Rendering;

/// <summary>
/// Structured JSON: the layout, the agency and year, and per table its columns (key and header labels) and rows
/// (key, label path, unit, a value per column key — null where the row has no number or the system does not count
/// it — and the drill-down cell key per column), then the footnotes. Chinese is written unescaped.
/// </summary>
public static class JsonTableRenderer
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(RenderedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartObject("layout");
            json.WriteString("code", report.LayoutCode);
            json.WriteString("name", report.LayoutName);
            json.WriteString("basis", report.Basis);
            json.WriteEndObject();
            json.WriteString("agency", report.AgencyName);
            json.WriteNumber("year", report.Year);
            json.WriteString("heading", report.Heading);
            json.WriteStartArray("tables");
            foreach (var table in report.Tables) WriteTable(json, table);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteTable(Utf8JsonWriter json, RenderedTable table)
    {
        json.WriteStartObject();
        json.WriteString("key", table.Key);
        json.WriteString("title", table.Title);
        json.WriteStartArray("columns");
        foreach (var column in table.Columns)
        {
            json.WriteStartObject();
            json.WriteString("key", column.Key);
            WriteStrings(json, "labels", column.LabelPath);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("rows");
        foreach (var row in table.DataRows)
        {
            json.WriteStartObject();
            json.WriteString("key", row.Key);
            WriteStrings(json, "labels", row.LabelPath.Where(l => l.Length > 0).ToList());
            if (row.Unit is { } unit) json.WriteString("unit", unit);
            json.WriteStartObject("values");
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (row.Values[i]?.Value is { } value) json.WriteNumber(table.Columns[i].Key, value);
                else json.WriteNull(table.Columns[i].Key);
            }
            json.WriteEndObject();
            json.WriteStartObject("cells");
            for (var i = 0; i < table.Columns.Count; i++)
                if (row.Values[i]?.CellKey is { } cellKey) json.WriteString(table.Columns[i].Key, cellKey);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("statements");
        foreach (var statement in table.Statements)
        {
            json.WriteStartObject();
            json.WriteString("key", statement.Key);
            json.WriteString("text", statement.Text);
            json.WriteNumber("value", statement.Number.Value ?? 0);
            json.WriteString("cell", statement.Number.CellKey);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteStrings(json, "footnotes", table.Footnotes);
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
