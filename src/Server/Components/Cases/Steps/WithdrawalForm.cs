using System.Globalization;
using Workflow.Applications;
using Workflow.Clock;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>撤回申请 → <see cref="WithdrawApplication"/>.</summary>
public sealed class WithdrawalForm : StepForm<WithdrawApplication>
{
    public string? WithdrawnOn { get; set; }
    public string? Reason { get; set; }

    public override bool Closes => true;

    public override void Prefill(CaseContext context) => WithdrawnOn = Today(context);

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) =>
    [
        DateInput(nameof(WithdrawnOn), F.WithdrawnOn, WithdrawnOn),
        TextAreaInput(nameof(Reason), F.WithdrawalReason, Reason),
    ];

    protected override WithdrawApplication Command(StepFormReader read, CommandHeader header, CaseContext context) =>
        new(header.ApplicationId, header.Version, read.Date(nameof(WithdrawnOn)), read.Text(nameof(Reason)), header.Actor);
}