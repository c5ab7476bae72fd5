using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Projections.Tables;
using Projections.Tables.Rendering;
using Workflow.Applications;

namespace Projections.Tests.Tables;

public class RendererTests
{
    private static readonly Guid DisclosedId = Guid.Parse("11111111-1111-1111-1111-111111111111");

    private static RenderedReport Report(AnnualTableLayout? layout = null)
    {
        var counts = DisclosureCounts.Create("agency", 2023);
        counts.Add(DisclosureFact.NewlyReceived(ApplicantType.NaturalPerson), DisclosedId);
        counts.Add(DisclosureFact.Result(ResultRow.Disclosed, ApplicantType.NaturalPerson), DisclosedId);
        var open = Guid.NewGuid();
        counts.Add(DisclosureFact.NewlyReceived(ApplicantType.CommercialEnterprise), open);
        counts.Add(DisclosureFact.CarriedOver(ApplicantType.CommercialEnterprise), open);
        counts.Add(DisclosureFact.ReceivedVia(Channel.Email), DisclosedId);
        counts.Add(DisclosureFact.ReceivedVia(Channel.Letter), open);
        counts.Add(DisclosureFact.ClosedOnTime, DisclosedId);
        counts.AddFee(250m, DisclosedId);
        var reviews = ReviewCounts.Create("agency", 2023);
        reviews.Add(ReviewBlock.LitigationWithoutReconsideration, ReviewResultColumn.Pending, Guid.NewGuid());
        return RenderedReport.Build(layout ?? TableLayouts.Format2021, "某县人民政府", 2023, counts, reviews);
    }

    [Fact]
    public void Xlsx_opens_with_the_sdk_with_merged_headers_labels_values_and_footnotes()
    {
        var bytes = XlsxTableRenderer.Render(Report());
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        sheets.Select(s => s.Name!.Value).Should().Equal("三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况");

        var applications = ((WorksheetPart)workbook.GetPartById(sheets[0].Id!)).Worksheet;
        var merges = applications.Elements<MergeCells>().Single().Elements<MergeCell>().Select(m => m.Reference!.Value).ToList();
        merges.Should().Contain(["A1:J1", "A2:J2", "A3:C5", "D3:J3", "D4:D5", "E4:I4", "J4:J5", "A6:C6"]);
        merges.Should().Contain("A8:A29", "三、本年度办理结果 spans its 22 rows (grid rows 6.. start at sheet row 6)");
        merges.Should().Contain("B10:B17", "（三）不予公开 spans its 8 sub-rows");

        Text(applications, "A1").Should().Be("某县人民政府2023年政府信息公开工作年度报告");
        Text(applications, "A3").Should().Be(TableLayouts.RowIdentityNote);
        Text(applications, "E4").Should().Be("法人或其他组织");
        Text(applications, "A8").Should().Be("三、本年度办理结果");
        Text(applications, "B8").Should().Be("（一）予以公开");
        Number(applications, "D6").Should().Be("1");  // 本年新收 · 自然人
        Number(applications, "J6").Should().Be("2");  // 本年新收 · 总计
        Number(applications, "D8").Should().Be("1");  // 予以公开 · 自然人
        Number(applications, "J30").Should().Be("1"); // 结转下年度 · 总计
        Text(applications, "A32").Should().Be("其中逾期答复 0 件。");
        Text(applications, "A33").Should().StartWith("注1：勾稽关系");
        Cell(applications, "D8").StyleIndex!.Value.Should().Be(Cell(applications, "E8").StyleIndex!.Value);
        var borders = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.Borders!.Elements<Border>().ToList();
        var format = document.WorkbookPart.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)Cell(applications, "D8").StyleIndex!.Value);
        borders[(int)format.BorderId!.Value].LeftBorder!.Style!.Value.Should().Be(BorderStyleValues.Thin);

        var reviews = ((WorksheetPart)workbook.GetPartById(sheets[1].Id!)).Worksheet;
        reviews.Elements<MergeCells>().Single().Elements<MergeCell>().Select(m => m.Reference!.Value)
            .Should().Contain(["A3:E3", "F3:O3", "F4:J4", "K4:O4", "A4:A5"]);
        Number(reviews, "I6").Should().Be("1"); // 未经复议直接起诉 · 尚未审结
        Number(reviews, "J6").Should().Be("1"); // its 总计
    }

    private static Cell Cell(Worksheet sheet, string reference) =>
        sheet.Descendants<Cell>().Single(c => c.CellReference == reference);

    private static string Text(Worksheet sheet, string reference) => Cell(sheet, reference).InlineString!.InnerText;

    private static string Number(Worksheet sheet, string reference)
    {
        var cell = Cell(sheet, reference);
        cell.DataType!.Value.Should().Be(CellValues.Number);
        return cell.CellValue!.Text;
    }

    [Fact]
    public void Csv_is_utf8_with_bom_and_lays_out_the_grid()
    {
        var bytes = CsvTableRenderer.Render(Report());
        bytes.Take(3).Should().Equal((byte)0xEF, (byte)0xBB, (byte)0xBF);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        lines[0].Should().Be("某县人民政府2023年政府信息公开工作年度报告");
        lines.Should().Contain("三、收到和处理政府信息公开申请情况");
        lines.Should().Contain($"{TableLayouts.RowIdentityNote},,,申请人情况,,,,,,");
        lines.Should().Contain(",,,自然人,法人或其他组织,,,,,总计");
        lines.Should().Contain("一、本年新收政府信息公开申请数量,,,1,1,0,0,0,0,2");
        lines.Should().Contain("三、本年度办理结果,（一）予以公开,,1,0,0,0,0,0,1");
        lines.Should().Contain(",（三）不予公开,1.属于国家秘密,0,0,0,0,0,0,0");
        lines.Should().Contain("四、结转下年度继续办理,,,0,1,0,0,0,0,1");
        lines.Should().Contain("0,0,0,0,0,0,0,0,1,1,0,0,0,0,0");
        lines.Should().Contain(l => l.StartsWith("注3：已主动公开并告知获取途径的", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_has_rows_with_keys_labels_values_and_cell_keys()
    {
        using var json = JsonDocument.Parse(JsonTableRenderer.Render(Report()));
        var root = json.RootElement;
        root.GetProperty("layout").GetProperty("code").GetString().Should().Be("2021");
        root.GetProperty("year").GetInt32().Should().Be(2023);
        var applications = root.GetProperty("tables")[0];
        applications.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("key").GetString())
            .Should().Equal("NaturalPerson", "CommercialEnterprise", "ResearchInstitution", "SocialWelfareOrganization",
                "LegalServiceInstitution", "OtherOrganization", "Total");
        var disclosed = applications.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "Result.Disclosed");
        disclosed.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).Should().Equal("三、本年度办理结果", "（一）予以公开");
        disclosed.GetProperty("values").GetProperty("NaturalPerson").GetDecimal().Should().Be(1);
        disclosed.GetProperty("values").GetProperty("Total").GetDecimal().Should().Be(1);
        disclosed.GetProperty("cells").GetProperty("NaturalPerson").GetString().Should().Be("applications:Result.Disclosed:NaturalPerson");
        applications.GetProperty("footnotes").GetArrayLength().Should().Be(5);
        applications.GetProperty("statements")[0].GetProperty("text").GetString().Should().Be("其中逾期答复 0 件。");
        root.GetProperty("tables")[1].GetProperty("rows")[0].GetProperty("values")
            .GetProperty("LitigationWithoutReconsideration.Pending").GetDecimal().Should().Be(1);
    }

    [Fact]
    public void Json_of_the_legacy_table_has_nulls_for_uncounted_rows_and_fees_in_ten_thousand_yuan()
    {
        using var json = JsonDocument.Parse(JsonTableRenderer.Render(Report(TableLayouts.Legacy)));
        var rows = json.RootElement.GetProperty("tables")[0].GetProperty("rows").EnumerateArray().ToList();
        Value(rows, "Answered.Refused.CommercialSecret").ValueKind.Should().Be(JsonValueKind.Null);
        Value(rows, "Answered.AlreadyProactivelyDisclosed").ValueKind.Should().Be(JsonValueKind.Number);
        Value(rows, "Received.Online").GetDecimal().Should().Be(1);
        Value(rows, "Fees").GetDecimal().Should().Be(0.025m);
        rows.Single(r => r.GetProperty("key").GetString() == "Fees").GetProperty("unit").GetString().Should().Be("万元");
    }

    private static JsonElement Value(List<JsonElement> rows, string key) =>
        rows.Single(r => r.GetProperty("key").GetString() == key).GetProperty("values").GetProperty("Count");

    [Fact]
    public void Html_has_spans_links_for_non_zero_cells_print_css_and_footnotes()
    {
        var report = Report();
        string? Url(string cellKey) => "/drill?cell=" + Uri.EscapeDataString(cellKey);
        var fragment = HtmlTableRenderer.RenderFragment(report, Url);
        fragment.Should().StartWith("<div class=\"annual-report\"");
        fragment.Should().Contain("<th scope=\"col\" rowspan=\"3\" colspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>");
        fragment.Should().Contain("<th scope=\"col\" colspan=\"7\">申请人情况</th>");
        fragment.Should().Contain("<th scope=\"row\" rowspan=\"22\">三、本年度办理结果</th>");
        fragment.Should().Contain("<th scope=\"row\" rowspan=\"8\">（三）不予公开</th>");
        fragment.Should().Contain("<a href=\"/drill?cell=applications%3AResult.Disclosed%3ANaturalPerson\">1</a>");
        fragment.Should().NotContain("Result.WithheldStateSecret%3ANaturalPerson", "zero cells have nothing to drill into");
        fragment.Should().Contain("<li>同一申请在起诉之日或之前已申请行政复议的行政诉讼计入“复议后起诉”（以复议申请日期和起诉日期为准，与登记先后无关），其余行政诉讼计入“未经复议直接起诉”。</li>");
        fragment.Should().NotContain("<style>");
        report.IdsBehind("applications:Result.Disclosed:NaturalPerson").Should().Equal(DisclosedId);

        var document = HtmlTableRenderer.RenderDocument(report);
        document.Should().StartWith("<!DOCTYPE html>").And.Contain("<html lang=\"zh-CN\">").And.Contain("@media print")
            .And.Contain("@page").And.Contain("<meta charset=\"utf-8\">").And.NotContain("<a href");
    }

    [Fact]
    public void Html_indents_legacy_row_labels_with_classes_because_the_pages_csp_blocks_inline_styles()
    {
        var fragment = HtmlTableRenderer.RenderFragment(Report(TableLayouts.Legacy));

        fragment.Should().NotContain("style=");
        var indented = System.Text.RegularExpressions.Regex.Matches(fragment, "<th scope=\"row\" class=\"(indent-\\d)\"")
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        indented.Should().NotBeEmpty("the pre-2019 table indents its sub-rows");
        foreach (var css in indented) HtmlTableRenderer.Stylesheet.Should().Contain($"th.{css} ");
    }

    [Fact]
    public void Text_aligns_columns_counting_cjk_characters_as_two()
    {
        var text = TextTableRenderer.Render(Report());
        var lines = text.Split('\n');
        lines[0].Should().Be("某县人民政府2023年政府信息公开工作年度报告");
        var body = lines.SkipWhile(l => l != "三、收到和处理政府信息公开申请情况").Skip(1).TakeWhile(l => !l.StartsWith("注", StringComparison.Ordinal)).ToList();
        body.Should().Contain(l => l.StartsWith("一、本年新收政府信息公开申请数量", StringComparison.Ordinal));
        // Every separator " | " before the numbers sits at the same display column in every body row.
        var numberRows = body.Where(l => l.Contains("| ") && !l.StartsWith('-')).Skip(3).ToList();
        numberRows.Should().HaveCountGreaterThan(20);
        var positions = numberRows.Select(l => DisplayPositions(l)).ToList();
        positions.Select(p => p[^1]).Distinct().Should().ContainSingle("the last separator is aligned in every row");
        positions.Select(p => p[^7]).Distinct().Should().ContainSingle("the first number column is aligned in every row");
        var newlyReceived = body.Single(l => l.StartsWith("一、", StringComparison.Ordinal));
        newlyReceived.Split('|').Select(s => s.Trim()).Should().EndWith(["1", "1", "0", "0", "0", "0", "2"]);
        TerminalWidth.Of("（一）予以公开").Should().Be(14);
        TerminalWidth.Of("3.危及“三安全一稳定”").Should().Be(2 + 16 + 2);
    }

    private static List<int> DisplayPositions(string line)
    {
        var positions = new List<int>();
        var width = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            if (rune.Value == '|') positions.Add(width);
            width += TerminalWidth.Of(rune);
        }
        return positions;
    }
}
