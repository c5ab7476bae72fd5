using System.Globalization;
using Workflow.Applications;
using Workflow.Clock;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>第三十五条 延迟答复的合理期限 → <see cref="SetArticle35DueDate"/>.</summary>
public sealed class Article35DueDateForm : StepForm<SetArticle35DueDate>
{
    public string? SetOn { get; set; }
    public string? DueOn { get; set; }
    public string? Reason { get; set; }

    public override string Guidance =>
        "申请人申请公开政府信息的数量、频次明显超过合理范围的，可以确定延迟答复的合理期限（《条例》第三十五条）；该期限只能晚于依法计算的届满日，不能提前。";

    public override void Prefill(CaseContext context) => SetOn = Today(context);

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) =>
    [
        DateInput(nameof(SetOn), F.Article35SetOn, SetOn),
        DateInput(nameof(DueOn), F.Article35DueOn, DueOn, hint: "应晚于依法计算的答复期限届满日"),
        TextAreaInput(nameof(Reason), F.Reason, Reason, hint: "申请数量、频次明显超过合理范围的理由"),
    ];

    protected override SetArticle35DueDate Command(StepFormReader read, CommandHeader header, CaseContext context) =>
        new(header.ApplicationId, header.Version, read.Date(nameof(SetOn)), read.Date(nameof(DueOn)), read.Text(nameof(Reason)), header.Actor);
}