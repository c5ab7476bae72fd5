using System.Globalization;
using Workflow.Applications;
using Workflow.Clock;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>延期答复 → <see cref="ExtendReply"/>.</summary>
public sealed class ExtensionForm : StepForm<ExtendReply>
{
    public string? ExtendedOn { get; set; }
    public string? WorkingDays { get; set; }
    public string? ApprovedBy { get; set; }
    public string? Reason { get; set; }

    public override string Guidance => "需要延长答复期限的，应经政府信息公开工作机构负责人同意并告知申请人；只能延长一次。";

    /// <summary>
    /// The extension limits in words, from the clock's rule (<see cref="StatutoryClock.MaxExtensionWorkingDays"/>): the
    /// limit of an application received under the 2019 regulation, and of one received before it came into force.
    /// </summary>
    public static string LimitHint
    {
        get
        {
            var inForce = StatutoryClock.Regulation2019InForce;
            return $"最长{StatutoryClock.MaxExtensionWorkingDays(inForce)}个工作日（{inForce.Year}年{inForce.Month}月{inForce.Day}日前收到的申请最长" +
                   $"{StatutoryClock.MaxExtensionWorkingDays(inForce.AddDays(-1))}个工作日）";
        }
    }

    public override void Prefill(CaseContext context)
    {
        ExtendedOn = Today(context);
        WorkingDays = StatutoryClock.MaxExtensionWorkingDays(context.File.ReceivedOn).ToString(CultureInfo.InvariantCulture);
        ApprovedBy = context.Staff.DisplayName;
    }

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) =>
    [
        DateInput(nameof(ExtendedOn), F.ExtendedOn, ExtendedOn),
        WholeNumberInput(nameof(WorkingDays), F.ExtensionWorkingDays, WorkingDays, hint: LimitHint),
        TextInput(nameof(ApprovedBy), F.ApprovedBy, ApprovedBy, hint: "政府信息公开工作机构负责人"),
        TextAreaInput(nameof(Reason), F.ExtensionReason, Reason),
    ];

    protected override ExtendReply Command(StepFormReader read, CommandHeader header, CaseContext context) =>
        new(header.ApplicationId, header.Version, read.Date(nameof(ExtendedOn)), read.WholeNumber(nameof(WorkingDays)),
            read.Text(nameof(ApprovedBy)), read.Text(nameof(Reason)), header.Actor);
}