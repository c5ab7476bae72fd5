using System.Globalization;
using Workflow.Applications;
using Workflow.Clock;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>添加备注 → <see cref="AddNote"/>.</summary>
public sealed class NoteForm : StepForm<AddNote>
{
    public string? NotedOn { get; set; }
    public string? Text { get; set; }

    public override void Prefill(CaseContext context) => NotedOn = Today(context);

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) =>
    [
        DateInput(nameof(NotedOn), F.StepDate, NotedOn),
        TextAreaInput(nameof(Text), F.NoteText, Text),
    ];

    protected override AddNote Command(StepFormReader read, CommandHeader header, CaseContext context) =>
        new(header.ApplicationId, header.Version, read.Date(nameof(NotedOn)), read.Text(nameof(Text)), header.Actor);
}