namespace Projections.Tables;

/// <summary>
/// One official annual-table format as data: its tables, their row and column trees, what each cell adds up,
/// and the footnotes printed under each table. Renderers walk it through <see cref="RenderedReport.Build"/>.
/// </summary>
public sealed record AnnualTableLayout(
    string Code,
    string Name,
    string Basis,
    string HeadingTemplate,
    IReadOnlyList<TableDefinition> Tables)
{
    /// <summary>How staff tell the formats apart, e.g. 2021年格式.</summary>
    public required string ShortName { get; init; }

    /// <summary>The format as offered in a choice list: its short name and the document that set it.</summary>
    public string ChoiceLabel => $"{ShortName}（{Basis}）";

    /// <summary>The heading above the tables; <c>{agency}</c> and <c>{year}</c> are replaced.</summary>
    public string Heading(string agencyName, int year) =>
        HeadingTemplate.Replace("{agency}", agencyName, StringComparison.Ordinal)
            .Replace("{year}", year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}

/// <summary>How nested rows show their labels.</summary>
public enum RowLabelStyle
{
    /// <summary>A group label spans its sub-rows in its own label column (2019/2021 tables); groups carry no numbers.</summary>
    Spanning,

    /// <summary>Every row has its own line in one label column, indented under its parent (pre-2019 统计表); parents may carry numbers.</summary>
    Indented,
}

/// <summary>One table of a layout.</summary>
/// <param name="Key">Stable ASCII key, the first part of every cell key of the table.</param>
/// <param name="Title">The table title as printed, e.g. 三、收到和处理政府信息公开申请情况.</param>
/// <param name="CornerLabel">Text of the header cell above the row labels (null: empty).</param>
/// <param name="UnitColumnLabel">When set, a unit column with this header follows the row labels (pre-2019: 单位).</param>
public sealed record TableDefinition(
    string Key,
    string Title,
    string? CornerLabel,
    RowLabelStyle RowLabelStyle,
    string? UnitColumnLabel,
    IReadOnlyList<ColumnDefinition> Columns,
    IReadOnlyList<RowDefinition> Rows,
    IReadOnlyList<string> Footnotes)
{
    /// <summary>Lines printed under the table, before the footnotes, each with a counted number and its drill-down (A13).</summary>
    public IReadOnlyList<StatementDefinition> Statements { get; init; } = [];
}

/// <summary>
/// A sentence under a table that states a counted number, e.g. 其中逾期答复 n 件 (A13). <see cref="Template"/> holds
/// <c>{n}</c> where the number goes; the number has a drill-down like any cell (key <c>{table}:{Key}:Count</c>).
/// </summary>
public sealed record StatementDefinition(string Key, string Template, CountSelector Quantity);

/// <summary>A column header; leaves are numeric columns, their filter narrowed by every ancestor's.</summary>
public sealed record ColumnDefinition(string Key, string Label, ColumnFilter? Filter, IReadOnlyList<ColumnDefinition> Children)
{
    public static ColumnDefinition Leaf(string key, string label, ColumnFilter? filter = null) => new(key, label, filter, []);

    public static ColumnDefinition Group(string key, string label, params ColumnDefinition[] children) => new(key, label, null, children);

    public bool IsLeaf => Children.Count == 0;
}

/// <summary>
/// A row. <see cref="Quantity"/> null on a leaf means the official row exists but this system does not count it
/// (shown as a dash and explained in a footnote).
/// </summary>
public sealed record RowDefinition(string Key, string Label, CountSelector? Quantity, string? Unit, IReadOnlyList<RowDefinition> Children)
{
    public static RowDefinition Leaf(string key, string label, CountSelector? quantity, string? unit = null) =>
        new(key, label, quantity, unit, []);

    public static RowDefinition Group(string key, string label, params RowDefinition[] children) =>
        new(key, label, null, null, children);

    /// <summary>A row that carries its own number and has sub-rows listed under it (indented style only).</summary>
    public static RowDefinition Parent(string key, string label, CountSelector? quantity, params RowDefinition[] children) =>
        new(key, label, quantity, null, children);

    public bool IsLeaf => Children.Count == 0;
}
