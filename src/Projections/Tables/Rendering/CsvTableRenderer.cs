using System.Text;

namespace Projections.Tables.Rendering;

/// <summary>
/// CSV of the grid as printed: the heading, each table's title, header rows and body rows (a spanned cell's text in
/// its top-left position, covered positions empty), then its footnotes. UTF-8 with a byte-order mark so Excel reads
/// the Chinese labels correctly; CRLF line ends; RFC 4180 quoting.
/// </summary>
public static class CsvTableRenderer
{
    private const string IndentUnit = "　";

    /// <summary>The CSV file: UTF-8 with BOM.</summary>
    public static byte[] Render(RenderedReport report)
    {
        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(RenderText(report));
        return [.. preamble, .. body];
    }

    /// <summary>The CSV text, without the byte-order mark.</summary>
    public static string RenderText(RenderedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        Line(csv, [report.Heading]);
        foreach (var table in report.Tables)
        {
            Line(csv, []);
            Line(csv, [table.Title]);
            for (var row = 0; row < table.RowCount; row++)
            {
                var fields = new string[table.ColumnCount];
                foreach (var cell in table.CellsStartingOn(row))
                    fields[cell.Column] = cell.Kind == RenderedCellKind.RowLabel
                        ? string.Concat(Enumerable.Repeat(IndentUnit, cell.Indent)) + cell.Text
                        : cell.Text;
                Line(csv, fields);
            }
            foreach (var statement in table.Statements) Line(csv, [statement.Text]);
            for (var i = 0; i < table.Footnotes.Count; i++)
                Line(csv, [$"注{i + 1}：{table.Footnotes[i]}"]);
        }
        return csv.ToString();
    }

    private static void Line(StringBuilder csv, IReadOnlyList<string?> fields)
    {
        csv.AppendJoin(',', fields.Select(Quote));
        csv.Append("\r\n");
    }

    private static string Quote(string? field)
    {
        if (string.IsNullOrEmpty(field)) return "";
        return field.IndexOfAny([',', '"', '\r', '\n']) >= 0 || field.StartsWith(' ') || field.EndsWith(' ')
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;
    }
}
