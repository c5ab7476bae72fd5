using System.Globalization;
using Workflow.Applications;
using Workflow.Clock;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>收到征求意见的答复 → <see cref="RecordConsultationReply"/>.</summary>
public sealed class ConsultationReplyForm : StepForm<RecordConsultationReply>
{
    public string? ConsultationNumber { get; set; }
    public string? RepliedOn { get; set; }
    public string? ConsentsToDisclosure { get; set; }
    public string? Summary { get; set; }

    public override void Prefill(CaseContext context) => RepliedOn = Today(context);

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) =>
    [
        ChoiceInput(nameof(ConsultationNumber), F.Consultation, ConsultationNumber,
            [.. context.File.Consultations.Where(x => x.RepliedOn is null)
                .Select(x => (x.Number.ToString(CultureInfo.InvariantCulture), $"第{x.Number}号 {x.Consultee}（{Pages.Html.Date(x.SentOn)}发出）"))]),
        DateInput(nameof(RepliedOn), F.ConsultationRepliedOn, RepliedOn),
        YesNoUnknownInput(nameof(ConsentsToDisclosure), F.ConsentsToDisclosure, ConsentsToDisclosure),
        TextAreaInput(nameof(Summary), F.ReplySummary, Summary, required: false),
    ];

    protected override RecordConsultationReply Command(StepFormReader read, CommandHeader header, CaseContext context) =>
        new(header.ApplicationId, header.Version, read.Number(nameof(ConsultationNumber)), read.Date(nameof(RepliedOn)),
            read.YesNoUnknown(nameof(ConsentsToDisclosure)), read.TextOrNull(nameof(Summary)), header.Actor);
}