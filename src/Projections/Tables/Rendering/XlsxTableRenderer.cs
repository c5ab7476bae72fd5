using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Projections.Tables.Rendering;

/// <summary>
/// An .xlsx workbook with one worksheet per table, written with the Open XML SDK's typed classes: a heading row
/// and the table title above the grid, merged header and row-span label cells, thin borders on every grid cell,
/// numbers as numbers, the footnotes under the table, landscape and fit to one page wide for printing.
/// </summary>
public static class XlsxTableRenderer
{
    private const int GridFirstRow = 3; // 1: heading, 2: table title, 3..: grid (1-based rows)

    private enum Style : uint
    {
        Default = 0,
        Heading = 1,
        TableTitle = 2,
        Header = 3,
        RowLabel = 4,
        GroupLabel = 5,
        Count = 6,
        Money = 7,
        Centered = 8,
        Footnote = 9,
        RowLabelIndent1 = 10,
        RowLabelIndent2 = 11,
        RowLabelIndent3 = 12,
    }

    public static byte[] Render(RenderedReport report)
    {
        using var stream = new MemoryStream();
        Write(report, stream);
        return stream.ToArray();
    }

    public static void Write(RenderedReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = BuildStylesheet();

        var sheets = workbookPart.Workbook.AppendChild(new Sheets());
        uint sheetId = 1;
        var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in report.Tables)
        {
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            worksheetPart.Worksheet = BuildWorksheet(report, table);
            sheets.Append(new Sheet
            {
                Id = workbookPart.GetIdOfPart(worksheetPart),
                SheetId = sheetId++,
                Name = SheetName(table.Title, usedNames),
            });
        }
        workbookPart.Workbook.Save();
    }

    private static Worksheet BuildWorksheet(RenderedReport report, RenderedTable table)
    {
        var widths = ColumnWidths(table);
        var lastColumn = table.ColumnCount - 1;
        var sheetData = new SheetData();
        var merges = new List<string>();

        var totalWidth = widths.Sum();
        // Bold 14pt and 12pt characters are about 1.4 and 1.2 times as wide as the 11pt the widths are measured in.
        sheetData.Append(SingleCellRow(1, report.Heading, Style.Heading, lastColumn, 22 * LinesNeeded(report.Heading, 1.4, totalWidth)));
        merges.Add(Range(1, 0, 1, lastColumn));
        sheetData.Append(SingleCellRow(2, table.Title, Style.TableTitle, lastColumn, 19 * LinesNeeded(table.Title, 1.2, totalWidth)));
        merges.Add(Range(2, 0, 2, lastColumn));

        for (var gridRow = 0; gridRow < table.RowCount; gridRow++)
        {
            var rowIndex = (uint)(GridFirstRow + gridRow);
            var row = new Row { RowIndex = rowIndex };
            double lines = 1;
            for (var column = 0; column < table.ColumnCount; column++)
            {
                var covering = table.CellCovering(gridRow, column);
                var style = covering is null ? Style.Centered : StyleOf(covering);
                var cell = new Cell { CellReference = Reference(rowIndex, column), StyleIndex = (uint)style };
                if (covering is not null && covering.Row == gridRow && covering.Column == column)
                {
                    SetContent(cell, covering);
                    if (covering is { RowSpan: 1 })
                    {
                        var width = Enumerable.Range(covering.Column, covering.ColumnSpan).Sum(c => widths[c]);
                        lines = Math.Max(lines, Math.Ceiling(TerminalWidth.Of(covering.Text) * 1.1 / width));
                    }
                    if (covering.RowSpan > 1 || covering.ColumnSpan > 1)
                        merges.Add(Range(rowIndex, column, rowIndex + (uint)covering.RowSpan - 1, column + covering.ColumnSpan - 1));
                }
                row.Append(cell);
            }
            if (lines > 1) { row.Height = 15 * lines; row.CustomHeight = true; }
            sheetData.Append(row);
        }

        var footnoteRow = (uint)(GridFirstRow + table.RowCount + 1);
        foreach (var statement in table.Statements)
        {
            sheetData.Append(SingleCellRow(footnoteRow, statement.Text, Style.Footnote, lastColumn, 13.5 * LinesNeeded(statement.Text, 0.95, totalWidth) + 2));
            merges.Add(Range(footnoteRow, 0, footnoteRow, lastColumn));
            footnoteRow++;
        }
        for (var i = 0; i < table.Footnotes.Count; i++, footnoteRow++)
        {
            var text = $"注{i + 1}：{table.Footnotes[i]}";
            sheetData.Append(SingleCellRow(footnoteRow, text, Style.Footnote, lastColumn, 13.5 * LinesNeeded(text, 0.95, totalWidth) + 2));
            merges.Add(Range(footnoteRow, 0, footnoteRow, lastColumn));
        }

        var columns = new Columns(widths.Select((width, i) => new Column
        {
            Min = (uint)(i + 1),
            Max = (uint)(i + 1),
            Width = width,
            CustomWidth = true,
        }));
        var mergeCells = new MergeCells(merges.Select(reference => new MergeCell { Reference = reference })) { Count = (uint)merges.Count };

        return new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new SheetViews(new SheetView { WorkbookViewId = 0, ShowGridLines = false }),
            new SheetFormatProperties { DefaultRowHeight = 15 },
            columns,
            sheetData,
            mergeCells,
            new PrintOptions { HorizontalCentered = true },
            new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.5, Header = 0.3, Footer = 0.3 },
            // A4; the wide tables 三 and 四 landscape, the one-column pre-2019 统计表 portrait as it was printed.
            new PageSetup
            {
                PaperSize = 9,
                Orientation = totalWidth > 100 ? OrientationValues.Landscape : OrientationValues.Portrait,
                FitToWidth = 1,
                FitToHeight = 0,
            });
    }

    private static double LinesNeeded(string text, double scale, double width) =>
        Math.Max(1, Math.Ceiling(TerminalWidth.Of(text) * scale / width));

    private static Row SingleCellRow(uint rowIndex, string text, Style style, int lastColumn, double height)
    {
        var row = new Row { RowIndex = rowIndex, Height = height, CustomHeight = true };
        for (var column = 0; column <= lastColumn; column++)
        {
            var cell = new Cell { CellReference = Reference(rowIndex, column), StyleIndex = (uint)style };
            if (column == 0) SetText(cell, text);
            row.Append(cell);
        }
        return row;
    }

    private static void SetContent(Cell cell, RenderedCell rendered)
    {
        if (rendered is { Kind: RenderedCellKind.Number, Value: { } value })
        {
            cell.DataType = CellValues.Number;
            cell.CellValue = new CellValue(value);
        }
        else if (rendered.Text.Length > 0)
        {
            SetText(cell, rendered.Text);
        }
    }

    private static void SetText(Cell cell, string text)
    {
        cell.DataType = CellValues.InlineString;
        cell.InlineString = new InlineString(new Text(text));
    }

    private static Style StyleOf(RenderedCell cell) => cell.Kind switch
    {
        RenderedCellKind.CornerHeader or RenderedCellKind.ColumnHeader => Style.Header,
        RenderedCellKind.RowLabel when cell.RowSpan > 1 => Style.GroupLabel,
        RenderedCellKind.RowLabel => cell.Indent switch
        {
            0 => Style.RowLabel,
            1 => Style.RowLabelIndent1,
            2 => Style.RowLabelIndent2,
            _ => Style.RowLabelIndent3,
        },
        RenderedCellKind.Number => cell.Value is { } value && value != decimal.Truncate(value) ? Style.Money : Style.Count,
        _ => Style.Centered,
    };

    /// <summary>Column widths in characters: wide enough for single-span text (CJK counts double), row-span labels wrap.</summary>
    private static double[] ColumnWidths(RenderedTable table)
    {
        var widths = Enumerable.Repeat(6.0, table.ColumnCount).ToArray();
        foreach (var cell in table.Cells.Where(c => c.ColumnSpan == 1))
        {
            var text = TerminalWidth.Of(cell.Text) + 2 * cell.Indent + 2;
            var cap = cell.Kind == RenderedCellKind.RowLabel && cell.RowSpan > 1 ? 12 : cell.IsHeader ? 12 : 56;
            widths[cell.Column] = Math.Max(widths[cell.Column], Math.Min(text, cap));
        }
        return widths;
    }

    private static Stylesheet BuildStylesheet()
    {
        const string fontName = "宋体";
        var fonts = new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = fontName }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = fontName }),
            new Font(new Bold(), new FontSize { Val = 12 }, new FontName { Val = fontName }),
            new Font(new FontSize { Val = 9 }, new FontName { Val = fontName }));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }));
        var borders = new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(
                new LeftBorder { Style = BorderStyleValues.Thin },
                new RightBorder { Style = BorderStyleValues.Thin },
                new TopBorder { Style = BorderStyleValues.Thin },
                new BottomBorder { Style = BorderStyleValues.Thin },
                new DiagonalBorder()));

        static CellFormat Format(uint font, uint border, HorizontalAlignmentValues horizontal, VerticalAlignmentValues vertical,
            bool wrap = false, uint numberFormat = 0, uint indent = 0) => new(new Alignment
            {
                Horizontal = horizontal,
                Vertical = vertical,
                WrapText = wrap,
                Indent = indent == 0 ? null : indent,
            })
        {
            FontId = font,
            FillId = 0,
            BorderId = border,
            NumberFormatId = numberFormat,
            ApplyFont = true,
            ApplyBorder = border != 0,
            ApplyAlignment = true,
            ApplyNumberFormat = numberFormat != 0,
        };

        var cellFormats = new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 },                                    // Default
            Format(1, 0, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Center, wrap: true),                      // Heading
            Format(2, 0, HorizontalAlignmentValues.Left, VerticalAlignmentValues.Center, wrap: true),                        // TableTitle
            Format(0, 1, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Center, wrap: true),                      // Header
            Format(0, 1, HorizontalAlignmentValues.Left, VerticalAlignmentValues.Center, wrap: true),                        // RowLabel
            Format(0, 1, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Center, wrap: true),                      // GroupLabel
            Format(0, 1, HorizontalAlignmentValues.Right, VerticalAlignmentValues.Center, numberFormat: 1),                  // Count: "0"
            Format(0, 1, HorizontalAlignmentValues.Right, VerticalAlignmentValues.Center),                                   // Money: General
            Format(0, 1, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Center),                                  // Centered
            Format(3, 0, HorizontalAlignmentValues.Left, VerticalAlignmentValues.Top, wrap: true),                           // Footnote
            Format(0, 1, HorizontalAlignmentValues.Left, VerticalAlignmentValues.Center, wrap: true, indent: 1),             // RowLabelIndent1
            Format(0, 1, HorizontalAlignmentValues.Left, VerticalAlignmentValues.Center, wrap: true, indent: 2),             // RowLabelIndent2
            Format(0, 1, HorizontalAlignmentValues.Left, VerticalAlignmentValues.Center, wrap: true, indent: 3));            // RowLabelIndent3

        return new Stylesheet(fonts, fills, borders,
            new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 }),
            cellFormats,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }));
    }

    private static string SheetName(string title, HashSet<string> used)
    {
        var invalid = new[] { '[', ']', ':', '*', '?', '/', '\\' };
        var name = new string(title.Where(c => !invalid.Contains(c)).ToArray());
        if (name.Length > 31) name = name[..31];
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
            candidate = name[..Math.Min(name.Length, 28)] + $"({n})";
        return candidate;
    }

    private static string Range(uint firstRow, int firstColumn, uint lastRow, int lastColumn) =>
        $"{Reference(firstRow, firstColumn)}:{Reference(lastRow, lastColumn)}";

    /// <summary>An A1 reference; <paramref name="column"/> is 0-based.</summary>
    public static string Reference(uint row, int column)
    {
        var letters = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
            letters = (char)('A' + (n - 1) % 26) + letters;
        return letters + row;
    }
}
