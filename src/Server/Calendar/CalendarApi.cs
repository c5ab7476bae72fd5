using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Server.Accounts;
using Workflow.Calendar;

namespace Server.Calendar;

/// <summary>
/// The working-day calendar over HTTP (ADR 0018): a year in force with its history, reading a State Council notice
/// (preview, then record), importing a JSON file, and the deadlines a change moved (list, acknowledge).
/// Recording is for administrators (管理员); every signed-in member of staff reads, and sees the moved deadlines of
/// the agencies they may see.
/// </summary>
public static class CalendarApi
{
    public static RouteGroupBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/calendar").RequireAuthorization().WithTags("工作日历");
        api.MapGet("/{year:int}", Year).WithName("GetCalendarYear")
            .WithSummary("工作日历 / A year in force (notice or 预计) with every recorded version");
        api.MapPost("/notices", ImportNotice).WithName("ImportHolidayNotice")
            .WithSummary("导入放假通知 / Body: the notice text. ?confirm=true records it; otherwise a preview (nothing recorded)");
        api.MapPost("/files", ImportFile).WithName("ImportCalendarFile")
            .WithSummary("导入日历文件 / Body: a calendar file in the JSON format of src/Workflow/Calendar/Data (kind notice or local)");
        api.MapGet("/changes", Changes).WithName("ListCalendarChanges")
            .WithSummary("日历变更记录 / Every recorded change: who, when, source, the days that changed");
        api.MapGet("/moved-deadlines", Moved).WithName("ListMovedDeadlines")
            .WithSummary("期限变动 / Deadlines of open applications moved by a calendar change; ?all=true includes acknowledged ones");
        api.MapPost("/moved-deadlines/{id:guid}/acknowledge", Acknowledge).WithName("AcknowledgeMovedDeadline")
            .WithSummary("确认期限变动 / Acknowledge one moved deadline");
        api.MapPost("/moved-deadlines/acknowledge", AcknowledgeAll).WithName("AcknowledgeMovedDeadlines")
            .WithSummary("确认全部期限变动 / Acknowledge every moved deadline you can see");
        return api;
    }

    /// <summary>A year as the API shows it.</summary>
    public sealed record YearView(int Year, string Version, bool Provisional, string? ProvisionalReason, string Source,
        IReadOnlyList<CalendarDay> DaysOff, IReadOnlyList<CalendarDay> MakeUpWorkdays, IReadOnlyList<ChangeView> History);

    /// <summary>A recorded change as the API shows it (without the file and the pasted text).</summary>
    public sealed record ChangeView(Guid Id, long Sequence, int Year, string Kind, string? AgencyCode, string Version, string PreviousVersion,
        string Source, string RecordedBy, DateTimeOffset RecordedAt, IReadOnlyList<CalendarDayChange> Days);

    public static ChangeView ViewOf(CalendarChange c) =>
        new(c.Id, c.Sequence, c.Year, c.Kind, c.AgencyCode, c.Version, c.PreviousVersion, c.Source, c.RecordedBy, c.RecordedAt, c.Days);

    public static YearView ViewOf(CalendarBook book, int year)
    {
        var file = book.Current.ArrangementOf(year);
        return new YearView(year, file.Version, file.IsProvisional, file.IsProvisional ? ProvisionalYear.ReasonFor([year]) : null,
            file.Source.Notice, file.DaysOff, file.MakeUpWorkdays,
            [.. book.Changes.Where(c => c.Year == year).Select(ViewOf)]);
    }

    private static async Task<IResult> Year(int year, CalendarInForce calendars, IDocumentStore store, CancellationToken cancellation)
    {
        if (!StatutoryHolidays.Supports(year)) return Problem("calendar.year-invalid", $"年度{year}超出支持范围（1902-2100）", $"Year {year} is outside 1902-2100.");
        await calendars.RefreshAsync(store, force: true, cancellation);
        return Results.Ok(ViewOf(calendars.Book, year));
    }

    private static async Task<IResult> ImportNotice(HttpRequest request, bool? confirm, [FromServices] ICurrentStaff staff,
        CalendarInForce calendars, CalendarRecorder recorder, IDocumentStore store, CancellationToken cancellation)
    {
        if (!staff.Roles.Contains(StaffRole.Administrator)) return Api.ApiResults.Forbidden();
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellation);
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                text = JsonDocument.Parse(text).RootElement.GetProperty("text").GetString() ?? "";
            }
            catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return Problem("calendar.body-invalid", "请求体应为通知正文（text/plain）或 {\"text\": \"…\"}", "The body is the notice text (text/plain) or {\"text\": \"…\"}.");
            }
        }
        await calendars.RefreshAsync(store, force: true, cancellation);
        CalendarFile file;
        try
        {
            file = CalendarImport.FromNotice(calendars.Book, text);
        }
        catch (HolidayNoticeFormatException exception)
        {
            return Problem("calendar.notice-unreadable", exception.ChineseMessage, exception.Message);
        }
        if (confirm != true) return Results.Ok(CalendarImport.Preview(calendars.Book, file));
        return await RecordAsync(recorder, file, file.Source.Notice, text, staff, cancellation);
    }

    private static async Task<IResult> ImportFile(HttpRequest request, [FromServices] ICurrentStaff staff, CalendarRecorder recorder,
        CancellationToken cancellation)
    {
        if (!staff.Roles.Contains(StaffRole.Administrator)) return Api.ApiResults.Forbidden();
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var json = await reader.ReadToEndAsync(cancellation);
        var (file, refusal) = ReadFile(json, "request body");
        if (refusal is not null) return Api.ApiResults.Refused(refusal);
        return await RecordAsync(recorder, file!, $"日历文件（版本{file!.Version}）", null, staff, cancellation);
    }

    /// <summary>
    /// A calendar file as a client sent it (the API body, the page's upload): the product's payload gate first
    /// (<see cref="Workflow.Applications.StrictJson"/>: well-formed, no duplicated key, storable text), then the file format.
    /// </summary>
    public static (CalendarFile? File, Workflow.Applications.Refusal? Refusal) ReadFile(string json, string origin)
    {
        if (Workflow.Applications.StrictJson.Parse(json).Refusal is { } refusal) return (null, refusal);
        try
        {
            return (CalendarFile.Parse(json, origin), null);
        }
        catch (CalendarDataException exception)
        {
            return (null, Workflow.Applications.Refusals.Invalid("calendar.file-invalid", exception.ChineseMessage, exception.Message));
        }
    }

    private static async Task<IResult> RecordAsync(CalendarRecorder recorder, CalendarFile file, string source, string? text, ICurrentStaff by,
        CancellationToken cancellation)
    {
        try
        {
            var result = await recorder.RecordAsync(file, source, text, by, cancellation);
            return Results.Ok(new { change = ViewOf(result.Change), moved = result.Moved });
        }
        catch (CalendarRecordException exception)
        {
            return Api.ApiResults.Refused(exception.Refusal);
        }
    }

    private static async Task<IResult> Changes(CalendarInForce calendars, IDocumentStore store, CancellationToken cancellation)
    {
        await calendars.RefreshAsync(store, force: true, cancellation);
        return Results.Ok(calendars.Book.Changes.Reverse().Select(ViewOf));
    }

    private static async Task<IResult> Moved(bool? all, [FromServices] ICurrentStaff staff, IQuerySession session, CancellationToken cancellation) =>
        Results.Ok(await MovedDeadlines.ListAsync(session, staff.VisibleAgencies, all == true, cancellation));

    private static async Task<IResult> Acknowledge(Guid id, [FromServices] ICurrentStaff staff, IDocumentStore store, TimeProvider time,
        CancellationToken cancellation)
    {
        var done = await MovedDeadlines.AcknowledgeAsync(store, staff, [id], time.GetUtcNow(), cancellation);
        if (done > 0) return Results.Ok(new { acknowledged = done });
        return Api.ApiResults.Refused(await MovedDeadlines.WhyNotAcknowledgedAsync(store, staff, id, cancellation));
    }

    private static async Task<IResult> AcknowledgeAll([FromServices] ICurrentStaff staff, IDocumentStore store, TimeProvider time,
        CancellationToken cancellation) =>
        Results.Ok(new { acknowledged = await MovedDeadlines.AcknowledgeAsync(store, staff, null, time.GetUtcNow(), cancellation) });

    private static IResult Problem(string code, string chinese, string english) => Results.Json(
        new { type = $"urn:workflow:refusal:{code}", code, title = chinese, detail = english, status = 400 },
        statusCode: 400, contentType: "application/problem+json");
}

/// <summary>Reading a notice or a file into the calendar file to record, and the preview shown before confirming.</summary>
public static class CalendarImport
{
    /// <summary>The year's arrangement after the notice: an original notice replaces the year; an amendment applies on top of the version in force.</summary>
    public static CalendarFile FromNotice(CalendarBook book, string text)
    {
        var notice = HolidayNoticeParser.Parse(text);
        var inForce = book.Current.ArrangementOf(notice.Year);
        return HolidayNoticeParser.Apply(inForce.IsProvisional ? null : inForce, notice);
    }

    /// <summary>What a preview shows: the file, the days that would change and the month grid.</summary>
    public sealed record PreviewView(CalendarFile File, string PreviousVersion, IReadOnlyList<CalendarDayChange> Days, string Grid);

    public static PreviewView Preview(CalendarBook book, CalendarFile file)
    {
        var after = WorkdayCalendar.FromFiles(book.Current.Files.Append(file with { Kind = CalendarFileKind.Notice }));
        return new PreviewView(file, book.Current.ArrangementOf(file.Year).Version,
            CalendarBook.Difference(book.Current, after, file.Year), MonthGrid.ToText(after, file.Year));
    }
}

/// <summary>The moved deadlines a member of staff sees, and their acknowledgement.</summary>
public static class MovedDeadlines
{
    public static async Task<IReadOnlyList<MovedDeadline>> ListAsync(IQuerySession session, IReadOnlySet<string> agencies, bool includeAcknowledged,
        CancellationToken cancellation)
    {
        var codes = agencies.ToArray();
        var query = session.Query<MovedDeadline>().Where(m => codes.Contains(m.AgencyCode));
        if (!includeAcknowledged) query = query.Where(m => m.AcknowledgedAt == null);
        var list = await query.ToListAsync(cancellation);
        return [.. list.OrderByDescending(m => m.ListedAt).ThenBy(m => m.RegistrationNumber, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Acknowledges the given moved deadlines (null: every unacknowledged one the member of staff sees); returns how many
    /// this call acknowledged. One conditional update in the database (docs/adr/0041): a moved deadline is acknowledged
    /// once, by whoever came first; a call that comes second (in parallel or later) does not count it again.
    /// </summary>
    public static async Task<int> AcknowledgeAsync(IDocumentStore store, ICurrentStaff staff, IReadOnlyCollection<Guid>? ids, DateTimeOffset now,
        CancellationToken cancellation)
    {
        await store.Storage.Database.EnsureStorageExistsAsync(typeof(MovedDeadline), cancellation);
        var serializer = store.Options.Serializer();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        // Only the two fields change; the row lock of the update makes a second caller see the first one's acknowledgement.
        await using var command = new Npgsql.NpgsqlCommand($$"""
            update {{TableOf(store)}}
               set data = data || jsonb_build_object('acknowledgedBy', @by::text, 'acknowledgedAt', @at::jsonb),
                   mt_version = gen_random_uuid(), mt_last_modified = now()
             where data ->> 'agencyCode' = any(@agencies)
               and coalesce(data -> 'acknowledgedAt', 'null'::jsonb) = 'null'::jsonb
            """ + (ids is null ? "" : " and id = any(@ids)"), connection);
        command.Parameters.AddWithValue("by", staff.UserName);
        command.Parameters.AddWithValue("at", serializer.ToJson(now));
        command.Parameters.AddWithValue("agencies", staff.VisibleAgencies.ToArray());
        if (ids is not null) command.Parameters.AddWithValue("ids", ids.ToArray());
        return await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>Why <paramref name="id"/> was not acknowledged: nobody this member of staff sees has it (404), or it already was (409).</summary>
    public static async Task<Workflow.Applications.Refusal> WhyNotAcknowledgedAsync(IDocumentStore store, ICurrentStaff staff, Guid id,
        CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        var moved = await session.LoadAsync<MovedDeadline>(id, cancellation);
        if (moved is null || !staff.VisibleAgencies.Contains(moved.AgencyCode))
            return new("calendar.moved-deadline-not-found", "未找到该期限变动。", "No such moved deadline.", Workflow.Applications.RefusalKind.NotFound);
        return new("calendar.moved-deadline-acknowledged",
            $"该期限变动已由{moved.AcknowledgedBy}确认，无需再次确认。",
            $"This moved deadline was already acknowledged by {moved.AcknowledgedBy} at {moved.AcknowledgedAt:O}.",
            Workflow.Applications.RefusalKind.Conflict);
    }

    private static string TableOf(IDocumentStore store) => $"{store.Options.DatabaseSchemaName}.mt_doc_{nameof(MovedDeadline).ToLowerInvariant()}";
}
