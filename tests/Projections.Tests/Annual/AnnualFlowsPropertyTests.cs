using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;
using Projections.Annual;
using Workflow.Applications;
using Workflow.Calendar;

namespace Projections.Tests.Annual;

/// <summary>
/// Properties over random histories of hundreds of applications in three agencies, 2019-2024, in memory:
/// (a) the projection's batch core (per-(agency, year) counts) over random interleavings and batch splits equals the
///     tables chained from the flows of the whole fold (<see cref="AnnualTableBuilder"/>), in the years after too;
/// (b) 一 + 二 = 三(七) + 四 per column and 二 of Y = 四 of Y-1, for every agency and year;
/// (c) an independent brute-force recount of the raw events equals the built tables.
/// </summary>
public sealed class AnnualFlowsPropertyTests
{
    private const int FromYear = 2018; // a corrected receipt date may move back into 2018
    private const int ToYear = 2024;
    private const int Iterations = 12;

    private static readonly Gen<(int[][] History, int Seed)> Histories =
        Gen.Select(HistoryGenerator.Histories(150, 350), Gen.Int[0, int.MaxValue]);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    internal static List<IReadOnlyList<IApplicationEvent>> EventsOf(int[][] history) =>
        [.. HistoryGenerator.Build(history).Select(s => HistoryGenerator.Run(s, HistoryGenerator.IdOf(s.Index)))];

    [Fact]
    public void Random_batch_splits_through_the_projection_core_equal_the_tables_built_from_whole_histories()
    {
        Histories.Sample(sample =>
        {
            var applications = EventsOf(sample.History);
            var random = new Random(sample.Seed);
            var counts = ApplyInRandomBatches(applications, random);

            var expected = AnnualContribution.FromStatistics(applications.Select(events => ApplicationStatistics.FoldAll(events, WorkdayCalendar.Official)!));
            foreach (var agency in HistoryGenerator.Agencies)
            for (var year = FromYear; year <= ToYear + 2; year++)
            {
                var built = AnnualTableBuilder.Build(agency, year, expected.Values.Where(f => f.AgencyCode == agency));
                BruteForceRecount.Describe(BruteForceRecount.Of(CountsOf(counts, agency, year)))
                    .Should().Be(BruteForceRecount.Describe(BruteForceRecount.Of(built)), "{0} {1}", agency, year);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Identity_holds_per_column_and_carry_over_chains_for_every_agency_and_year()
    {
        Histories.Sample(sample =>
        {
            var counts = ApplyInRandomBatches(EventsOf(sample.History), new Random(sample.Seed));
            foreach (var agency in HistoryGenerator.Agencies)
            {
                var byYear = Enumerable.Range(FromYear, ToYear - FromYear + 3)
                    .ToDictionary(y => y, y => CountsOf(counts, agency, y).Disclosure);
                foreach (var (year, table) in byYear)
                {
                    table.CheckIdentity().Should().BeEmpty("一 + 二 = 三 + 四 in {0} {1}", agency, year);
                    if (!byYear.TryGetValue(year - 1, out var previous)) continue;
                    foreach (var type in Enum.GetValues<ApplicantType>())
                        table.Column(type).CarriedIn.Should().Be(previous.Column(type).CarriedOver, "二 of {0} = 四 of {1} ({2}, {3})", year, year - 1, agency, type);
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Independent_recount_of_the_raw_events_equals_the_counted_tables()
    {
        Histories.Sample(sample =>
        {
            var applications = EventsOf(sample.History);
            var counts = ApplyInRandomBatches(applications, new Random(sample.Seed));
            var recount = BruteForceRecount.Count(applications, FromYear, ToYear);
            foreach (var agency in HistoryGenerator.Agencies)
            for (var year = FromYear; year <= ToYear; year++)
            {
                var counted = BruteForceRecount.Of(CountsOf(counts, agency, year));
                var expected = recount.GetValueOrDefault($"{agency}:{year}") ?? new SortedDictionary<string, decimal>(StringComparer.Ordinal);
                BruteForceRecount.Describe(counted).Should().Be(BruteForceRecount.Describe(expected), "{0} {1}", agency, year);
            }
        }, iter: Iterations);
    }

    /// <summary>The served counts of one agency and year, as <see cref="AnnualTableReader.LoadCountsAsync"/> reads them.</summary>
    internal static AnnualTables CountsOf(Dictionary<string, AnnualCounts> counts, string agency, int year)
    {
        var doc = counts.GetValueOrDefault(AnnualCounts.IdFor(agency, year))
                  ?? counts.Values.Where(c => c.AgencyCode == agency && c.Year < year).MaxBy(c => c.Year)?.IdleUntil(year)
                  ?? AnnualCounts.Create(agency, year);
        return new AnnualTables(doc.Disclosure, doc.Reviews);
    }

    /// <summary>
    /// Interleaves the applications' events at random (each stream keeps its order, as in the event store), cuts the
    /// sequence into random batches and runs each through <see cref="AnnualFlowsApplier"/> over an in-memory document
    /// store that serializes like a database, so nothing survives between batches except what was stored.
    /// </summary>
    internal static Dictionary<string, AnnualCounts> ApplyInRandomBatches(IReadOnlyList<IReadOnlyList<IApplicationEvent>> applications, Random random)
    {
        var queues = applications.Select(events => new Queue<IApplicationEvent>(events)).Where(q => q.Count > 0).ToList();
        // The stream up to each event, as the projection reads it from the store for the answer's timeliness.
        var prefixes = new Dictionary<object, IReadOnlyList<IApplicationEvent>>(ReferenceEqualityComparer.Instance);
        foreach (var events in applications)
            for (var i = 0; i < events.Count; i++) prefixes[events[i]] = [.. events.Take(i + 1)];
        var sequence = new List<IApplicationEvent>();
        while (queues.Count > 0)
        {
            var i = random.Next(queues.Count);
            sequence.Add(queues[i].Dequeue());
            if (queues[i].Count == 0) queues.RemoveAt(i);
        }

        var statistics = new Dictionary<Guid, string>();
        var counts = new Dictionary<string, string>();
        for (var start = 0; start < sequence.Count;)
        {
            var size = 1 + random.Next(random.Next(2) == 0 ? 5 : 120);
            var batch = sequence.Skip(start).Take(size).ToList();
            start += batch.Count;
            var changes = AnnualFlowsApplier.ApplyAsync(batch,
                id => Task.FromResult(statistics.TryGetValue(id, out var s) ? JsonSerializer.Deserialize<ApplicationStatistics>(s, Json) : null),
                agencies => Task.FromResult<IReadOnlyList<AnnualCounts>>([.. counts.Values
                    .Select(c => JsonSerializer.Deserialize<AnnualCounts>(c, Json)!).Where(c => agencies.Contains(c.AgencyCode))]),
                (e, stats) => Task.FromResult(stats.WithTimeliness(prefixes[e], WorkdayCalendar.Official))).GetAwaiter().GetResult();
            foreach (var s in changes.Statistics) statistics[s.Id] = JsonSerializer.Serialize(s, Json);
            foreach (var c in changes.Counts) counts[c.Id] = JsonSerializer.Serialize(c, Json);
        }
        return counts.ToDictionary(f => f.Key, f => JsonSerializer.Deserialize<AnnualCounts>(f.Value, Json)!);
    }
}

public sealed class HistoryGeneratorTests
{
    [Fact]
    public void Generated_histories_contain_every_kind_of_step_the_properties_rely_on()
    {
        var random = new Random(7);
        var history = Enumerable.Range(0, 400).Select(_ => Enumerable.Range(0, 48).Select(_ => random.Next(1_000_000)).ToArray()).ToArray();
        var kinds = AnnualFlowsPropertyTests.EventsOf(history).SelectMany(e => e)
            .Select(e => e is FactCorrected c ? $"{nameof(FactCorrected)}.{c.Fact}" : e.GetType().Name).ToHashSet();
        kinds.Should().Contain([nameof(SupplementLapsed), nameof(SupplementReceived), nameof(ReplyExtended), nameof(FeePaid), nameof(FeeLapsed),
            nameof(ApplicationAnswered), nameof(AnswerServed), nameof(ApplicationWithdrawn), nameof(ReconsiderationDecided), nameof(LawsuitFiled), nameof(LawsuitDecided),
            "FactCorrected.ReceivedOn", "FactCorrected.ApplicantType", "FactCorrected.Channel", "FactCorrected.ResultRow"]);
    }
}
