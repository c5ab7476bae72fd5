using System.Diagnostics.CodeAnalysis;
using Workflow.Calendar;

namespace Workflow.Applications;

/// <summary>What a decision may know besides the state and the command: today's date in China and the calendar.</summary>
public sealed record DecisionContext(DateOnly Today, WorkdayCalendar Calendar);

/// <summary>
/// The checks many steps share (the case is open, a business date lies between the receipt and today, a text is given
/// and not too long, an enum value is defined). Each validation refusal names the command's field it is about (its JSON
/// path), so forms show it beside that input. A step's own rules live in its folder, never here.
/// </summary>
public static class StepChecks
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxItems = 50;

    /// <summary>The earliest receipt date the system accepts (the 2008 regulation took effect on 2008-05-01).</summary>
    public static readonly DateOnly EarliestReceipt = new(2008, 5, 1);

    /// <summary>The guard most handling steps start with: the application is not closed.</summary>
    public static Refusal? Open(DisclosureApplication state) => state.IsOpen ? null : Refusals.Closed(state.RegistrationNumber);

    /// <summary>Refuses with the guard's refusal, if it has one.</summary>
    public static void Require(Refusal? guard)
    {
        if (guard is not null) Refuse(guard);
    }

    /// <summary>A business date is not before the receipt date and not after today (A1).</summary>
    public static void RequireDate(DisclosureApplication state, DateOnly businessDate, string field, DecisionContext context)
    {
        if (businessDate < state.ReceivedOn) Refuse(Refusals.DateBeforeReceipt(businessDate, state.ReceivedOn, field));
        if (businessDate > context.Today) Refuse(Refusals.DateInFuture(businessDate, context.Today, field));
    }

    /// <summary>
    /// A date the statutory clock will count to (a due date or a deadline the office sets) lies in a year the calendar can
    /// count: otherwise the case would be left without a clock (a date after 2100, say).
    /// </summary>
    public static void RequireCountable(DateOnly date, string chinese, string english, string field, DecisionContext context)
    {
        try
        {
            context.Calendar.KindOf(date);
        }
        catch (CalendarYearNotLoadedException missing)
        {
            Refuse(Refusals.Invalid("date.not-countable", $"“{chinese}”{date:yyyy-MM-dd}无法计算：{missing.ChineseMessage}。",
                $"The {english} {date:yyyy-MM-dd} cannot be counted by the working-day calendar: {missing.Message}", field));
        }
    }

    public static void RequireActor(string actor)
    {
        if (string.IsNullOrWhiteSpace(actor)) Refuse(Refusals.Required("经办人", "actor", "actor"));
    }

    public static void RequireText(string? value, string chinese, string english, int max, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) Refuse(Refusals.Required(chinese, english, field));
        if (value!.Length > max) Refuse(Refusals.TooLong(chinese, english, max, field));
    }

    public static void OptionalText(string? value, string chinese, string english, int max, string field)
    {
        if (value is not null && value.Length > max) Refuse(Refusals.TooLong(chinese, english, max, field));
    }

    public static void RequireDefined<TEnum>(TEnum value, string chinese, string english, string field) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
            Refuse(Refusals.Invalid("field.unknown-value", $"“{chinese}”的取值无效。", $"Unknown value for '{english}'.", field));
    }

    public static TEnum ParseEnum<TEnum>(string value, string chinese, string english, string field) where TEnum : struct, Enum
    {
        // Exact member names only: Enum.TryParse also accepts numbers and comma-separated lists ("Letter, Fax" → 1|2).
        if (!Enum.GetNames<TEnum>().Contains(value, StringComparer.Ordinal))
            Refuse(Refusals.Invalid("field.unknown-value", $"“{chinese}”的取值无效：{value}", $"Unknown value for '{english}': {value}", field));
        return Enum.Parse<TEnum>(value);
    }

    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    [DoesNotReturn]
    public static void Refuse(Refusal refusal) => throw new CommandRefusedException(refusal);
}
