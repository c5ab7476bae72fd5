using System.Globalization;
using Workflow.Applications;
using Workflow.Clock;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>缴费 → <see cref="RecordFeePaid"/>.</summary>
public sealed class FeePaymentForm : StepForm<RecordFeePaid>
{
    public string? PaidOn { get; set; }
    public string? Amount { get; set; }

    public override void Prefill(CaseContext context)
    {
        PaidOn = Today(context);
        Amount = context.File.FeeAmount?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
    }

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) =>
    [
        DateInput(nameof(PaidOn), F.FeePaidOn, PaidOn),
        AmountInput(nameof(Amount), F.FeePaidAmount, Amount),
    ];

    protected override RecordFeePaid Command(StepFormReader read, CommandHeader header, CaseContext context) =>
        new(header.ApplicationId, header.Version, read.Date(nameof(PaidOn)), read.Amount(nameof(Amount)), header.Actor);
}