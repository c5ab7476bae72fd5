using Marten;
using Projections.Cases;
using Server.Accounts;
using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;

namespace Server.Calendar;

/// <summary>What recording a calendar change did: the change, and the deadlines of open applications it moved.</summary>
public sealed record CalendarRecordResult(CalendarChange Change, IReadOnlyList<MovedDeadline> Moved);

/// <summary>
/// Records a change of the working-day calendar (ADR 0018): a year's arrangement read from a notice or a JSON file, or
/// an agency's local days off. The change is stored with who, when, the source and the days that changed; every open
/// application whose deadline moves is listed (<see cref="MovedDeadline"/>) for the staff of its agency; then the new
/// calendar is put in force in this process (other processes pick it up on their next refresh).
/// </summary>
public sealed class CalendarRecorder(IDocumentStore store, CalendarInForce calendars, DecisionContextSource today,
    TimeProvider time, AgencyDirectory agencies)
{
    /// <summary>How often a recording that lost its sequence number to another one decides again before giving up.</summary>
    private const int Attempts = 4;

    /// <summary>Records <paramref name="file"/> (kind notice or local) for the command line: a person with the server's shell records any calendar.</summary>
    /// <exception cref="CalendarRecordException">The change is refused (a Chinese and an English reason).</exception>
    public Task<CalendarRecordResult> RecordAsync(CalendarFile file, string source, string? noticeText, string recordedBy,
        CancellationToken cancellation = default) => RecordAsync(file, source, noticeText, recordedBy, null, cancellation);

    /// <summary>
    /// Records <paramref name="file"/> for a signed-in <paramref name="administrator"/> (docs/adr/0038): a local file only for
    /// an agency the administrator manages (<see cref="StaffAdministration.CanManage"/>, the rule of the staff administration).
    /// </summary>
    /// <exception cref="CalendarRecordException">The change is refused (a Chinese and an English reason).</exception>
    public Task<CalendarRecordResult> RecordAsync(CalendarFile file, string source, string? noticeText, ICurrentStaff administrator,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(administrator);
        return RecordAsync(file, source, noticeText, administrator.UserName, administrator, cancellation);
    }

    private async Task<CalendarRecordResult> RecordAsync(CalendarFile file, string source, string? noticeText, string recordedBy,
        ICurrentStaff? administrator, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.IsProvisional) throw new CalendarRecordException("预计年度由系统计算，不能导入", "A provisional year is computed, not imported.");
        if (!StatutoryHolidays.Supports(file.Year))
            throw new CalendarRecordException($"年度{file.Year}超出支持范围（1902-2100）", $"Year {file.Year} is outside 1902-2100.");
        RefuseUnstorableText(file, source, noticeText);
        var agencyList = await agencies.ListAsync(cancellation);
        if (file.Kind == CalendarFileKind.Local)
        {
            if (file.AgencyCode is not { } code)
                throw new CalendarRecordException("本地休假日须写明所属机关（“agency”）", "A local file needs its \"agency\": local days off belong to an agency.",
                    "calendar.local-without-agency");
            // An agency the administrator does not manage is answered as one that does not exist: nothing is told about it.
            if (agencyList.All(a => a.Code != code) || StaffAdministration.CanManage(administrator, code) is not null)
                throw new CalendarRecordException($"机关代码“{code}”不存在", $"Agency '{code}' does not exist.", "calendar.agency-unknown", RefusalKind.NotFound);
        }
        else if (StatutoryHolidays.MissingFrom(file) is { Count: > 0 } missing)
        {
            throw new CalendarRecordException(
                $"{file.Year}年国家工作日历的“daysOff”（放假日期）缺少法定节假日：{string.Join("、", missing.Select(d => $"{d.Date:yyyy-MM-dd}（{d.Name}）"))}",
                $"The national calendar of {file.Year} lacks statutory holidays in \"daysOff\": {string.Join(", ", missing.Select(d => d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))}.",
                "calendar.statutory-holiday-missing");
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryRecordAsync(file, source, noticeText, recordedBy, agencyList, cancellation);
            }
            catch (Exception exception) when (IsRace(exception))
            {
                // Another change took this sequence number first (or the re-derivation met an append crosswise): nothing of
                // this attempt was committed. Decide again on the book as it now stands: the same version recorded
                // meanwhile is refused as already in force.
                if (attempt == Attempts)
                    throw new CalendarRecordException("工作日历正被同时修改，本次未记录，请稍后重试", "The calendar was being changed at the same time; nothing was recorded. Retry later.",
                        "calendar.busy", RefusalKind.Conflict);
            }
        }
    }

    private async Task<CalendarRecordResult> TryRecordAsync(CalendarFile file, string source, string? noticeText, string recordedBy,
        IReadOnlyList<Agency> agencyList, CancellationToken cancellation)
    {
        await calendars.RefreshAsync(store, force: true, cancellation);
        var book = calendars.Book;
        var chainOfChanged = file.AgencyCode is { } changedAgency ? AncestorsOf(agencyList, changedAgency) : [];
        var before = chainOfChanged.Count > 0 ? book.ForAgency(chainOfChanged) : book.Current;
        string previousVersion = file.Kind == CalendarFileKind.Local
            ? book.Changes.LastOrDefault(c => c.Kind == "local" && c.AgencyCode == file.AgencyCode && c.Year == file.Year)?.Version ?? "—"
            : before.ArrangementOf(file.Year).Version;
        if (previousVersion == file.Version)
            throw new CalendarRecordException($"{file.Year}年工作日历已是版本{file.Version}，新版本须使用不同的版本号",
                $"Version {file.Version} of {file.Year} is already in force; a new version needs a new version label.");

        var change = new CalendarChange
        {
            Year = file.Year,
            Kind = file.Kind == CalendarFileKind.Local ? "local" : "notice",
            AgencyCode = file.Kind == CalendarFileKind.Local ? file.AgencyCode : null,
            Version = file.Version,
            PreviousVersion = previousVersion,
            FileJson = (file with { Kind = file.Kind, AgencyCode = file.Kind == CalendarFileKind.Local ? file.AgencyCode : null }).ToJson(),
            Source = source,
            NoticeText = noticeText,
            RecordedBy = recordedBy,
            RecordedAt = time.GetUtcNow(),
        };
        var newBook = book.With(change); // the next sequence number, and the id that number stands for
        var after = chainOfChanged.Count > 0 ? newBook.ForAgency(chainOfChanged) : newBook.Current;
        change.Days = CalendarBook.Difference(before, after, file.Year);

        var moved = await MovedDeadlinesAsync(book, newBook, change, agencyList, cancellation);

        await using var session = store.LightweightSession();
        // Insert, not Store: the id is the sequence's (CalendarChange.IdFor), so of two changes decided on the same book
        // the database takes one and the other fails whole, its moved deadlines and re-derived rows with it.
        session.Insert(change);
        foreach (var m in moved) session.Insert(m);
        // 待办's stored due dates of the affected agencies, re-derived with the new calendar in the same transaction (ADR 0030).
        var affected = change.AgencyCode is { } local ? AgencyDirectory.Subtree(agencyList, local) : null;
        await WorklistProjection.RederiveAsync(session, affected, code => newBook.Changes.Any(c => c.AgencyCode is not null) && code is not null
            ? newBook.ForAgency(AncestorsOf(agencyList, code)) : newBook.Current, cancellation);
        await session.SaveChangesAsync(cancellation);
        calendars.Use(newBook);
        return new CalendarRecordResult(change, moved);
    }

    /// <summary>Every text of the change passes the product's text rule (<see cref="StrictJson.TextProblem"/>) before anything is stored.</summary>
    private static void RefuseUnstorableText(CalendarFile file, string source, string? noticeText)
    {
        IEnumerable<(string Field, string? Text)> texts =
        [
            ("version", file.Version), ("agency", file.AgencyCode), ("source.notice", file.Source.Notice), ("source", source), ("text", noticeText),
            .. file.Source.Urls.Select((u, i) => ($"source.urls[{i}]", (string?)u)),
            .. file.Notes.Select((n, i) => ($"notes[{i}]", (string?)n)),
            .. file.DaysOff.Select((d, i) => ($"daysOff[{i}].name", (string?)d.Name)),
            .. file.MakeUpWorkdays.Select((d, i) => ($"makeUpWorkdays[{i}].name", (string?)d.Name)),
        ];
        foreach (var (field, text) in texts)
        {
            if (text is not null && StrictJson.TextProblem(text) is { } problem)
                throw new CalendarRecordException($"“{field}”{problem.Chinese}，不能保存", $"'{field}' cannot be stored: {problem.English}.",
                    "calendar.text-invalid");
        }
    }

    /// <summary>A failure another recording (or a concurrent append) caused, after which deciding again may succeed.</summary>
    private static bool IsRace(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JasperFx.DocumentAlreadyExistsException) return true;
            if (e is Npgsql.PostgresException { SqlState: "23505" or "40P01" or "40001" }) return true;
        }
        return false;
    }

    private async Task<List<MovedDeadline>> MovedDeadlinesAsync(CalendarBook before, CalendarBook after, CalendarChange change,
        IReadOnlyList<Agency> agencyList, CancellationToken cancellation)
    {
        var moved = new List<MovedDeadline>();
        if (change.Days.Count == 0) return moved; // a re-issue with the same days moves nothing
        await using var session = store.QuerySession();
        var query = session.Query<ApplicationFile>().Where(f => f.Status != ApplicationStatus.Closed);
        if (change.AgencyCode is { } localAgency)
        {
            var subtree = AgencyDirectory.Subtree(agencyList, localAgency).ToArray();
            query = query.Where(f => f.AgencyCode.IsOneOf(subtree));
        }
        var open = (await query.ToListAsync(cancellation)).ToDictionary(f => f.Id);
        var asOf = today.Today;
        // The open cases' streams a chunk per query (one query per case made a notice for an office with 10,000 open cases
        // wait for 10,000 round trips).
        await foreach (var (id, events) in Projections.WholeStreams.ReadAsync(session, open.Keys, cancellation))
        {
            var file = open[id];
            var history = Server.Cases.CaseReader.HistoryOf(events);
            if (history.Count == 0) continue;
            var chain = AncestorsOf(agencyList, file.AgencyCode);
            ClockReading oldClock, newClock;
            try
            {
                oldClock = StatutoryClock.Compute(history, before.ForAgency(chain), asOf);
                newClock = StatutoryClock.Compute(history, after.ForAgency(chain), asOf);
            }
            catch (Exception exception) when (exception is ArgumentException or CalendarYearNotLoadedException)
            {
                continue; // no clock before or after (e.g. a receipt dated after today): nothing to compare
            }
            foreach (var (deadline, oldDate, newDate) in DeadlineMoves.Compare(oldClock, newClock))
            {
                moved.Add(new MovedDeadline
                {
                    Id = Guid.NewGuid(),
                    ChangeId = change.Id,
                    ApplicationId = file.Id,
                    AgencyCode = file.AgencyCode,
                    RegistrationNumber = file.RegistrationNumber,
                    Deadline = deadline,
                    OldDate = oldDate,
                    NewDate = newDate,
                    NewDateProvisional = newClock.Provisional,
                    OldCalendarVersion = oldClock.CalendarVersion,
                    NewCalendarVersion = newClock.CalendarVersion,
                    ListedAt = change.RecordedAt,
                });
            }
        }
        return moved;
    }

    /// <summary>An agency and its ancestors (whose local days off hold for it).</summary>
    public static IReadOnlyCollection<string> AncestorsOf(IReadOnlyList<Agency> agencies, string code)
    {
        var byCode = agencies.ToDictionary(a => a.Code, StringComparer.Ordinal);
        var chain = new List<string>();
        for (string? next = code; next is not null && !chain.Contains(next); next = byCode.GetValueOrDefault(next)?.ParentCode)
            chain.Add(next);
        return chain;
    }
}

/// <summary>A calendar change is refused; nothing was recorded.</summary>
public sealed class CalendarRecordException(string chineseMessage, string message, string code = "calendar.refused",
    RefusalKind kind = RefusalKind.Invalid) : Exception(message)
{
    public string ChineseMessage { get; } = chineseMessage;

    /// <summary>The refusal as the API answers it (a stable code, Chinese title, English detail; its kind gives the HTTP status).</summary>
    public Refusal Refusal { get; } = new(code, chineseMessage, message, kind);
}
