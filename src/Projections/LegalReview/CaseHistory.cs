using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;
using static Projections.LegalReview.ChineseLabels;

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

    /// <summary>The name of the step in Chinese.</summary>
    public static string StepOf(IApplicationEvent e) => e switch
    {
        ApplicationReceived => "收到申请",
        SupplementRequested => "补正告知",
        SupplementReceived => "收到补正材料",
        SupplementLapsed => "逾期不补正",
        ReplyExtended => "延期答复",
        ConsultationSent => "征求意见",
        ConsultationReplied => "收到征求意见答复",
        FeeNoticed => "收费通知",
        FeePaid => "缴纳费用",
        FeeLapsed => "逾期未缴费",
        DueDateSetUnderArticle35 => "依第三十五条确定答复期限",
        ApplicationAnswered => "作出答复",
        AnswerServed => "答复送达",
        ApplicationWithdrawn => "申请人撤回申请",
        NoticeIssued => "出具文书",
        ReconsiderationFiled => "提起行政复议",
        ReconsiderationDecided => "行政复议决定",
        LawsuitFiled => "提起行政诉讼",
        LawsuitDecided => "行政诉讼裁判",
        FactCorrected => "更正记录",
        NoteAdded => "备注",
        TopicsAssigned => "申请内容分类",
        _ => e.GetType().Name,
    };

    /// <summary>A one-sentence Chinese description of what happened.</summary>
    public static string Describe(IApplicationEvent e) => e switch
    {
        ApplicationReceived x => $"经{Of(x.Channel)}收到{x.Applicant.Name}（{Of(x.ApplicantType)}）的政府信息公开申请，登记号{x.RegistrationNumber}，共{x.Items.Count}项所需信息：{string.Join("；", x.Items.Select(i => $"{i.Number}. {i.Description}"))}。",
        SupplementRequested x => $"告知申请人补正：{x.WhatToSupplement}；补正期限{Iso(x.Deadline)}。",
        SupplementReceived x => $"收到申请人补正材料{(x.Summary is { Length: > 0 } s ? $"（{s}）" : "")}，答复期限自次日起重新计算。",
        SupplementLapsed x => $"申请人无正当理由逾期未补正，视为放弃申请，{Iso(x.LapsedOn)}终止办理。",
        ReplyExtended x => $"经{x.ApprovedBy}同意延期答复{x.WorkingDays}个工作日，理由：{Sentence(x.Reason)}。",
        ConsultationSent x => $"向{Of(x.Party)}“{x.Consultee}”书面征求意见（第{x.ConsultationNumber}号），征求意见期间不计入答复期限。",
        ConsultationReplied x => $"收到第{x.ConsultationNumber}号征求意见的答复{(x.ConsentsToDisclosure switch { true => "（同意公开）", false => "（不同意公开）", null => "" })}{(x.Summary is { Length: > 0 } s ? $"：{s}" : "")}。",
        FeeNoticed x => $"发出收费通知，金额{x.Amount:0.##}元（系统计算{x.ProposedAmount:0.##}元，{(x.Method == FeeMethod.PerApplication ? "按件计收" : "按量计收")}，数量{x.Quantity}）。",
        FeePaid x => $"申请人缴纳信息处理费{x.Amount:0.##}元。",
        FeeLapsed x => $"申请人逾期未缴纳费用，{Iso(x.LapsedOn)}终止办理。",
        DueDateSetUnderArticle35 x => $"依《条例》第三十五条确定答复期限为{Iso(x.DueOn)}，理由：{Sentence(x.Reason)}。",
        ApplicationAnswered x => $"作出答复（{x.ReplyDocumentNumber}），办理结果：{Of(x.Row)}{(x.RowChosenByStaff ? "（工作人员选定）" : "")}；"
            + string.Join("；", x.Items.Select(i => $"第{i.ItemNumber}项：{ItemText(i.Result)}{(i.Reason is { Length: > 0 } r ? $"（{r}）" : "")}"))
            + (x.ServedOn is { } served ? $"；{Iso(served)}送达{(x.ServiceMethod is { } m ? $"（{Of(m)}）" : "")}。" : "；送达日期未记录。"),
        AnswerServed x => $"答复以{Of(x.Method)}方式送达，送达日期{Iso(x.ServedOn)}。",
        ApplicationWithdrawn x => $"申请人撤回申请，理由：{Sentence(x.Reason)}。",
        NoticeIssued x => $"出具{Of(x.Kind)}（{x.DocumentNumber}），以{Of(x.SentBy)}方式送出。",
        ReconsiderationFiled x => $"申请人向{x.ReviewBody}申请行政复议（第{x.CaseNumber}件{(x.DocketNumber is { } d ? $"，{d}" : "")}）。",
        ReconsiderationDecided x => $"第{x.CaseNumber}件行政复议作出决定：{Of(x.Decision)}{(x.Summary is { Length: > 0 } s ? $"（{s}）" : "")}。",
        LawsuitFiled x => $"申请人向{x.Court}提起行政诉讼（第{x.CaseNumber}件{(x.DocketNumber is { } d ? $"，{d}" : "")}{(x.AfterReconsideration is { } r ? $"，系第{r}件复议后起诉" : "")}）。",
        LawsuitDecided x => $"第{x.CaseNumber}件行政诉讼作出裁判：{Of(x.Decision)}{(x.Summary is { Length: > 0 } s ? $"（{s}）" : "")}。",
        FactCorrected x => $"更正{Of(x.Fact)}：由“{OfCorrectedValue(x.Fact, x.OldValue)}”改为“{OfCorrectedValue(x.Fact, x.NewValue)}”，理由：{Sentence(x.Reason)}。",
        NoteAdded x => $"备注：{x.Text}",
        TopicsAssigned x => x.Topics.Count == 0 ? "清除申请内容分类。" : $"申请内容分类：{string.Join("、", x.Topics)}。",
        _ => e.GetType().Name,
    };

    /// <summary>Free text as the end of a sentence: without its own closing full stop, so none is doubled.</summary>
    private static string Sentence(string text) => text.TrimEnd().TrimEnd('。', '.');

    private static string ItemText(ItemResult result) => result switch
    {
        ItemResult.AlreadyProactivelyDisclosed => "已主动公开，告知获取途径",
        ItemResult.Disclosed => "予以公开",
        ItemResult.PartlyDisclosedSeparated => "区分处理后部分公开",
        ItemResult.NotHeldDoesNotExist => "信息不存在",
        ItemResult.NotHeldOtherAgency => "非本机关负责公开",
        ItemResult.NeedsCreation => "需另行制作",
        ItemResult.StillUnclearAfterSupplement => "补正后仍不明确",
        ItemResult.OtherHandling => "其他处理",
        _ when result.ToString().StartsWith("Withheld", StringComparison.Ordinal) => "不予公开",
        _ => "不予处理",
    };

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
