using System.Text.RegularExpressions;
using Workflow.Applications;
using Workflow.Calendar;

namespace Workflow.Tests.Applications;

/// <summary>
/// A tiny given/when/then fixture over the pure decisions: events are folded into <see cref="DisclosureApplication"/>
/// exactly as Marten would (Create, then Apply for each), the command is decided against a fixed "today", and the test
/// asserts either the single event returned or the refusal.
/// </summary>
public abstract partial class DecisionSpec
{
    protected static readonly Guid Id = Guid.Parse("6b1f0a52-1c1e-4d7a-9a55-3f0d2b9e0c11");
    protected const string Clerk = "clerk.wang";
    protected const string RegistrationNumber = "QXG-2025-0007";

    /// <summary>A Monday; every date used with the calendar stays in 2025, far from boundaries.</summary>
    protected static readonly DateOnly ReceivedOn = new(2025, 3, 3);

    protected static readonly DateOnly Today = new(2025, 6, 30);

    protected static DateOnly D(int month, int day) => new(2025, month, day);

    protected static DecisionContext Context(DateOnly? today = null) => new(today ?? Today, WorkdayCalendar.Official);

    protected static ApplicationReceived Received(int items = 2, DateOnly? on = null) => new(
        Id, "qxg", RegistrationNumber, 7, null, on ?? ReceivedOn, Channel.Letter, ApplicantType.NaturalPerson,
        new Applicant("张三", "520000199001011234", "13800000000", "毕节市七星关区某路1号", null),
        [.. Enumerable.Range(1, items).Select(i => new RequestedItem(i, $"征地补偿方案第{i}项"))],
        RequestedForm.Paper, Clerk);

    /// <summary>Folds the stream: the receipt, then every later event in order.</summary>
    protected static DisclosureApplication Fold(ApplicationReceived received, params IApplicationEvent[] later)
    {
        var state = DisclosureApplication.Create(received);
        foreach (var e in later)
            state = (DisclosureApplication)state.Apply((dynamic)e);
        return state;
    }

    protected static Scenario Given(params IApplicationEvent[] later) => Given(Received(), later);

    protected static Scenario Given(ApplicationReceived received, params IApplicationEvent[] later) =>
        new(Fold(received, later), [received, .. later]);

    // ---- common events ------------------------------------------------------------------------------------------

    protected static SupplementRequested SupplementRequestedOn(DateOnly on, DateOnly deadline) =>
        new(Id, on, deadline, "请补充所需信息的文号", Clerk);

    protected static SupplementReceived SupplementReceivedOn(DateOnly on) => new(Id, on, "已补充文号", Clerk);

    protected static ApplicationAnswered AnsweredOn(DateOnly on, DateOnly? servedOn = null, ResultRow row = ResultRow.Disclosed) =>
        new(Id, on, [new ItemAnswer(1, ItemResult.Disclosed, null), new ItemAnswer(2, ItemResult.Disclosed, null)], row, false,
            "七政公开〔2025〕7号", servedOn is null ? null : ServiceMethod.Post, servedOn, Clerk);

    protected static ApplicationWithdrawn WithdrawnOn(DateOnly on) => new(Id, on, "申请人来电撤回", Clerk);

    protected static FeeNoticed FeeNoticedOn(DateOnly on) => new(Id, on, FeeMethod.PerPage, 120, 1100m, 1100m, Clerk);

    protected static ReconsiderationFiled ReconsiderationFiledOn(int number, DateOnly on) =>
        new(Id, number, on, "毕节市人民政府", $"毕府复〔2025〕{number}号", Clerk);

    protected static LawsuitFiled LawsuitFiledOn(int number, DateOnly on, int? afterReconsideration = null) =>
        new(Id, number, on, "七星关区人民法院", null, afterReconsideration, Clerk);

    // ---- scenario -----------------------------------------------------------------------------------------------

    protected sealed class Scenario(DisclosureApplication state, IReadOnlyList<IApplicationEvent> history)
    {
        public DisclosureApplication State { get; } = state;

        public Outcome When(IApplicationCommand command, DateOnly? today = null) => command switch
        {
            // As the handler does: the decision compares with the clock's computed due date on the day it is set.
            SetArticle35DueDate art35 => new(() => SettingArticle35DueDateRules.Decide(State, art35, Context(today),
                ReplyPeriod.ComputedDueOn(history, WorkdayCalendar.Official, art35.SetOn))),
            _ => new(() => Decide(State, command, Context(today))),
        };
    }

    /// <summary>
    /// The step's own <c>Decide(state, command, context)</c>, found on its rules class (the <see cref="ILifecycleStep"/>
    /// of the command's folder); a refusal surfaces as the <see cref="CommandRefusedException"/> it throws.
    /// </summary>
    protected static IApplicationEvent Decide(DisclosureApplication state, IApplicationCommand command, DecisionContext context)
    {
        var rules = LifecycleSteps.Of(command.GetType()).GetType();
        var decide = rules.GetMethod("Decide", [typeof(DisclosureApplication), command.GetType(), typeof(DecisionContext)])
            ?? throw new InvalidOperationException($"{rules.Name} has no Decide(state, {command.GetType().Name}, context).");
        try
        {
            return (IApplicationEvent)decide.Invoke(null, [state, command, context])!;
        }
        catch (System.Reflection.TargetInvocationException invocation) when (invocation.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(invocation.InnerException).Throw();
            throw;
        }
    }

    protected sealed partial class Outcome(Func<IApplicationEvent> decide)
    {
        /// <summary>The single event the decision returned; fails if it was refused.</summary>
        public TEvent Event<TEvent>() where TEvent : IApplicationEvent
        {
            IApplicationEvent? result = null;
            var act = () => { result = decide(); };
            act.Should().NotThrow();
            return result.Should().BeAssignableTo<TEvent>().Subject;
        }

        public TEvent Then<TEvent>(TEvent expected) where TEvent : IApplicationEvent
        {
            var actual = Event<TEvent>();
            actual.Should().BeEquivalentTo(expected, o => o.ComparingRecordsByMembers().WithStrictOrdering());
            return actual;
        }

        /// <summary>Asserts the refusal's code and kind, and that staff get a Chinese message; returns it for more checks.</summary>
        public Refusal ThenRefused(string code, RefusalKind kind)
        {
            var act = () => decide();
            var refusal = act.Should().Throw<CommandRefusedException>().Which.Refusal;
            refusal.Code.Should().Be(code);
            refusal.Kind.Should().Be(kind);
            refusal.Chinese.Should().NotBeNullOrWhiteSpace();
            Chinese().IsMatch(refusal.Chinese).Should().BeTrue($"the staff message should be Chinese text, was \"{refusal.Chinese}\"");
            refusal.English.Should().NotBeNullOrWhiteSpace();
            return refusal;
        }

        [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
        private static partial Regex Chinese();
    }
}
