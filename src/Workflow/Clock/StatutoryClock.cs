using System.Collections.Immutable;
using System.Globalization;
using Workflow.Applications;
using Workflow.Calendar;

namespace Workflow.Clock;

/// <summary>
/// The statutory clock (答复期限) of domain A3-A8, derived from an application's events; never stored.
/// Pure: the reading depends only on the events, the calendar and <c>asOf</c>; the system clock is never read.
/// The rules, in short (docs/clock-rules.md has the worked detail):
/// <list type="bullet">
/// <item>Regime: received (after corrections) before 2019-05-15 → 15 working days (+ up to 15); otherwise 20 (+ up to 20).</item>
/// <item>Start date: the receipt date, after <see cref="FactCorrected"/> events for <see cref="CorrectableFact.ReceivedOn"/>
/// applied in order; the latest <see cref="SupplementReceived"/> restarts the count in full. While a 补正 is outstanding
/// the clock is stopped and has no due date.</item>
/// <item>Counting (A3): the start day is never counted; day 1 is the first working day after it.</item>
/// <item>Pauses: a consultation stops the clock from the day the letter is sent to the day the reply arrives or the
/// consulted party's 15 working days end, whichever is first; a fee notice from the day it is issued to the day of payment
/// (or of the lapse). Both ends are included: a working day inside a pause is not counted. Overlapping pauses are merged,
/// so the clock stops once. Only days after the start date matter, so pauses before the latest restart are irrelevant.</item>
/// <item>Due date: the day on which the last allowed (base + extension) counted working day falls. One extension only, in
/// the current period; an Art. 35 date replaces the computed one.</item>
/// <item>Closure (answer, 补正 lapse, fee lapse, withdrawal) freezes the clock on the closure date.</item>
/// <item>Events dated after <c>asOf</c> are ignored, so the same function answers "as of" questions.</item>
/// </list>
/// A year with no notice is provisional (domain A2): the reading says so (<see cref="ClockReading.Provisional"/>) and
/// records "+YYYY.预计" in its calendar version.
/// </summary>
public static class StatutoryClock
{
    /// <summary>The day the 2019 regulation came into force; earlier receipts keep the 2008 limits.</summary>
    public static readonly DateOnly Regulation2019InForce = new(2019, 5, 15);

    /// <summary>Working days for a 补正 notice after receipt (Art. 30).</summary>
    public const int SupplementNoticeWorkingDays = 7;

    /// <summary>Working days a consulted party has to reply (Art. 32, 34).</summary>
    public const int ConsultationWorkingDays = 15;

    /// <summary>Working days to pay a fee, from the day after the notice (FEE2020 implementing notices).</summary>
    public const int FeePaymentWorkingDays = 20;

    /// <summary>An open application with at most this many working days left is "due soon".</summary>
    public const int DueSoonWorkingDays = 5;

    /// <summary>The reply limit and the maximum extension under a regime.</summary>
    public static int BaseWorkingDaysOf(ClockRegime regime) => regime == ClockRegime.Regulation2008 ? 15 : 20;

    /// <summary>The longest extension (Art. 33) for an application received on <paramref name="receivedOn"/>: as long as the base period.</summary>
    public static int MaxExtensionWorkingDays(DateOnly receivedOn) => BaseWorkingDaysOf(RegimeOf(receivedOn));

    /// <summary>The last day to pay a fee noticed on <paramref name="noticedOn"/>; a lapse may be recorded only after it.</summary>
    public static DateOnly FeePaymentDueOn(DateOnly noticedOn, WorkdayCalendar calendar) => calendar.AddWorkingDays(noticedOn, FeePaymentWorkingDays);

    /// <summary>The regime of an application received on <paramref name="receivedOn"/>.</summary>
    public static ClockRegime RegimeOf(DateOnly receivedOn) =>
        receivedOn < Regulation2019InForce ? ClockRegime.Regulation2008 : ClockRegime.Regulation2019;

    /// <summary>The clock of one application as of <paramref name="asOf"/>.</summary>
    /// <param name="history">The application's events in stream order, starting with <see cref="ApplicationReceived"/>.</param>
    /// <param name="calendar">The working-day calendar; its version is recorded in the reading.</param>
    /// <param name="asOf">The date of the reading (today, or any earlier date). Events dated later are ignored.</param>
    /// <exception cref="ArgumentException">No <see cref="ApplicationReceived"/> dated on or before <paramref name="asOf"/>.</exception>
    /// <exception cref="CalendarYearNotLoadedException">A date needed is outside the loaded calendar.</exception>
    public static ClockReading Compute(IReadOnlyList<IApplicationEvent> history, WorkdayCalendar calendar, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(calendar);
        return TryCompute(history, calendar, asOf)
            ?? throw new ArgumentException($"The history has no ApplicationReceived dated on or before {Iso(asOf)}.", nameof(history));
    }

    /// <summary>
    /// The reading after each event: entry i is <see cref="Compute"/> over events 0..i as of event i's business date, i.e.
    /// what the record showed once that event was entered. Events before the <see cref="ApplicationReceived"/> (there should
    /// be none) have no entry.
    /// </summary>
    public static ImmutableArray<ClockTraceEntry> Trace(IReadOnlyList<IApplicationEvent> history, WorkdayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(calendar);
        var entries = ImmutableArray.CreateBuilder<ClockTraceEntry>(history.Count);
        for (int i = 0; i < history.Count; i++)
        {
            var prefix = history.Take(i + 1).ToList();
            var reading = TryCompute(prefix, calendar, history[i].BusinessDate);
            if (reading is not null) entries.Add(new ClockTraceEntry(i, history[i], reading));
        }
        return entries.ToImmutable();
    }

    private static ClockReading? TryCompute(IReadOnlyList<IApplicationEvent> history, WorkdayCalendar calendar, DateOnly asOf)
    {
        var events = history.Where(e => e.BusinessDate <= asOf).ToList();
        var received = events.OfType<ApplicationReceived>().FirstOrDefault();
        if (received is null) return null;

        var notes = ImmutableArray.CreateBuilder<ClockNote>();

        // 1. The receipt date, corrections applied in order (A15), and the regime it implies.
        var receivedOn = received.ReceivedOn;
        foreach (var correction in events.OfType<FactCorrected>().Where(c => c.Fact == CorrectableFact.ReceivedOn))
        {
            if (DateOnly.TryParseExact(correction.NewValue, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var corrected))
                receivedOn = corrected;
            else
                notes.Add(new ClockNote("InvalidReceivedOnCorrection",
                    $"Correction of the receipt date to '{correction.NewValue}' is not an ISO date and was ignored.",
                    $"收到申请日期更正值“{correction.NewValue}”不是有效日期，已忽略"));
        }
        var regime = RegimeOf(receivedOn);
        int baseDays = BaseWorkingDaysOf(regime);

        // 2. Closure: the first closing event in stream order freezes the clock on its date.
        ClosureKind? closedBy = null;
        DateOnly? closedOn = null;
        ApplicationAnswered? answer = null;
        foreach (var e in events)
        {
            (ClosureKind Kind, DateOnly On)? closure = e switch
            {
                ApplicationAnswered a => (ClosureKind.Answered, a.AnsweredOn),
                SupplementLapsed s => (ClosureKind.SupplementLapsed, s.LapsedOn),
                FeeLapsed f => (ClosureKind.FeeLapsed, f.LapsedOn),
                ApplicationWithdrawn w => (ClosureKind.Withdrawn, w.WithdrawnOn),
                _ => null,
            };
            if (closure is null) continue;
            if (closedBy is null)
            {
                (closedBy, closedOn) = closure.Value;
                answer = e as ApplicationAnswered;
            }
            else
            {
                notes.Add(new ClockNote("SecondClosureIgnored",
                    $"{e.GetType().Name} on {Iso(e.BusinessDate)} came after the application was closed and was ignored.",
                    $"{Iso(e.BusinessDate)}的办结事项发生在申请办结之后，已忽略"));
            }
        }
        // Events dated after the closure do not move a frozen clock (a later AnswerServed is read separately).
        var countingEvents = closedOn is { } closure0 ? events.Where(e => e.BusinessDate <= closure0).ToList() : events;
        var endOfCounting = closedOn ?? asOf;

        // 3. 补正: pair each supplement with the earliest outstanding notice; the latest supplement restarts the clock.
        var supplementReceipts = countingEvents.OfType<SupplementReceived>().Select(s => s.ReceivedOn).ToList();
        var startedOn = ReplyPeriod.StartOf(receivedOn, supplementReceipts.Count > 0 ? supplementReceipts.Max() : null);
        var supplements = TrackSupplements(countingEvents, receivedOn, closedBy == ClosureKind.SupplementLapsed ? closedOn : null, calendar, notes);
        var overdueAtNotices = OverdueAtSupplementNotices(countingEvents, calendar);
        var outstandingSupplement = supplements.LastOrDefault(s => s.IsOutstanding);

        // 4. Extension and Art. 35 of the current period (dated on or after the start date).
        int extension = 0;
        bool extended = false;
        DueDateSetUnderArticle35? article35 = null;
        foreach (var e in countingEvents)
        {
            switch (e)
            {
                case ReplyExtended x when !ReplyPeriod.BelongsToPeriod(x.ExtendedOn, startedOn):
                    notes.Add(new ClockNote("ExtensionBeforeRestart",
                        $"The extension of {Iso(x.ExtendedOn)} belongs to the period before the supplement of {Iso(startedOn)}; the restarted period has none.",
                        $"{Iso(x.ExtendedOn)}的延期属于补正前的期限，补正后重新计算的期限不含该延期"));
                    break;
                case ReplyExtended x when extended:
                    notes.Add(new ClockNote("SecondExtensionIgnored",
                        $"A second extension ({Iso(x.ExtendedOn)}) is not allowed and was ignored.",
                        $"{Iso(x.ExtendedOn)}的第二次延期不符合规定，已忽略"));
                    break;
                case ReplyExtended x:
                    extended = true;
                    extension = Math.Clamp(x.WorkingDays, 0, baseDays);
                    if (extension != x.WorkingDays)
                        notes.Add(new ClockNote("ExtensionCapped",
                            $"The extension of {x.WorkingDays} working days was capped at {extension}.",
                            $"延期{x.WorkingDays}个工作日超过上限，按{extension}个工作日计算"));
                    break;
                case DueDateSetUnderArticle35 a when !ReplyPeriod.BelongsToPeriod(a.SetOn, startedOn):
                    notes.Add(new ClockNote("Article35BeforeRestart",
                        $"The Art. 35 date set on {Iso(a.SetOn)} belongs to the period before the supplement of {Iso(startedOn)}.",
                        $"{Iso(a.SetOn)}依第三十五条确定的期限属于补正前的期限，已不适用"));
                    break;
                case DueDateSetUnderArticle35 a:
                    article35 = a; // the latest one stands
                    break;
            }
        }

        // 5. Consultations and fees, and the pauses they make.
        var consultations = TrackConsultations(countingEvents, endOfCounting, calendar, notes);
        bool isOpen = closedBy is null;
        var fees = TrackFees(countingEvents, asOf, isOpen, calendar);
        var rawPauses = new List<(DateOnly From, DateOnly To, bool Open, PauseReason Reason)>();
        foreach (var c in consultations)
            rawPauses.Add((c.SentOn, c.PauseEndsOn ?? endOfCounting, c.PauseEndsOn is null && isOpen, PauseReason.Consultation));
        foreach (var f in fees)
        {
            var end = f.PaidOn ?? f.LapsedOn;
            rawPauses.Add((f.NoticedOn, end ?? endOfCounting, end is null && isOpen, PauseReason.Fee));
        }
        var pauses = MergePauses(rawPauses, startedOn, endOfCounting, calendar);

        // 6. Due date, days used and left.
        // A 补正 never answered by a supplement (outstanding, or closed as lapsed) leaves the clock stopped: no due date.
        bool awaitingSupplement = supplements.Any(s => s.ReceivedOn is null);
        if (awaitingSupplement) extension = 0; // the restart to come brings a fresh period
        DateOnly? computedDue = awaitingSupplement ? null : CountForward(startedOn, baseDays + extension, pauses, calendar);
        DateOnly? dueOn = awaitingSupplement ? null : article35?.DueOn ?? computedDue;
        var basis = !awaitingSupplement && article35 is not null ? DueDateBasis.Article35 : DueDateBasis.Computed;

        int used = awaitingSupplement ? 0 : CountUsed(startedOn, endOfCounting, pauses, calendar);
        int left = awaitingSupplement ? baseDays + extension
            : basis == DueDateBasis.Article35 ? calendar.WorkingDaysBetween(endOfCounting, dueOn!.Value)
            : baseDays + extension - used;

        bool anyOpenPause = pauses.Any(p => p.IsOpen);
        var status = !isOpen ? ClockStatus.Closed
            : outstandingSupplement is not null ? ClockStatus.AwaitingSupplement
            : anyOpenPause ? ClockStatus.Paused
            : ClockStatus.Running;
        bool overdue = isOpen && dueOn is { } due && asOf > due;
        bool dueSoon = isOpen && dueOn is not null && !overdue && left <= DueSoonWorkingDays;

        // 7. The answer's service date and timeliness.
        DateOnly? servedOn = answer?.ServedOn
            ?? (answer is null ? null : events.OfType<AnswerServed>().Where(s => s.ServedOn >= answer.AnsweredOn).Select(s => (DateOnly?)s.ServedOn).FirstOrDefault());
        bool? answeredInTime = answer is null || dueOn is null ? null : (servedOn ?? answer.AnsweredOn) <= dueOn.Value;
        if (answer is not null && awaitingSupplement)
            notes.Add(new ClockNote("AnsweredWhileAwaitingSupplement",
                "The application was answered while a supplement was outstanding; there is no due date to compare with.",
                "申请在等待补正期间作出答复，无答复期限可比较"));

        var openFee = fees.LastOrDefault(f => f.PaidOn is null && f.LapsedOn is null);
        var supplementNoticeDueOn = calendar.AddWorkingDays(startedOn, SupplementNoticeWorkingDays);
        var feePaymentDueOn = (openFee ?? fees.LastOrDefault())?.PaymentDueOn;
        // 预计 (A2): the years of the days counted for a date this reading computed from the calendar (the due date, the
        // 补正 notice's, the fee's and the consultations' deadlines), from the first counted day (the day of receipt never
        // is, A3) to the latest of them; the reading's own date only while no due date is known. The days past a due date
        // (how long a case is overdue) do not make that due date 预计.
        var computedDates = new[] { computedDue ?? endOfCounting, supplementNoticeDueOn, feePaymentDueOn ?? startedOn }
            .Concat(consultations.Select(c => c.ReplyDueOn));
        var provisionalYears = calendar.ProvisionalYearsBetween(receivedOn.AddDays(1), computedDates.Max());
        return new ClockReading
        {
            ApplicationId = received.ApplicationId,
            AsOf = asOf,
            CalendarVersion = provisionalYears.IsEmpty ? calendar.Version
                : calendar.Version + string.Concat(provisionalYears.Select(y => "+" + ProvisionalYear.VersionOf(y))),
            ProvisionalYears = provisionalYears,
            Regime = regime,
            ReceivedOn = receivedOn,
            StartedOn = startedOn,
            RestartedBySupplement = supplementReceipts.Count > 0,
            BaseWorkingDays = baseDays,
            ExtensionWorkingDays = extension,
            DueOn = dueOn,
            ComputedDueOn = computedDue,
            DueDateBasis = basis,
            Article35Reason = basis == DueDateBasis.Article35 ? article35!.Reason : null,
            IsDueDateProvisional = isOpen && !awaitingSupplement && basis == DueDateBasis.Computed && anyOpenPause,
            WorkingDaysUsed = used,
            WorkingDaysLeft = left,
            PausedWorkingDays = pauses.Sum(p => p.WorkingDays),
            Status = status,
            IsOverdue = overdue,
            IsDueSoon = dueSoon,
            Pauses = pauses,
            SupplementNoticeDueOn = supplementNoticeDueOn,
            SupplementDueOn = isOpen ? outstandingSupplement?.Deadline : null,
            Supplements = supplements,
            Consultations = consultations,
            Fees = fees,
            FeePaymentDueOn = feePaymentDueOn,
            ClosedBy = closedBy,
            ClosedOn = closedOn,
            AnswerServedOn = servedOn,
            AnsweredInTime = answeredInTime,
            OverdueAtSupplementNotices = overdueAtNotices,
            Notes = notes.ToImmutable(),
        };
    }

    /// <summary>
    /// A5: each 补正 notice sent when the reply was already overdue, with the working days overdue that day (the reading
    /// of the events before the notice, as of its date). The restart a supplement brings does not erase it.
    /// </summary>
    private static ImmutableArray<OverdueAtSupplementNotice> OverdueAtSupplementNotices(IReadOnlyList<IApplicationEvent> events, WorkdayCalendar calendar)
    {
        var marks = ImmutableArray.CreateBuilder<OverdueAtSupplementNotice>();
        for (int i = 0; i < events.Count; i++)
        {
            if (events[i] is not SupplementRequested notice) continue;
            var before = TryCompute([.. events.Take(i)], calendar, notice.RequestedOn);
            if (before is { IsOverdue: true, DueOn: { } due })
                marks.Add(new OverdueAtSupplementNotice(notice.RequestedOn, due, -before.WorkingDaysLeft));
        }
        return marks.ToImmutable();
    }

    private static ImmutableArray<SupplementTrack> TrackSupplements(
        IReadOnlyList<IApplicationEvent> events, DateOnly receivedOn, DateOnly? lapsedOn, WorkdayCalendar calendar,
        ImmutableArray<ClockNote>.Builder notes)
    {
        var receipts = events.OfType<SupplementReceived>().Select(s => s.ReceivedOn).ToList();
        var tracks = new List<SupplementTrack>();
        foreach (var e in events)
        {
            switch (e)
            {
                case SupplementRequested r:
                    // The 7 days run from the start of the period the notice belongs to: the receipt, or an earlier supplement.
                    var periodStart = receipts.Where(d => d <= r.RequestedOn).DefaultIfEmpty(receivedOn).Max();
                    if (periodStart < receivedOn) periodStart = receivedOn;
                    var noticeDue = calendar.AddWorkingDays(periodStart, SupplementNoticeWorkingDays);
                    tracks.Add(new SupplementTrack(r.RequestedOn, periodStart, noticeDue, r.RequestedOn <= noticeDue, r.Deadline, null, null));
                    break;
                case SupplementReceived s:
                    int i = tracks.FindIndex(t => t.IsOutstanding);
                    if (i >= 0) tracks[i] = tracks[i] with { ReceivedOn = s.ReceivedOn };
                    else notes.Add(new ClockNote("SupplementWithoutNotice",
                        $"A supplement was received on {Iso(s.ReceivedOn)} without a 补正 notice; the clock restarts all the same.",
                        $"{Iso(s.ReceivedOn)}收到补正材料，但无补正告知记录；期限仍重新计算"));
                    break;
            }
        }
        if (lapsedOn is { } lapse)
        {
            int i = tracks.FindLastIndex(t => t.IsOutstanding);
            if (i >= 0) tracks[i] = tracks[i] with { LapsedOn = lapse };
        }
        return [.. tracks];
    }

    private static ImmutableArray<ConsultationTrack> TrackConsultations(
        IReadOnlyList<IApplicationEvent> events, DateOnly endOfCounting, WorkdayCalendar calendar, ImmutableArray<ClockNote>.Builder notes)
    {
        var sent = new List<ConsultationSent>();
        var replies = new Dictionary<int, DateOnly>();
        foreach (var e in events)
        {
            switch (e)
            {
                case ConsultationSent s when sent.Any(x => x.ConsultationNumber == s.ConsultationNumber):
                    notes.Add(new ClockNote("DuplicateConsultationNumber",
                        $"Consultation number {s.ConsultationNumber} was sent twice; the second letter was ignored.",
                        $"征求意见编号{s.ConsultationNumber}重复，后一份已忽略"));
                    break;
                case ConsultationSent s:
                    sent.Add(s);
                    break;
                case ConsultationReplied r when sent.All(x => x.ConsultationNumber != r.ConsultationNumber):
                    notes.Add(new ClockNote("ReplyWithoutConsultation",
                        $"A reply to consultation {r.ConsultationNumber} has no letter sent before it and was ignored.",
                        $"第{r.ConsultationNumber}号征求意见的答复没有对应的征求意见函，已忽略"));
                    break;
                case ConsultationReplied r:
                    replies.TryAdd(r.ConsultationNumber, r.RepliedOn);
                    break;
            }
        }

        return [.. sent.Select(s =>
        {
            var replyDue = calendar.AddWorkingDays(s.SentOn, ConsultationWorkingDays);
            DateOnly? repliedOn = replies.TryGetValue(s.ConsultationNumber, out var r) ? r : null;
            DateOnly? pauseEnds = repliedOn is { } reply && reply <= replyDue ? (reply < s.SentOn ? s.SentOn : reply)
                : endOfCounting >= replyDue ? replyDue
                : null;
            bool lapsed = pauseEnds == replyDue && (repliedOn is null || repliedOn > replyDue);
            return new ConsultationTrack(s.ConsultationNumber, s.Party, s.Consultee, s.SentOn, replyDue, repliedOn, pauseEnds, lapsed);
        })];
    }

    private static ImmutableArray<FeeTrack> TrackFees(
        IReadOnlyList<IApplicationEvent> events, DateOnly asOf, bool isOpen, WorkdayCalendar calendar)
    {
        var tracks = new List<FeeTrack>();
        foreach (var e in events)
        {
            int i = tracks.FindLastIndex(t => t.PaidOn is null && t.LapsedOn is null);
            switch (e)
            {
                case FeeNoticed n:
                    tracks.Add(new FeeTrack(n.NoticedOn, n.Amount, FeePaymentDueOn(n.NoticedOn, calendar), null, null, false));
                    break;
                case FeePaid p when i >= 0:
                    tracks[i] = tracks[i] with { PaidOn = p.PaidOn };
                    break;
                case FeeLapsed l when i >= 0:
                    tracks[i] = tracks[i] with { LapsedOn = l.LapsedOn };
                    break;
            }
        }
        return [.. tracks.Select(t => t with
        {
            IsPaymentOverdue = isOpen && t.PaidOn is null && t.LapsedOn is null && asOf > t.PaymentDueOn,
        })];
    }

    /// <summary>
    /// Clips the pauses to the counting period (after the start date, up to the end), merges overlapping or touching ones.
    /// An open pause read on the start date itself (a fee notice or consultation on the day of receipt or of the
    /// supplement) covers no countable day yet, but the clock is stopped: it is kept from the start date, counting nothing.
    /// </summary>
    private static ImmutableArray<PauseInterval> MergePauses(
        List<(DateOnly From, DateOnly To, bool Open, PauseReason Reason)> raw, DateOnly startedOn, DateOnly endOfCounting,
        WorkdayCalendar calendar)
    {
        var firstCountable = startedOn.AddDays(1);
        var clipped = raw
            .Select(p => (From: p.From < firstCountable ? firstCountable : p.From, To: p.To > endOfCounting ? endOfCounting : p.To, p.Open, p.Reason))
            .Select(p => p.Open && p.From > p.To ? (From: p.To, p.To, p.Open, p.Reason) : p)
            .Where(p => p.From <= p.To)
            .OrderBy(p => p.From)
            .ToList();

        var merged = new List<(DateOnly From, DateOnly To, bool Open, SortedSet<PauseReason> Reasons)>();
        foreach (var p in clipped)
        {
            if (merged.Count > 0 && p.From <= merged[^1].To.AddDays(1))
            {
                var last = merged[^1];
                last.Reasons.Add(p.Reason);
                merged[^1] = (last.From, p.To > last.To ? p.To : last.To, last.Open || p.Open, last.Reasons);
            }
            else
            {
                merged.Add((p.From, p.To, p.Open, [p.Reason]));
            }
        }

        return [.. merged.Select(m => new PauseInterval(
            m.From, m.To, m.Open, [.. m.Reasons], calendar.WorkingDaysBetween((m.From < firstCountable ? firstCountable : m.From).AddDays(-1), m.To)))];
    }

    private static bool IsPaused(DateOnly date, ImmutableArray<PauseInterval> pauses) =>
        pauses.Any(p => p.From <= date && date <= p.To);

    /// <summary>The day the <paramref name="workingDays"/>-th counted (working, not paused) day after the start falls on.</summary>
    private static DateOnly CountForward(DateOnly startedOn, int workingDays, ImmutableArray<PauseInterval> pauses, WorkdayCalendar calendar)
    {
        var date = startedOn;
        for (int counted = 0; counted < workingDays;)
        {
            date = date.AddDays(1);
            if (calendar.IsWorkingDay(date) && !IsPaused(date, pauses)) counted++;
        }
        return date;
    }

    private static int CountUsed(DateOnly startedOn, DateOnly end, ImmutableArray<PauseInterval> pauses, WorkdayCalendar calendar)
    {
        int used = 0;
        for (var date = startedOn.AddDays(1); date <= end; date = date.AddDays(1))
        {
            if (calendar.IsWorkingDay(date) && !IsPaused(date, pauses)) used++;
        }
        return used;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
