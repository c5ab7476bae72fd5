using System.Globalization;
using System.Text.Json;
using Workflow.Applications;
using Workflow.Vocabulary;

namespace Server.Components.Cases;

public enum StepFieldKind
{
    Date,
    Text,
    TextArea,
    WholeNumber,
    Amount,
    Choice,
    YesNoUnknown,
}

/// <summary>
/// One plain input of a step form as the page shows it: its name (the command's property path in camelCase JSON naming,
/// so a refusal's <c>Field</c> finds it), its <see cref="ChineseTerms.Field"/> label, and what the user typed.
/// </summary>
public sealed record StepInput(string Name, string Label, StepFieldKind Kind, string? Value, bool Required = true, string? Hint = null)
{
    /// <summary>The options of a choice: the value posted (an enum member's name or a number) and its Chinese label.</summary>
    public IReadOnlyList<(string Value, string Label)> Options { get; init; } = [];

    /// <summary>The text of a choice's empty option, when not the default (请选择 / （无）).</summary>
    public string? Empty { get; init; }
}

/// <summary>
/// A lifecycle step's form on the case page, bound from the posted form by Blazor's form model binding
/// (<see cref="StepFormBinding{TForm}"/>). Like <c>RegistrationForm</c> it has its command's shape and JSON names but holds
/// what the user typed as text, so a date that is no date or an unknown choice is kept and refused in Chinese; it
/// declares its inputs (<see cref="Inputs"/>, rendered by the generic <c>StepFormView</c>) and converts itself to its
/// command (<see cref="StepForm{TCommand}"/>). Whether the command may happen is the decision's, never the form's.
/// </summary>
public abstract class StepFormModel
{
    /// <summary>The case version the user saw (hidden input <c>version</c>).</summary>
    public string? Version { get; set; }

    /// <summary>The step's name: the form's name (<c>_handler</c>) and the last segment of the address it posts to.</summary>
    public abstract string Step { get; }

    public abstract Type CommandType { get; }

    /// <summary>What the form does, in Chinese (the step's action term in <see cref="ChineseTerms"/>).</summary>
    public string Title => ChineseTerms.ActionOf(Step);

    /// <summary>A short explanation under the title.</summary>
    public virtual string? Guidance => null;

    /// <summary>The step closes the application, so the button says so.</summary>
    public virtual bool Closes => false;

    /// <summary>The values an empty form starts with (today's date, the case's current values …).</summary>
    public virtual void Prefill(CaseContext context) { }

    /// <summary>Form binding leaves a part the post did not name null: make it empty.</summary>
    public virtual void FillMissingParts() { }

    /// <summary>The plain inputs, in order, with what the user typed. Parts that are not plain inputs (an answer's items,
    /// a correction's new value, the topics) are the form's own properties, rendered by their own components.</summary>
    public abstract IReadOnlyList<StepInput> Inputs(CaseContext context);

    /// <summary>
    /// The command, or null with the errors the form itself can tell (a missing or malformed value, an unknown choice)
    /// reported by field path ("" for the whole form).
    /// </summary>
    public abstract IApplicationCommand? ToCommand(Guid applicationId, string actor, CaseContext context, Action<string, string> error);

    /// <summary>The input a refusal lands beside: the one its <see cref="Refusal.Field"/> names, or null for the whole form.</summary>
    public virtual string? FieldOf(Refusal refusal, CaseContext context) =>
        refusal.Field is { } field && Inputs(context).Any(input => input.Name == field) ? field : null;

    /// <summary>What the user typed, labelled (a choice by its label), for the box shown when the step no longer applies.</summary>
    public virtual IEnumerable<(string Label, string Text)> Entered(CaseContext context) =>
        Inputs(context).Where(input => !string.IsNullOrWhiteSpace(input.Value))
            .Select(input => (input.Label, input.Options.Where(o => o.Value == input.Value).Select(o => o.Label).FirstOrDefault() ?? input.Value!));

    // ---- declaring inputs ------------------------------------------------------------------------------------------

    /// <summary>An input's name: the property's name in camelCase, as the command's JSON names it.</summary>
    public static string PathOf(string property) => JsonNamingPolicy.CamelCase.ConvertName(property);

    protected static string Today(CaseContext context) => Pages.Html.Iso(context.Today);

    protected static StepInput DateInput(string property, string label, string? value, bool required = true, string? hint = null) =>
        new(PathOf(property), label, StepFieldKind.Date, value, required, hint);

    protected static StepInput TextInput(string property, string label, string? value, bool required = true, string? hint = null) =>
        new(PathOf(property), label, StepFieldKind.Text, value, required, hint);

    protected static StepInput TextAreaInput(string property, string label, string? value, bool required = true, string? hint = null) =>
        new(PathOf(property), label, StepFieldKind.TextArea, value, required, hint);

    protected static StepInput WholeNumberInput(string property, string label, string? value, bool required = true, string? hint = null) =>
        new(PathOf(property), label, StepFieldKind.WholeNumber, value, required, hint);

    protected static StepInput AmountInput(string property, string label, string? value, bool required = true, string? hint = null) =>
        new(PathOf(property), label, StepFieldKind.Amount, value, required, hint);

    protected static StepInput ChoiceInput(string property, string label, string? value, IReadOnlyList<(string Value, string Label)> options,
        bool required = true, string? hint = null) =>
        new(PathOf(property), label, StepFieldKind.Choice, value, required, hint) { Options = options };

    /// <summary>A choice among an enum's values, by member name, labelled with their terms.</summary>
    protected static StepInput ChoiceInput<TEnum>(string property, string label, string? value, bool required = true, string? hint = null)
        where TEnum : struct, Enum =>
        ChoiceInput(property, label, value, [.. Enum.GetValues<TEnum>().Select(v => (v.ToString(), ChineseTerms.Of(v)))], required, hint);

    /// <summary>Yes, no or not stated (a consultee's consent).</summary>
    protected static StepInput YesNoUnknownInput(string property, string label, string? value) =>
        new(PathOf(property), label, StepFieldKind.YesNoUnknown, value, Required: false)
        {
            Options = [("true", ChineseTerms.OfConsent(true)), ("false", ChineseTerms.OfConsent(false))],
            Empty = ChineseTerms.OfConsent(null),
        };
}

/// <summary>
/// A step form whose command is <typeparamref name="TCommand"/>: the step's name comes from the step's folder
/// (<see cref="LifecycleSteps"/>), and <see cref="Command"/> is the one typed conversion to the command record.
/// </summary>
public abstract class StepForm<TCommand> : StepFormModel where TCommand : class, IApplicationCommand
{
    public sealed override string Step => LifecycleSteps.Of<TCommand>().Name;

    public sealed override Type CommandType => typeof(TCommand);

    public sealed override IApplicationCommand? ToCommand(Guid applicationId, string actor, CaseContext context, Action<string, string> error) =>
        Convert(applicationId, actor, context, error);

    /// <summary>The command, or null with the errors recorded (see <see cref="StepFormModel.ToCommand"/>).</summary>
    public TCommand? Convert(Guid applicationId, string actor, CaseContext context, Action<string, string> error)
    {
        var read = new StepFormReader(Inputs(context), error);
        var version = read.Version(Version);
        var command = Command(read, new CommandHeader(applicationId, version, actor), context);
        return read.Failed ? null : command;
    }

    /// <summary>Builds the command from the reader's typed values; when anything failed the result is discarded.</summary>
    protected abstract TCommand Command(StepFormReader read, CommandHeader header, CaseContext context);
}

/// <summary>What every command carries besides its step's fields: set by the server, never typed by the user.</summary>
public readonly record struct CommandHeader(Guid ApplicationId, int Version, string Actor);

/// <summary>
/// Reads a form's typed text into the command's types, recording a Chinese error by field path for what is missing or
/// malformed (the same words for every form). Required or not is the method called: <c>Date</c> refuses an empty input,
/// <c>DateOrNull</c> accepts it.
/// </summary>
public sealed class StepFormReader(IReadOnlyList<StepInput> inputs, Action<string, string> error)
{
    private readonly HashSet<string> failed = new(StringComparer.Ordinal);

    public bool Failed => failed.Count > 0;

    /// <summary>Whether the input of <paramref name="property"/> was read without an error.</summary>
    public bool Succeeded(string property) => !failed.Contains(StepFormModel.PathOf(property));

    public void Fail(string path, string message)
    {
        if (failed.Add(path)) error(path, message);
    }

    public int Version(string? text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version)) return version;
        Fail("", "表单缺少案卷版本，请刷新页面后重试。");
        return 0;
    }

    public string Text(string property) => Required(property) ?? "";

    public string? TextOrNull(string property) => Optional(property);

    public DateOnly Date(string property) => ParseDate(Input(property), Required(property)) ?? default;

    public DateOnly? DateOrNull(string property) => ParseDate(Input(property), Optional(property));

    public int WholeNumber(string property) => ParseWholeNumber(Input(property), Required(property)) ?? default;

    public int? WholeNumberOrNull(string property) => ParseWholeNumber(Input(property), Optional(property));

    public decimal Amount(string property) => ParseAmount(Input(property), Required(property)) ?? default;

    public decimal? AmountOrNull(string property) => ParseAmount(Input(property), Optional(property));

    /// <summary>One of the input's options, as the enum member it names.</summary>
    public TEnum Choice<TEnum>(string property) where TEnum : struct, Enum =>
        OptionOf(Input(property), Required(property)) is { } value ? Enum.Parse<TEnum>(value) : default;

    public TEnum? ChoiceOrNull<TEnum>(string property) where TEnum : struct, Enum =>
        OptionOf(Input(property), Optional(property)) is { } value ? Enum.Parse<TEnum>(value) : null;

    /// <summary>One of the input's options, as the number it is (a consultation's or a review's number).</summary>
    public int Number(string property) =>
        OptionOf(Input(property), Required(property)) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : default;

    public int? NumberOrNull(string property) =>
        OptionOf(Input(property), Optional(property)) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    /// <summary>true, false, or null for anything else (not stated).</summary>
    public bool? YesNoUnknown(string property) => Optional(property) switch { "true" => true, "false" => false, _ => null };

    public static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static bool IsIsoDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private StepInput Input(string property)
    {
        var name = StepFormModel.PathOf(property);
        return inputs.FirstOrDefault(input => input.Name == name)
               ?? throw new InvalidOperationException($"The form declares no input '{name}'.");
    }

    private string? Optional(string property) => Trimmed(Input(property).Value);

    private string? Required(string property)
    {
        var input = Input(property);
        var text = Trimmed(input.Value);
        if (text is null) Fail(input.Name, input.Kind is StepFieldKind.Choice ? $"请选择“{input.Label}”。" : $"请填写“{input.Label}”。");
        return text;
    }

    private DateOnly? ParseDate(StepInput input, string? text)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Fail(input.Name, $"“{input.Label}”应为有效日期，格式如 2024-01-31。");
        return null;
    }

    private int? ParseWholeNumber(StepInput input, string? text)
    {
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return number;
        Fail(input.Name, $"“{input.Label}”应为整数。");
        return null;
    }

    private decimal? ParseAmount(StepInput input, string? text)
    {
        if (text is null) return null;
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) && amount >= 0) return amount;
        Fail(input.Name, $"“{input.Label}”应为金额，如 10 或 12.50。");
        return null;
    }

    private string? OptionOf(StepInput input, string? text)
    {
        if (text is null) return null;
        if (input.Options.Any(option => option.Value == text)) return text;
        Fail(input.Name, $"“{input.Label}”的选项无效，请重新选择。");
        return null;
    }
}
