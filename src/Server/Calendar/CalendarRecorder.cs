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
    /// <summary>Records <paramref name="file"/> (kind notice or local).</summary>
    /// <exception cref="CalendarRecordException">The change is refused (a Chinese and an English reason).</exception>
    public async Task<CalendarRecordResult> RecordAsync(CalendarFile file, string source, string? noticeText, string recordedBy,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.IsProvisional) throw new CalendarRecordException("预计年度由系统计算，不能导入", "A provisional year is computed, not imported.");
        if (!StatutoryHolidays.Supports(file.Year))
            throw new CalendarRecordException($"年度{file.Year}超出支持范围（1902-2100）", $"Year {file.Year} is outside 1902-2100.");
        var agencyList = await agencies.ListAsync(cancellation);
        if (file.Kind == CalendarFileKind.Local && file.AgencyCode is { } code && agencyList.All(a => a.Code != code))
            throw new CalendarRecordException($"机关代码“{code}”不存在", $"Agency '{code}' does not exist.");

        await calendars.RefreshAsync(store, force: true, cancellation);
        var book = calendars.Book;
        var chainOfChanged = file.AgencyCode is { } changedAgency ? AncestorsOf(agencyList, changedAgency) : [];
        var before = chainOfChanged.Count > 0 ? book.ForAgency(chainOfChanged) : book.Current;
        string previousVersion = file.Kind == CalendarFileKind.Local
            ? book.Changes.LastOrDefault(c => c.Kind == "local" && c.AgencyCode == file.AgencyCode && c.Year == file.Year)?.Version ?? "—"
            : before.ArrangementOf(file.Year).Version;
        if (file.Kind == CalendarFileKind.Notice && previousVersion == file.Version)
            throw new CalendarRecordException($"{file.Year}年工作日历已是版本{file.Version}，新版本须使用不同的版本号",
                $"Version {file.Version} of {file.Year} is already in force; a new version needs a new version label.");

        var change = new CalendarChange
        {
            Id = Guid.NewGuid(),
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
        var newBook = book.With(change);
        var after = chainOfChanged.Count > 0 ? newBook.ForAgency(chainOfChanged) : newBook.Current;
        change.Days = CalendarBook.Difference(before, after, file.Year);

        var moved = await MovedDeadlinesAsync(book, newBook, change, agencyList, cancellation);

        await using var session = store.LightweightSession();
        session.Store(change);
        foreach (var m in moved) session.Store(m);
        // 待办's stored due dates of the affected agencies, re-derived with the new calendar in the same transaction (ADR 0030).
        var affected = change.AgencyCode is { } local ? AgencyDirectory.Subtree(agencyList, local) : null;
        await WorklistProjection.RederiveAsync(session, affected, code => newBook.Changes.Any(c => c.AgencyCode is not null) && code is not null
            ? newBook.ForAgency(AncestorsOf(agencyList, code)) : newBook.Current, cancellation);
        await session.SaveChangesAsync(cancellation);
        calendars.Use(newBook);
        return new CalendarRecordResult(change, moved);
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
public sealed class CalendarRecordException(string chineseMessage, string message) : Exception(message)
{
    public string ChineseMessage { get; } = chineseMessage;
}
