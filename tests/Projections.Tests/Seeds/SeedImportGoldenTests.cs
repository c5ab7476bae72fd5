using Microsoft.Extensions.DependencyInjection;
using Projections.Annual;
using Projections.Tables;
using Projections.Tests.Support;
using Wolverine;
using Workflow.Import;

namespace Projections.Tests.Seeds;

/// <summary>
/// The five seed reports (/work/shared/seeds): each seed's cases logged as staff would (an import file here), imported
/// through <see cref="ApplicationImporter"/> and the real daemon, and the published 依申请公开 figures read off the table
/// in the layout that seed used.
/// </summary>
public sealed class SeedImportGoldenTests(AnnualAppFixture app) : AnnualContext(app)
{
    private async Task<RenderedReport> ImportAndRenderAsync(string file, string agency, int year, AnnualTableLayout layout, int expectedRegistrations)
    {
        using var scope = App.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<ApplicationImporter>();
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Seeds", file));
        var summary = await importer.ImportAsync(reader, "clerk.import");
        summary.Errors.Should().BeEmpty();
        summary.Registered.Should().Be(expectedRegistrations);

        var tables = await App.TablesAsync(year, agency);
        tables.Disclosure.CheckIdentity().Should().BeEmpty();
        return RenderedReport.Build(layout, agency, year, tables.Disclosure, tables.Reviews);
    }

    private static decimal Cell(RenderedReport report, string key) =>
        (report.FindCell(key) ?? throw new KeyNotFoundException(key)).Value ?? throw new InvalidOperationException($"{key} is not counted");

    [Fact]
    public async Task Seed_000_qixingguan_2018_twenty_seven_letters_and_online_all_concluded_one_lawsuit()
    {
        var report = await ImportAndRenderAsync("000_qixingguan_2018.jsonl", "qxg", 2018, TableLayouts.ForYear(2018), 27);
        report.LayoutCode.Should().Be(TableLayouts.CodeLegacy);
        Cell(report, "legacy:Received:Count").Should().Be(27);
        Cell(report, "legacy:Received.Letter:Count").Should().Be(20);
        Cell(report, "legacy:Received.Online:Count").Should().Be(7);
        Cell(report, "legacy:Closed:Count").Should().Be(27);
        Cell(report, "legacy:Litigation:Count").Should().Be(1);
        Cell(report, "legacy:Reconsideration:Count").Should().Be(0);
    }

    [Fact]
    public async Task Seed_001_lengshuitan_2022_fifteen_natural_persons_all_disclosed_in_the_2019_row_set()
    {
        var report = await ImportAndRenderAsync("001_lengshuitan_2022.jsonl", "lengshuitan", 2022, TableLayouts.Format2019, 15);
        var three = report.Tables[0];
        three.DataRows.Single(r => r.Key == "NewlyReceived").Values.Select(v => v!.Text).Should().Equal("15", "0", "0", "0", "0", "0", "15");
        three.DataRows.Single(r => r.Key == "Result.Disclosed").Values.Select(v => v!.Text).Should().Equal("15", "0", "0", "0", "0", "0", "15");
        Cell(report, "applications:CarriedIn:Total").Should().Be(0);
        Cell(report, "applications:Results.Total:Total").Should().Be(15);
        Cell(report, "applications:CarriedOver:Total").Should().Be(0);
        three.DataRows.Where(r => r.Key.StartsWith("Result", StringComparison.Ordinal) && r.Key is not "Result.Disclosed" and not "Results.Total")
            .SelectMany(r => r.Values).Should().OnlyContain(v => v!.Value == 0m);
        report.Tables[1].DataRows.Single().Values.Should().HaveCount(15).And.OnlyContain(v => v!.Value == 0m);

        var in2021Format = RenderedReport.Build(TableLayouts.ForYear(2022), "冷水滩区", 2022,
            (await App.TablesAsync(2022, "lengshuitan")).Disclosure, ReviewCounts.Create("lengshuitan", 2022));
        Cell(in2021Format, "applications:Result.Disclosed:NaturalPerson").Should().Be(15);
    }

    [Fact]
    public async Task Seed_002_junshan_2016_one_application_no_fees_no_reviews()
    {
        var report = await ImportAndRenderAsync("002_junshan_2016.jsonl", "junshan", 2016, TableLayouts.ForYear(2016), 1);
        Cell(report, "legacy:Received:Count").Should().Be(1);
        Cell(report, "legacy:Closed:Count").Should().Be(1);
        Cell(report, "legacy:Fees:Count").Should().Be(0);
        Cell(report, "legacy:Reconsideration:Count").Should().Be(0);
        Cell(report, "legacy:Litigation:Count").Should().Be(0);
    }

    [Fact]
    public async Task Seed_003_ameng_2017_no_applications_gives_an_all_zero_table()
    {
        var report = await ImportAndRenderAsync("003_ameng_2017.jsonl", "ameng", 2017, TableLayouts.ForYear(2017), 0);
        report.Tables.Single().Cells.Where(c => c.Kind == RenderedCellKind.Number).Should().HaveCount(31)
            .And.OnlyContain(c => c.Value == 0m && c.Ids.Count == 0);
    }

    [Fact]
    public async Task Seed_004_suifenhe_2017_one_letter_answered_in_time_and_a_withdrawn_reconsideration()
    {
        var report = await ImportAndRenderAsync("004_suifenhe_2017.jsonl", "suifenhe", 2017, TableLayouts.ForYear(2017), 1);
        Cell(report, "legacy:Received:Count").Should().Be(1);
        Cell(report, "legacy:Received.Letter:Count").Should().Be(1);
        Cell(report, "legacy:Closed.OnTime:Count").Should().Be(1);
        Cell(report, "legacy:Closed.Extended:Count").Should().Be(0);
        Cell(report, "legacy:Fees:Count").Should().Be(0);
        Cell(report, "legacy:Reconsideration:Count").Should().Be(1);
        Cell(report, "legacy:Reconsideration.Other:Count").Should().Be(1);
        Cell(report, "legacy:Litigation:Count").Should().Be(0);
    }
}
