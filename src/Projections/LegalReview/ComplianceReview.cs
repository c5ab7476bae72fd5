using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;
using static Projections.LegalReview.IsoDates;
using Workflow.Vocabulary;

namespace Projections.LegalReview;

public enum FindingSeverity
{
    Notice,    // 提示: worth knowing before a hearing, not a breach in itself
    Warning,   // 注意: a practice a court may criticise
    Violation, // 违法风险: a statutory time limit or condition was not met
}

/// <summary>One compliance finding, with the article it rests on and the events involved.</summary>
public sealed record ComplianceFinding(
    string Code,
    FindingSeverity Severity,
    string ChineseTitle,
    string EnglishTitle,
    string Article,
    string Detail,
    IReadOnlyList<int> EventIndexes,
    IReadOnlyList<Guid> EventIds);

/// <summary>
/// 合规审查: what a court or a reconsideration body would ask about the handling of one application, computed from its
/// recorded events and the calendar. Pure: the same history always gives the same findings.
/// </summary>
public static class ComplianceReview
{
    public const string SupplementNoticeLate = "supplement-notice-late";
    public const string AnsweredLate = "answered-late";
    public const string ExtensionAfterPeriod = "extension-after-period";
    public const string ExtensionTooLong = "extension-too-long";
    public const string ExtensionWithoutApprover = "extension-without-approver";
    public const string LateConsultationReplyRelied = "late-consultation-reply-relied-on";
    public const string BackDatedStep = "back-dated-step";
    public const string AnswerWithoutServiceDate = "answer-without-service-date";
    public const string FeeLapsedTooEarly = "fee-lapsed-too-early";
    public const string SupplementAfterOverdue = "supplement-after-overdue";

    /// <summary>
    /// A step is back-dated when it was recorded more than this many working days after its business date (counted as
    /// the clock counts: the business date is day 0, record date in China time). Letters are often entered a few days
    /// late; a week of working days is the point where the record itself needs explaining.
    /// </summary>
    public const int BackDatingToleranceWorkingDays = 5;

    public static IReadOnlyList<ComplianceFinding> Review(IReadOnlyList<RecordedEvent> events, WorkdayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(calendar);
        var findings = new List<ComplianceFinding>();
        var history = events.Select(e => e.Event).ToList();
        if (!history.OfType<ApplicationReceived>().Any()) return findings;

        var lastDate = history.Max(e => e.BusinessDate);
        ClockReading clock;
        try
        {
            clock = StatutoryClock.Compute(history, calendar, lastDate);
        }
        catch (CalendarYearNotLoadedException)
        {
            BackDating(events, calendar, findings);
            return findings;
        }

        // Art. 30: the 补正 notice within 7 working days of receipt (or of the previous supplement).
        foreach (var supplement in clock.Supplements.Where(s => !s.NoticeInTime))
        {
            var involved = events.Where(e => e.Event is SupplementRequested r && r.RequestedOn == supplement.RequestedOn).ToList();
            findings.Add(Finding(SupplementNoticeLate, FindingSeverity.Warning, "补正告知超过7个工作日",
                "Supplement notice later than 7 working days after receipt", "《条例》第三十条",
                $"补正告知于{Iso(supplement.RequestedOn)}发出，应在{Iso(supplement.NoticeDueOn)}前（自{Iso(supplement.PeriodStartedOn)}起7个工作日内）一次性告知。",
                involved));
        }

        // A5: a 补正 notice sent when the reply was already overdue; the restart does not erase the overdue days.
        foreach (var mark in clock.OverdueAtSupplementNotices)
        {
            var involved = events.Where(e => e.Event is SupplementRequested r && r.RequestedOn == mark.NoticeOn).ToList();
            findings.Add(Finding(SupplementAfterOverdue, FindingSeverity.Violation, "超期后才告知补正",
                "Supplement notice sent after the reply was already overdue", "《条例》第三十条、第三十三条",
                $"补正告知于{Iso(mark.NoticeOn)}发出时，答复期限（届满日期{Iso(mark.DueOn)}）已超期{mark.WorkingDaysOverdue}个工作日；补正后重新计算期限不消除此前的超期。",
                involved));
        }

        // Art. 33: answered (served, per I235, when the service date is known) after the due date.
        if (clock.AnsweredInTime == false)
        {
            var involved = events.Where(e => e.Event is ApplicationAnswered or AnswerServed).ToList();
            var basis = clock.AnswerServedOn is { } served ? $"送达日期{Iso(served)}" : $"答复日期{Iso(clock.ClosedOn!.Value)}（送达日期未记录）";
            findings.Add(Finding(AnsweredLate, FindingSeverity.Violation, "逾期答复", "Answered after the due date", "《条例》第三十三条",
                $"{basis}晚于答复期限届满日{Iso(clock.DueOn!.Value)}（已用{clock.WorkingDaysUsed}个工作日，期限{clock.LimitWorkingDays}个工作日）。",
                involved));
        }

        Extensions(events, calendar, findings);

        // Art. 32/34: a consultation reply that arrived after the 15 working days, followed by an answer that relied on it.
        var answer = events.FirstOrDefault(e => e.Event is ApplicationAnswered);
        foreach (var consultation in clock.Consultations.Where(c => c.RepliedOn is { } replied && replied > c.ReplyDueOn))
        {
            if (answer is null || ((ApplicationAnswered)answer.Event).AnsweredOn < consultation.RepliedOn!.Value) continue;
            var involved = events.Where(e => e.Event is ConsultationSent s && s.ConsultationNumber == consultation.Number
                || e.Event is ConsultationReplied r && r.ConsultationNumber == consultation.Number).Append(answer).ToList();
            findings.Add(Finding(LateConsultationReplyRelied, FindingSeverity.Warning, "采用了逾期的征求意见答复",
                "The answer followed a consultation reply received after its 15 working days",
                consultation.Party == ConsultationParty.ThirdParty ? "《条例》第三十二条、第三十三条第三款" : "《条例》第三十四条、第三十三条第三款",
                $"第{consultation.Number}号征求意见（{consultation.Consultee}）答复期限为{Iso(consultation.ReplyDueOn)}，答复于{Iso(consultation.RepliedOn!.Value)}才收到；"
                + $"逾期期间不再扣除，答复（{Iso(((ApplicationAnswered)answer.Event).AnsweredOn)}）在其后作出，应说明是否以及为何采纳逾期意见。",
                involved));
        }

        BackDating(events, calendar, findings);

        // Art. 36 / I235: an answer whose service date is unknown cannot be shown to be in time.
        if (answer is not null && clock.AnswerServedOn is null)
            findings.Add(Finding(AnswerWithoutServiceDate, FindingSeverity.Warning, "答复未记录送达日期", "Answer without a recorded service date",
                "《条例》第三十六条；国办公开办函〔2016〕235号",
                "答复已作出但未记录送达方式和日期；期限以送达（签收之日或交邮之日）为准，无法证明按期送达。", [answer]));

        // FEE2020: a fee lapse may only be recorded after the 20 working days to pay have ended.
        foreach (var fee in clock.Fees.Where(f => f.LapsedOn is { } lapsed && lapsed <= f.PaymentDueOn))
        {
            var involved = events.Where(e => e.Event is FeeNoticed n && n.NoticedOn == fee.NoticedOn || e.Event is FeeLapsed l && l.LapsedOn == fee.LapsedOn).ToList();
            findings.Add(Finding(FeeLapsedTooEarly, FindingSeverity.Violation, "缴费期限未届满即按逾期未缴费终止",
                "Fee lapse recorded before the payment period ended", "《政府信息公开信息处理费管理办法》；《条例》第四十二条",
                $"收费通知{Iso(fee.NoticedOn)}发出，缴费期限至{Iso(fee.PaymentDueOn)}，但{Iso(fee.LapsedOn!.Value)}即按逾期未缴费终止办理。",
                involved));
        }
        return findings;
    }

    private static void Extensions(IReadOnlyList<RecordedEvent> events, WorkdayCalendar calendar, List<ComplianceFinding> findings)
    {
        var history = events.Select(e => e.Event).ToList();
        for (int i = 0; i < events.Count; i++)
        {
            if (events[i].Event is not ReplyExtended extension) continue;
            var before = StatutoryClock.Compute(history.Take(i).ToList(), calendar, extension.ExtendedOn);
            if (before.DueOn is { } due && extension.ExtendedOn > due)
                findings.Add(Finding(ExtensionAfterPeriod, FindingSeverity.Violation, "原答复期限届满后才决定延期",
                    "Extension decided after the original period had ended", "《条例》第三十三条第二款",
                    $"延期于{Iso(extension.ExtendedOn)}决定，原答复期限已于{Iso(due)}届满；延期应在期限内决定并告知申请人。", [events[i]]));
            if (extension.WorkingDays > before.BaseWorkingDays)
                findings.Add(Finding(ExtensionTooLong, FindingSeverity.Violation, $"延期超过{before.BaseWorkingDays}个工作日",
                    $"Extension longer than {before.BaseWorkingDays} working days", "《条例》第三十三条第二款",
                    $"延期{extension.WorkingDays}个工作日，法定上限为{before.BaseWorkingDays}个工作日（超出部分不计入期限）。", [events[i]]));
            if (string.IsNullOrWhiteSpace(extension.ApprovedBy))
                findings.Add(Finding(ExtensionWithoutApprover, FindingSeverity.Violation, "延期未记录同意人",
                    "Extension without a named approver", "《条例》第三十三条第二款",
                    "延期答复须经政府信息公开工作机构负责人同意，记录中没有同意人。", [events[i]]));
        }
    }

    private static void BackDating(IReadOnlyList<RecordedEvent> events, WorkdayCalendar calendar, List<ComplianceFinding> findings)
    {
        foreach (var e in events)
        {
            var recordedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.RecordedAt, DecisionContextSource.ChinaStandardTime).DateTime);
            if (recordedOn <= e.Event.BusinessDate) continue;
            int late;
            try
            {
                late = calendar.WorkingDaysBetween(e.Event.BusinessDate, recordedOn);
            }
            catch (CalendarYearNotLoadedException)
            {
                late = recordedOn.DayNumber - e.Event.BusinessDate.DayNumber > 7 ? BackDatingToleranceWorkingDays + 1 : 0;
            }
            if (late <= BackDatingToleranceWorkingDays) continue;
            findings.Add(Finding(BackDatedStep, FindingSeverity.Notice, "补录的步骤", "Step recorded long after its business date",
                "《条例》第四十五条（登记、审核、办理、答复、归档制度）",
                $"“{ChineseTerms.StepOf(e.Event)}”的业务日期为{Iso(e.Event.BusinessDate)}，于{Iso(recordedOn)}才录入系统（晚{late}个工作日，容许{BackDatingToleranceWorkingDays}个）；应能以原始文书证明业务日期。",
                [e]));
        }
    }

    private static ComplianceFinding Finding(string code, FindingSeverity severity, string chinese, string english, string article,
        string detail, IReadOnlyList<RecordedEvent> involved) =>
        new(code, severity, chinese, english, article, detail, [.. involved.Select(e => e.Index)], [.. involved.Select(e => e.EventId)]);
}
