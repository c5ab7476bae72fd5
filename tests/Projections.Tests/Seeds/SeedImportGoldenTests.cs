using Marten;
using Microsoft.Extensions.DependencyInjection;
using Projections.Annual;
using Projections.Tables;
using Projections.Tests.Support;
using Wolverine;
using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;
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

        // "在法定时限内…答复": the clock finds the answer in time (2008 regime, 15 working days), and no late answer is stated.
        await using var session = App.Store.QuerySession();
        var file = await session.Query<Projections.Cases.ApplicationFile>().SingleAsync(f => f.AgencyCode == "suifenhe");
        var history = (await session.Events.FetchStreamAsync(file.Id)).Select(e => e.Data).OfType<IApplicationEvent>().ToList();
        var clock = StatutoryClock.Compute(history, WorkdayCalendar.Official, new DateOnly(2017, 12, 31));
        clock.Regime.Should().Be(ClockRegime.Regulation2008);
        clock.AnsweredInTime.Should().BeTrue();
        report.Tables.Single().Statements.Single().Text.Should().Be("其中逾期答复 0 件。");
    }

    public static TheoryData<string> SeedFiles => ["000_qixingguan_2018.jsonl", "001_lengshuitan_2022.jsonl", "002_junshan_2016.jsonl",
        "003_ameng_2017.jsonl", "004_suifenhe_2017.jsonl"];

    [Theory]
    [MemberData(nameof(SeedFiles))]
    public void Every_dated_step_of_a_seed_falls_on_a_working_day(string file)
    {
        var offDays = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Seeds", file)).Where(l => l.StartsWith('{')))
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            foreach (var property in json.RootElement.EnumerateObject())
                if (property.Value.ValueKind == System.Text.Json.JsonValueKind.String && property.Name.EndsWith("On", StringComparison.Ordinal)
                    && DateOnly.TryParseExact(property.Value.GetString(), "yyyy-MM-dd", out var date) && !WorkdayCalendar.Official.IsWorkingDay(date))
                    offDays.Add($"{json.RootElement.GetProperty("ref").GetString()} {json.RootElement.GetProperty("step").GetString()} {property.Name} {date:yyyy-MM-dd}");
        }
        offDays.Should().BeEmpty("staff do not register, answer or serve on weekends and official days off");
    }

    [Theory]
    [InlineData("000_qixingguan_2018.jsonl", "ASSUMPTION: the results, 21 予以公开 and 6 本机关不掌握", "ASSUMPTION: the lawsuit case")]
    [InlineData("001_lengshuitan_2022.jsonl", "ASSUMPTION: the channel split", "ASSUMPTION: every date")]
    [InlineData("002_junshan_2016.jsonl", "ASSUMPTION: the channel (信函)", "the result (予以公开)")]
    [InlineData("004_suifenhe_2017.jsonl", "ASSUMPTION: the dates", "the result (予以公开)")]
    public void A_seed_marks_every_detail_its_report_does_not_give_as_an_assumption(string file, string first, string second)
    {
        var comments = string.Join("\n", File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Seeds", file)).Where(l => l.StartsWith("//", StringComparison.Ordinal)));
        comments.Should().Contain("The report gives").And.Contain("ASSUMPTION").And.Contain(first).And.Contain(second);
    }
}
