using System.Globalization;
using Workflow.Applications;
using Workflow.Clock;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>登记答复送达 → <see cref="RecordAnswerServed"/>.</summary>
public sealed class AnswerServiceForm : StepForm<RecordAnswerServed>
{
    public string? Method { get; set; }
    public string? ServedOn { get; set; }

    public override string Guidance => "答复送达前，年报仍将本申请计入“结转下年度继续办理”；登记送达后，计入送达之日所在年度的办理结果。";

    public override void Prefill(CaseContext context) => ServedOn = Today(context);

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) =>
    [
        ChoiceInput<ServiceMethod>(nameof(Method), F.ServiceMethod, Method),
        DateInput(nameof(ServedOn), F.ServedOn, ServedOn),
    ];

    protected override RecordAnswerServed Command(StepFormReader read, CommandHeader header, CaseContext context) =>
        new(header.ApplicationId, header.Version, read.Choice<ServiceMethod>(nameof(Method)), read.Date(nameof(ServedOn)), header.Actor);
}