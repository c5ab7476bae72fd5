namespace Server.Components.Calendar;

/// <summary>The addresses of the calendar pages (工作日历).</summary>
public static class CalendarRoutes
{
    public const string Year = "/calendar";
    public const string Moved = "/calendar/moved";

    public static string YearOf(int year) => $"{Year}?year={year}";
}

/// <summary>导入放假通知: the pasted text.</summary>
public sealed class NoticeForm
{
    public string? Text { get; set; }
}

/// <summary>确认记录: the text again (the preview is recomputed from it, nothing is kept between the two requests).</summary>
public sealed class ConfirmNoticeForm
{
    public string? Text { get; set; }
}

/// <summary>Acknowledging moved deadlines: one id, or every one the member of staff sees.</summary>
public sealed class AcknowledgeForm
{
    public Guid? Id { get; set; }
}
