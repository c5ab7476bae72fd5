using System.Globalization;
using Projections.Annual;
using Projections.Tables;
using Workflow.Applications;
using Workflow.Calendar;

namespace Projections.Tests.Annual;

/// <summary>
/// An independent recount for the tests, written from ../shared/domain.md alone (A3-A7, A9-A13, A15): it walks each
/// application's raw events and counts every cell of tables 三 and 四 per agency and year. It shares no counting rule
/// with production: not ApplicationStatistics, the flows, the table builder, OutcomeRules, LegacyAnswerMapping,
/// ReplyPeriod or the statutory clock. It reads only the events and the calendar's working days (data, not rules).
/// Cells are named as in <see cref="Of(AnnualTables)"/>, so the two can be compared as maps.
/// </summary>
public static class BruteForceRecount
{
    private sealed record Case(DateOnly FiledOn, bool Linked, DateOnly? DecidedOn, ReviewDecision? Decision);

    private sealed class Facts
    {
        public string Agency = "";
        public DateOnly ReceivedOn;
        public ApplicantType Type;
        public Channel Channel;
        public bool Closed;               // a closing step was recorded (answer, lapse, withdrawal)
        public DateOnly? CountedClosedOn; // the date it closes for the tables (A11: an answer when it is served)
        public DateOnly? AnsweredOn;
        public DateOnly? ServedOn;
        public ResultRow? Row;
        public List<ItemResult> Items = [];
        public readonly List<(DateOnly On, int Days)> Extensions = [];
        public readonly List<DateOnly> SupplementsReceived = [];
        public readonly List<(DateOnly From, DateOnly? To)> FeePauses = [];
        public readonly List<(DateOnly From, DateOnly? RepliedOn)> Consultations = [];
        public readonly List<(DateOnly SetOn, DateOnly DueOn)> Article35 = [];
        public DateOnly? PaidOn;
        public decimal Paid;
        public readonly Dictionary<int, Case> Reconsiderations = [];
        public readonly Dictionary<int, Case> Suits = [];
    }

    /// <summary>Cell name → value, per (agency, year) key "agency:year"; zero cells are left out.</summary>
    public static Dictionary<string, SortedDictionary<string, decimal>> Count(IEnumerable<IReadOnlyList<IApplicationEvent>> applications,
        int fromYear, int toYear, WorkdayCalendar? calendar = null)
    {
        calendar ??= WorkdayCalendar.Official;
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
            var closedYear = f.CountedClosedOn?.Year;
            var extended = Extended(f);
            var late = f.ServedOn is { } served && IsLate(f, served, extended, calendar);
            for (var year = fromYear; year <= toYear; year++)
            {
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
                    // A13: 延期办结 = closed after an approved extension; 按时办结 = every other closure.
                    Add(f.Agency, year, extended ? "ClosedAfterExtension" : "ClosedOnTime", 1);
                    if (Legacy(f) is { } legacy) Add(f.Agency, year, $"Legacy.{legacy}", 1);
                    if (late) Add(f.Agency, year, "AnsweredLate", 1);
                }
                if (f.PaidOn?.Year == year) Add(f.Agency, year, "Fees", f.Paid);

                // A12: a suit is 复议后起诉 when the application had a reconsideration filed on or before the suit's date.
                var cases = f.Reconsiderations.Values.Select(r => (Block: ReviewBlock.Reconsideration, Case: r))
                    .Concat(f.Suits.Values.Select(s => (
                        Block: s.Linked || f.Reconsiderations.Values.Any(r => r.FiledOn <= s.FiledOn)
                            ? ReviewBlock.LitigationAfterReconsideration : ReviewBlock.LitigationWithoutReconsideration,
                        Case: s)));
                foreach (var (block, c) in cases)
                {
                    if (c.DecidedOn?.Year == year) Add(f.Agency, year, $"Review.{block}.{Column(c.Decision!.Value)}", 1);
                    else if (c.FiledOn.Year <= year && (c.DecidedOn is null || c.DecidedOn.Value.Year > year))
                        Add(f.Agency, year, $"Review.{block}.Pending", 1);
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
                case ReplyExtended x when !f.Closed: f.Extensions.Add((x.ExtendedOn, x.WorkingDays)); break;
                case SupplementReceived s when !f.Closed: f.SupplementsReceived.Add(s.ReceivedOn); break;
                case FeeNoticed n when !f.Closed: f.FeePauses.Add((n.NoticedOn, null)); break;
                case FeePaid p:
                    (f.PaidOn, f.Paid) = (p.PaidOn, p.Amount);
                    if (f.FeePauses.Count > 0 && f.FeePauses[^1].To is null) f.FeePauses[^1] = (f.FeePauses[^1].From, p.PaidOn);
                    break;
                case ConsultationSent c when !f.Closed: f.Consultations.Add((c.SentOn, null)); break;
                case ConsultationReplied c when c.ConsultationNumber <= f.Consultations.Count:
                    f.Consultations[c.ConsultationNumber - 1] = (f.Consultations[c.ConsultationNumber - 1].From, c.RepliedOn);
                    break;
                case DueDateSetUnderArticle35 a when !f.Closed: f.Article35.Add((a.SetOn, a.DueOn)); break;
                // A11: an answer closes on the day it is served; recorded without service it stays open until served.
                case ApplicationAnswered a when !f.Closed:
                    (f.Closed, f.AnsweredOn, f.ServedOn, f.CountedClosedOn, f.Row, f.Items) =
                        (true, a.AnsweredOn, a.ServedOn, a.ServedOn, a.Row, [.. a.Items.Select(i => i.Result)]);
                    break;
                case AnswerServed s when f.AnsweredOn is not null && f.ServedOn is null:
                    (f.ServedOn, f.CountedClosedOn) = (s.ServedOn, s.ServedOn);
                    break;
                case SupplementLapsed l when !f.Closed: (f.Closed, f.CountedClosedOn, f.Row) = (true, l.LapsedOn, ResultRow.OtherSupplementLapsed); break;
                case FeeLapsed l when !f.Closed: (f.Closed, f.CountedClosedOn, f.Row) = (true, l.LapsedOn, ResultRow.OtherFeeUnpaid); break;
                case ApplicationWithdrawn w when !f.Closed: (f.Closed, f.CountedClosedOn, f.Row) = (true, w.WithdrawnOn, ResultRow.OtherOther); break;
                case ReconsiderationFiled r: f.Reconsiderations[r.CaseNumber] = new Case(r.FiledOn, false, null, null); break;
                case ReconsiderationDecided d:
                    f.Reconsiderations[d.CaseNumber] = f.Reconsiderations[d.CaseNumber] with { DecidedOn = d.DecidedOn, Decision = d.Decision };
                    break;
                case LawsuitFiled s: f.Suits[s.CaseNumber] = new Case(s.FiledOn, s.AfterReconsideration is not null, null, null); break;
                case LawsuitDecided d: f.Suits[d.CaseNumber] = f.Suits[d.CaseNumber] with { DecidedOn = d.DecidedOn, Decision = d.Decision }; break;
                case FactCorrected { Fact: CorrectableFact.ReceivedOn } c:
                    f.ReceivedOn = DateOnly.ParseExact(c.NewValue, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    break;
                case FactCorrected { Fact: CorrectableFact.ApplicantType } c: f.Type = Enum.Parse<ApplicantType>(c.NewValue); break;
                case FactCorrected { Fact: CorrectableFact.Channel } c: f.Channel = Enum.Parse<Channel>(c.NewValue); break;
                case FactCorrected { Fact: CorrectableFact.ResultRow } c when f.Closed: f.Row = Enum.Parse<ResultRow>(c.NewValue); break;
            }
        }
        // A lapse of the fee closes its pause on the lapse date.
        if (f.Row == ResultRow.OtherFeeUnpaid && f.FeePauses.Count > 0 && f.FeePauses[^1].To is null)
            f.FeePauses[^1] = (f.FeePauses[^1].From, f.CountedClosedOn);
        return f;
    }

    /// <summary>A5: a supplement restarts the clock in full, so the period runs from the latest one; A4: its extension counts.</summary>
    private static DateOnly PeriodStart(Facts f) =>
        f.SupplementsReceived.Where(d => d > f.ReceivedOn).DefaultIfEmpty(f.ReceivedOn).Max();

    private static bool Extended(Facts f) => f.Extensions.Any(x => x.On >= PeriodStart(f));

    /// <summary>
    /// A13 with A3-A8, restated here: day 1 is the first working day after the start; consultations (until the reply or
    /// the 15th working day) and fee notices (until payment) stop the clock; 20 days (15 before 2019-05-15) plus the
    /// extension; an Art. 35 date of the period replaces the computed one. Late: served after the due date.
    /// </summary>
    private static bool IsLate(Facts f, DateOnly served, bool extended, WorkdayCalendar calendar)
    {
        var start = PeriodStart(f);
        if (f.Article35.Where(a => a.SetOn >= start).Select(a => (DateOnly?)a.DueOn).LastOrDefault() is { } article35)
            return served > article35;
        var baseDays = f.ReceivedOn < new DateOnly(2019, 5, 15) ? 15 : 20;
        var extensionDays = extended ? ExtensionDays(f, start, baseDays) : 0;
        var end = f.AnsweredOn!.Value;
        var pauses = f.FeePauses.Select(p => (p.From, To: p.To ?? end))
            .Concat(f.Consultations.Select(c =>
            {
                var fifteenth = NthWorkingDayAfter(c.From, 15, calendar);
                return (c.From, To: c.RepliedOn is { } replied && replied <= fifteenth ? replied : fifteenth);
            }))
            .ToList();
        var day = start;
        for (var counted = 0; counted < baseDays + extensionDays;)
        {
            day = day.AddDays(1);
            if (calendar.IsWorkingDay(day) && !pauses.Any(p => p.From <= day && day <= p.To)) counted++;
        }
        return served > day;
    }

    /// <summary>A4: one extension of the period, at most as long as the base limit.</summary>
    private static int ExtensionDays(Facts f, DateOnly start, int max) => Math.Min(max, f.Extensions.First(x => x.On >= start).Days);

    private static DateOnly NthWorkingDayAfter(DateOnly from, int n, WorkdayCalendar calendar)
    {
        var day = from;
        for (var counted = 0; counted < n;)
        {
            day = day.AddDays(1);
            if (calendar.IsWorkingDay(day)) counted++;
        }
        return day;
    }

    /// <summary>
    /// The pre-2019 答复 category (ADR 0009's mapping, restated on purpose): rows 1 and 5 from the item results.
    /// </summary>
    private static string? Legacy(Facts f) => f.Row switch
    {
        ResultRow.Disclosed => f.Items.Any(i => i is ItemResult.Disclosed or ItemResult.AlreadyProactivelyDisclosed)
                               && f.Items.Where(i => i is ItemResult.Disclosed or ItemResult.AlreadyProactivelyDisclosed)
                                   .All(i => i == ItemResult.AlreadyProactivelyDisclosed)
            ? "AlreadyProactivelyDisclosed" : "Agreed",
        ResultRow.UnavailableNotHeld => f.Items.Any(i => i is ItemResult.NotHeldDoesNotExist or ItemResult.NotHeldOtherAgency)
                                        && f.Items.Where(i => i is ItemResult.NotHeldDoesNotExist or ItemResult.NotHeldOtherAgency)
                                            .All(i => i == ItemResult.NotHeldOtherAgency)
            ? "NotThisAgency" : "DoesNotExist",
        ResultRow.PartlyDisclosed => "PartlyAgreed",
        ResultRow.WithheldStateSecret => "RefusedStateSecret",
        ResultRow.WithheldProhibitedByLaw or ResultRow.WithheldEnforcementFile => "RefusedOtherLegalGround",
        ResultRow.WithheldThreeSecurities => "RefusedSecurity",
        ResultRow.WithheldThirdPartyRights => "RefusedPrivacy",
        ResultRow.WithheldInternalAffairs or ResultRow.WithheldProcessInformation => "RefusedNotGovernmentInformation",
        ResultRow.UnavailableNeedsCreation => "DoesNotExist",
        ResultRow.UnavailableStillUnclear or ResultRow.OtherSupplementLapsed => "ToldToAmend",
        ResultRow.WithheldAdministrativeQuery or ResultRow.NotProcessedPetition or ResultRow.NotProcessedRepeat
            or ResultRow.NotProcessedPublication or ResultRow.NotProcessedMassRepeated or ResultRow.NotProcessedConfirmOrReissue => "ToldOtherRoute",
        _ => null,
    };

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
        foreach (var (category, count) in tables.Disclosure.LegacyAnswers) Put($"Legacy.{category}", count);
        Put("AnsweredLate", tables.Disclosure.AnsweredLate);
        Put("Fees", tables.Disclosure.FeesCollectedYuan);
        foreach (var block in Enum.GetValues<ReviewBlock>())
        foreach (var column in Enum.GetValues<ReviewResultColumn>())
            Put($"Review.{block}.{column}", tables.Reviews.Count(block, column));
        return cells;
    }

    public static string Describe(IDictionary<string, decimal> cells) => string.Join(", ", cells.Select(c => $"{c.Key}={c.Value}"));
}
