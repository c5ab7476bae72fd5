using System.Collections.Frozen;
using System.Reflection;

namespace Workflow.Applications;

/// <summary>
/// A lifecycle step after registration, as its folder under <c>src/Workflow/Steps</c> declares it: its name (how the
/// HTTP API, the web forms and the import file spell it), its command, and its guard. The guard is the part of the
/// step's rule that depends only on the application and today (is the case open, is a supplement awaited, has the
/// deadline passed…): it answers the refusal, or null when a well-formed command dated today would be accepted. The
/// step's <c>Decide</c> calls it first, and the case page asks it which forms to show, so the two cannot disagree.
/// </summary>
public interface ILifecycleStep
{
    /// <summary>The step's name in routes, forms and import lines ("extension", "answer" …): a contract, never renamed.</summary>
    string Name { get; }

    /// <summary>The command the step sends.</summary>
    Type CommandType { get; }

    /// <summary>Where the step stands among the others on the case page (the order a case usually runs).</summary>
    int Order { get; }

    /// <summary>Whose authority in the office the step needs (which staff roles hold it is the server's business).</summary>
    StepAuthority Authority { get; }

    /// <summary>Why the step is not possible now, or null when it is.</summary>
    Refusal? Guard(DisclosureApplication state, DecisionContext context);
}

/// <summary>
/// The authority a step needs in the disclosure office. Registration is the registrar's; the case work (补正,
/// consultations, fees, notices, notes, service, withdrawal, reviews) is the handler's and the approver's; what binds the
/// office or closes a case on its authority (extension, answer, the Art. 35 due date, lapses, corrections of recorded
/// facts) is the approver's alone; classifying an application is for whoever registers or handles it.
/// </summary>
public enum StepAuthority
{
    Registration,   // 登记
    CaseWork,       // 承办
    OfficeDecision, // 审核决定
    Classification, // 申请内容分类
}

/// <summary>The base of every step's rules class: ties the step to its command type.</summary>
public abstract class LifecycleStep<TCommand> : ILifecycleStep where TCommand : IApplicationCommand
{
    public abstract string Name { get; }

    public Type CommandType => typeof(TCommand);

    public abstract int Order { get; }

    public abstract StepAuthority Authority { get; }

    public abstract Refusal? Guard(DisclosureApplication state, DecisionContext context);
}

/// <summary>
/// Every lifecycle step, found from the step folders' types (each <see cref="LifecycleStep{TCommand}"/>): there is no
/// hand-kept list to forget when a step is added.
/// </summary>
public static class LifecycleSteps
{
    /// <summary>The steps in case-page order.</summary>
    public static IReadOnlyList<ILifecycleStep> All { get; } =
    [
        .. typeof(ILifecycleStep).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ILifecycleStep).IsAssignableFrom(t))
            .Select(t => (ILifecycleStep)Activator.CreateInstance(t)!)
            .OrderBy(s => s.Order),
    ];

    private static readonly FrozenDictionary<string, ILifecycleStep> ByName = All.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<Type, ILifecycleStep> ByCommand = All.ToFrozenDictionary(s => s.CommandType);

    public static ILifecycleStep? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The step whose command this is, or null.</summary>
    public static ILifecycleStep? Find(Type commandType) => ByCommand.GetValueOrDefault(commandType);

    public static ILifecycleStep Of(Type commandType) => ByCommand[commandType];

    public static ILifecycleStep Of<TCommand>() where TCommand : IApplicationCommand => ByCommand[typeof(TCommand)];

    /// <summary>The steps whose guard allows them now (before the user's roles are considered).</summary>
    public static IReadOnlyList<ILifecycleStep> Possible(DisclosureApplication state, DecisionContext context) =>
        [.. All.Where(s => s.Guard(state, context) is null)];
}
