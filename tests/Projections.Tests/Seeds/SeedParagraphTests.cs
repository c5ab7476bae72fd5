using Microsoft.Extensions.DependencyInjection;
using Projections.Annual.Section;
using Projections.Tables;
using Projections.Tests.Support;
using Workflow.Import;

namespace Projections.Tests.Seeds;

/// <summary>
/// The generated 依申请公开 paragraph for the seed reports (/work/shared/seeds): the import files carry the topics in the
/// reports' own words, and the paragraph states what each report states, every figure equal to its table cell.
/// </summary>
public sealed class SeedParagraphTests(AnnualAppFixture app) : AnnualContext(app)
{
    private async Task<(ApplicationSection Section, string Text)> ImportAsync(string file, string agency, string name, int year, string? layout = null)
    {
        using (var scope = App.Services.CreateScope())
        {
            using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Seeds", file));
            var summary = await scope.ServiceProvider.GetRequiredService<ApplicationImporter>().ImportAsync(reader, "clerk.import");
            summary.Errors.Should().BeEmpty();
        }
        await App.CatchUpAsync();
        await using var session = App.Store.QuerySession();
        var sectionReader = new ApplicationSectionReader(session);
        var section = await sectionReader.LoadAsync([agency], name, year, layout);
        foreach (var figure in section.Figures.Values.Where(f => f.CellKeys.Count > 0))
            figure.Value.Should().Be(figure.CellKeys.Sum(key => section.Report.FindCell(key)!.Value!.Value), $"{figure.Name} equals its cells");
        var text = (await sectionReader.NarrativeAsync(section)).Text;
        return (section, text);
    }

    [Fact]
    public async Task Seed_000_qixingguan_2018_paragraph_states_27_received_by_letter_and_online_27_concluded_one_lawsuit_and_four_topics()
    {
        var (section, text) = await ImportAsync("000_qixingguan_2018.jsonl", "qxg", "毕节市七星关区人民政府", 2018);
        section.Report.LayoutCode.Should().Be(TableLayouts.CodeLegacy);
        text.Should().StartWith("2018年，共收到政府信息公开申请27件，其中信函申请20件，网上申请7件。")
            .And.Contain("本年度办结27件，")
            .And.Contain("行政诉讼1件").And.Contain("未发生行政复议。")
            .And.Contain("申请政府信息公开内容主要涉及：征地和房屋拆迁（18件）、数据统计（7件）、危房改造（1件）、社会保障（1件）等方面的信息。")
            .And.EndWith("未收取依申请提供政府信息的费用。");
        section.Figures["received"].Value.Should().Be(section.Report.FindCell("legacy:Received:Count")!.Value);
        section.Figures["received.letter"].Value.Should().Be(section.Report.FindCell("legacy:Received.Letter:Count")!.Value);
        section.Figures["litigation"].Value.Should().Be(section.Report.FindCell("legacy:Litigation:Count")!.Value);
        section.Topics.Sum(t => t.Count).Should().Be(27);
    }

    [Fact]
    public async Task Seed_001_lengshuitan_2022_paragraph_states_its_15_applications_all_disclosed_and_its_topics()
    {
        var (section, text) = await ImportAsync("001_lengshuitan_2022.jsonl", "lengshuitan", "永州市冷水滩区人民政府", 2022, TableLayouts.Code2019);
        text.Should().StartWith("2022年，共收到政府信息公开申请15件，")
            .And.Contain("本年度办结15件，其中予以公开15件。")
            .And.Contain("未发生因政府信息公开申请提起行政复议、行政诉讼的情况。")
            .And.Contain("主要涉及：").And.Contain("房屋搬迁（4件）").And.Contain("安置方案（4件）").And.Contain("疫情政策咨询（4件）").And.Contain("教育（3件）")
            .And.EndWith("未收取信息处理费。");
        section.Figures["concluded"].Value.Should().Be(section.Report.FindCell("applications:Results.Total:Total")!.Value);
    }

    [Fact]
    public async Task Seed_002_junshan_2016_paragraph_states_that_no_fee_was_charged()
    {
        var (_, text) = await ImportAsync("002_junshan_2016.jsonl", "junshan", "岳阳市君山区人民政府", 2016);
        text.Should().StartWith("2016年，共收到政府信息公开申请1件").And.EndWith("未收取依申请提供政府信息的费用。")
            .And.Contain("未发生因政府信息公开申请提起行政复议、行政诉讼的情况。");
    }

    [Fact]
    public async Task Seed_004_suifenhe_2017_paragraph_states_the_withdrawn_reconsideration_and_no_fee()
    {
        var (section, text) = await ImportAsync("004_suifenhe_2017.jsonl", "suifenhe", "绥芬河市人民政府", 2017);
        text.Should().Contain("共收到政府信息公开申请1件，其中信函申请1件。")
            .And.Contain("涉及行政复议1件（其他结果1件，其中申请人撤回1件）。未发生行政诉讼。")
            .And.EndWith("未收取依申请提供政府信息的费用。");
        section.Figures["reconsideration"].Value.Should().Be(section.Report.FindCell("legacy:Reconsideration:Count")!.Value);
        section.Figures["reconsideration.other"].Value.Should().Be(section.Report.FindCell("legacy:Reconsideration.Other:Count")!.Value);
    }
}
