using System.Globalization;

namespace Workflow.Applications;

/// <summary>
/// Reads the new value of a <see cref="FactCorrected"/> in its type. The decision wrote it in invariant form (ISO date,
/// enum name), so every fold — the write model, the case file, the statistics — reads it the same way, here.
/// </summary>
public static class CorrectedValues
{
    public const string DateFormat = "yyyy-MM-dd";

    public static DateOnly NewDate(this FactCorrected correction) =>
        DateOnly.ParseExact(correction.NewValue, DateFormat, CultureInfo.InvariantCulture);

    public static TEnum NewEnum<TEnum>(this FactCorrected correction) where TEnum : struct, Enum =>
        Enum.Parse<TEnum>(correction.NewValue);
}
