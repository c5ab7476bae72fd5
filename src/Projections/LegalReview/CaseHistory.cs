using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;
using Workflow.Vocabulary;
using static Workflow.Vocabulary.ChineseTerms;

namespace Projections.LegalReview;

/// <summary>One event of a stream with its record metadata, as read from Marten.</summary>
/// <param name="Index">0-based position in the stream (version − 1).</param>
/// <param name="RecordedAt">Marten's event timestamp: when the step was entered in the system.</param>
public sealed record RecordedEvent(int Index, long Version, Guid EventId, string EventTypeName, IApplicationEvent Event, DateTimeOffset RecordedAt);

/// <summary>A document issued to the applicant or a consulted party by this step.</summary>
public sealed record IssuedDocument(string Kind, string DocumentNumber, DateOnly IssuedOn, string? SentBy);

/// <summary>A correction shown in full: nothing disappears (A15).</summary>
public sealed record CorrectionDetail(string Fact, string OldValue, string NewValue, string Reason, string CorrectedBy, DateOnly CorrectedOn, DateTimeOffset RecordedAt);

/// <summary>The statutory clock right after a step (from <see cref="StatutoryClock.Trace"/>).</summary>
public sealed record ClockAfterStep(
    ClockStatus Status, int WorkingDaysUsed, int WorkingDaysLeft, int PausedWorkingDays, bool IsPaused, DateOnly? DueOn,
    bool IsOverdue, string StatusText, string CalendarVersion, bool Provisional, string? OverdueAtSupplementNotice);

/// <summary>One step of the history, ready for the legal review page, the API and the printed case file.</summary>
public sealed record CaseHistoryEntry(
    int Index,
    long Version,
    Guid EventId,
    string EventType,
    string Step,
    string Description,
    DateOnly BusinessDate,
    DateTimeOffset RecordedAt,
    string Actor,
    string? Reason,
    IReadOnlyList<IssuedDocument> Documents,
    CorrectionDetail? Correction,
    ClockAfterStep? Clock,
    object Data);

/// <summary>The whole history of one application.</summary>
public sealed record CaseHistory(
    Guid ApplicationId, string AgencyCode, string RegistrationNumber, DateTimeOffset? AsOf, string CalendarVersion,
    IReadOnlyList<CaseHistoryEntry> Entries, string? ClockProblem);

/// <summary>Builds <see cref="CaseHistory"/> from the recorded events and the calendar. Pure.</summary>
public static class CaseHistoryBuilder
{
    public static CaseHistory Build(IReadOnlyList<RecordedEvent> events, WorkdayCalendar calendar, DateTimeOffset? asOf = null) =>
        Build(events, _ => calendar, calendar, asOf);

    /// <summary>
    /// The history with each step's clock computed under the calendar as it stood when the step was recorded
    /// (<paramref name="calendarAt"/>, ADR 0018): what staff saw then. Each clock names its calendar version.
    /// </summary>
    public static CaseHistory Build(IReadOnlyList<RecordedEvent> events, Func<DateTimeOffset, WorkdayCalendar> calendarAt, WorkdayCalendar current,
        DateTimeOffset? asOf = null)
    {
        var calendar = current;
        ArgumentNullException.ThrowIfNull(events);
        var received = events.Select(e => e.Event).OfType<ApplicationReceived>().FirstOrDefault()
            ?? throw new ArgumentException("The history has no ApplicationReceived event.", nameof(events));

        Dictionary<int, ClockReading> readings = [];
        string? clockProblem = null;
        try
        {
            var history = events.Select(e => e.Event).ToList();
            for (int i = 0; i < events.Count; i++)
            {
                if (!history.Take(i + 1).OfType<ApplicationReceived>().Any(r => r.BusinessDate <= history[i].BusinessDate)) continue;
                readings[i] = StatutoryClock.Compute([.. history.Take(i + 1)], calendarAt(events[i].RecordedAt), history[i].BusinessDate);
            }
        }
        catch (CalendarYearNotLoadedException exception)
        {
            clockProblem = $"日历数据不完整，无法计算期限：{exception.Message}";
        }

        var entries = events.Select((e, i) => new CaseHistoryEntry(
            e.Index, e.Version, e.EventId, e.Event.GetType().Name, StepOf(e.Event), Describe(e.Event), e.Event.BusinessDate, e.RecordedAt,
            e.Event.Actor, ReasonOf(e.Event), DocumentsOf(e.Event), CorrectionOf(e), readings.TryGetValue(i, out var r) ? ClockOf(r) : null,
            e.Event)).ToList();
        return new CaseHistory(received.ApplicationId, received.AgencyCode, received.RegistrationNumber, asOf, calendar.Version, entries, clockProblem);
    }

    private static ClockAfterStep ClockOf(ClockReading r) =>
        new(r.Status, r.WorkingDaysUsed, r.WorkingDaysLeft, r.PausedWorkingDays, r.IsPaused, r.DueOn, r.IsOverdue, r.StatusText,
            r.CalendarVersion, r.Provisional, r.OverdueAtSupplementNoticeText);

    private static string? ReasonOf(IApplicationEvent e) => e switch
    {
        ReplyExtended x => x.Reason,
        DueDateSetUnderArticle35 x => x.Reason,
        ApplicationWithdrawn x => x.Reason,
        FactCorrected x => x.Reason,
        SupplementRequested x => x.WhatToSupplement,
        _ => null,
    };

    private static IReadOnlyList<IssuedDocument> DocumentsOf(IApplicationEvent e) => e switch
    {
        NoticeIssued x => [new IssuedDocument(Of(x.Kind), x.DocumentNumber, x.IssuedOn, Of(x.SentBy))],
        ApplicationAnswered x => [new IssuedDocument(Of(NoticeKind.AnswerLetter), x.ReplyDocumentNumber, x.AnsweredOn, x.ServiceMethod is { } m ? Of(m) : null)],
        _ => [],
    };

    private static CorrectionDetail? CorrectionOf(RecordedEvent e) => e.Event is FactCorrected x
        ? new CorrectionDetail(Of(x.Fact), OfCorrectedValue(x.Fact, x.OldValue), OfCorrectedValue(x.Fact, x.NewValue), x.Reason, x.Actor, x.CorrectedOn, e.RecordedAt)
        : null;
}
