using System.Globalization;
using Workflow.Applications;
using Workflow.Clock;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>收费通知 → <see cref="NoticeFee"/>.</summary>
public sealed class FeeNoticeForm : StepForm<NoticeFee>
{
    public string? NoticedOn { get; set; }
    public string? Method { get; set; }
    public string? Quantity { get; set; }
    public string? ConfirmedAmount { get; set; }

    public override string Guidance => "自发出收费通知至申请人缴费期间不计算在答复期限内。";

    public override void Prefill(CaseContext context) => NoticedOn = Today(context);

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) =>
    [
        DateInput(nameof(NoticedOn), F.FeeNoticedOn, NoticedOn),
        ChoiceInput<FeeMethod>(nameof(Method), F.FeeMethod, Method),
        WholeNumberInput(nameof(Quantity), F.FeeQuantity, Quantity, hint: "按件：申请人本月申请件数（含本件）；按量：页数"),
        AmountInput(nameof(ConfirmedAmount), F.ConfirmedAmount, ConfirmedAmount, required: false, hint: "不填则按规定计算"),
    ];

    protected override NoticeFee Command(StepFormReader read, CommandHeader header, CaseContext context) =>
        new(header.ApplicationId, header.Version, read.Date(nameof(NoticedOn)), read.Choice<FeeMethod>(nameof(Method)),
            read.WholeNumber(nameof(Quantity)), read.AmountOrNull(nameof(ConfirmedAmount)), header.Actor);
}