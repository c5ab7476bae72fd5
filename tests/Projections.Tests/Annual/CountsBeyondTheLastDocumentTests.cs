using System.Text.Json;
using System.Text.Json.Serialization;
using Projections.Annual;
using Projections.Tables;
using Workflow.Applications;
using Workflow.Calendar;

namespace Projections.Tests.Annual;

/// <summary>
/// The per-(agency, year) counts (ADR 0024) when an application that is still counting (a lawsuit pending) has dated
/// facts in a year after the agency's last count document: the years after the last document are read idle (what was
/// carried over is carried in and over again), so the projection must write every year up to the application's last
/// dated one. Found by the property test's seed 03zEr1wCU0n2: an answer served on 12 January 2023 to an application
/// received on 22 December 2022, with a lawsuit filed in February 2023, was counted as carried over out of 2023 instead
/// of closed in 2023 (A11: an answer counts in the year it is served), and its lawsuit was missing from 2023's 尚未审结
/// (A12). The projection core runs here over an in-memory store, batch by batch, as the daemon would.
/// </summary>
public sealed class CountsBeyondTheLastDocumentTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private const string Agency = "gov-land";
    private const string Clerk = "clerk.li";
    private static readonly Guid Welfare = Guid.Parse("000000c4-2024-1220-0000-000000000001");
    private static readonly Guid Later = Guid.Parse("00000091-2024-1220-0000-000000000001");

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static ApplicationReceived Received(Guid id, DateOnly on, ApplicantType type) => new(id, Agency, $"GL-{id:N}", 1, null, on,
        Channel.Online, type, new Applicant("申请人", null, "13800000000", null, null), [new RequestedItem(1, "信息1")], RequestedForm.Paper, Clerk);

    /// <summary>The application of the failing sample: received 2022-12-22, answered and served 2023-01-12, sued 2023-02-05.</summary>
    private static IApplicationEvent[] WelfareHistory =>
    [
        Received(Welfare, D(2022, 12, 22), ApplicantType.SocialWelfareOrganization),
        new ApplicationAnswered(Welfare, D(2023, 1, 12), [new ItemAnswer(1, ItemResult.NeedsCreation, "需另行制作")],
            ResultRow.UnavailableNeedsCreation, false, "答复196", ServiceMethod.Post, D(2023, 1, 12), Clerk),
        new LawsuitFiled(Welfare, 1, D(2023, 2, 5), "区人民法院", null, null, Clerk),
    ];

    [Fact]
    public void an_answer_served_in_the_year_after_the_last_document_with_a_lawsuit_pending_closes_in_that_year()
    {
        var counts = Apply([.. WelfareHistory]);

        var y2022 = CountsOf(counts, 2022);
        y2022.Disclosure.Column(ApplicantType.SocialWelfareOrganization).CarriedOver.Should().Be(1, "open on 31 December 2022");

        var y2023 = CountsOf(counts, 2023);
        var column = y2023.Disclosure.Column(ApplicantType.SocialWelfareOrganization);
        column.CarriedIn.Should().Be(1);
        column.Result(ResultRow.UnavailableNeedsCreation).Should().Be(1, "the answer was served on 12 January 2023 (A11)");
        column.CarriedOver.Should().Be(0, "closed in 2023, whatever its lawsuit");
        y2023.Disclosure.ClosedOnTime.Should().Be(1);
        y2023.Disclosure.LegacyAnswers.GetValueOrDefault(LegacyAnswerCategory.DoesNotExist).Should().Be(1);
        y2023.Reviews.Count(ReviewBlock.LitigationWithoutReconsideration, ReviewResultColumn.Pending).Should().Be(1, "filed in 2023, open on 31 December (A12)");
        y2023.Disclosure.CheckIdentity().Should().BeEmpty();

        var y2024 = CountsOf(counts, 2024);
        y2024.Disclosure.Column(ApplicantType.SocialWelfareOrganization).CarriedIn.Should().Be(0);
        y2024.Reviews.Count(ReviewBlock.LitigationWithoutReconsideration, ReviewResultColumn.Pending).Should().Be(1, "still pending");

        MatchesTheRecount(counts, [WelfareHistory]);
    }

    [Fact]
    public void the_year_opened_by_a_later_receipt_in_the_same_batch_does_not_carry_the_closed_application_over()
    {
        // As in the failing sample: the 2023 document is first written for another application received in 2023, after
        // the first one was counted (carried over out of 2022).
        IApplicationEvent[] later = [Received(Later, D(2023, 2, 14), ApplicantType.CommercialEnterprise)];
        var counts = Apply([.. WelfareHistory, .. later]);

        var y2023 = CountsOf(counts, 2023);
        y2023.Disclosure.Column(ApplicantType.SocialWelfareOrganization).CarriedOver.Should().Be(0);
        y2023.Disclosure.Column(ApplicantType.SocialWelfareOrganization).Result(ResultRow.UnavailableNeedsCreation).Should().Be(1);
        y2023.Disclosure.Column(ApplicantType.CommercialEnterprise).NewlyReceived.Should().Be(1);
        y2023.Reviews.Count(ReviewBlock.LitigationWithoutReconsideration, ReviewResultColumn.Pending).Should().Be(1);

        MatchesTheRecount(counts, [WelfareHistory, later]);
    }

    [Fact]
    public void the_answer_and_the_lawsuit_recorded_in_a_later_batch_move_the_application_into_the_year_of_service()
    {
        var history = WelfareHistory;
        var counts = Apply([history[0]]);
        CountsOf(counts, 2023).Disclosure.Column(ApplicantType.SocialWelfareOrganization).CarriedOver.Should().Be(1, "still open");

        counts = Apply([history[1], history[2]], counts, [history[0]]);

        var y2023 = CountsOf(counts, 2023);
        y2023.Disclosure.Column(ApplicantType.SocialWelfareOrganization).Result(ResultRow.UnavailableNeedsCreation).Should().Be(1);
        y2023.Disclosure.Column(ApplicantType.SocialWelfareOrganization).CarriedOver.Should().Be(0);
        y2023.Reviews.Count(ReviewBlock.LitigationWithoutReconsideration, ReviewResultColumn.Pending).Should().Be(1);
        MatchesTheRecount(counts, [history]);
    }

    [Fact]
    public void a_fee_paid_early_in_the_new_year_by_a_still_open_application_counts_in_that_year()
    {
        // The same gap at every year's turn in live use: the first thing an agency records in a new year is a payment.
        IApplicationEvent[] history =
        [
            Received(Welfare, D(2022, 11, 28), ApplicantType.SocialWelfareOrganization),
            new FeeNoticed(Welfare, D(2022, 12, 20), FeeMethod.PerPage, 120, 100m, 100m, Clerk),
            new FeePaid(Welfare, D(2023, 1, 5), 100m, Clerk),
        ];
        var counts = Apply(history);

        CountsOf(counts, 2022).Disclosure.FeesCollectedYuan.Should().Be(0);
        var y2023 = CountsOf(counts, 2023);
        y2023.Disclosure.FeesCollectedYuan.Should().Be(100m, "paid on 5 January 2023");
        y2023.Disclosure.Column(ApplicantType.SocialWelfareOrganization).CarriedOver.Should().Be(1, "still open");
        MatchesTheRecount(counts, [history]);
    }

    private static void MatchesTheRecount(Dictionary<string, AnnualCounts> counts, IReadOnlyList<IReadOnlyList<IApplicationEvent>> applications)
    {
        var recount = BruteForceRecount.Count(applications, 2021, 2025);
        for (var year = 2021; year <= 2025; year++)
        {
            var expected = recount.GetValueOrDefault($"{Agency}:{year}") ?? new SortedDictionary<string, decimal>(StringComparer.Ordinal);
            BruteForceRecount.Describe(BruteForceRecount.Of(CountsOf(counts, year))).Should().Be(BruteForceRecount.Describe(expected), "{0}", year);
        }
    }

    private static AnnualTables CountsOf(Dictionary<string, AnnualCounts> counts, int year) => AnnualFlowsPropertyTests.CountsOf(counts, Agency, year);

    /// <summary>One batch through <see cref="AnnualFlowsApplier"/> over the stored documents (serialized as in a database).</summary>
    private static Dictionary<string, AnnualCounts> Apply(IReadOnlyList<IApplicationEvent> batch,
        Dictionary<string, AnnualCounts>? stored = null, IReadOnlyList<IApplicationEvent>? earlier = null)
    {
        var counts = (stored ?? []).ToDictionary(c => c.Key, c => JsonSerializer.Serialize(c.Value, Json));
        var statistics = new Dictionary<Guid, string>();
        foreach (var s in (earlier ?? []).GroupBy(e => e.ApplicationId).Select(g => ApplicationStatistics.FoldAll([.. g], WorkdayCalendar.Official)!))
            statistics[s.Id] = JsonSerializer.Serialize(s, Json);
        var all = (earlier ?? []).Concat(batch).ToList();
        var changes = AnnualFlowsApplier.ApplyAsync(batch,
            id => Task.FromResult(statistics.TryGetValue(id, out var s) ? JsonSerializer.Deserialize<ApplicationStatistics>(s, Json) : null),
            agencies => Task.FromResult<IReadOnlyList<AnnualCounts>>([.. counts.Values
                .Select(c => JsonSerializer.Deserialize<AnnualCounts>(c, Json)!).Where(c => agencies.Contains(c.AgencyCode))]),
            (e, stats) => Task.FromResult(stats.WithTimeliness(
                [.. all.Take(all.IndexOf(e) + 1).Where(h => h.ApplicationId == e.ApplicationId)], WorkdayCalendar.Official))).GetAwaiter().GetResult();
        foreach (var c in changes.Counts) counts[c.Id] = JsonSerializer.Serialize(c, Json);
        return counts.ToDictionary(c => c.Key, c => JsonSerializer.Deserialize<AnnualCounts>(c.Value, Json)!);
    }
}
