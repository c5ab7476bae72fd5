using System.Globalization;
using Workflow.Applications;
using Workflow.Vocabulary;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>
/// 申请内容分类 → <see cref="AssignTopics"/>. One checkbox per topic offered (<see cref="Choices"/>), posted as
/// <c>topics[i]</c> with the topic's name; none ticked clears the case's topics.
/// </summary>
public sealed class TopicsForm : StepForm<AssignTopics>
{
    private const int MaxChoices = 200;

    public string? AssignedOn { get; set; }

    /// <summary>The ticked topics by checkbox position: an unticked box is not posted, so a dictionary keeps the others.</summary>
    public Dictionary<int, string?> Topics { get; set; } = [];

    public override string Guidance => "勾选本申请涉及的内容分类（可多选；全部不选即清除）。年报按分类统计申请数量。";

    public static string Name(int index) => $"topics[{index}]";

    /// <summary>The topics offered: those the case has (even retired) and the agency's active ones.</summary>
    public static IReadOnlyList<string> Choices(CaseContext context) =>
        [.. context.File.Topics.Concat(context.ActiveTopics ?? []).Distinct(StringComparer.Ordinal).Take(MaxChoices)];

    /// <summary>The ticked topics, in the order of their boxes.</summary>
    public IReadOnlyList<string> Ticked =>
        [.. Topics.Where(t => t.Key is >= 0 and < MaxChoices).OrderBy(t => t.Key).Select(t => StepFormReader.Trimmed(t.Value)).OfType<string>()];

    public override void Prefill(CaseContext context)
    {
        AssignedOn = Today(context);
        var choices = Choices(context);
        Topics = Enumerable.Range(0, choices.Count).Where(i => context.File.Topics.Contains(choices[i])).ToDictionary(i => i, i => (string?)choices[i]);
    }

    public override void FillMissingParts() => Topics ??= [];

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) => [DateInput(nameof(AssignedOn), F.StepDate, AssignedOn)];

    protected override AssignTopics Command(StepFormReader read, CommandHeader header, CaseContext context) =>
        new(header.ApplicationId, header.Version, read.Date(nameof(AssignedOn)), Ticked, header.Actor);

    public override IEnumerable<(string Label, string Text)> Entered(CaseContext context) =>
        Ticked.Count == 0 ? base.Entered(context) : [.. base.Entered(context), (F.Topics, string.Join("、", Ticked))];
}