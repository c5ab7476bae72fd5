using Projections.Cases;
using Server.Accounts;
using Workflow.Applications;
using Workflow.Clock;

namespace Server.Components.Cases;

/// <summary>
/// What a step form may look at: the case file, its clock (null when the calendar lacks a year), today and the user, and
/// the write model with the decision context, which the steps' guards are asked about (the same the deciders use).
/// </summary>
/// <param name="ActiveTopics">The agency's active 申请内容分类, offered by the topics step.</param>
public sealed record CaseContext(ApplicationFile File, ClockReading? Clock, DateOnly Today, ICurrentStaff Staff, DisclosureApplication Application,
    DecisionContext Decision, IReadOnlyList<string>? ActiveTopics = null);

/// <summary>
/// The forms of the case page: one <see cref="StepFormModel"/> class per lifecycle step (in <c>Components/Cases/Steps</c>),
/// found by type like the steps themselves (<see cref="LifecycleSteps"/>), so there is no list to forget. Whether the
/// state allows a step is its guard (<see cref="ILifecycleStep.Guard"/>), the same the decider calls; which roles may send
/// it comes from <see cref="CommandPermissions"/>.
/// </summary>
public static class StepForms
{
    private static readonly IReadOnlyDictionary<string, Type> ModelTypes =
        typeof(StepFormModel).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(StepFormModel).IsAssignableFrom(t))
            .ToDictionary(t => New(t).Step, StringComparer.Ordinal);

    /// <summary>A blank form of every step that has one, in the steps' order (文书 are issued from the notice pages).</summary>
    public static IReadOnlyList<StepFormModel> All { get; } =
        [.. LifecycleSteps.All.Where(step => ModelTypes.ContainsKey(step.Name)).Select(step => New(ModelTypes[step.Name]))];

    /// <summary>The form model type of a step, or null when the step has no form on the case page.</summary>
    public static Type? ModelType(string step) => ModelTypes.GetValueOrDefault(step);

    /// <summary>A blank form of the step, or null when the step has no form on the case page.</summary>
    public static StepFormModel? Find(string step) => ModelType(step) is { } type ? New(type) : null;

    /// <summary>The component that binds a post of the step to its model (<see cref="StepFormBinding{TForm}"/>).</summary>
    public static Type? BindingOf(string step) => ModelType(step) is { } type ? typeof(StepFormBinding<>).MakeGenericType(type) : null;

    private static StepFormModel New(Type type) => (StepFormModel)Activator.CreateInstance(type)!;

    /// <summary>
    /// The steps whose guard allows them now and the user's roles permit, in the steps' order, each as an empty form
    /// filled with its starting values — only those are shown. The guard is the one the step's decider calls first, so a
    /// form is offered exactly when its command, well formed and dated today, would be accepted.
    /// </summary>
    public static IReadOnlyList<StepFormModel> Available(CaseContext context, int version) =>
        [.. LifecycleSteps.All.Where(step => Offered(step, context)).Select(step => Find(step.Name)).OfType<StepFormModel>()
            .Where(form => CommandPermissions.MaySend(context.Staff, form.CommandType))
            .Select(form => Blank(form, context, version))];

    private static StepFormModel Blank(StepFormModel form, CaseContext context, int version)
    {
        form.Version = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        form.Prefill(context);
        return form;
    }

    private static bool Offered(ILifecycleStep step, CaseContext context)
    {
        try
        {
            return step.Guard(context.Application, context.Decision) is null;
        }
        catch (Workflow.Calendar.CalendarYearNotLoadedException)
        {
            return false; // a deadline in a year the calendar lacks: the clock panel says so; the step waits for the notice
        }
    }
}
