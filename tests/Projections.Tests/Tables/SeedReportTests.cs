using System.Text;
using Projections.Tables;
using Projections.Tables.Rendering;
using Workflow.Applications;

namespace Projections.Tests.Tables;

/// <summary>
/// The published tables of the seed reports (/work/shared/seeds), reproduced from counts. The expected text is
/// copied from the seed files, whose extraction turned fullwidth punctuation into halfwidth: labels are compared
/// after NFKC normalisation.
/// </summary>
public class SeedReportTests
{
    private static string Nfkc(string text) => text.Normalize(NormalizationForm.FormKC).Trim();

    // 003_544e1c0e224b6e3c.txt: 砚山县阿猛镇人民政府, 2017 统计表, rows 三 to 七 (the repeated "统计指标单位统计数" page
    // headers left out; 六、举报投诉数量 is outside this system and not rendered, see the layout's footnote 1).
    private const string Seed003Rows = """
        三、依申请公开情况
        (一)收到申请数
        1.当面申请数
        2.传真申请数
        3.网络申请数
        4.信函申请数
        (二)申请办结数
        1.按时办结数
        2.延期办结数
        (三)申请答复数
        1.属于已主动公开范围数
        2.同意公开答复数
        3.同意部分公开答复数
        4.不同意公开答复数
        其中,涉及国家秘密
        涉及商业秘密
        涉及个人隐私
        危及国家安全、公共安全、经济安全和社会稳定
        不是条例所指政府信息
        法律法规规定的其他情形
        5.不属于本行政机关公开数
        6.申请信息不存在数
        7.告知作出更改补充数
        8.告知通过其他途径办理数
        四、行政复议数量
        (一)维持具体行政行为数
        (二)被依法纠错数
        (三)其他情形数
        五、行政诉讼数量
        (一)维持具体行政行为或者驳回原告诉讼请求数
        (二)被依法纠错数
        (三)其他情形数
        七、依申请公开信息收取的费用万元
        """;

    [Fact]
    public void Seed_003_legacy_table_of_a_township_with_no_applications()
    {
        var layout = TableLayouts.ForYear(2017);
        layout.Should().BeSameAs(TableLayouts.Legacy);
        var report = RenderedReport.Build(layout, "阿猛镇人民政府", 2017,
            DisclosureCounts.Create("amengzhen", 2017), ReviewCounts.Create("amengzhen", 2017));
        var table = report.Tables.Single();

        report.Heading.Should().Be("政府信息公开情况统计表（2017年度）　填报单位：阿猛镇人民政府");
        var rendered = table.DataRows.Select(r => Nfkc(r.LabelPath[^1] + (r.Unit ?? ""))).ToList();
        rendered.Should().Equal(Seed003Rows.Split('\n').Select(Nfkc));

        var numbers = table.Cells.Where(c => c.Kind == RenderedCellKind.Number).ToList();
        // Rows 1 and 5 are counted from the item results since issue 13; only 涉及商业秘密 stays "—".
        numbers.Should().HaveCount(31).And.OnlyContain(c => c.Value == 0m && c.Text == "0" && c.Ids.Count == 0);
        table.Cells.Where(c => c.Kind == RenderedCellKind.NotCounted).Select(c => c.CellKey)
            .Should().Equal("legacy:Answered.Refused.CommercialSecret:Count");
        table.Statements.Single().Text.Should().Be("其中逾期答复 0 件。");
        TextTableRenderer.Render(report).Should().Contain("七、依申请公开信息收取的费用").And.Contain("万元");
    }

    /// <summary>Seed 001 (永州市冷水滩区人民政府, 2022): 15 new applications, all 自然人, all 予以公开.</summary>
    private static (DisclosureCounts Disclosure, ReviewCounts Reviews) Seed001Counts()
    {
        var disclosure = DisclosureCounts.Create("lengshuitan", 2022);
        for (var i = 0; i < 15; i++)
        {
            var id = Guid.NewGuid();
            disclosure.Add(DisclosureFact.NewlyReceived(ApplicantType.NaturalPerson), id);
            disclosure.Add(DisclosureFact.Result(ResultRow.Disclosed, ApplicantType.NaturalPerson), id);
        }
        return (disclosure, ReviewCounts.Create("lengshuitan", 2022));
    }

    // 001_81ecb54b46cc6fdb.txt, table 三 as published: row label and its 总计 column. The agency printed the 2019
    // row set ((六)其他处理 as one row) in its 2022 report.
    private static readonly (string Label, int Total)[] Seed001TableThree =
    [
        ("一、本年新收政府信息公开申请数量", 15), ("二、上年结转政府信息公开申请数量", 0),
        ("(一)予以公开", 15), ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", 0),
        ("1.属于国家秘密", 0), ("2.其他法律行政法规禁止公开", 0), ("3.危及“三安全一稳定”", 0), ("4.保护第三方合法权益", 0),
        ("5.属于三类内部事务信息", 0), ("6.属于四类过程性信息", 0), ("7.属于行政执法案卷", 0), ("8.属于行政查询事项", 0),
        ("1.本机关不掌握相关政府信息", 0), ("2.没有现成信息需要另行制作", 0), ("3.补正后申请内容仍不明确", 0),
        ("1.信访举报投诉类申请", 0), ("2.重复申请", 0), ("3.要求提供公开出版物", 0), ("4.无正当理由大量反复申请", 0),
        ("5.要求行政机关确认或重新出具已获取信息", 0), ("(六)其他处理", 0), ("(七)总计", 15), ("四、结转下年度继续办理", 0),
    ];

    [Fact]
    public void Seed_001_figures_in_the_2019_row_set_the_agency_printed()
    {
        var (disclosure, reviews) = Seed001Counts();
        disclosure.CheckIdentity().Should().BeEmpty();
        var table = RenderedReport.Build(TableLayouts.Format2019, "冷水滩区人民政府", 2022, disclosure, reviews).Tables[0];

        table.Cells.Single(c => c.Kind == RenderedCellKind.CornerHeader).Text.Should()
            .Match(t => Nfkc(t) == "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)");
        var rows = table.DataRows.Select(r => (Nfkc(r.LabelPath[^1]), (int)r.Values[^1]!.Value!.Value)).ToList();
        rows.Should().Equal(Seed001TableThree.Select(r => (Nfkc(r.Label), r.Total)));
        table.DataRows.Single(r => r.Key == "NewlyReceived").Values.Select(v => v!.Text).Should().Equal("15", "0", "0", "0", "0", "0", "15");
        table.DataRows.Single(r => r.Key == "Result.Disclosed").Values.Select(v => v!.Text).Should().Equal("15", "0", "0", "0", "0", "0", "15");
    }

    [Fact]
    public void Seed_001_figures_in_the_default_2021_format_and_table_four_all_zero()
    {
        var (disclosure, reviews) = Seed001Counts();
        var layout = TableLayouts.ForYear(2022);
        var report = RenderedReport.Build(layout, "永州市冷水滩区人民政府", 2022, disclosure, reviews);
        var three = report.Tables[0];
        three.FindCell("applications:NewlyReceived:NaturalPerson")!.Value.Should().Be(15);
        three.FindCell("applications:NewlyReceived:Total")!.Value.Should().Be(15);
        three.FindCell("applications:CarriedIn:Total")!.Value.Should().Be(0);
        three.FindCell("applications:Result.Disclosed:NaturalPerson")!.Ids.Should().HaveCount(15);
        three.FindCell("applications:Results.Total:Total")!.Value.Should().Be(15);
        three.FindCell("applications:CarriedOver:Total")!.Value.Should().Be(0);
        three.Cells.Where(c => c.Kind == RenderedCellKind.Number && c.CellKey!.Contains("Result.Other", StringComparison.Ordinal))
            .Should().HaveCount(21).And.OnlyContain(c => c.Value == 0);

        var four = report.Tables[1];
        four.DataRows.Single().Values.Should().HaveCount(15).And.OnlyContain(v => v!.Value == 0m);
        var csv = CsvTableRenderer.RenderText(report);
        csv.Should().Contain("一、本年新收政府信息公开申请数量,,,15,0,0,0,0,0,15").And.Contain("0,0,0,0,0,0,0,0,0,0,0,0,0,0,0");
    }
}
