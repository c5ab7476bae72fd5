using System.Globalization;
using Workflow.Applications;
using Workflow.Clock;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>征求意见 → <see cref="SendConsultation"/>.</summary>
public sealed class ConsultationForm : StepForm<SendConsultation>
{
    public string? Party { get; set; }
    public string? Consultee { get; set; }
    public string? SentOn { get; set; }

    public override string Guidance => "征求意见期间不计算在答复期限内（第三方15个工作日）。";

    public override void Prefill(CaseContext context) => SentOn = Today(context);

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) =>
    [
        ChoiceInput<ConsultationParty>(nameof(Party), F.ConsultationParty, Party),
        TextInput(nameof(Consultee), F.Consultee, Consultee),
        DateInput(nameof(SentOn), F.ConsultationSentOn, SentOn),
    ];

    protected override SendConsultation Command(StepFormReader read, CommandHeader header, CaseContext context) =>
        new(header.ApplicationId, header.Version, read.Choice<ConsultationParty>(nameof(Party)), read.Text(nameof(Consultee)),
            read.Date(nameof(SentOn)), header.Actor);
}