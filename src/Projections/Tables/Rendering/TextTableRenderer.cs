using System.Text;

namespace Projections.Tables.Rendering;

/// <summary>
/// Plain text for the terminal: each table as aligned columns separated by " | ", spanned headers centred over
/// their columns, row-span labels printed on their first row, CJK characters counted as two columns.
/// </summary>
public static class TextTableRenderer
{
    private const string Separator = " | ";
    private const string IndentUnit = "　"; // one fullwidth space per level of an indented (pre-2019) row label

    public static string Render(RenderedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append(report.Heading).Append('\n');
        text.Append(report.LayoutName).Append('（').Append(report.Basis).Append('）').Append('\n');
        foreach (var table in report.Tables)
        {
            text.Append('\n');
            RenderTable(table, text);
        }
        return text.ToString();
    }

    private static string TextOf(RenderedCell cell) =>
        cell.Kind == RenderedCellKind.RowLabel ? string.Concat(Enumerable.Repeat(IndentUnit, cell.Indent)) + cell.Text : cell.Text;

    private static void RenderTable(RenderedTable table, StringBuilder text)
    {
        var widths = ColumnWidths(table);
        var totalWidth = widths.Sum() + Separator.Length * (widths.Length - 1);
        var rule = new string('-', totalWidth);

        text.Append(table.Title).Append('\n').Append(rule).Append('\n');
        for (var row = 0; row < table.RowCount; row++)
        {
            var line = new StringBuilder();
            var column = 0;
            while (column < table.ColumnCount)
            {
                var cell = table.CellCovering(row, column);
                var span = cell?.ColumnSpan ?? 1;
                var start = cell?.Column ?? column;
                var width = widths.Skip(start).Take(span).Sum() + Separator.Length * (span - 1);
                var lines = cell is null ? [] : Wrap(TextOf(cell), cell.RowSpan);
                var content = cell is not null && row - cell.Row < lines.Count ? lines[row - cell.Row] : "";
                var alignment = cell switch
                {
                    null => -1,
                    { IsNumeric: true } => 1,
                    { IsHeader: true } => 0,
                    _ => -1,
                };
                if (column > 0) line.Append(Separator);
                line.Append(TerminalWidth.Pad(content, width, alignment));
                column = start + span;
            }
            text.Append(line.ToString().TrimEnd()).Append('\n');
            if (row == table.HeaderRowCount - 1) text.Append(rule).Append('\n');
        }
        text.Append(rule).Append('\n');
        foreach (var statement in table.Statements) text.Append(statement.Text).Append('\n');
        for (var i = 0; i < table.Footnotes.Count; i++)
            text.Append("注").Append(i + 1).Append("：").Append(table.Footnotes[i]).Append('\n');
    }

    private const int WrapThreshold = 24;

    /// <summary>
    /// A long cell that spans several rows (the 勾稽关系 note) is wrapped over them; anything up to
    /// <see cref="WrapThreshold"/> columns stays on one line.
    /// </summary>
    private static List<string> Wrap(string text, int rowSpan)
    {
        var width = TerminalWidth.Of(text);
        if (rowSpan <= 1 || width <= WrapThreshold) return [text];
        var lineWidth = Math.Max(WrapThreshold, (width + rowSpan - 1) / rowSpan);
        var lines = new List<string>();
        var line = new StringBuilder();
        var current = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var runeWidth = TerminalWidth.Of(rune);
            if (current + runeWidth > lineWidth)
            {
                lines.Add(line.ToString());
                line.Clear();
                current = 0;
            }
            line.Append(rune.ToString());
            current += runeWidth;
        }
        if (line.Length > 0) lines.Add(line.ToString());
        return lines;
    }

    private static int[] ColumnWidths(RenderedTable table)
    {
        var widths = new int[table.ColumnCount];
        foreach (var cell in table.Cells.Where(c => c.ColumnSpan == 1))
            widths[cell.Column] = Math.Max(widths[cell.Column], Wrap(TextOf(cell), cell.RowSpan).Max(TerminalWidth.Of));
        foreach (var cell in table.Cells.Where(c => c.ColumnSpan > 1).OrderBy(c => c.ColumnSpan))
        {
            var available = widths.Skip(cell.Column).Take(cell.ColumnSpan).Sum() + Separator.Length * (cell.ColumnSpan - 1);
            var needed = Wrap(TextOf(cell), cell.RowSpan).Max(TerminalWidth.Of);
            if (needed > available) widths[cell.Column + cell.ColumnSpan - 1] += needed - available;
        }
        return widths;
    }
}
