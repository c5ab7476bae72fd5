using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Projections.Tables;
using Projections.Tables.Rendering;

namespace Projections.Annual.Section;

/// <summary>The 依申请公开 document as printable HTML (the tables through <see cref="HtmlTableRenderer"/>'s markup and style).</summary>
public static class SectionHtmlRenderer
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public const string Stylesheet = """
        .application-section p.narrative { text-indent: 2em; line-height: 1.8; font-size: 1rem; }
        .application-section h2.section { font-size: 1.1rem; margin: 1.2em 0 0.4em; }
        """;

    /// <summary>The blocks for embedding in a page (style with <see cref="HtmlTableRenderer.Stylesheet"/> and <see cref="Stylesheet"/>).</summary>
    public static string RenderFragment(SectionDocument document)
    {
        var html = new StringBuilder("<div class=\"annual-report application-section\">\n");
        html.Append("<h1>").Append(Encoder.Encode(document.Title)).Append("</h1>\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case SectionHeading heading:
                    html.Append("<h2 class=\"section\">").Append(Encoder.Encode(heading.Text)).Append("</h2>\n");
                    break;
                case SectionParagraph paragraph:
                    html.Append("<p class=\"narrative\">").Append(Encoder.Encode(paragraph.Text)).Append("</p>\n");
                    break;
                case SectionTable table:
                    // The table renderer's markup, without its own heading (the section heading stands above).
                    var one = new RenderedReport("", "", "", "", 0, "", [table.Table]);
                    var fragment = HtmlTableRenderer.RenderFragment(one);
                    var start = fragment.IndexOf("<table>", StringComparison.Ordinal);
                    var end = fragment.LastIndexOf("</section>", StringComparison.Ordinal);
                    html.Append(fragment[start..end]);
                    break;
            }
        }
        return html.Append("</div>\n").ToString();
    }

    public static string RenderDocument(SectionDocument document) =>
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Encoder.Encode(document.Title) + "</title>\n"
        + "<style>\n" + HtmlTableRenderer.Stylesheet + Stylesheet + "\n</style>\n</head>\n<body>\n"
        + RenderFragment(document) + "</body>\n</html>\n";
}

/// <summary>
/// The 依申请公开 document as a Word file (Open XML SDK): headings, the paragraph with a two-character first-line
/// indent, each table with its merged header and row-label cells and thin borders, the footnotes under it. A4
/// landscape so table 三's columns fit.
/// </summary>
public static class SectionDocxRenderer
{
    private const string Font = "SimSun";

    public static byte[] Render(SectionDocument document)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var body = new Body();
            body.Append(Text(document.Title, bold: true, size: 32, centered: true));
            foreach (var block in document.Blocks)
            {
                switch (block)
                {
                    case SectionHeading heading:
                        body.Append(Text(heading.Text, bold: true, size: 28));
                        break;
                    case SectionParagraph paragraph:
                        body.Append(Text(paragraph.Text, size: 24, firstLineIndentChars: 2));
                        break;
                    case SectionTable table:
                        body.Append(Table(table.Table));
                        foreach (var (note, index) in table.Table.Footnotes.Select((n, i) => (n, i)))
                            body.Append(Text($"注{index + 1}：{note}", size: 18));
                        break;
                }
            }
            body.Append(new SectionProperties(
                new PageSize { Width = 16838U, Height = 11906U, Orient = PageOrientationValues.Landscape },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134U, Right = 1134U }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph Text(string text, bool bold = false, int size = 21, bool centered = false, int firstLineIndentChars = 0)
    {
        var properties = new ParagraphProperties();
        if (centered) properties.Append(new Justification { Val = JustificationValues.Center });
        if (firstLineIndentChars > 0) properties.Append(new Indentation { FirstLineChars = firstLineIndentChars * 100 });
        var runProperties = new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, EastAsia = Font });
        if (bold) runProperties.Append(new Bold());
        runProperties.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
        return new Paragraph(properties, new Run(runProperties, new Text(XmlText.Safe(text)) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static Table Table(RenderedTable table)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var result = new Table(new TableProperties(border, new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableLayout { Type = TableLayoutValues.Autofit }));
        var grid = new TableGrid();
        for (var c = 0; c < table.ColumnCount; c++) grid.Append(new GridColumn());
        result.Append(grid);

        for (var row = 0; row < table.RowCount; row++)
        {
            var tableRow = new TableRow();
            if (row < table.HeaderRowCount) tableRow.Append(new TableRowProperties(new TableHeader()));
            for (var column = 0; column < table.ColumnCount;)
            {
                var cell = table.CellCovering(row, column);
                if (cell is null)
                {
                    tableRow.Append(Cell("", 1, null, false));
                    column++;
                    continue;
                }
                var merge = cell.RowSpan <= 1 ? (MergedCellValues?)null
                    : cell.Row == row ? MergedCellValues.Restart : MergedCellValues.Continue;
                var text = cell.Row == row ? Indented(cell) : "";
                tableRow.Append(Cell(text, cell.ColumnSpan, merge, cell.Kind is RenderedCellKind.Number or RenderedCellKind.NotCounted));
                column = cell.Column + cell.ColumnSpan;
            }
            result.Append(tableRow);
        }
        return result;
    }

    private static string Indented(RenderedCell cell) => cell.Indent > 0 ? new string('　', cell.Indent) + cell.Text : cell.Text;

    private static TableCell Cell(string text, int columnSpan, MergedCellValues? merge, bool numeric)
    {
        var properties = new TableCellProperties();
        if (columnSpan > 1) properties.Append(new GridSpan { Val = columnSpan });
        if (merge is { } value) properties.Append(new VerticalMerge { Val = value });
        properties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        var paragraphProperties = new ParagraphProperties(new Justification { Val = numeric ? JustificationValues.Right : JustificationValues.Left });
        var run = new Run(new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, EastAsia = Font }, new FontSize { Val = "18" }),
            new Text(XmlText.Safe(text)) { Space = SpaceProcessingModeValues.Preserve });
        return new TableCell(properties, new Paragraph(paragraphProperties, run));
    }
}

/// <summary>
/// Text as an XML document can hold it. Text stored before the write side refused control characters (a narrative or
/// a topic name with U+0007, say) stays in the store forever, and XML 1.0 cannot carry such characters: the Open XML SDK
/// throws on them. Every character XML 1.0 does not allow (C0 controls other than tab and line breaks, lone
/// surrogates, U+FFFE and U+FFFF) becomes U+FFFD, so the document still shows that something was there (docs/adr/0039).
/// </summary>
public static class XmlText
{
    public const char Replacement = '\uFFFD';

    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        StringBuilder? safe = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var allowed = pair || c is '\t' or '\n' or '\r' || (c >= '\u0020' && c <= '\uD7FF') || (c >= '\uE000' && c <= '\uFFFD');
            if (!allowed) (safe ??= new StringBuilder(text, 0, i, text.Length)).Append(Replacement);
            else
            {
                safe?.Append(c);
                if (pair) safe?.Append(text[i + 1]);
            }
            if (pair) i++;
        }
        return safe?.ToString() ?? text;
    }
}
