using System.Globalization;
using Workflow.Applications;
using Workflow.Clock;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>行政诉讼 → <see cref="FileLawsuit"/>.</summary>
public sealed class LawsuitForm : StepForm<FileLawsuit>
{
    public string? FiledOn { get; set; }
    public string? Court { get; set; }
    public string? DocketNumber { get; set; }
    public string? AfterReconsideration { get; set; }

    public override void Prefill(CaseContext context) => FiledOn = Today(context);

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) =>
    [
        DateInput(nameof(FiledOn), F.SuedOn, FiledOn),
        TextInput(nameof(Court), F.Court, Court),
        TextInput(nameof(DocketNumber), F.DocketNumber, DocketNumber, required: false),
        ChoiceInput(nameof(AfterReconsideration), F.AfterReconsideration, AfterReconsideration,
            [.. context.File.Reviews.Where(r => r.Kind == ReviewKind.Reconsideration && r.DecidedOn is not null)
                .Select(r => (r.CaseNumber.ToString(CultureInfo.InvariantCulture), $"第{r.CaseNumber}号{Workflow.Vocabulary.ChineseTerms.Of(ReviewKind.Reconsideration)}之后"))], required: false),
    ];

    protected override FileLawsuit Command(StepFormReader read, CommandHeader header, CaseContext context) =>
        new(header.ApplicationId, header.Version, read.Date(nameof(FiledOn)), read.Text(nameof(Court)), read.TextOrNull(nameof(DocketNumber)),
            read.NumberOrNull(nameof(AfterReconsideration)), header.Actor);
}