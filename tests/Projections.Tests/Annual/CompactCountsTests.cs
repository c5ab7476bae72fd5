using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;
using Projections.Annual;
using Projections.Tables;
using Workflow.Applications;
using Workflow.Calendar;

namespace Projections.Tests.Annual;

/// <summary>
/// ADR 0024 addendum 2: an <see cref="AnnualCounts"/> document stores its counts as one array of cells
/// (<see cref="CountCells"/>). The array survives a JSON round trip, every position means one count, the layout does
/// not move silently, and for random histories the tables served from summed arrays equal the tables of the dictionary
/// shape (each document's tables merged as before) and the tables built from the whole histories.
/// </summary>
public sealed class CompactCountsTests
{
    private const int FromYear = 2018;
    private const int ToYear = 2024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public void Every_position_holds_one_named_count_and_every_count_has_a_position()
    {
        CountCells.Keys.Should().HaveCount(CountCells.Length).And.OnlyHaveUniqueItems().And.NotContainNulls();
        var positions = CountCells.DisclosureFacts().Select(CountCells.Of)
            .Concat(Enum.GetValues<ReviewBlock>().SelectMany(b => Enum.GetValues<ReviewResultColumn>().Select(c => CountCells.Of(b, c))))
            .ToList();
        positions.Should().OnlyHaveUniqueItems().And.HaveCount(CountCells.Length);
        positions.Order().Should().Equal(Enumerable.Range(0, CountCells.Length));
    }

    [Fact]
    public void The_stored_layout_is_pinned_so_a_changed_enum_cannot_misplace_stored_counts()
    {
        // If this fails, an enum behind the layout changed (a member added, removed or moved): stores built before would
        // serve counts under the wrong cells. Raise AnnualCountingState.CurrentStorage (so they say "run rebuildtables")
        // and then update the figures below.
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", CountCells.Keys))));
        (CountCells.Length, digest, AnnualCountingState.CurrentStorage).Should().Be((178, "332A4478305815F59A0184247F1B5D30B86C8BA756A31FFD2CE76E2D266235D1", 2));
        CountCells.Keys[0].Should().Be("NewlyReceived.NaturalPerson");
        CountCells.Keys[^1].Should().Be("Review.LitigationAfterReconsideration.Pending");
    }

    [Fact]
    public void A_document_round_trips_through_json_as_an_array_of_cells()
    {
        var counts = AnnualCounts.Create("gov-edu", 2022);
        counts.Cells[CountCells.Of(DisclosureFact.Result(ResultRow.PartlyDisclosed, ApplicantType.ResearchInstitution))] = 3;
        counts.Cells[CountCells.Of(ReviewBlock.LitigationWithoutReconsideration, ReviewResultColumn.Corrected)] = 2;
        counts.FeesCollectedYuan = 12.5m;

        var json = JsonSerializer.Serialize(counts, Json);
        using (var parsed = JsonDocument.Parse(json))
        {
            parsed.RootElement.GetProperty("cells").GetArrayLength().Should().Be(CountCells.Length);
            parsed.RootElement.TryGetProperty("disclosure", out _).Should().BeFalse("the tables are built from the cells, not stored");
        }
        var back = JsonSerializer.Deserialize<AnnualCounts>(json, Json)!;
        back.Cells.Should().Equal(counts.Cells);
        back.Disclosure.Column(ApplicantType.ResearchInstitution).Result(ResultRow.PartlyDisclosed).Should().Be(3);
        back.Reviews.Count(ReviewBlock.LitigationWithoutReconsideration, ReviewResultColumn.Corrected).Should().Be(2);
        back.Disclosure.FeesCollectedYuan.Should().Be(12.5m);
    }

    [Fact]
    public void Summed_arrays_equal_the_merged_dictionaries_and_the_tables_built_from_whole_histories()
    {
        Gen.Select(HistoryGenerator.Histories(150, 350), Gen.Int[0, int.MaxValue]).Sample((history, seed) =>
        {
            var applications = AnnualFlowsPropertyTests.EventsOf(history);
            var counts = AnnualFlowsPropertyTests.ApplyInRandomBatches(applications, new Random(seed));
            var flows = AnnualContribution.FromStatistics(applications.Select(events => ApplicationStatistics.FoldAll(events, WorkdayCalendar.Official)!));
            var agencies = HistoryGenerator.Agencies;
            var tableId = AnnualTableBuilder.TableId(agencies);
            for (var year = FromYear; year <= ToYear + 1; year++)
            {
                var documents = agencies
                    .Select(a => counts.GetValueOrDefault(AnnualCounts.IdFor(a, year))
                                 ?? counts.Values.Where(c => c.AgencyCode == a && c.Year < year).MaxBy(c => c.Year)?.IdleUntil(year)
                                 ?? AnnualCounts.Create(a, year))
                    .ToList();
                var summed = AnnualCounts.Sum(tableId, year, documents);
                var merged = new AnnualTables(DisclosureCounts.Sum(tableId, year, documents.Select(d => d.Disclosure)),
                    ReviewCounts.Sum(tableId, year, documents.Select(d => d.Reviews)));
                var built = AnnualTableBuilder.Build(tableId, year, flows.Values);

                var described = BruteForceRecount.Describe(BruteForceRecount.Of(summed));
                described.Should().Be(BruteForceRecount.Describe(BruteForceRecount.Of(merged)), "{0}", year);
                described.Should().Be(BruteForceRecount.Describe(BruteForceRecount.Of(built)), "{0}", year);
                summed.Disclosure.CheckIdentity().Should().BeEmpty("一 + 二 = 三 + 四 in {0}", year);
            }
        }, iter: 8);
    }
}
