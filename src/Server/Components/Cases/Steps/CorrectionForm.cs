using System.Globalization;
using Workflow.Applications;
using Workflow.Vocabulary;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>
/// 更正 → <see cref="CorrectFact"/>. The new value has one input per correctable fact (<c>newValue.{fact}</c>, each
/// starting with the current value); the chosen fact's input is read. The stylesheet shows only that input (CSS :has,
/// no script), and all of them, labelled, without it.
/// </summary>
public sealed class CorrectionForm : StepForm<CorrectFact>
{
    /// <summary>The command's path of the new value, which a refusal about it names.</summary>
    public const string NewValuePath = "newValue";

    public string? CorrectedOn { get; set; }
    public string? Fact { get; set; }
    public string? Reason { get; set; }
    public CorrectionValuesForm NewValue { get; set; } = new();

    public override string Guidance => "登记内容不作修改或删除，更正以新的记录留痕（原值、新值、理由、更正人）。";

    /// <summary>The input of a fact's new value: <c>newValue.channel</c>, <c>newValue.receivedOn</c> …</summary>
    public static string NameOf(CorrectableFact fact) => $"{NewValuePath}.{PathOf(fact.ToString())}";

    public static string LabelOf(CorrectableFact fact) => $"更正后的{ChineseTerms.Of(fact)}";

    /// <summary>The chosen fact, when the posted choice is one.</summary>
    public CorrectableFact? ChosenFact =>
        StepFormReader.Trimmed(Fact) is { } text && Enum.GetNames<CorrectableFact>().Contains(text, StringComparer.Ordinal) ? Enum.Parse<CorrectableFact>(text) : null;

    public override void Prefill(CaseContext context)
    {
        CorrectedOn = Today(context);
        var file = context.File;
        NewValue = new CorrectionValuesForm
        {
            ReceivedOn = Pages.Html.Iso(file.ReceivedOn),
            Channel = file.Channel.ToString(),
            ApplicantType = file.ApplicantType.ToString(),
            ApplicantName = file.Applicant.Name,
            ApplicantIdNumber = file.Applicant.IdNumber ?? "",
            ApplicantContact = file.Applicant.Phone ?? "",
            ResultRow = file.Row?.ToString() ?? "",
        };
    }

    public override void FillMissingParts() => NewValue ??= new CorrectionValuesForm();

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) =>
    [
        DateInput(nameof(CorrectedOn), F.CorrectedOn, CorrectedOn),
        ChoiceInput<CorrectableFact>(nameof(Fact), F.CorrectedFact, Fact),
        TextAreaInput(nameof(Reason), F.CorrectionReason, Reason),
    ];

    protected override CorrectFact Command(StepFormReader read, CommandHeader header, CaseContext context)
    {
        var correctedOn = read.Date(nameof(CorrectedOn));
        var fact = read.Choice<CorrectableFact>(nameof(Fact));
        var newValue = read.Succeeded(nameof(Fact)) ? ReadNewValue(read, fact) : null;
        return new CorrectFact(header.ApplicationId, header.Version, correctedOn, fact, newValue ?? "", read.Text(nameof(Reason)), header.Actor);
    }

    /// <summary>The new value as the command carries it (invariant: yyyy-MM-dd or the enum member's name), or null with an error.</summary>
    private string? ReadNewValue(StepFormReader read, CorrectableFact fact)
    {
        var name = NameOf(fact);
        var text = StepFormReader.Trimmed(NewValue.Of(fact));
        if (text is null)
        {
            read.Fail(name, $"请填写“{LabelOf(fact)}”。");
            return null;
        }
        var valid = fact switch
        {
            CorrectableFact.ReceivedOn => StepFormReader.IsIsoDate(text),
            CorrectableFact.Channel => Enum.GetNames<Channel>().Contains(text, StringComparer.Ordinal),
            CorrectableFact.ApplicantType => Enum.GetNames<ApplicantType>().Contains(text, StringComparer.Ordinal),
            CorrectableFact.ResultRow => Enum.GetNames<ResultRow>().Contains(text, StringComparer.Ordinal),
            _ => true,
        };
        if (valid) return text;
        read.Fail(name, fact == CorrectableFact.ReceivedOn ? $"“{LabelOf(fact)}”应为有效日期，格式如 2024-01-31。" : $"“{LabelOf(fact)}”的选项无效，请重新选择。");
        return null;
    }

    /// <summary>A refusal of the new value lands on the chosen fact's input (on the general spot when no fact is chosen).</summary>
    public override string? FieldOf(Refusal refusal, CaseContext context) => refusal.Field switch
    {
        NewValuePath => ChosenFact is { } fact ? NameOf(fact) : NewValuePath,
        { } field when Enum.GetValues<CorrectableFact>().Any(f => NameOf(f) == field) => field,
        _ => base.FieldOf(refusal, context),
    };

    public override IEnumerable<(string Label, string Text)> Entered(CaseContext context) =>
        ChosenFact is { } fact && StepFormReader.Trimmed(NewValue.Of(fact)) is { } value
            ? [.. base.Entered(context), (LabelOf(fact), value)]
            : base.Entered(context);
}

/// <summary>A correction's new value, one input per <see cref="CorrectableFact"/> (the property is the fact's name).</summary>
public sealed class CorrectionValuesForm
{
    public string? ReceivedOn { get; set; }
    public string? Channel { get; set; }
    public string? ApplicantType { get; set; }
    public string? ApplicantName { get; set; }
    public string? ApplicantIdNumber { get; set; }
    public string? ApplicantContact { get; set; }
    public string? ResultRow { get; set; }

    public string? Of(CorrectableFact fact) => fact switch
    {
        CorrectableFact.ReceivedOn => ReceivedOn,
        CorrectableFact.Channel => Channel,
        CorrectableFact.ApplicantType => ApplicantType,
        CorrectableFact.ApplicantName => ApplicantName,
        CorrectableFact.ApplicantIdNumber => ApplicantIdNumber,
        CorrectableFact.ApplicantContact => ApplicantContact,
        CorrectableFact.ResultRow => ResultRow,
        _ => null,
    };
}