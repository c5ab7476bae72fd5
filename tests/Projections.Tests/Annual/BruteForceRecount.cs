using System.Globalization;
using Projections.Annual;
using Projections.Tables;
using Workflow.Applications;

namespace Projections.Tests.Annual;

/// <summary>
/// An independent recount for the tests: walks each application's raw events and counts every cell of tables 三 and
/// 四 per agency and year straight from the domain rules (A9-A12, A15), without ApplicationStatistics, the flows or
/// the table builder. Cells are named as in <see cref="Of(AnnualTables)"/>, so the two can be compared as maps.
/// </summary>
public static class BruteForceRecount
{
    private sealed record Case(DateOnly FiledOn, DateOnly? DecidedOn, ReviewDecision? Decision, bool AfterReconsideration);

    private sealed class Facts
    {
        public string Agency = "";
        public DateOnly ReceivedOn;
        public ApplicantType Type;
        public Channel Channel;
        public DateOnly? ClosedOn;
        public ResultRow? Row;
        public bool Extended;
        public DateOnly? PaidOn;
        public decimal Paid;
        public readonly Dictionary<int, Case> Reconsiderations = [];
        public readonly Dictionary<int, (DateOnly FiledOn, int? After, DateOnly? DecidedOn, ReviewDecision? Decision)> Suits = [];
    }

    /// <summary>Cell name → value, per (agency, year) key "agency:year"; zero cells are left out.</summary>
    public static Dictionary<string, SortedDictionary<string, decimal>> Count(IEnumerable<IReadOnlyList<IApplicationEvent>> applications, int fromYear, int toYear)
    {
        var result = new Dictionary<string, SortedDictionary<string, decimal>>();
        void Add(string agency, int year, string cell, decimal value)
        {
            if (year < fromYear || year > toYear || value == 0) return;
            var key = $"{agency}:{year}";
            if (!result.TryGetValue(key, out var cells)) result[key] = cells = new(StringComparer.Ordinal);
            cells[cell] = cells.GetValueOrDefault(cell) + value;
        }

        foreach (var events in applications)
        {
            var f = Walk(events);
            for (var year = fromYear; year <= toYear; year++)
            {
                var closedYear = f.ClosedOn?.Year;
                if (f.ReceivedOn.Year == year)
                {
                    Add(f.Agency, year, $"NewlyReceived.{f.Type}", 1);
                    Add(f.Agency, year, $"Channel.{f.Channel}", 1);
                }
                if (f.ReceivedOn.Year < year && (closedYear is null || closedYear >= year)) Add(f.Agency, year, $"CarriedIn.{f.Type}", 1);
                if (f.ReceivedOn.Year <= year && (closedYear is null || closedYear > year)) Add(f.Agency, year, $"CarriedOver.{f.Type}", 1);
                if (closedYear == year)
                {
                    Add(f.Agency, year, $"Result.{f.Row}.{f.Type}", 1);
                    Add(f.Agency, year, f.Extended ? "ClosedAfterExtension" : "ClosedOnTime", 1);
                }
                if (f.PaidOn?.Year == year) Add(f.Agency, year, "Fees", f.Paid);

                var cases = f.Reconsiderations.Values.Select(r => (Block: ReviewBlock.Reconsideration, r.FiledOn, r.DecidedOn, r.Decision))
                    .Concat(f.Suits.Values.Select(s => (
                        Block: s.After is not null || f.Reconsiderations.Values.Any(r => r.FiledOn <= s.FiledOn)
                            ? ReviewBlock.LitigationAfterReconsideration : ReviewBlock.LitigationWithoutReconsideration,
                        s.FiledOn, s.DecidedOn, s.Decision)));
                foreach (var c in cases)
                {
                    if (c.DecidedOn?.Year == year) Add(f.Agency, year, $"Review.{c.Block}.{Column(c.Decision!.Value)}", 1);
                    else if (c.FiledOn.Year <= year && (c.DecidedOn is null || c.DecidedOn.Value.Year > year))
                        Add(f.Agency, year, $"Review.{c.Block}.Pending", 1);
                }
            }
        }
        return result;
    }

    private static Facts Walk(IReadOnlyList<IApplicationEvent> events)
    {
        var f = new Facts();
        foreach (var e in events)
        {
            switch (e)
            {
                case ApplicationReceived r:
                    (f.Agency, f.ReceivedOn, f.Type, f.Channel) = (r.AgencyCode, r.ReceivedOn, r.ApplicantType, r.Channel);
                    break;
                case ReplyExtended when f.ClosedOn is null: f.Extended = true; break;
                case ApplicationAnswered a when f.ClosedOn is null: (f.ClosedOn, f.Row) = (a.AnsweredOn, a.Row); break;
                case SupplementLapsed l when f.ClosedOn is null: (f.ClosedOn, f.Row) = (l.LapsedOn, ResultRow.OtherSupplementLapsed); break;
                case FeeLapsed l when f.ClosedOn is null: (f.ClosedOn, f.Row) = (l.LapsedOn, ResultRow.OtherFeeUnpaid); break;
                case ApplicationWithdrawn w when f.ClosedOn is null: (f.ClosedOn, f.Row) = (w.WithdrawnOn, ResultRow.OtherOther); break;
                case FeePaid p: (f.PaidOn, f.Paid) = (p.PaidOn, p.Amount); break;
                case ReconsiderationFiled r: f.Reconsiderations[r.CaseNumber] = new Case(r.FiledOn, null, null, false); break;
                case ReconsiderationDecided d:
                    f.Reconsiderations[d.CaseNumber] = f.Reconsiderations[d.CaseNumber] with { DecidedOn = d.DecidedOn, Decision = d.Decision };
                    break;
                case LawsuitFiled s: f.Suits[s.CaseNumber] = (s.FiledOn, s.AfterReconsideration, null, null); break;
                case LawsuitDecided d: f.Suits[d.CaseNumber] = f.Suits[d.CaseNumber] with { DecidedOn = d.DecidedOn, Decision = d.Decision }; break;
                case FactCorrected { Fact: CorrectableFact.ReceivedOn } c:
                    f.ReceivedOn = DateOnly.ParseExact(c.NewValue, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    break;
                case FactCorrected { Fact: CorrectableFact.ApplicantType } c: f.Type = Enum.Parse<ApplicantType>(c.NewValue); break;
                case FactCorrected { Fact: CorrectableFact.Channel } c: f.Channel = Enum.Parse<Channel>(c.NewValue); break;
                case FactCorrected { Fact: CorrectableFact.ResultRow } c when f.ClosedOn is not null: f.Row = Enum.Parse<ResultRow>(c.NewValue); break;
            }
        }
        return f;
    }

    // A12, restated here on purpose rather than calling OutcomeRules.ColumnOf.
    private static string Column(ReviewDecision decision) => decision switch
    {
        ReviewDecision.Upheld or ReviewDecision.Rejected => "Upheld",
        ReviewDecision.Varied or ReviewDecision.Revoked or ReviewDecision.ConfirmedUnlawful or ReviewDecision.ConfirmedVoid
            or ReviewDecision.OrderedToPerform => "Corrected",
        _ => "Other",
    };

    /// <summary>The same cell map read off built tables.</summary>
    public static SortedDictionary<string, decimal> Of(AnnualTables tables)
    {
        var cells = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        void Put(string cell, decimal value) { if (value != 0) cells[cell] = value; }
        foreach (var type in Enum.GetValues<ApplicantType>())
        {
            var column = tables.Disclosure.Column(type);
            Put($"NewlyReceived.{type}", column.NewlyReceived);
            Put($"CarriedIn.{type}", column.CarriedIn);
            Put($"CarriedOver.{type}", column.CarriedOver);
            foreach (var row in Enum.GetValues<ResultRow>()) Put($"Result.{row}.{type}", column.Result(row));
        }
        foreach (var channel in Enum.GetValues<Channel>()) Put($"Channel.{channel}", tables.Disclosure.ReceivedByChannel.GetValueOrDefault(channel));
        Put("ClosedOnTime", tables.Disclosure.ClosedOnTime);
        Put("ClosedAfterExtension", tables.Disclosure.ClosedAfterExtension);
        Put("Fees", tables.Disclosure.FeesCollectedYuan);
        foreach (var block in Enum.GetValues<ReviewBlock>())
        foreach (var column in Enum.GetValues<ReviewResultColumn>())
            Put($"Review.{block}.{column}", tables.Reviews.Count(block, column));
        return cells;
    }

    public static string Describe(IDictionary<string, decimal> cells) => string.Join(", ", cells.Select(c => $"{c.Key}={c.Value}"));
}
