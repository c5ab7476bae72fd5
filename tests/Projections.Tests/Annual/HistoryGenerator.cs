using CsCheck;
using Workflow.Applications;
using Workflow.Calendar;

namespace Projections.Tests.Annual;

/// <summary>One application as staff would log it: the registration and its steps, bound to an id and version when sent.</summary>
public sealed record ApplicationScript(int Index, RegisterApplication Registration, IReadOnlyList<Func<Guid, int, IApplicationCommand>> Steps);

/// <summary>
/// Random valid histories: each application is a vector of random choices (so CsCheck can shrink it) turned into a
/// lifecycle that the real decisions accept — 补正 (received or lapsed), extensions, fees (paid or lapsed), answers
/// with mixed item results and staff choices, withdrawals, applications left open, reconsiderations and lawsuits
/// (decided or pending, after reconsideration or direct), and corrections of receipt date, applicant type, channel
/// and result row. Dates run from 2019 to "today" (2024-12-20); a step that would fall after today is not taken.
/// Steps are back-dated and recorded out of order the way staff do (issue 13): an answer served later (possibly in
/// the next year) through its own step, an extension approved before a 补正 and recorded after the supplement, a
/// lawsuit recorded before a reconsideration filed earlier.
/// </summary>
public static class HistoryGenerator
{
    public const string Clerk = "clerk.gen";
    public static readonly DateOnly Today = new(2024, 12, 20);
    public static readonly DateOnly Earliest = new(2019, 1, 1);
    public static readonly string[] Agencies = ["gov", "gov-edu", "gov-land"];

    public static readonly Gen<int[]> Choices = Gen.Int[0, 999_999].Array[48];

    public static Gen<int[][]> Histories(int min, int max) => Choices.Array[min, max];

    public static IReadOnlyList<ApplicationScript> Build(int[][] history) => [.. history.Select(Build)];

    private sealed class Cursor(int[] choices)
    {
        private int next;
        public int Next(int n) => n <= 1 ? 0 : choices[next++ % choices.Length] % n;
        public bool Chance(int percent) => Next(100) < percent;
        public T Of<T>(IReadOnlyList<T> values) => values[Next(values.Count)];
    }

    public static ApplicationScript Build(int[] choices, int index)
    {
        var c = new Cursor(choices);
        var agency = c.Of(Agencies);
        var received = Earliest.AddDays(c.Next(Today.DayNumber - Earliest.DayNumber + 1));
        var type = c.Of(Enum.GetValues<ApplicantType>());
        var channel = c.Of(Enum.GetValues<Channel>());
        var items = 1 + c.Next(3);
        var registration = new RegisterApplication(agency, received, channel, type,
            new Applicant($"申请人{index}", null, "13800000000", null, null),
            [.. Enumerable.Range(1, items).Select(i => $"信息{index}-{i}")], RequestedForm.Paper, $"gen:{index}", Clerk);

        var steps = new List<Func<Guid, int, IApplicationCommand>>();
        var date = received;
        var stopped = false;
        var supplementReceived = false;
        DateOnly? closedOn = null;
        DateOnly? firstStep = null;
        ResultRow? row = null;

        // Moves the date on; false (and no more lifecycle steps) once it would pass today.
        bool At(DateOnly next, out DateOnly on)
        {
            on = next;
            if (stopped || next > Today) return !(stopped = true);
            date = next;
            firstStep ??= next;
            return true;
        }

        if (c.Chance(20) && At(date.AddDays(1 + c.Next(5)), out var requested))
        {
            var deadline = requested.AddDays(15);
            steps.Add((id, v) => new RequestSupplement(id, v, requested, deadline, "请明确所需信息", Clerk));
            if (c.Chance(30))
            {
                if (At(deadline.AddDays(1 + c.Next(10)), out var lapsed))
                {
                    steps.Add((id, v) => new RecordSupplementLapsed(id, v, lapsed, Clerk));
                    closedOn = lapsed;
                    row = ResultRow.OtherSupplementLapsed;
                }
            }
            else if (At(requested.AddDays(1 + c.Next(14)), out var supplied))
            {
                steps.Add((id, v) => new RecordSupplement(id, v, supplied, "已补正", Clerk));
                supplementReceived = true;
                // Back-dated, as staff do: an extension approved before the 补正 notice, recorded only now. The restart
                // drops it (A5), so a later extension in the restarted period is still allowed.
                if (c.Chance(30))
                {
                    var backDated = received.AddDays(c.Next(requested.DayNumber - received.DayNumber));
                    var backDays = 1 + c.Next(15);
                    if (firstStep is null || backDated < firstStep) firstStep = backDated;
                    steps.Add((id, v) => new ExtendReply(id, v, backDated, backDays, "办公室主任", "补正前已批准延期", Clerk));
                }
            }
        }
        if (closedOn is null && !stopped && c.Chance(25) && At(date.AddDays(1 + c.Next(20)), out var extendedOn))
        {
            var days = 1 + c.Next(15);
            steps.Add((id, v) => new ExtendReply(id, v, extendedOn, days, "办公室主任", "需要协调", Clerk));
        }
        if (closedOn is null && !stopped && c.Chance(15) && At(date.AddDays(1 + c.Next(10)), out var noticedOn))
        {
            var pages = 31 + c.Next(120);
            steps.Add((id, v) => new NoticeFee(id, v, noticedOn, FeeMethod.PerPage, pages, null, Clerk));
            if (c.Chance(30))
            {
                if (At(noticedOn.AddDays(45 + c.Next(15)), out var lapsed))
                {
                    steps.Add((id, v) => new RecordFeeLapsed(id, v, lapsed, Clerk));
                    closedOn = lapsed;
                    row = ResultRow.OtherFeeUnpaid;
                }
            }
            else if (At(noticedOn.AddDays(1 + c.Next(15)), out var paidOn))
            {
                var amount = Workflow.Clock.FeeSchedule.ProposePerPage(pages);
                steps.Add((id, v) => new RecordFeePaid(id, v, paidOn, amount, Clerk));
            }
        }
        if (closedOn is null && !stopped)
        {
            var ending = c.Next(100);
            if (ending < 72 && At(date.AddDays(1 + c.Next(40)), out var answeredOn))
            {
                var allowed = Enum.GetValues<ItemResult>().Where(r => supplementReceived || r != ItemResult.StillUnclearAfterSupplement).ToArray();
                var results = Enumerable.Range(0, items).Select(_ => c.Of(allowed)).ToList();
                var choosable = OutcomeRules.ChoosableRows(results);
                ResultRow? chosen = choosable.Count > 0 && c.Chance(40) ? c.Of(choosable) : null;
                // Often the service is recorded later (A11: the answer counts when served, possibly next year).
                var servedLater = c.Chance(35);
                steps.Add((id, v) => new AnswerApplication(id, v, answeredOn,
                    [.. results.Select((r, i) => new ItemAnswer(i + 1, r, OutcomeRules.RowOf(r) == ResultRow.Disclosed ? null : "理由"))],
                    chosen, $"答复{index}", servedLater ? null : ServiceMethod.Post, servedLater ? null : answeredOn, Clerk));
                closedOn = answeredOn;
                row = OutcomeRules.DeriveRow(results, chosen);
                if (servedLater && At(answeredOn.AddDays(c.Next(25)), out var servedOn))
                    steps.Add((id, v) => new RecordAnswerServed(id, v, ServiceMethod.Post, servedOn, Clerk));
            }
            else if (ending < 82 && At(date.AddDays(1 + c.Next(30)), out var withdrawnOn))
            {
                steps.Add((id, v) => new WithdrawApplication(id, v, withdrawnOn, "申请人撤回", Clerk));
                closedOn = withdrawnOn;
                row = ResultRow.OtherOther;
            }
        }
        if (closedOn is not null && !stopped)
        {
            var kind = c.Next(100);
            if (kind < 15 && At(date.AddDays(1 + c.Next(60)), out var filedOn))
            {
                steps.Add((id, v) => new FileReconsideration(id, v, filedOn, "市人民政府", null, Clerk));
                if (c.Chance(70) && At(filedOn.AddDays(30 + c.Next(120)), out var decidedOn))
                {
                    var decision = c.Of(Enum.GetValues<ReviewDecision>().Where(d => d != ReviewDecision.SuitDismissed).ToArray());
                    steps.Add((id, v) => new DecideReconsideration(id, v, 1, decidedOn, decision, null, Clerk));
                    if (c.Chance(40) && At(decidedOn.AddDays(1 + c.Next(15)), out var suedOn))
                    {
                        int? after = c.Chance(50) ? 1 : null; // without the link the earlier reconsideration still makes it 复议后起诉 (A12)
                        steps.Add((id, v) => new FileLawsuit(id, v, suedOn, "区人民法院", null, after, Clerk));
                        if (c.Chance(60) && At(suedOn.AddDays(60 + c.Next(200)), out var judgedOn))
                        {
                            var judgement = c.Of(Enum.GetValues<ReviewDecision>());
                            steps.Add((id, v) => new DecideLawsuit(id, v, 1, judgedOn, judgement, null, Clerk));
                        }
                    }
                }
            }
            else if (kind < 28 && At(date.AddDays(10 + c.Next(60)), out var suedFirst))
            {
                // Recorded out of order, as staff do: the suit first, then a reconsideration back-dated to before it
                // (A12 by dates: 复议后起诉), on the same day, or filed after it (the suit stays 未经复议直接起诉).
                var reconsideredOn = c.Chance(70) ? suedFirst.AddDays(-c.Next(10)) : suedFirst.AddDays(1 + c.Next(5));
                if (reconsideredOn > Today) reconsideredOn = suedFirst;
                steps.Add((id, v) => new FileLawsuit(id, v, suedFirst, "区人民法院", null, null, Clerk));
                steps.Add((id, v) => new FileReconsideration(id, v, reconsideredOn, "市人民政府", null, Clerk));
                if (c.Chance(50) && At(suedFirst.AddDays(60 + c.Next(200)), out var judgedOn))
                {
                    var judgement = c.Of(Enum.GetValues<ReviewDecision>());
                    steps.Add((id, v) => new DecideLawsuit(id, v, 1, judgedOn, judgement, null, Clerk));
                }
            }
            else if (kind < 34 && At(date.AddDays(1 + c.Next(90)), out var suedOn))
            {
                steps.Add((id, v) => new FileLawsuit(id, v, suedOn, "区人民法院", null, null, Clerk));
                if (c.Chance(60) && At(suedOn.AddDays(60 + c.Next(200)), out var judgedOn))
                {
                    var judgement = c.Of(Enum.GetValues<ReviewDecision>());
                    steps.Add((id, v) => new DecideLawsuit(id, v, 1, judgedOn, judgement, null, Clerk));
                }
            }
        }

        // Corrections (A15), recorded today, in any state.
        var receivedNow = received;
        if (c.Chance(10))
        {
            // A receipt date may not be corrected past the first recorded step (the write side refuses it).
            var latest = firstStep ?? Today;
            var moved = receivedNow.AddDays(c.Next(81) - 40);
            if (moved > latest) moved = latest;
            if (moved != receivedNow)
            {
                var text = moved.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                steps.Add((id, v) => new CorrectFact(id, v, Today, CorrectableFact.ReceivedOn, text, "收到日期登记有误", Clerk));
                receivedNow = moved;
            }
        }
        if (c.Chance(10))
        {
            var other = c.Of(Enum.GetValues<ApplicantType>().Where(t => t != type).ToArray());
            steps.Add((id, v) => new CorrectFact(id, v, Today, CorrectableFact.ApplicantType, other.ToString(), "申请人类型登记有误", Clerk));
        }
        if (c.Chance(8))
        {
            var other = c.Of(Enum.GetValues<Channel>().Where(t => t != channel).ToArray());
            steps.Add((id, v) => new CorrectFact(id, v, Today, CorrectableFact.Channel, other.ToString(), "申请方式登记有误", Clerk));
        }
        if (row is { } closedRow && c.Chance(10))
        {
            var other = c.Of(Enum.GetValues<ResultRow>().Where(r => r != closedRow).ToArray());
            steps.Add((id, v) => new CorrectFact(id, v, Today, CorrectableFact.ResultRow, other.ToString(), "统计类别有误", Clerk));
        }
        return new ApplicationScript(index, registration, steps);
    }

    /// <summary>
    /// Runs a script through the real pure decisions and the write model's fold, in memory: the events the handlers
    /// would append. A refusal means the generator made an invalid history, and throws.
    /// </summary>
    public static IReadOnlyList<IApplicationEvent> Run(ApplicationScript script, Guid id)
    {
        var context = new DecisionContext(Today, WorkdayCalendar.Official);
        var received = RegisteringRules.Register(script.Registration, id, $"gen-{script.Index}", script.Index + 1, context);
        var state = DisclosureApplication.Create(received);
        state.Version = 1;
        var events = new List<IApplicationEvent> { received };
        foreach (var step in script.Steps)
        {
            var command = step(id, state.Version);
            IApplicationEvent e = command switch
            {
                RequestSupplement x => RequestingSupplementRules.Decide(state, x, context),
                RecordSupplement x => ReceivingSupplementRules.Decide(state, x, context),
                RecordSupplementLapsed x => LapsingSupplementRules.Decide(state, x, context),
                ExtendReply x => ExtendingRules.Decide(state, x, context),
                NoticeFee x => NoticingFeeRules.Decide(state, x, context),
                RecordFeePaid x => PayingFeeRules.Decide(state, x, context),
                RecordFeeLapsed x => LapsingFeeRules.Decide(state, x, context),
                AnswerApplication x => AnsweringRules.Decide(state, x, context),
                RecordAnswerServed x => ServingAnswerRules.Decide(state, x, context),
                WithdrawApplication x => WithdrawingRules.Decide(state, x, context),
                FileReconsideration x => FilingReconsiderationRules.Decide(state, x, context),
                DecideReconsideration x => DecidingReconsiderationRules.Decide(state, x, context),
                FileLawsuit x => FilingLawsuitRules.Decide(state, x, context),
                DecideLawsuit x => DecidingLawsuitRules.Decide(state, x, context),
                CorrectFact x => CorrectingRules.Decide(state, x, context),
                _ => throw new InvalidOperationException($"The generator does not make {command.GetType().Name}."),
            };
            var version = state.Version;
            state = e switch
            {
                SupplementRequested x => state.Apply(x),
                SupplementReceived x => state.Apply(x),
                SupplementLapsed x => state.Apply(x),
                ReplyExtended x => state.Apply(x),
                FeeNoticed x => state.Apply(x),
                FeePaid x => state.Apply(x),
                FeeLapsed x => state.Apply(x),
                ApplicationAnswered x => state.Apply(x),
                AnswerServed x => state.Apply(x),
                ApplicationWithdrawn x => state.Apply(x),
                ReconsiderationFiled x => state.Apply(x),
                ReconsiderationDecided x => state.Apply(x),
                LawsuitFiled x => state.Apply(x),
                LawsuitDecided x => state.Apply(x),
                FactCorrected x => state.Apply(x),
                _ => throw new InvalidOperationException($"Unexpected event {e.GetType().Name}."),
            };
            state.Version = version + 1;
            events.Add(e);
        }
        return events;
    }

    /// <summary>A deterministic id per script, so a failing case prints the same ids again.</summary>
    public static Guid IdOf(int index) => new(index, 0x2024, 0x1220, [0, 0, 0, 0, 0, 0, 0, 1]);
}
