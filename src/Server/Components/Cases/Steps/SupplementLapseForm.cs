using System.Globalization;
using Workflow.Applications;
using Workflow.Clock;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>逾期不补正 → <see cref="RecordSupplementLapsed"/>.</summary>
public sealed class SupplementLapseForm : StepForm<RecordSupplementLapsed>
{
    public string? LapsedOn { get; set; }

    public override bool Closes => true;

    public override void Prefill(CaseContext context) => LapsedOn = Today(context);

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) => [DateInput(nameof(LapsedOn), F.ClosedOn, LapsedOn)];

    protected override RecordSupplementLapsed Command(StepFormReader read, CommandHeader header, CaseContext context) =>
        new(header.ApplicationId, header.Version, read.Date(nameof(LapsedOn)), header.Actor);
}