using Marten;
using Projections.Annual;
using Projections.Tables;
using Projections.Tests.Support;
using Workflow.Applications;

namespace Projections.Tests.Annual;

/// <summary>
/// Generated histories sent through the real commands (Wolverine handlers, Marten) and projected by the real daemon:
/// the served tables equal the independent recount of the stored events, a table over several agencies is the sum of
/// theirs (A14), and rebuilding the projection from the events changes nothing.
/// </summary>
public sealed class AnnualTablesDatabasePropertyTests(AnnualAppFixture app) : AnnualContext(app)
{
    private const int FromYear = 2018;
    private const int ToYear = 2024;

    private async Task<List<Guid>> SendAsync(int applications, int seed)
    {
        var random = new Random(seed);
        var history = Enumerable.Range(0, applications).Select(_ => Enumerable.Range(0, 48).Select(_ => random.Next(1_000_000)).ToArray()).ToArray();
        var ids = new Guid[applications];
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(HistoryGenerator.Build(history).Select(async script =>
        {
            await gate.WaitAsync();
            try
            {
                var registered = await App.Commands.RegisterAsync(script.Registration);
                registered.Refusal.Should().BeNull();
                var id = ids[script.Index] = registered.Result!.ApplicationId;
                var version = 1;
                foreach (var step in script.Steps)
                {
                    var outcome = await App.Commands.SendAsync(step(id, version));
                    outcome.Refusal.Should().BeNull("script {0}: {1}", script.Index, step(id, version));
                    version = outcome.Application!.Version;
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        await App.CatchUpAsync();
        return [.. ids];
    }

    private async Task<Dictionary<string, AnnualTables>> ServedAsync(IEnumerable<string[]> agencySets)
    {
        var tables = new Dictionary<string, AnnualTables>();
        await using var session = App.Store.QuerySession();
        var reader = new AnnualTableReader(session);
        foreach (var agencies in agencySets)
        for (var year = FromYear; year <= ToYear + 1; year++)
        {
            var detailed = tables[$"{string.Join("+", agencies)}:{year}"] = await reader.LoadAsync(agencies, year);
            // The served counts (one small document per agency, ADR 0024) equal the tables built with every id.
            var counts = await reader.LoadCountsAsync(agencies, year);
            BruteForceRecount.Describe(BruteForceRecount.Of(counts)).Should().Be(
                BruteForceRecount.Describe(BruteForceRecount.Of(detailed)), "the counts of {0} {1}", string.Join("+", agencies), year);
        }
        return tables;
    }

    private static IEnumerable<string[]> Singles => HistoryGenerator.Agencies.Select(a => new[] { a });

    private static Dictionary<string, string> Described(Dictionary<string, AnnualTables> tables) =>
        tables.ToDictionary(t => t.Key, t => BruteForceRecount.Describe(BruteForceRecount.Of(t.Value))
            + " | " + string.Join(";", t.Value.Disclosure.ApplicationIds.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => $"{p.Key}={string.Join(",", p.Value.Order())}")));

    [Fact]
    public async Task Two_hundred_applications_through_commands_and_daemon_equal_the_recount_and_survive_a_rebuild()
    {
        var ids = await SendAsync(200, seed: 20241220);

        List<IReadOnlyList<IApplicationEvent>> streams = [];
        await using (var session = App.Store.QuerySession())
            foreach (var id in ids)
                streams.Add([.. (await session.Events.FetchStreamAsync(id)).Select(e => (IApplicationEvent)e.Data)]);
        var recount = BruteForceRecount.Count(streams, FromYear, ToYear);

        var served = await ServedAsync(Singles);
        foreach (var agency in HistoryGenerator.Agencies)
        for (var year = FromYear; year <= ToYear; year++)
        {
            var table = served[$"{agency}:{year}"];
            table.Disclosure.CheckIdentity().Should().BeEmpty();
            BruteForceRecount.Describe(BruteForceRecount.Of(table)).Should().Be(
                BruteForceRecount.Describe(recount.GetValueOrDefault($"{agency}:{year}") ?? new(StringComparer.Ordinal)), "{0} {1}", agency, year);
        }
        served.Values.Sum(t => t.Disclosure.NewlyReceivedTotal()).Should().Be(200);

        await App.Rebuild.RebuildAsync();
        await App.CatchUpAsync();
        Described(await ServedAsync(Singles)).Should().Equal(Described(served));
    }

    [Fact]
    public async Task The_drill_down_of_every_cell_loaded_on_demand_equals_the_ids_behind_the_built_table()
    {
        await SendAsync(80, seed: 1717);
        await using var session = App.Store.QuerySession();
        var reader = new AnnualTableReader(session);
        var cells = 0;
        foreach (var agencies in Singles.Append(HistoryGenerator.Agencies))
        for (var year = FromYear; year <= ToYear; year++)
        {
            var detailed = await reader.LoadAsync(agencies, year);
            foreach (var type in Enum.GetValues<ApplicantType>())
            {
                DisclosureFact[] facts = [DisclosureFact.NewlyReceived(type), DisclosureFact.CarriedIn(type), DisclosureFact.CarriedOver(type),
                    .. Enum.GetValues<ResultRow>().Select(row => DisclosureFact.Result(row, type))];
                foreach (var fact in facts)
                {
                    var expected = detailed.Disclosure.IdsOf(fact).Order().ToList();
                    (await reader.DrillDownAsync(agencies, year, fact)).Should().Equal(expected, "{0} {1} {2}", string.Join("+", agencies), year, fact);
                    cells += expected.Count > 0 ? 1 : 0;
                }
            }
            foreach (var fact in new[] { DisclosureFact.ClosedOnTime, DisclosureFact.ClosedAfterExtension, DisclosureFact.AnsweredLate, DisclosureFact.FeeCollected }
                         .Concat(Enum.GetValues<Channel>().Select(DisclosureFact.ReceivedVia)))
                (await reader.DrillDownAsync(agencies, year, fact)).Should().Equal(detailed.Disclosure.IdsOf(fact).Distinct().Order(), "{0} {1}", year, fact);
            foreach (var block in Enum.GetValues<ReviewBlock>())
            foreach (var column in Enum.GetValues<ReviewResultColumn>())
                (await reader.DrillDownAsync(agencies, year, block, column)).Should()
                    .Equal(detailed.Reviews.ApplicationsOf(block, column).Order(), "{0} {1} {2}.{3}", string.Join("+", agencies), year, block, column);
        }
        cells.Should().BeGreaterThan(50, "the histories fill many cells");
    }

    [Fact]
    public async Task A14_table_over_several_agencies_equals_the_sum_of_their_tables()
    {
        await SendAsync(60, seed: 14);
        var singles = await ServedAsync(Singles);
        var all = await ServedAsync([HistoryGenerator.Agencies]);
        for (var year = FromYear; year <= ToYear; year++)
        {
            // The sum of the agencies' tables, cell by cell, as the test adds them up (independent of the reader).
            var sum = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var (cell, value) in HistoryGenerator.Agencies.SelectMany(a => BruteForceRecount.Of(singles[$"{a}:{year}"])))
                sum[cell] = sum.GetValueOrDefault(cell) + value;
            foreach (var zero in sum.Where(c => c.Value == 0).Select(c => c.Key).ToList()) sum.Remove(zero); // as Of leaves zeros out
            var tree = all[$"{string.Join("+", HistoryGenerator.Agencies)}:{year}"];
            BruteForceRecount.Of(tree).Should().Equal(sum, "year {0}", year);
            tree.Disclosure.CheckIdentity().Should().BeEmpty();
        }
        all.Values.Sum(t => t.Disclosure.NewlyReceivedTotal()).Should().Be(60);
    }

    [Fact]
    public async Task Rebuild_from_the_events_gives_identical_tables_after_corrections()
    {
        await SendAsync(40, seed: 3);
        var id = await RegisterAsync(D(2023, 12, 28));
        await AnswerAsync(id, D(2024, 1, 8), ItemResult.Disclosed);
        await CorrectAsync(id, CorrectableFact.ReceivedOn, "2024-01-02");
        await CorrectAsync(id, CorrectableFact.ApplicantType, nameof(ApplicantType.OtherOrganization));
        await App.CatchUpAsync();
        var agencies = Singles.Append([Agency]).ToList();
        var before = await ServedAsync(agencies);

        await App.Rebuild.RebuildAsync();
        await App.CatchUpAsync();

        Described(await ServedAsync(agencies)).Should().Equal(Described(before));
        before[$"{Agency}:2023"].Disclosure.NewlyReceivedTotal().Should().Be(0);
        before[$"{Agency}:2024"].Disclosure.Column(ApplicantType.OtherOrganization).Result(ResultRow.Disclosed).Should().Be(1);

        // The daemon keeps projecting after the rebuild.
        var countedBefore = (await CountsAsync(2024)).Disclosure.Column(ApplicantType.NaturalPerson).NewlyReceived;
        var later = await RegisterAsync(D(2024, 2, 1), agency: Agency);
        (await App.TablesAsync(2024, Agency)).Disclosure.IdsOf(DisclosureFact.NewlyReceived(ApplicantType.NaturalPerson)).Should().Contain(later);
        // The served counts show it in the next read once the daemon has projected it (no cache in between).
        (await CountsAsync(2024)).Disclosure.Column(ApplicantType.NaturalPerson).NewlyReceived.Should().Be(countedBefore + 1);
    }

    [Fact]
    public async Task The_in_memory_rebuild_writes_the_same_documents_as_the_replay_through_the_daemon()
    {
        await SendAsync(150, seed: 20261201);
        var id = await RegisterAsync(D(2023, 12, 28));
        await AnswerAsync(id, D(2024, 1, 8), ItemResult.Disclosed);
        await CorrectAsync(id, CorrectableFact.ReceivedOn, "2024-01-02");
        await App.CatchUpAsync();
        var agencies = Singles.Append(HistoryGenerator.Agencies).Append([Agency]).ToList();
        var projected = Described(await ServedAsync(agencies));

        await App.Rebuild.RebuildThroughDaemonAsync(null);
        await App.CatchUpAsync();
        var throughDaemon = await DocumentsAsync();
        throughDaemon.Statistics.Should().HaveCountGreaterThan(150);

        var reports = new List<RebuildProgress>();
        await App.Rebuild.RebuildAsync(new Reports(reports));
        await App.CatchUpAsync();
        var inMemory = await DocumentsAsync();

        // Document for document, as the daemon's batches write them (statistics with their timeliness, counts per year).
        inMemory.Statistics.Should().Equal(throughDaemon.Statistics);
        inMemory.Counts.Should().Equal(throughDaemon.Counts);
        Described(await ServedAsync(agencies)).Should().Equal(projected);
        reports.Should().NotBeEmpty();
        reports[^1].Reached.Should().Be(reports[^1].LastEvent, "the last report says every event was replayed");
        reports[^1].LastEvent.Should().BeGreaterThan(150 * 2);

        // The daemon continues from the rebuilt position: a new application is counted once, not replayed twice.
        var countedBefore = (await CountsAsync(2024)).Disclosure.Column(ApplicantType.NaturalPerson).NewlyReceived;
        await RegisterAsync(D(2024, 3, 1));
        await App.CatchUpAsync();
        (await CountsAsync(2024)).Disclosure.Column(ApplicantType.NaturalPerson).NewlyReceived.Should().Be(countedBefore + 1);
    }

    [Fact]
    public async Task A_rebuild_that_runs_out_of_time_fails_loudly_and_the_next_one_restores_the_tables()
    {
        await SendAsync(30, seed: 1201); // a seed whose daemon-built review counts once missed decisions (AgencyCountBook)
        var agencies = Singles.ToList();
        var before = Described(await ServedAsync(agencies));
        var indexes = await StatisticsIndexesAsync();
        indexes.Should().Contain(i => i.Contains("mt_doc_applicationstatistics_idx_counting"));

        var timedOut = () => App.Rebuild.RebuildAsync(null, TimeSpan.FromTicks(1));
        (await timedOut.Should().ThrowAsync<AnnualTablesRebuildFailedException>()).Which.Message.Should().Contain("rebuildtables");
        (await StatisticsIndexesAsync()).Should().Equal(indexes, "a failed rebuild puts back the indexes it dropped for the bulk load");

        await App.Rebuild.RebuildAsync();
        await App.CatchUpAsync();
        Described(await ServedAsync(agencies)).Should().Equal(before);
        (await StatisticsIndexesAsync()).Should().Equal(indexes, "the rebuild builds the statistics' indexes again after the bulk load");
    }

    [Fact]
    public async Task A_rebuild_stopped_after_dropping_the_indexes_puts_them_back()
    {
        await SendAsync(20, seed: 1202);
        var indexes = await StatisticsIndexesAsync();
        // Cancelled from the first progress report: the indexes are dropped by then and the bulk load is under way.
        using var cancel = new CancellationTokenSource();
        var stopped = () => App.Rebuild.RebuildAsync(new CancelOnReport(cancel), null, cancel.Token);
        await stopped.Should().ThrowAsync<Exception>();
        (await StatisticsIndexesAsync()).Should().Equal(indexes);

        await App.Rebuild.RebuildAsync();
        await App.CatchUpAsync();
    }

    /// <summary>The definitions of every index of the statistics table, in name order.</summary>
    private async Task<List<string>> StatisticsIndexesAsync()
    {
        await using var connection = App.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "select indexdef from pg_indexes where schemaname = @schema and tablename = 'mt_doc_applicationstatistics' order by indexname", connection);
        command.Parameters.AddWithValue("schema", App.Store.Options.DatabaseSchemaName);
        var definitions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) definitions.Add(reader.GetString(0));
        return definitions;
    }

    private sealed class CancelOnReport(CancellationTokenSource cancel) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => cancel.Cancel();
    }

    private async Task<(List<string> Statistics, List<string> Counts)> DocumentsAsync()
    {
        await using var session = App.Store.QuerySession();
        var serializer = App.Store.Options.Serializer();
        var statistics = await session.Query<ApplicationStatistics>().OrderBy(s => s.Id).ToListAsync();
        var counts = await session.Query<AnnualCounts>().OrderBy(c => c.Id).ToListAsync();
        return ([.. statistics.Select(serializer.ToJson)], [.. counts.Select(serializer.ToJson)]);
    }

    /// <summary>Collects the reports on the reporting thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class Reports(List<RebuildProgress> reports) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => reports.Add(value);
    }

    private async Task<AnnualTables> CountsAsync(int year)
    {
        await using var session = App.Store.QuerySession();
        return await new AnnualTableReader(session).LoadCountsAsync([Agency], year);
    }
}
