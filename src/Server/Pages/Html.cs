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
/// What was wrong with a posted form: the Chinese error of each input by its name (the command's path, as
/// <c>Refusal.Field</c> names it) and one for the whole form. The input itself is the form's model, re-rendered with the
/// page after a refusal, so it is never lost.
/// </summary>
public sealed class FormState
{
    private readonly Dictionary<string, string> errors = new(StringComparer.Ordinal);

    public static FormState Empty => new();

    /// <summary>An error for the whole form (a rule refusal), shown above its fields.</summary>
    public string? GeneralError { get; set; }

    /// <summary>The general error is a stale-version conflict (shown as a warning: nothing the user typed was wrong).</summary>
    public bool IsConflict { get; set; }

    public bool HasErrors => errors.Count > 0 || GeneralError is not null;

    public IReadOnlyDictionary<string, string> Errors => errors;

    public string? Error(string name) => errors.TryGetValue(name, out var error) ? error : null;

    /// <summary>Records an error by input name; "" is the whole form.</summary>
    public void AddError(string name, string message)
    {
        if (name.Length == 0) GeneralError ??= message;
        else errors.TryAdd(name, message);
    }
}
