using System.Globalization;
using Workflow.Applications;
using Workflow.Clock;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>行政复议决定 → <see cref="DecideReconsideration"/>.</summary>
public sealed class ReconsiderationDecisionForm : StepForm<DecideReconsideration>
{
    public string? CaseNumber { get; set; }
    public string? DecidedOn { get; set; }
    public string? Decision { get; set; }
    public string? Summary { get; set; }

    public override void Prefill(CaseContext context) => DecidedOn = Today(context);

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) =>
    [
        ChoiceInput(nameof(CaseNumber), Workflow.Vocabulary.ChineseTerms.Of(ReviewKind.Reconsideration), CaseNumber, LawsuitDecisionForm.Undecided(context, ReviewKind.Reconsideration)),
        DateInput(nameof(DecidedOn), F.ReconsiderationDecidedOn, DecidedOn),
        ChoiceInput<ReviewDecision>(nameof(Decision), F.ReconsiderationDecision, Decision),
        TextAreaInput(nameof(Summary), F.ReviewSummary, Summary, required: false),
    ];

    protected override DecideReconsideration Command(StepFormReader read, CommandHeader header, CaseContext context) =>
        new(header.ApplicationId, header.Version, read.Number(nameof(CaseNumber)), read.Date(nameof(DecidedOn)),
            read.Choice<ReviewDecision>(nameof(Decision)), read.TextOrNull(nameof(Summary)), header.Actor);
}