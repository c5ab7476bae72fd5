using System.Globalization;
using Workflow.Applications;
using Workflow.Clock;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>收到补正材料 → <see cref="RecordSupplement"/>.</summary>
public sealed class SupplementForm : StepForm<RecordSupplement>
{
    public string? ReceivedOn { get; set; }
    public string? Summary { get; set; }

    public override string Guidance => "答复期限自收到补正材料之次日起重新计算。";

    public override void Prefill(CaseContext context) => ReceivedOn = Today(context);

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) =>
    [
        DateInput(nameof(ReceivedOn), F.SupplementReceivedOn, ReceivedOn),
        TextAreaInput(nameof(Summary), F.SupplementSummary, Summary, required: false),
    ];

    protected override RecordSupplement Command(StepFormReader read, CommandHeader header, CaseContext context) =>
        new(header.ApplicationId, header.Version, read.Date(nameof(ReceivedOn)), read.TextOrNull(nameof(Summary)), header.Actor);
}