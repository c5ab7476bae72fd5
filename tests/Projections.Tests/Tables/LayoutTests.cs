using Projections.Tables;
using Workflow.Applications;

namespace Projections.Tests.Tables;

public class LayoutTests
{
    private static readonly DisclosureCounts NoApplications = DisclosureCounts.Create("agency", 2022);
    private static readonly ReviewCounts NoReviews = ReviewCounts.Create("agency", 2022);

    private static RenderedTable Render(AnnualTableLayout layout, string tableKey, DisclosureCounts? counts = null, ReviewCounts? reviews = null) =>
        RenderedReport.Build(layout, "测试机关", 2022, counts ?? NoApplications, reviews ?? NoReviews).Tables.Single(t => t.Key == tableKey);

    private static IReadOnlyList<string> RowLabels(RenderedTable table) =>
        table.Cells.Where(c => c.Kind == RenderedCellKind.RowLabel).OrderBy(c => c.Row).ThenBy(c => c.Column).Select(c => c.Text).ToList();

    [Theory]
    [InlineData(2025, "2021")]
    [InlineData(2021, "2021")]
    [InlineData(2020, "2019")]
    [InlineData(2019, "2019")]
    [InlineData(2018, "legacy")]
    [InlineData(2008, "legacy")]
    public void Default_format_follows_the_report_year(int year, string code) =>
        TableLayouts.ForYear(year).Code.Should().Be(code);

    [Fact]
    public void Layouts_are_found_by_code_and_an_unknown_code_is_a_clear_error()
    {
        TableLayouts.ByCode("2021").Should().BeSameAs(TableLayouts.Format2021);
        TableLayouts.ByCode("2019").Should().BeSameAs(TableLayouts.Format2019);
        TableLayouts.ByCode("LEGACY").Should().BeSameAs(TableLayouts.Legacy);
        var act = () => TableLayouts.ByCode("2014");
        act.Should().Throw<ArgumentException>().WithMessage("*'2014'*\"2021\", \"2019\", \"legacy\"*");
        TableLayouts.TryGetByCode(null, out _).Should().BeFalse();
    }

    [Fact]
    public void Table_three_2021_has_the_official_rows_in_order()
    {
        var table = Render(TableLayouts.Format2021, "applications");
        RowLabels(table).Should().Equal(
            "一、本年新收政府信息公开申请数量",
            "二、上年结转政府信息公开申请数量",
            "三、本年度办理结果", "（一）予以公开",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "（三）不予公开", "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
            "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
            "（四）无法提供", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
            "（五）不予处理", "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出具已获取信息",
            "（六）其他处理",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "3.其他",
            "（七）总计",
            "四、结转下年度继续办理");
    }

    [Fact]
    public void Table_three_header_has_the_identity_note_and_the_applicant_columns()
    {
        var table = Render(TableLayouts.Format2021, "applications");
        table.HeaderRowCount.Should().Be(3);
        table.LabelColumnCount.Should().Be(3);
        table.ColumnCount.Should().Be(10);
        table.Cells.Should().ContainSingle(c => c.Kind == RenderedCellKind.CornerHeader).Which.Should().BeEquivalentTo(new
        {
            Row = 0, Column = 0, RowSpan = 3, ColumnSpan = 3,
            Text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        });
        Header(table, "申请人情况").Should().BeEquivalentTo(new { Row = 0, Column = 3, RowSpan = 1, ColumnSpan = 7 });
        Header(table, "自然人").Should().BeEquivalentTo(new { Row = 1, Column = 3, RowSpan = 2, ColumnSpan = 1 });
        Header(table, "法人或其他组织").Should().BeEquivalentTo(new { Row = 1, Column = 4, RowSpan = 1, ColumnSpan = 5 });
        Header(table, "总计").Should().BeEquivalentTo(new { Row = 1, Column = 9, RowSpan = 2, ColumnSpan = 1 });
        table.Columns.Select(c => c.LabelPath.Last()).Should().Equal("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计");
    }

    private static RenderedCell Header(RenderedTable table, string text) =>
        table.Cells.Single(c => c.Kind == RenderedCellKind.ColumnHeader && c.Text == text);

    [Fact]
    public void Group_rows_span_their_numbered_sub_rows_and_carry_no_numbers()
    {
        var table = Render(TableLayouts.Format2021, "applications");
        Label(table, "三、本年度办理结果").Should().BeEquivalentTo(new { Column = 0, RowSpan = 22, ColumnSpan = 1 });
        Label(table, "（三）不予公开").Should().BeEquivalentTo(new { Column = 1, RowSpan = 8, ColumnSpan = 1 });
        Label(table, "（四）无法提供").RowSpan.Should().Be(3);
        Label(table, "（五）不予处理").RowSpan.Should().Be(5);
        Label(table, "（六）其他处理").RowSpan.Should().Be(3);
        Label(table, "（一）予以公开").Should().BeEquivalentTo(new { Column = 1, ColumnSpan = 2 });
        Label(table, "1.属于国家秘密").Should().BeEquivalentTo(new { Column = 2, ColumnSpan = 1 });
        Label(table, "一、本年新收政府信息公开申请数量").Should().BeEquivalentTo(new { Column = 0, ColumnSpan = 3 });
        // 1 + 1 + 22 + 1 data rows, 7 numbers each.
        table.DataRows.Should().HaveCount(25);
        table.Cells.Count(c => c.Kind == RenderedCellKind.Number).Should().Be(25 * 7);
    }

    private static RenderedCell Label(RenderedTable table, string text) =>
        table.Cells.Single(c => c.Kind == RenderedCellKind.RowLabel && c.Text == text);

    [Fact]
    public void Format_2019_collapses_other_handling_into_one_row_summing_the_three_detailed_rows()
    {
        var counts = DisclosureCounts.Create("agency", 2020);
        counts.Add(DisclosureFact.Result(ResultRow.OtherSupplementLapsed, ApplicantType.NaturalPerson), Guid.NewGuid());
        counts.Add(DisclosureFact.Result(ResultRow.OtherFeeUnpaid, ApplicantType.NaturalPerson), Guid.NewGuid());
        counts.Add(DisclosureFact.Result(ResultRow.OtherOther, ApplicantType.LegalServiceInstitution), Guid.NewGuid());
        var table = Render(TableLayouts.Format2019, "applications", counts);

        var labels = RowLabels(table);
        labels.Should().Contain("（六）其他处理").And.NotContain(l => l.Contains("逾期不补正")).And.NotContain("3.其他");
        Label(table, "三、本年度办理结果").RowSpan.Should().Be(20);
        Label(table, "（六）其他处理").Should().BeEquivalentTo(new { Column = 1, RowSpan = 1, ColumnSpan = 2 });
        var row = table.DataRows.Single(r => r.Key == "Results.OtherHandling");
        row.Values.Select(v => v!.Value).Should().Equal(2m, 0m, 0m, 0m, 1m, 0m, 3m);
        row.Values[6]!.Ids.Should().HaveCount(3);
    }

    [Fact]
    public void Table_four_has_fifteen_columns_under_the_official_header_groups()
    {
        var reviews = ReviewCounts.Create("agency", 2022);
        reviews.Add(ReviewBlock.Reconsideration, ReviewResultColumn.Upheld, Guid.NewGuid());
        reviews.Add(ReviewBlock.Reconsideration, ReviewResultColumn.Pending, Guid.NewGuid());
        reviews.Add(ReviewBlock.LitigationAfterReconsideration, ReviewResultColumn.Corrected, Guid.NewGuid());
        var table = Render(TableLayouts.Format2021, "reviews", reviews: reviews);

        table.LabelColumnCount.Should().Be(0);
        table.ColumnCount.Should().Be(15);
        Header(table, "行政复议").Should().BeEquivalentTo(new { Row = 0, Column = 0, ColumnSpan = 5, RowSpan = 1 });
        Header(table, "行政诉讼").Should().BeEquivalentTo(new { Row = 0, Column = 5, ColumnSpan = 10 });
        Header(table, "未经复议直接起诉").Should().BeEquivalentTo(new { Row = 1, Column = 5, ColumnSpan = 5 });
        Header(table, "复议后起诉").Should().BeEquivalentTo(new { Row = 1, Column = 10, ColumnSpan = 5 });
        table.Cells.Where(c => c.Kind == RenderedCellKind.ColumnHeader && c.Text == "结果维持").Select(c => (c.Row, c.RowSpan))
            .Should().Equal((1, 2), (2, 1), (2, 1));
        table.Columns.Select(c => string.Join("/", c.LabelPath)).Should().StartWith(["行政复议/结果维持", "行政复议/结果纠正", "行政复议/其他结果", "行政复议/尚未审结", "行政复议/总计"]);
        table.DataRows.Single().Values.Select(v => v!.Value).Should().Equal(1m, 0m, 0m, 1m, 2m, 0m, 0m, 0m, 0m, 0m, 0m, 1m, 0m, 0m, 1m);
    }

    [Fact]
    public void Every_table_carries_its_counting_rules_as_footnotes()
    {
        var applications = TableLayouts.Format2021.Tables[0].Footnotes;
        applications.Should().Contain(n => n.Contains("已主动公开并告知获取途径的，计入“予以公开”")
            && n.Contains("信息不存在与非本机关掌握均计入“本机关不掌握相关政府信息”")
            && n.Contains("计入“属于行政查询事项”") && n.Contains("申请人撤回的计入“其他处理”中的“3.其他”"));
        applications.Should().Contain(n => n.Contains("结转下年度继续办理") && n.Contains("上年结转"));
        TableLayouts.Format2019.Tables[0].Footnotes.Should().Contain(n => n.Contains("申请人撤回") && !n.Contains("3.其他"));
        var reviews = TableLayouts.Format2021.Tables[1].Footnotes;
        reviews.Should().Contain(n => n.Contains("尚未审结") && n.Contains("12月31日"));
        reviews.Should().Contain(n => n.Contains("结果纠正：变更、撤销、确认违法、确认无效、责令履行或判决履行"));
        reviews.Should().Contain(n => n.Contains("复议后起诉"));
        TableLayouts.Legacy.Tables[0].Footnotes.Should().Contain(n => n.Contains("电子邮件") && n.Contains("“网络申请数”") && n.Contains("“当面申请数”"));
    }

    [Fact]
    public void Legacy_table_has_the_2014_rows_and_one_count_column()
    {
        var table = Render(TableLayouts.Legacy, "legacy");
        RowLabels(table).Should().Equal(
            "三、依申请公开情况",
            "（一）收到申请数", "1.当面申请数", "2.传真申请数", "3.网络申请数", "4.信函申请数",
            "（二）申请办结数", "1.按时办结数", "2.延期办结数",
            "（三）申请答复数", "1.属于已主动公开范围数", "2.同意公开答复数", "3.同意部分公开答复数", "4.不同意公开答复数",
            "其中，涉及国家秘密", "涉及商业秘密", "涉及个人隐私", "危及国家安全、公共安全、经济安全和社会稳定",
            "不是条例所指政府信息", "法律法规规定的其他情形",
            "5.不属于本行政机关公开数", "6.申请信息不存在数", "7.告知作出更改补充数", "8.告知通过其他途径办理数",
            "四、行政复议数量", "（一）维持具体行政行为数", "（二）被依法纠错数", "（三）其他情形数",
            "五、行政诉讼数量", "（一）维持具体行政行为或者驳回原告诉讼请求数", "（二）被依法纠错数", "（三）其他情形数",
            "七、依申请公开信息收取的费用");
        table.Columns.Should().ContainSingle().Which.LabelPath.Should().Equal("统计数");
        table.Cells.Single(c => c.Kind == RenderedCellKind.CornerHeader).Text.Should().Be("统计指标");
        table.Cells.Single(c => c is { Kind: RenderedCellKind.Unit, Text: "万元" }).Row
            .Should().Be(Label(table, "七、依申请公开信息收取的费用").Row);
        Label(table, "其中，涉及国家秘密").Indent.Should().Be(3);
    }

    [Fact]
    public void Legacy_table_maps_every_result_row_and_channel_to_the_old_categories()
    {
        var counts = DisclosureCounts.Create("agency", 2017);
        foreach (var row in Enum.GetValues<ResultRow>())
        {
            var id = Guid.NewGuid();
            counts.Add(DisclosureFact.Result(row, ApplicantType.NaturalPerson), id);
            if (LegacyAnswerMapping.CategoryOf(row, []) is { } category) counts.Add(DisclosureFact.LegacyAnswered(category), id);
        }
        // Rows 1 and 5 come from the item results (ADR 0009): one answer of each kind besides the rows above.
        counts.Add(DisclosureFact.LegacyAnswered(LegacyAnswerCategory.AlreadyProactivelyDisclosed), Guid.NewGuid());
        counts.Add(DisclosureFact.LegacyAnswered(LegacyAnswerCategory.NotThisAgency), Guid.NewGuid());
        foreach (var channel in Enum.GetValues<Channel>())
            counts.Add(DisclosureFact.ReceivedVia(channel), Guid.NewGuid());
        for (var i = 0; i < 19; i++) counts.Add(DisclosureFact.ClosedOnTime, Guid.NewGuid());
        counts.Add(DisclosureFact.ClosedAfterExtension, Guid.NewGuid());
        counts.Add(DisclosureFact.ClosedAfterExtension, Guid.NewGuid());
        counts.AddFee(1234m, Guid.NewGuid());
        var reviews = ReviewCounts.Create("agency", 2017);
        reviews.Add(ReviewBlock.Reconsideration, ReviewResultColumn.Other, Guid.NewGuid());
        reviews.Add(ReviewBlock.Reconsideration, ReviewResultColumn.Pending, Guid.NewGuid());
        reviews.Add(ReviewBlock.LitigationWithoutReconsideration, ReviewResultColumn.Upheld, Guid.NewGuid());
        reviews.Add(ReviewBlock.LitigationAfterReconsideration, ReviewResultColumn.Upheld, Guid.NewGuid());

        var table = Render(TableLayouts.Legacy, "legacy", counts, reviews);
        string Value(string key) => table.DataRows.Single(r => r.Key == key).Values.Single()?.Text ?? "";

        Value("Received").Should().Be("6");
        Value("Received.InPerson").Should().Be("2");  // 当面 + 其他
        Value("Received.Fax").Should().Be("1");
        Value("Received.Online").Should().Be("2");    // 网络 + 电子邮件
        Value("Received.Letter").Should().Be("1");
        Value("Closed").Should().Be("21");
        Value("Closed.OnTime").Should().Be("19");
        Value("Closed.Extended").Should().Be("2");
        Value("Answered").Should().Be("21");          // all rows but 逾期未缴费 and 其他, plus rows 1 and 5
        Value("Answered.AlreadyProactivelyDisclosed").Should().Be("1");
        Value("Answered.Agreed").Should().Be("1");
        Value("Answered.PartlyAgreed").Should().Be("1");
        Value("Answered.Refused").Should().Be("7");
        Value("Answered.Refused.StateSecret").Should().Be("1");
        Value("Answered.Refused.CommercialSecret").Should().Be("—");
        Value("Answered.Refused.Privacy").Should().Be("1");
        Value("Answered.Refused.Security").Should().Be("1");
        Value("Answered.Refused.NotGovernmentInformation").Should().Be("2");
        Value("Answered.Refused.OtherLegalGround").Should().Be("2");
        Value("Answered.NotThisAgency").Should().Be("1");
        Value("Answered.DoesNotExist").Should().Be("2");
        Value("Answered.ToldToAmend").Should().Be("2");
        Value("Answered.ToldOtherRoute").Should().Be("6");
        Value("Reconsideration").Should().Be("2");
        Value("Reconsideration.Other").Should().Be("1");
        Value("Litigation").Should().Be("2");
        Value("Litigation.Upheld").Should().Be("2");
        Value("Fees").Should().Be("0.1234");
        Value("Applications").Should().BeEmpty();
    }

    [Fact]
    public void Totals_are_computed_from_the_detailed_counts()
    {
        var counts = DisclosureCounts.Create("agency", 2022);
        counts.Add(DisclosureFact.NewlyReceived(ApplicantType.NaturalPerson), Guid.NewGuid());
        counts.Add(DisclosureFact.NewlyReceived(ApplicantType.CommercialEnterprise), Guid.NewGuid());
        counts.Add(DisclosureFact.Result(ResultRow.Disclosed, ApplicantType.NaturalPerson), Guid.NewGuid());
        counts.Add(DisclosureFact.Result(ResultRow.WithheldStateSecret, ApplicantType.NaturalPerson), Guid.NewGuid());
        counts.Add(DisclosureFact.Result(ResultRow.OtherFeeUnpaid, ApplicantType.CommercialEnterprise), Guid.NewGuid());
        var table = Render(TableLayouts.Format2021, "applications", counts);

        table.DataRows.Single(r => r.Key == "Results.Total").Values.Select(v => v!.Value).Should().Equal(2m, 1m, 0m, 0m, 0m, 0m, 3m);
        table.DataRows.Single(r => r.Key == "NewlyReceived").Values.Select(v => v!.Value).Should().Equal(1m, 1m, 0m, 0m, 0m, 0m, 2m);
        var total = table.FindCell("applications:Results.Total:Total")!;
        total.Ids.Should().HaveCount(3);
    }
}
