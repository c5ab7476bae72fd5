using System.Globalization;
using Workflow.Applications;
using Workflow.Clock;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>补正告知 → <see cref="RequestSupplement"/>.</summary>
public sealed class SupplementRequestForm : StepForm<RequestSupplement>
{
    public string? RequestedOn { get; set; }
    public string? Deadline { get; set; }
    public string? WhatToSupplement { get; set; }

    public override string Guidance => "申请内容不明确的，应自收到申请之日起7个工作日内一次性告知申请人补正。";

    public override void Prefill(CaseContext context) => RequestedOn = Today(context);

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) =>
    [
        DateInput(nameof(RequestedOn), F.SupplementRequestedOn, RequestedOn),
        DateInput(nameof(Deadline), F.SupplementDeadline, Deadline, hint: "申请人应在此日期前提交补正材料"),
        TextAreaInput(nameof(WhatToSupplement), F.WhatToSupplement, WhatToSupplement, hint: "一次性告知需要补正的全部事项（《条例》第三十条）"),
    ];

    protected override RequestSupplement Command(StepFormReader read, CommandHeader header, CaseContext context) =>
        new(header.ApplicationId, header.Version, read.Date(nameof(RequestedOn)), read.Date(nameof(Deadline)), read.Text(nameof(WhatToSupplement)), header.Actor);
}