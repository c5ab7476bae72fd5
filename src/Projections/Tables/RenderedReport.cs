using System.Globalization;

namespace Projections.Tables;

public enum RenderedCellKind
{
    CornerHeader, // the header cell above the row labels (e.g. the 勾稽关系 note)
    ColumnHeader,
    RowLabel,
    Unit,         // the unit column (pre-2019 单位)
    Number,
    NotCounted,   // an official row this system does not count separately: shown as "—"
    Empty,        // a parent row without a number of its own
}

/// <summary>
/// One cell of a table grid, placed at its top-left grid position with its spans. Number cells carry the value,
/// the drill-down <see cref="CellKey"/> (<c>{table}:{row}:{column}</c>) and the ids behind the value.
/// </summary>
public sealed record RenderedCell(int Row, int Column, int RowSpan, int ColumnSpan, RenderedCellKind Kind, string Text)
{
    public decimal? Value { get; init; }
    public string? CellKey { get; init; }
    public IReadOnlyList<Guid> Ids { get; init; } = [];

    /// <summary>Indent level of an indented row label (pre-2019 table); 0 otherwise.</summary>
    public int Indent { get; init; }

    public bool IsHeader => Kind is RenderedCellKind.CornerHeader or RenderedCellKind.ColumnHeader;

    public bool IsNumeric => Kind is RenderedCellKind.Number or RenderedCellKind.NotCounted;
}

/// <summary>A numeric column of a rendered table: its key and its header labels from the top.</summary>
public sealed record RenderedColumn(string Key, IReadOnlyList<string> LabelPath, int GridColumn);

/// <summary>A logical data row: its key, label path from the outermost group, unit, and one cell per numeric column (null: no number).</summary>
public sealed record RenderedDataRow(string Key, IReadOnlyList<string> LabelPath, string? Unit, int GridRow, IReadOnlyList<RenderedCell?> Values);

/// <summary>A layout table walked against the counts: a grid of placed cells plus the same data as logical rows.</summary>
public sealed record RenderedTable(
    string Key,
    string Title,
    int HeaderRowCount,
    int RowCount,
    int ColumnCount,
    int LabelColumnCount,
    IReadOnlyList<RenderedCell> Cells,
    IReadOnlyList<RenderedColumn> Columns,
    IReadOnlyList<RenderedDataRow> DataRows,
    IReadOnlyList<string> Footnotes)
{
    /// <summary>The statements under the table (A13: 其中逾期答复 n 件), in layout order.</summary>
    public IReadOnlyList<RenderedStatement> Statements { get; init; } = [];

    /// <summary>The cell whose area covers a grid position, or null when none does.</summary>
    public RenderedCell? CellCovering(int row, int column) =>
        Cells.FirstOrDefault(c => row >= c.Row && row < c.Row + c.RowSpan && column >= c.Column && column < c.Column + c.ColumnSpan);

    /// <summary>The cells whose top-left corner is on a grid row, left to right.</summary>
    public IEnumerable<RenderedCell> CellsStartingOn(int row) => Cells.Where(c => c.Row == row).OrderBy(c => c.Column);

    /// <summary>A grid cell or a statement's number by its key.</summary>
    public RenderedCell? FindCell(string cellKey) =>
        Cells.FirstOrDefault(c => c.CellKey == cellKey) ?? Statements.Select(s => s.Number).FirstOrDefault(c => c.CellKey == cellKey);
}

/// <summary>
/// A sentence under a table with its counted number: <see cref="Text"/> is the whole sentence; <see cref="Number"/> is
/// a number cell outside the grid (row and column -1) carrying the value, the cell key and the ids for the drill-down.
/// </summary>
public sealed record RenderedStatement(string Key, string Text, RenderedCell Number)
{
    /// <summary>The sentence split around the number, so renderers can link the number alone.</summary>
    public (string Before, string After) Around { get; init; } = (Text, "");
}

/// <summary>A layout rendered for one agency and year: the intermediate every renderer consumes.</summary>
public sealed record RenderedReport(
    string LayoutCode,
    string LayoutName,
    string Basis,
    string AgencyName,
    int Year,
    string Heading,
    IReadOnlyList<RenderedTable> Tables)
{
    public RenderedCell? FindCell(string cellKey) => Tables.Select(t => t.FindCell(cellKey)).FirstOrDefault(c => c is not null);

    /// <summary>The application (or case) ids behind a cell; empty for an unknown key or a zero cell.</summary>
    public IReadOnlyList<Guid> IdsBehind(string cellKey) => FindCell(cellKey)?.Ids ?? [];

    /// <summary>Walks every table of the layout against the counts.</summary>
    public static RenderedReport Build(AnnualTableLayout layout, string agencyName, int year, DisclosureCounts disclosure, ReviewCounts reviews)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(disclosure);
        ArgumentNullException.ThrowIfNull(reviews);
        return new RenderedReport(layout.Code, layout.Name, layout.Basis, agencyName, year, layout.Heading(agencyName, year),
            layout.Tables.Select(t => new TableWalker(t, disclosure, reviews).Walk()).ToList());
    }

    private sealed class TableWalker(TableDefinition table, DisclosureCounts disclosure, ReviewCounts reviews)
    {
        private readonly List<RenderedCell> cells = [];
        private readonly List<RenderedDataRow> dataRows = [];
        private readonly List<(ColumnDefinition Leaf, IReadOnlyList<string> Path, IReadOnlyList<ColumnFilter> Filters)> leaves = [];
        private int headerRows;
        private int labelColumns;
        private int firstNumberColumn;

        public RenderedTable Walk()
        {
            CollectLeaves(table.Columns, [], []);
            headerRows = table.Columns.Max(Depth);
            labelColumns = table.RowLabelStyle switch
            {
                RowLabelStyle.Indented => 1,
                _ when table.Rows.All(r => r.IsLeaf && r.Label.Length == 0) => 0,
                _ => table.Rows.Max(Depth),
            };
            var unitColumns = table.UnitColumnLabel is null ? 0 : 1;
            firstNumberColumn = labelColumns + unitColumns;

            if (labelColumns > 0)
                cells.Add(new RenderedCell(0, 0, headerRows, labelColumns, RenderedCellKind.CornerHeader, table.CornerLabel ?? ""));
            if (table.UnitColumnLabel is { } unitLabel)
                cells.Add(new RenderedCell(0, labelColumns, headerRows, 1, RenderedCellKind.ColumnHeader, unitLabel));
            PlaceColumnHeaders(table.Columns, 0, firstNumberColumn);

            var nextRow = headerRows;
            foreach (var row in table.Rows)
                nextRow = table.RowLabelStyle == RowLabelStyle.Spanning
                    ? PlaceSpanningRow(row, 0, nextRow, [])
                    : PlaceIndentedRow(row, 0, nextRow, []);

            var columns = leaves.Select((l, i) => new RenderedColumn(l.Leaf.Key, l.Path, firstNumberColumn + i)).ToList();
            return new RenderedTable(table.Key, table.Title, headerRows, nextRow, firstNumberColumn + leaves.Count, labelColumns,
                cells, columns, dataRows, table.Footnotes) { Statements = [.. table.Statements.Select(Statement)] };
        }

        private RenderedStatement Statement(StatementDefinition statement)
        {
            var quantity = statement.Quantity.Evaluate(disclosure, reviews);
            var text = quantity.Value.ToString(CultureInfo.InvariantCulture);
            var number = new RenderedCell(-1, -1, 1, 1, RenderedCellKind.Number, text)
            {
                Value = quantity.Value, CellKey = $"{table.Key}:{statement.Key}:Count", Ids = quantity.Ids,
            };
            var at = statement.Template.IndexOf("{n}", StringComparison.Ordinal);
            var before = at < 0 ? statement.Template : statement.Template[..at];
            var after = at < 0 ? "" : statement.Template[(at + 3)..];
            return new RenderedStatement(statement.Key, before + text + after, number) { Around = (before, after) };
        }

        private void CollectLeaves(IReadOnlyList<ColumnDefinition> columns, IReadOnlyList<string> path, IReadOnlyList<ColumnFilter> filters)
        {
            foreach (var column in columns)
            {
                var columnPath = path.Append(column.Label).ToList();
                var columnFilters = column.Filter is null ? filters : filters.Append(column.Filter).ToList();
                if (column.IsLeaf) leaves.Add((column, columnPath, columnFilters));
                else CollectLeaves(column.Children, columnPath, columnFilters);
            }
        }

        private static int Depth(ColumnDefinition column) => column.IsLeaf ? 1 : 1 + column.Children.Max(Depth);

        private static int Depth(RowDefinition row) => row.IsLeaf ? 1 : 1 + row.Children.Max(Depth);

        private static int LeafCount(ColumnDefinition column) => column.IsLeaf ? 1 : column.Children.Sum(LeafCount);

        private static int LeafCount(RowDefinition row) => row.IsLeaf ? 1 : row.Children.Sum(LeafCount);

        /// <summary>Group headers span their leaves' columns on one row; a leaf extends down to the last header row.</summary>
        private void PlaceColumnHeaders(IReadOnlyList<ColumnDefinition> columns, int depth, int startColumn)
        {
            var column = startColumn;
            foreach (var definition in columns)
            {
                var width = LeafCount(definition);
                cells.Add(definition.IsLeaf
                    ? new RenderedCell(depth, column, headerRows - depth, 1, RenderedCellKind.ColumnHeader, definition.Label)
                    : new RenderedCell(depth, column, 1, width, RenderedCellKind.ColumnHeader, definition.Label));
                if (!definition.IsLeaf) PlaceColumnHeaders(definition.Children, depth + 1, column);
                column += width;
            }
        }

        /// <summary>A group label spans its leaves' rows in its own label column; a leaf label spans the remaining label columns.</summary>
        private int PlaceSpanningRow(RowDefinition row, int depth, int gridRow, IReadOnlyList<string> path)
        {
            var rowPath = path.Append(row.Label).ToList();
            if (row.IsLeaf)
            {
                if (labelColumns > 0)
                    cells.Add(new RenderedCell(gridRow, depth, 1, labelColumns - depth, RenderedCellKind.RowLabel, row.Label));
                PlaceNumbers(row, gridRow, rowPath);
                return gridRow + 1;
            }
            if (row.Quantity is not null)
                throw new InvalidOperationException($"Row '{row.Key}': a spanning group label cannot carry a number.");
            cells.Add(new RenderedCell(gridRow, depth, LeafCount(row), 1, RenderedCellKind.RowLabel, row.Label));
            foreach (var child in row.Children) gridRow = PlaceSpanningRow(child, depth + 1, gridRow, rowPath);
            return gridRow;
        }

        /// <summary>Every row on its own line, label indented by depth; sub-rows follow their parent.</summary>
        private int PlaceIndentedRow(RowDefinition row, int depth, int gridRow, IReadOnlyList<string> path)
        {
            var rowPath = path.Append(row.Label).ToList();
            cells.Add(new RenderedCell(gridRow, 0, 1, 1, RenderedCellKind.RowLabel, row.Label) { Indent = depth });
            PlaceNumbers(row, gridRow, rowPath);
            gridRow++;
            foreach (var child in row.Children) gridRow = PlaceIndentedRow(child, depth + 1, gridRow, rowPath);
            return gridRow;
        }

        private void PlaceNumbers(RowDefinition row, int gridRow, IReadOnlyList<string> path)
        {
            if (table.UnitColumnLabel is not null)
                cells.Add(new RenderedCell(gridRow, labelColumns, 1, 1, RenderedCellKind.Unit, row.Unit ?? ""));

            var values = new List<RenderedCell?>();
            for (var i = 0; i < leaves.Count; i++)
            {
                var (leaf, _, filters) = leaves[i];
                var gridColumn = firstNumberColumn + i;
                var cellKey = $"{table.Key}:{row.Key}:{leaf.Key}";
                RenderedCell cell;
                if (row.Quantity is null)
                {
                    cell = row.IsLeaf
                        ? new RenderedCell(gridRow, gridColumn, 1, 1, RenderedCellKind.NotCounted, "—") { CellKey = cellKey }
                        : new RenderedCell(gridRow, gridColumn, 1, 1, RenderedCellKind.Empty, "");
                    values.Add(row.IsLeaf ? cell : null);
                }
                else
                {
                    var selector = filters.Aggregate(row.Quantity, (s, f) => s.Narrow(f));
                    var quantity = selector.Evaluate(disclosure, reviews);
                    cell = new RenderedCell(gridRow, gridColumn, 1, 1, RenderedCellKind.Number, FormatValue(quantity.Value, selector.IsMoney))
                    {
                        Value = quantity.Value,
                        CellKey = cellKey,
                        Ids = quantity.Ids,
                    };
                    values.Add(cell);
                }
                cells.Add(cell);
            }
            dataRows.Add(new RenderedDataRow(row.Key, path, row.Unit, gridRow, values));
        }

        private static string FormatValue(decimal value, bool isMoney) =>
            value.ToString(isMoney ? "0.####" : "0", CultureInfo.InvariantCulture);
    }
}
