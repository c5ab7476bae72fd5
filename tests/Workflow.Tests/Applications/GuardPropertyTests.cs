using CsCheck;
using Workflow.Applications;
using Workflow.Calendar;

namespace Workflow.Tests.Applications;

/// <summary>
/// The guard of every step (the part of its rule that depends on the application and today) says yes exactly when a
/// well-formed command for the step, dated today, is accepted by the step's <c>Decide</c> — over random histories that
/// the real decisions built. The case page shows the forms whose guard says yes, so a form is offered exactly when its
/// command would be accepted. A new step without a well-formed command here fails <see cref="Every_step_has_a_well_formed_command"/>.
/// </summary>
public sealed class GuardPropertyTests
{
    private const string Clerk = "clerk.prop";
    private static readonly Guid Id = Guid.Parse("0a7f3c52-9d3e-4b8a-8f55-6e0d2b9e0c42");
    private static readonly IReadOnlySet<string> ActiveTopics = new HashSet<string>(["教育", "交通"]);
    private static readonly WorkdayCalendar Calendar = WorkdayCalendar.Official;

    /// <summary>Receipts from 2019 (both sides of the 2019-05-15 regime change) to late 2026; today never past 2026-12-31.</summary>
    private static readonly DateOnly Earliest = new(2019, 1, 2);
    private static readonly DateOnly Latest = new(2026, 12, 31);

    private static readonly Gen<int[]> Choices = Gen.Int[0, 999_999].Array[8, 120];

    private sealed class Cursor(int[] choices)
    {
        private int next;
        public int Next(int n) => n <= 1 ? 0 : choices[next++ % choices.Length] % n;
    }

    /// <summary>A history: a receipt, then random steps sent as well-formed commands on random later days, each kept only when accepted.</summary>
    private static (DisclosureApplication State, List<IApplicationEvent> History, DateOnly Today) Build(int[] choices)
    {
        var c = new Cursor(choices);
        var receivedOn = Earliest.AddDays(c.Next(Latest.DayNumber - Earliest.DayNumber - 30));
        var received = new ApplicationReceived(Id, "prop", "PROP-1", 1, null, receivedOn, Channel.Letter, ApplicantType.NaturalPerson,
            new Applicant("张三", null, "13800000000", null, null),
            [.. Enumerable.Range(1, 1 + c.Next(3)).Select(i => new RequestedItem(i, $"信息{i}"))], RequestedForm.Paper, Clerk);
        var state = DisclosureApplication.Create(received);
        var history = new List<IApplicationEvent> { received };
        var today = receivedOn;
        var steps = LifecycleSteps.All;
        for (var i = 0; i < choices.Length / 2; i++)
        {
            // Time moves on by 0 to 40 days (often not at all: several steps on one day), never past Latest.
            var later = today.AddDays(c.Next(4) == 0 ? c.Next(41) : 0);
            today = later > Latest ? Latest : later;
            var step = steps[c.Next(steps.Count)];
            if (Accepted(step, state, history, today) is not { } e) continue;
            state = (DisclosureApplication)state.Apply((dynamic)e);
            state.Version++;
            history.Add(e);
        }
        today = today.AddDays(c.Next(3) == 0 ? c.Next(60) : 0);
        return (state, history, today > Latest ? Latest : today);
    }

    private static DecisionContext Context(DateOnly today) => new(today, Calendar);

    /// <summary>The event the step's Decide returns for its well-formed command dated today, or null when refused.</summary>
    private static IApplicationEvent? Accepted(ILifecycleStep step, DisclosureApplication state, IReadOnlyList<IApplicationEvent> history, DateOnly today)
    {
        var command = WellFormed(step.CommandType, state, today);
        try
        {
            return command switch
            {
                SetArticle35DueDate art35 => SettingArticle35DueDateRules.Decide(state, art35, Context(today),
                    ReplyPeriod.ComputedDueOn(history, Calendar, today)),
                AssignTopics topics => AssigningTopicsRules.Decide(state, topics, ActiveTopics, Context(today)),
                _ => DecisionSpecAccess.Decide(state, command, Context(today)),
            };
        }
        catch (CommandRefusedException)
        {
            return null;
        }
    }

    /// <summary>
    /// A command as a form would post it: dated today, every field valid on its own, and where the command names part of
    /// the case (a consultation, a reconsideration, a lawsuit, the items) the part the form offers.
    /// </summary>
    private static IApplicationCommand WellFormed(Type command, DisclosureApplication state, DateOnly today)
    {
        var v = state.Version;
        var openConsultation = state.OpenConsultations.Keys.DefaultIfEmpty(1).Min();
        var undecidedReconsideration = state.Reconsiderations.Where(r => r.DecidedOn is null).Select(r => r.CaseNumber).DefaultIfEmpty(1).Min();
        var undecidedLawsuit = state.Lawsuits.Where(l => l.DecidedOn is null).Select(l => l.CaseNumber).DefaultIfEmpty(1).Min();
        return command.Name switch
        {
            nameof(RequestSupplement) => new RequestSupplement(Id, v, today, today.AddDays(15), "请明确所需信息的文号", Clerk),
            nameof(RecordSupplement) => new RecordSupplement(Id, v, today, null, Clerk),
            nameof(RecordSupplementLapsed) => new RecordSupplementLapsed(Id, v, today, Clerk),
            nameof(ExtendReply) => new ExtendReply(Id, v, today, 10, "王主任", "需调取档案", Clerk),
            nameof(SetArticle35DueDate) => new SetArticle35DueDate(Id, v, today, today.AddDays(400), "申请数量明显超过合理范围", Clerk),
            nameof(SendConsultation) => new SendConsultation(Id, v, ConsultationParty.ThirdParty, "某建设公司", today, Clerk),
            nameof(RecordConsultationReply) => new RecordConsultationReply(Id, v, openConsultation, today, true, null, Clerk),
            nameof(NoticeFee) => new NoticeFee(Id, v, today, FeeMethod.PerPage, 120, null, Clerk),
            nameof(RecordFeePaid) => new RecordFeePaid(Id, v, today, 1100m, Clerk),
            nameof(RecordFeeLapsed) => new RecordFeeLapsed(Id, v, today, Clerk),
            nameof(AnswerApplication) => new AnswerApplication(Id, v, today,
                [.. state.ItemNumbers.Select(n => new ItemAnswer(n, ItemResult.Disclosed, null))], null, "七政公开〔2025〕8号", null, null, Clerk),
            nameof(RecordAnswerServed) => new RecordAnswerServed(Id, v, ServiceMethod.Post, today, Clerk),
            nameof(WithdrawApplication) => new WithdrawApplication(Id, v, today, "申请人来电撤回", Clerk),
            nameof(IssueNotice) => new IssueNotice(Id, v, NoticeKind.ReceiptAcknowledgement, today, ServiceMethod.Post, Clerk),
            nameof(FileReconsideration) => new FileReconsideration(Id, v, today, "毕节市人民政府", null, Clerk),
            nameof(DecideReconsideration) => new DecideReconsideration(Id, v, undecidedReconsideration, today, ReviewDecision.Upheld, null, Clerk),
            nameof(FileLawsuit) => new FileLawsuit(Id, v, today, "七星关区人民法院", null, null, Clerk),
            nameof(DecideLawsuit) => new DecideLawsuit(Id, v, undecidedLawsuit, today, ReviewDecision.Upheld, null, Clerk),
            nameof(CorrectFact) => new CorrectFact(Id, v, today, CorrectableFact.ApplicantName, state.Applicant.Name + "甲", "登记错误", Clerk),
            nameof(AddNote) => new AddNote(Id, v, today, "申请人来电询问进度", Clerk),
            nameof(AssignTopics) => new AssignTopics(Id, v, today, state.Topics.SequenceEqual(["教育"]) ? ["交通"] : ["教育"], Clerk),
            _ => throw new InvalidOperationException($"No well-formed command for {command.Name}: add one to this test."),
        };
    }

    [Fact]
    public void Every_step_has_a_well_formed_command()
    {
        foreach (var step in LifecycleSteps.All)
            WellFormed(step.CommandType, DisclosureApplication.Create(Build([1]).History.OfType<ApplicationReceived>().Single()), Earliest)
                .GetType().Should().Be(step.CommandType);
    }

    [Fact]
    public void A_step_is_offered_exactly_when_its_well_formed_command_dated_today_is_accepted()
    {
        Choices.Sample(choices =>
        {
            var (state, history, today) = Build(choices);
            foreach (var step in LifecycleSteps.All)
            {
                var guard = step.Guard(state, Context(today));
                var accepted = Accepted(step, state, history, today) is not null;
                (guard is null).Should().Be(accepted,
                    "the guard of {0} said {1} on {2} (status {3}, closure {4}) while Decide {5} a well-formed command dated today",
                    step.Name, guard?.Code ?? "yes", today, state.Status, state.Closure, accepted ? "accepted" : "refused");
            }
        }, iter: 400);
    }

    [Fact]
    public void Random_histories_reach_every_step_both_offered_and_not()
    {
        // Without this, the property could pass on histories that never open a consultation or file a lawsuit.
        var offered = new HashSet<string>();
        var withheld = new HashSet<string>();
        Choices.Sample(choices =>
        {
            var (state, _, today) = Build(choices);
            foreach (var step in LifecycleSteps.All)
                (step.Guard(state, Context(today)) is null ? offered : withheld).Add(step.Name);
        }, iter: 400, threads: 1);
        offered.Should().BeEquivalentTo(LifecycleSteps.All.Select(s => s.Name));
        withheld.Should().BeEquivalentTo(LifecycleSteps.All.Select(s => s.Name).Except(AlwaysPossible));
    }

    /// <summary>Steps about the record or its reviews, which the law allows at any stage.</summary>
    private static readonly string[] AlwaysPossible = ["notice", "reconsideration", "lawsuit", "correction", "note", "topics"];
}

/// <summary>The reflective dispatch of <see cref="DecisionSpec"/>, for tests that are not specs.</summary>
internal sealed class DecisionSpecAccess : DecisionSpec
{
    public static new IApplicationEvent Decide(DisclosureApplication state, IApplicationCommand command, DecisionContext context) =>
        DecisionSpec.Decide(state, command, context);
}
