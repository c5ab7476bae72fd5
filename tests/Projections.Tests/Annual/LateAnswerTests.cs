using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Projections.Annual;
using Projections.Tables;
using Projections.Tables.Rendering;
using Workflow.Applications;
using Workflow.Calendar;

namespace Projections.Tests.Annual;

/// <summary>
/// Issue 13 point 6 (A13): an answer after its limit stays in 按时办结 (按时 + 延期 = 办结 holds), and a line under
/// table 三 states 其中逾期答复 n 件 with its drill-down, in every format.
/// </summary>
public sealed class LateAnswerTests
{
    private const string Clerk = "clerk.li";
    private static readonly Guid Late = Guid.Parse("1a7e0000-0000-4000-8000-000000000001");
    private static readonly Guid InTime = Guid.Parse("1a7e0000-0000-4000-8000-000000000002");

    private static IApplicationEvent[] History(Guid id, DateOnly received, DateOnly answered, DateOnly served) =>
    [
        new ApplicationReceived(id, "qxg", $"QXG-{id.ToString()[^1]}", 1, null, received, Channel.Letter, ApplicantType.NaturalPerson,
            new Applicant("张三", null, "13800000000", null, null), [new RequestedItem(1, "信息")], RequestedForm.Paper, Clerk),
        new ApplicationAnswered(id, answered, [new ItemAnswer(1, ItemResult.Disclosed, null)], ResultRow.Disclosed, false, "答复",
            ServiceMethod.Post, served, Clerk),
    ];

    private static AnnualTables Tables(int year)
    {
        // Received Friday 2023-12-01: 20 working days → due 2023-12-29. One answered and served on the due date; the
        // other answered on it but served on 2024-01-02, after the limit (the clock compares the service date).
        var histories = new[]
        {
            History(Late, new(2023, 12, 1), new(2023, 12, 29), new(2024, 1, 2)),
            History(InTime, new(2023, 12, 1), new(2023, 12, 29), new(2023, 12, 29)),
        };
        var statistics = histories.Select(h => ApplicationStatistics.FoldAll(h, WorkdayCalendar.Official)!).ToList();
        return AnnualTableBuilder.Build("qxg", year, AnnualContribution.FromStatistics(statistics).Values);
    }

    [Fact]
    public void a_late_answer_counts_as_closed_without_extension_and_is_stated_under_the_table()
    {
        var y2024 = Tables(2024).Disclosure;
        y2024.ClosedOnTime.Should().Be(1, "A13: every closure without an extension is 按时办结, so 按时 + 延期 = 办结");
        y2024.AnsweredLate.Should().Be(1);
        y2024.IdsOf(DisclosureFact.AnsweredLate).Should().Equal(Late);
        Tables(2023).Disclosure.AnsweredLate.Should().Be(0, "the answer served on its due date was in time");
    }

    [Theory]
    [InlineData(TableLayouts.Code2021, "applications")]
    [InlineData(TableLayouts.Code2019, "applications")]
    [InlineData(TableLayouts.CodeLegacy, "legacy")]
    public void every_format_states_the_late_answers_under_the_table_with_a_drill_down(string layoutCode, string tableKey)
    {
        var tables = Tables(2024);
        var report = RenderedReport.Build(TableLayouts.ByCode(layoutCode), "七星关区", 2024, tables.Disclosure, tables.Reviews);
        var cellKey = $"{tableKey}:Statement.AnsweredLate:Count";
        report.IdsBehind(cellKey).Should().Equal(Late);
        var table = report.Tables.Single(t => t.Key == tableKey);
        table.Statements.Single().Text.Should().Be("其中逾期答复 1 件。");
        table.Footnotes.Should().Contain(TableLayouts.LateAnswersFootnote);

        TextTableRenderer.Render(report).Should().Contain("其中逾期答复 1 件。");
        CsvTableRenderer.RenderText(report).Should().Contain("其中逾期答复 1 件。");
        using (var json = System.Text.Json.JsonDocument.Parse(JsonTableRenderer.Render(report)))
        {
            var statement = json.RootElement.GetProperty("tables").EnumerateArray()
                .Single(t => t.GetProperty("key").GetString() == tableKey).GetProperty("statements")[0];
            statement.GetProperty("text").GetString().Should().Be("其中逾期答复 1 件。");
            statement.GetProperty("value").GetDecimal().Should().Be(1);
            statement.GetProperty("cell").GetString().Should().Be(cellKey);
        }
        HtmlTableRenderer.RenderFragment(report, key => $"/drill/{key}")
            .Should().Contain($"其中逾期答复 <a href=\"/drill/{cellKey}\">1</a> 件。");

        using var document = SpreadsheetDocument.Open(new MemoryStream(XlsxTableRenderer.Render(report)), false);
        var sheets = document.WorkbookPart!.WorksheetParts.Select(p => p.Worksheet.InnerText).ToList();
        sheets.Should().Contain(text => text.Contains("其中逾期答复 1 件。"));
    }
}
