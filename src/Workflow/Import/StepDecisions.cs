using System.Collections.Frozen;
using System.Linq.Expressions;
using System.Reflection;
using Workflow.Applications;
using Workflow.Topics;

namespace Workflow.Import;

/// <summary>What a step's handler loads besides the stream, supplied by the block importer from what it holds.</summary>
public sealed record StepInputs(
    Func<IReadOnlyList<IApplicationEvent>> History,
    Func<Task<int>> ApplicationsThisMonth,
    Func<string, Task<AgencyTopicList>> TopicsOf);

/// <summary>
/// Every lifecycle step's decision as its handler makes it, without the bus (docs/adr/0029). A step whose handler only
/// folds the stream and asks its rules' <c>Decide(state, command, context.For(state))</c> is found through
/// <see cref="LifecycleSteps"/> (its rules type's <c>Decide</c>); a handler that loads more (the fee count, the stream's
/// history, the topic list) exposes its pure part, which is called here with the inputs the importer holds. A test
/// checks that every handler with inputs beyond the stream is among <see cref="WithInputs"/>.
/// </summary>
public sealed class StepDecisions
{
    /// <summary>The commands whose handlers take inputs beyond the folded stream and the decision context.</summary>
    public static readonly IReadOnlySet<Type> WithInputs = new HashSet<Type> { typeof(NoticeFee), typeof(SetArticle35DueDate), typeof(AssignTopics) };

    private readonly FrozenDictionary<Type, Func<DisclosureApplication, IApplicationCommand, DecisionContext, IApplicationEvent>> plain;
    private readonly DecisionContextSource context;

    public StepDecisions(DecisionContextSource context)
    {
        this.context = context;
        plain = LifecycleSteps.All.Where(s => !WithInputs.Contains(s.CommandType))
            .ToFrozenDictionary(s => s.CommandType, s => Compile(s));
    }

    /// <summary>The step's event, or a <see cref="CommandRefusedException"/> (or a missing calendar year) as the handler throws it.</summary>
    public async Task<IApplicationEvent> DecideAsync(DisclosureApplication state, IApplicationCommand command, StepInputs inputs) => command switch
    {
        NoticeFee fee => NoticeFeeHandler.Decide(state, fee,
            NoticeFeeHandler.CountsApplications(fee) ? await inputs.ApplicationsThisMonth() : 0, context),
        SetArticle35DueDate due => SetArticle35DueDateHandler.Decide(state, due, inputs.History(), context),
        AssignTopics topics => AssignTopicsHandler.Decide(state, topics, await inputs.TopicsOf(state.AgencyCode), context),
        _ => plain[command.GetType()](state, command, context.For(state)),
    };

    /// <summary><c>(state, command, context) => Rules.Decide(state, (TCommand)command, context)</c>, compiled once.</summary>
    private static Func<DisclosureApplication, IApplicationCommand, DecisionContext, IApplicationEvent> Compile(ILifecycleStep step)
    {
        var decide = step.GetType().GetMethod("Decide", BindingFlags.Public | BindingFlags.Static,
                         [typeof(DisclosureApplication), step.CommandType, typeof(DecisionContext)])
                     ?? throw new InvalidOperationException(
                         $"{step.GetType().Name} has no Decide(DisclosureApplication, {step.CommandType.Name}, DecisionContext): " +
                         $"add {step.CommandType.Name} to {nameof(StepDecisions)}.{nameof(WithInputs)} with its handler's pure part.");
        var state = Expression.Parameter(typeof(DisclosureApplication), "state");
        var command = Expression.Parameter(typeof(IApplicationCommand), "command");
        var decisionContext = Expression.Parameter(typeof(DecisionContext), "context");
        var call = Expression.Call(decide, state, Expression.Convert(command, step.CommandType), decisionContext);
        return Expression.Lambda<Func<DisclosureApplication, IApplicationCommand, DecisionContext, IApplicationEvent>>(
            Expression.Convert(call, typeof(IApplicationEvent)), state, command, decisionContext).Compile();
    }
}
