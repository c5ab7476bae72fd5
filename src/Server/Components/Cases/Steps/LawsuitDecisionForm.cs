using System.Globalization;
using Workflow.Applications;
using Workflow.Clock;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>行政诉讼裁判 → <see cref="DecideLawsuit"/>.</summary>
public sealed class LawsuitDecisionForm : StepForm<DecideLawsuit>
{
    public string? CaseNumber { get; set; }
    public string? DecidedOn { get; set; }
    public string? Decision { get; set; }
    public string? Summary { get; set; }

    /// <summary>The undecided reviews of one kind, as the options of a decision's case number.</summary>
    public static IReadOnlyList<(string Value, string Label)> Undecided(CaseContext context, ReviewKind kind) =>
        [.. context.File.Reviews.Where(r => r.Kind == kind && r.DecidedOn is null)
            .Select(r => (r.CaseNumber.ToString(CultureInfo.InvariantCulture), $"第{r.CaseNumber}号 {r.Body}"))];

    public override void Prefill(CaseContext context) => DecidedOn = Today(context);

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) =>
    [
        ChoiceInput(nameof(CaseNumber), Workflow.Vocabulary.ChineseTerms.Of(ReviewKind.Lawsuit), CaseNumber, Undecided(context, ReviewKind.Lawsuit)),
        DateInput(nameof(DecidedOn), F.LawsuitDecidedOn, DecidedOn),
        ChoiceInput<ReviewDecision>(nameof(Decision), F.LawsuitDecision, Decision),
        TextAreaInput(nameof(Summary), F.ReviewSummary, Summary, required: false),
    ];

    protected override DecideLawsuit Command(StepFormReader read, CommandHeader header, CaseContext context) =>
        new(header.ApplicationId, header.Version, read.Number(nameof(CaseNumber)), read.Date(nameof(DecidedOn)),
            read.Choice<ReviewDecision>(nameof(Decision)), read.TextOrNull(nameof(Summary)), header.Actor);
}