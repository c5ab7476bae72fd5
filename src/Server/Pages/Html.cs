using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Workflow.Vocabulary;

namespace Server.Pages;

/// <summary>
/// Encoding for the server-rendered pages. Every value that reaches HTML goes through <see cref="E"/> (text and
/// attribute values alike); Chinese stays readable in the source (all Unicode ranges allowed, markup characters encoded).
/// </summary>
public static class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Encodes text or an attribute value.</summary>
    public static string E(string? value) => string.IsNullOrEmpty(value) ? "" : Encoder.Encode(value);

    public static string E(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>ISO date, as staff type it and as the date inputs want it; "—" for none.</summary>
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A record time in China Standard Time, to the minute.</summary>
    public static string Time(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, Workflow.Applications.DecisionContextSource.ChinaStandardTime)
            .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A record time in China Standard Time, to the second (legal review: what was recorded before what).</summary>
    public static string Seconds(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, Workflow.Applications.DecisionContextSource.ChinaStandardTime)
            .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The value of a datetime-local input: China time, to the minute.</summary>
    public static string DateTimeLocal(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, Workflow.Applications.DecisionContextSource.ChinaStandardTime)
            .ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A URL path segment or query value.</summary>
    public static string Url(string value) => Uri.EscapeDataString(value);
}

/// <summary>
/// What the user typed into one form, and what was wrong with it: re-rendered with the page after a refusal, so input is
/// never lost. Field names are the form's input names; errors are Chinese.
/// </summary>
public sealed class FormState
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> errors = new(StringComparer.Ordinal);

    public static FormState Empty => new();

    public static FormState From(IFormCollection form)
    {
        var state = new FormState();
        foreach (var (key, value) in form)
        {
            if (key.StartsWith("__", StringComparison.Ordinal)) continue;
            state.values[key] = value.ToString();
        }
        return state;
    }

    /// <summary>An error for the whole form (a rule refusal), shown above its fields.</summary>
    public string? GeneralError { get; set; }

    /// <summary>The general error is a stale-version conflict (shown as a warning: nothing the user typed was wrong).</summary>
    public bool IsConflict { get; set; }

    public bool HasErrors => errors.Count > 0 || GeneralError is not null;

    public IReadOnlyDictionary<string, string> Values => values;

    public IReadOnlyDictionary<string, string> Errors => errors;

    public string? Value(string name) => values.TryGetValue(name, out var value) ? value : null;

    public string ValueOr(string name, string fallback) => values.TryGetValue(name, out var value) ? value : fallback;

    public string? Error(string name) => errors.TryGetValue(name, out var error) ? error : null;

    public FormState With(string name, string value)
    {
        values[name] = value;
        return this;
    }

    public void AddError(string name, string message) => errors.TryAdd(name, message);

    public string? Text(string name) => string.IsNullOrWhiteSpace(Value(name)) ? null : Value(name)!.Trim();
}

/// <summary>Labelled inputs with their error beside them. Ids are prefixed by the form, so several forms share a page.</summary>
public sealed class FormFields(string formId, FormState state)
{
    public FormState State => state;

    public string Id(string name) => $"{formId}-{name.Replace('[', '-').Replace(']', '-').Replace('.', '-')}";

    public string Text(string name, string label, bool required = false, string type = "text", string? hint = null,
        string fallback = "", string? autocomplete = null, string css = "") =>
        Wrap(name, label, required, hint, css,
            $"<input type=\"{type}\" id=\"{Id(name)}\" name=\"{Html.E(name)}\" value=\"{Html.E(state.ValueOr(name, fallback))}\"" +
            $"{(required ? " required" : "")}{(autocomplete is null ? "" : $" autocomplete=\"{autocomplete}\"")}{Described(name, hint)}>");

    public string Date(string name, string label, DateOnly? fallback, bool required = true, string? hint = null) =>
        Text(name, label, required, "date", hint, fallback is { } date ? Html.Iso(date) : "");

    public string Number(string name, string label, string fallback = "", bool required = true, string? hint = null) =>
        Wrap(name, label, required, hint, "",
            $"<input type=\"number\" inputmode=\"numeric\" step=\"1\" id=\"{Id(name)}\" name=\"{Html.E(name)}\" value=\"{Html.E(state.ValueOr(name, fallback))}\"" +
            $"{(required ? " required" : "")}{Described(name, hint)}>");

    public string TextArea(string name, string label, bool required = false, string? hint = null, int rows = 3, string fallback = "") =>
        Wrap(name, label, required, hint, "wide",
            $"<textarea id=\"{Id(name)}\" name=\"{Html.E(name)}\" rows=\"{rows}\"{(required ? " required" : "")}{Described(name, hint)}>" +
            $"{Html.E(state.ValueOr(name, fallback))}</textarea>");

    public string Select(string name, string label, IEnumerable<(string Value, string Label)> options, bool required = true,
        string? emptyLabel = "请选择", string? hint = null, string fallback = "") =>
        Wrap(name, label, required, hint, "", SelectElement(name, [(null, options.ToList())], required, emptyLabel, hint, fallback));

    public string GroupedSelect(string name, string label, IEnumerable<(string? Group, IReadOnlyList<(string Value, string Label)> Options)> groups,
        bool required = true, string? emptyLabel = "请选择", string? hint = null, string fallback = "") =>
        Wrap(name, label, required, hint, "", SelectElement(name, groups, required, emptyLabel, hint, fallback));

    public string SelectElement(string name, IEnumerable<(string? Group, IReadOnlyList<(string Value, string Label)> Options)> groups,
        bool required, string? emptyLabel, string? hint, string fallback)
    {
        var current = state.ValueOr(name, fallback);
        var html = new System.Text.StringBuilder();
        html.Append($"<select id=\"{Id(name)}\" name=\"{Html.E(name)}\"{(required ? " required" : "")}{Described(name, hint)}>");
        if (emptyLabel is not null) html.Append($"<option value=\"\">{Html.E(emptyLabel)}</option>");
        foreach (var (group, options) in groups)
        {
            if (group is not null) html.Append($"<optgroup label=\"{Html.E(group)}\">");
            foreach (var (value, text) in options)
                html.Append($"<option value=\"{Html.E(value)}\"{(value == current ? " selected" : "")}>{Html.E(text)}</option>");
            if (group is not null) html.Append("</optgroup>");
        }
        html.Append("</select>");
        return html.ToString();
    }

    /// <summary>The error message of a field, for fields laid out by hand (e.g. the answer's item rows).</summary>
    public string ErrorOf(string name) =>
        state.Error(name) is { } error ? $"<span class=\"field-error\" id=\"{Id(name)}-error\" role=\"alert\">{Html.E(error)}</span>" : "";

    public string Described(string name, string? hint) =>
        (state.Error(name), hint) switch
        {
            (not null, not null) => $" aria-invalid=\"true\" aria-describedby=\"{Id(name)}-error {Id(name)}-hint\"",
            (not null, null) => $" aria-invalid=\"true\" aria-describedby=\"{Id(name)}-error\"",
            (null, not null) => $" aria-describedby=\"{Id(name)}-hint\"",
            _ => "",
        };

    private string Wrap(string name, string label, bool required, string? hint, string css, string control)
    {
        var error = state.Error(name);
        var classes = string.Join(' ', new[] { "field", css, error is null ? "" : "has-error" }.Where(c => c.Length > 0));
        return $"<div class=\"{classes}\"><label for=\"{Id(name)}\">{Html.E(label)}{(required ? "<span class=\"required\" title=\"必填\">*</span>" : "")}</label>" +
               control +
               (hint is null ? "" : $"<span class=\"hint\" id=\"{Id(name)}-hint\">{Html.E(hint)}</span>") +
               ErrorOf(name) + "</div>";
    }

    public static IEnumerable<(string Value, string Label)> EnumOptions<TEnum>() where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(v => (v.ToString(), ChineseTerms.Of(v)));
}
