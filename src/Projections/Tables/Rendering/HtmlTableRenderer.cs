using System.Text;

namespace Projections.Tables.Rendering;

/// <summary>
/// Printable HTML: each table a <c>&lt;table&gt;</c> with the grid's rowspan/colspan, header rows in
/// <c>&lt;thead&gt;</c>, row labels as row headers, the footnotes in an ordered list under it. Non-zero numbers link
/// to the drill-down URL the caller builds from the cell key (no link when it returns null).
/// </summary>
public static class HtmlTableRenderer
{
    /// <summary>The stylesheet of <see cref="RenderDocument"/>, for pages that embed <see cref="RenderFragment"/>.</summary>
    public const string Stylesheet = """
        .annual-report { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; color: #000; }
        .annual-report h1 { font-size: 1.25rem; text-align: center; }
        .annual-report h2 { font-size: 1.05rem; margin: 1.2em 0 0.4em; }
        .annual-report table { border-collapse: collapse; width: 100%; font-size: 0.85rem; page-break-inside: auto; }
        .annual-report th, .annual-report td { border: 1px solid #000; padding: 0.2em 0.4em; vertical-align: middle; }
        .annual-report thead th { text-align: center; font-weight: normal; background: #f2f2f2; }
        .annual-report tbody th { text-align: left; font-weight: normal; }
        .annual-report td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .annual-report td.not-counted { text-align: center; }
        .annual-report td.unit { text-align: center; }
        .annual-report tr { page-break-inside: avoid; }
        .annual-report ol.footnotes { font-size: 0.8rem; padding-left: 1.6em; }
        .annual-report tbody th.indent-1 { padding-left: 1.6em; }
        .annual-report tbody th.indent-2 { padding-left: 2.8em; }
        .annual-report tbody th.indent-3 { padding-left: 4em; }
        .annual-report tbody th.indent-4 { padding-left: 5.2em; }
        @page { size: A4 landscape; margin: 15mm; }
        @media print {
          .annual-report a { color: inherit; text-decoration: none; }
          .annual-report thead { display: table-header-group; }
          .annual-report thead th { background: none; }
        }
        """;

    /// <summary>The tables for embedding in a page (style with <see cref="Stylesheet"/>).</summary>
    public static string RenderFragment(RenderedReport report, Func<string, string?>? drillDownUrl = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append("<div class=\"annual-report\" data-layout=\"").Append(Encode(report.LayoutCode)).Append("\">\n");
        html.Append("<h1>").Append(Encode(report.Heading)).Append("</h1>\n");
        foreach (var table in report.Tables) RenderTable(table, drillDownUrl, html);
        html.Append("</div>\n");
        return html.ToString();
    }

    /// <summary>A complete printable document.</summary>
    public static string RenderDocument(RenderedReport report, Func<string, string?>? drillDownUrl = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<title>" + Encode(report.Heading) + "</title>\n"
            + "<style>\n" + Stylesheet + "\n</style>\n</head>\n<body>\n"
            + RenderFragment(report, drillDownUrl)
            + "</body>\n</html>\n";
    }

    private static void RenderTable(RenderedTable table, Func<string, string?>? drillDownUrl, StringBuilder html)
    {
        html.Append("<section data-table=\"").Append(Encode(table.Key)).Append("\">\n");
        html.Append("<h2>").Append(Encode(table.Title)).Append("</h2>\n<table>\n<thead>\n");
        for (var row = 0; row < table.RowCount; row++)
        {
            if (row == table.HeaderRowCount) html.Append("</thead>\n<tbody>\n");
            html.Append("<tr>");
            foreach (var cell in table.CellsStartingOn(row)) RenderCell(cell, drillDownUrl, html);
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        foreach (var statement in table.Statements)
        {
            var number = statement.Number;
            html.Append("<p class=\"statement\" data-statement=\"").Append(Encode(statement.Key)).Append("\" data-cell=\"")
                .Append(Encode(number.CellKey ?? "")).Append("\">").Append(Encode(statement.Around.Before));
            var url = number is { CellKey: { } key } && HasDrillDown(number) ? drillDownUrl?.Invoke(key) : null;
            if (url is not null) html.Append("<a href=\"").Append(Encode(url)).Append("\">").Append(Encode(number.Text)).Append("</a>");
            else html.Append(Encode(number.Text));
            html.Append(Encode(statement.Around.After)).Append("</p>\n");
        }
        if (table.Footnotes.Count > 0)
        {
            html.Append("<ol class=\"footnotes\">\n");
            foreach (var note in table.Footnotes) html.Append("<li>").Append(Encode(note)).Append("</li>\n");
            html.Append("</ol>\n");
        }
        html.Append("</section>\n");
    }

    /// <summary>A cell links to its applications when it counts any: its ids, or a non-zero count served without ids (ADR 0024).</summary>
    private static bool HasDrillDown(RenderedCell cell) => cell.Ids.Count > 0 || cell.Value is { } value && value != 0;

    private static void RenderCell(RenderedCell cell, Func<string, string?>? drillDownUrl, StringBuilder html)
    {
        var (element, attributes) = cell.Kind switch
        {
            RenderedCellKind.CornerHeader or RenderedCellKind.ColumnHeader => ("th", " scope=\"col\""),
            RenderedCellKind.RowLabel => ("th", " scope=\"row\"" + (cell.Indent > 0 ? $" class=\"{IndentClass(cell.Indent)}\"" : "")),
            RenderedCellKind.Number => ("td", " class=\"number\""),
            RenderedCellKind.NotCounted => ("td", " class=\"not-counted\" title=\"本系统不单独统计\""),
            RenderedCellKind.Unit => ("td", " class=\"unit\""),
            _ => ("td", ""),
        };
        html.Append('<').Append(element).Append(attributes);
        if (cell.RowSpan > 1) html.Append(" rowspan=\"").Append(cell.RowSpan).Append('"');
        if (cell.ColumnSpan > 1) html.Append(" colspan=\"").Append(cell.ColumnSpan).Append('"');
        if (cell.CellKey is { } key && cell.Kind == RenderedCellKind.Number) html.Append(" data-cell=\"").Append(Encode(key)).Append('"');
        html.Append('>');
        var url = cell is { Kind: RenderedCellKind.Number, CellKey: { } cellKey } && HasDrillDown(cell) ? drillDownUrl?.Invoke(cellKey) : null;
        if (url is not null) html.Append("<a href=\"").Append(Encode(url)).Append("\">").Append(Encode(cell.Text)).Append("</a>");
        else html.Append(Encode(cell.Text));
        html.Append("</").Append(element).Append('>');
    }

    /// <summary>
    /// The class of an indented row label (pre-2019 table). A class, not an inline style: the staff pages' CSP allows
    /// no inline styles. Levels beyond <see cref="DeepestIndent"/> share its class.
    /// </summary>
    public static string IndentClass(int indent) => $"indent-{Math.Clamp(indent, 1, DeepestIndent)}";

    /// <summary>The deepest indent level with its own class in <see cref="Stylesheet"/>.</summary>
    public const int DeepestIndent = 4;

    private static string Encode(string text)
    {
        var encoded = new StringBuilder(text.Length);
        foreach (var c in text)
            encoded.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        return encoded.ToString();
    }
}
