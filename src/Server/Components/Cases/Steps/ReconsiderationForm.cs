using System.Globalization;
using Workflow.Applications;
using Workflow.Clock;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>行政复议 → <see cref="FileReconsideration"/>.</summary>
public sealed class ReconsiderationForm : StepForm<FileReconsideration>
{
    public string? FiledOn { get; set; }
    public string? ReviewBody { get; set; }
    public string? DocketNumber { get; set; }

    public override void Prefill(CaseContext context) => FiledOn = Today(context);

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) =>
    [
        DateInput(nameof(FiledOn), F.ReconsideredOn, FiledOn),
        TextInput(nameof(ReviewBody), F.ReviewBody, ReviewBody),
        TextInput(nameof(DocketNumber), F.DocketNumber, DocketNumber, required: false),
    ];

    protected override FileReconsideration Command(StepFormReader read, CommandHeader header, CaseContext context) =>
        new(header.ApplicationId, header.Version, read.Date(nameof(FiledOn)), read.Text(nameof(ReviewBody)), read.TextOrNull(nameof(DocketNumber)), header.Actor);
}