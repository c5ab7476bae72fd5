using Marten;
using Wolverine.Marten;
using Wolverine.Persistence;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>申请内容分类: set the application's topics (the full new set; empty clears them).</summary>
public sealed record AssignTopics(Guid ApplicationId, int Version, DateOnly AssignedOn, IReadOnlyList<string> Topics, string Actor) : IApplicationCommand;

public sealed class AssigningTopicsRules : LifecycleStep<AssignTopics>
{
    public override string Name => "topics";

    public override int Order => 190;

    public override StepAuthority Authority => StepAuthority.Classification;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanAssignTopics(state, context);

    /// <summary>Always possible: the classification is about the record, like a note, so closed applications too.</summary>
    public static Refusal? CanAssignTopics(DisclosureApplication state, DecisionContext context) => null;

    /// <summary>Each topic must be active in the agency's list; an unchanged set is refused.</summary>
    public static TopicsAssigned Decide(DisclosureApplication state, AssignTopics command, IReadOnlySet<string> activeTopics, DecisionContext context)
    {
        Require(CanAssignTopics(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.AssignedOn, "assignedOn", context);
        if (command.Topics is null) Refuse(Refusals.Required("申请内容分类", "topics", "topics"));
        var topics = command.Topics!.Count == 0 ? [] : ValidTopics(command.Topics, activeTopics);
        if (topics.SequenceEqual(state.Topics, StringComparer.Ordinal))
            Refuse(Refusals.Rule("topics.unchanged", "申请内容分类没有变化。", "The topics are unchanged.", "topics"));
        return new TopicsAssigned(state.Id, command.AssignedOn, topics, command.Actor);
    }

    /// <summary>Trimmed, de-duplicated topics in the order given; each one active in the agency's list (registration uses it too).</summary>
    public static IReadOnlyList<string> ValidTopics(IReadOnlyList<string> requested, IReadOnlySet<string>? activeTopics)
    {
        var topics = requested.Select(t => (t ?? "").Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (topics.Count > Topics.AgencyTopicList.MaxTopicsPerApplication)
            Refuse(Refusals.Invalid("topics.too-many", $"一份申请最多选择 {Topics.AgencyTopicList.MaxTopicsPerApplication} 个内容分类。",
                $"At most {Topics.AgencyTopicList.MaxTopicsPerApplication} topics per application.", "topics"));
        var unknown = topics.Where(t => activeTopics is null || !activeTopics.Contains(t)).ToList();
        if (unknown.Count > 0)
            Refuse(Refusals.Invalid("topics.unknown", $"内容分类不在本机关的分类列表中（或已停用）：{string.Join("、", unknown)}",
                $"Topics not in the agency's active list: {string.Join(", ", unknown)}", "topics"));
        return topics;
    }
}

public static class AssignTopicsHandler
{
    public static async Task<(UpdatedAggregate, TopicsAssigned)> Handle(AssignTopics command,
        [WriteAggregate(nameof(AssignTopics.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context,
        IDocumentSession session, CancellationToken cancellation)
    {
        var topics = await Topics.TopicCatalog.LoadAsync(session, application.AgencyCode, cancellation);
        return (new(), Decide(application, command, topics, context));
    }

    /// <summary>The decision once the agency's topic list is loaded (the block importer calls it too: docs/adr/0029).</summary>
    public static TopicsAssigned Decide(DisclosureApplication application, AssignTopics command, Topics.AgencyTopicList topics,
        DecisionContextSource context) =>
        AssigningTopicsRules.Decide(application, command, topics.ActiveNames, context.Current());
}
