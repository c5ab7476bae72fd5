using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;
using static Workflow.Tests.Clock.Story;

namespace Workflow.Tests.Clock;

// Expected dates are hand-counted from domain B §4.2 (and cross-checked once with a throw-away script).
public class StatutoryClockTests
{
    private static readonly WorkdayCalendar Calendar = WorkdayCalendar.Official;

    private static ClockReading Read(Story story, string asOf) => StatutoryClock.Compute(story.Events, Calendar, D(asOf));

    [Fact]
    public void New_regime_twenty_working_days_around_the_dragon_boat_festival()
    {
        // Received Wed 2019-05-15 (the day the 2019 regulation came into force). 05-16..05-31 = 12 days,
        // 06-03..06-06 = 16, Fri 06-07 端午 off, 06-10..06-13 = 20.
        var reading = Read(ReceivedOn("2019-05-15"), "2019-05-20");

        reading.Regime.Should().Be(ClockRegime.Regulation2019);
        reading.BaseWorkingDays.Should().Be(20);
        reading.DueOn.Should().Be(D("2019-06-13"));
        reading.WorkingDaysUsed.Should().Be(3);
        reading.WorkingDaysLeft.Should().Be(17);
        reading.Status.Should().Be(ClockStatus.Running);
        reading.CalendarVersion.Should().Be(Calendar.Version);
    }

    [Theory]
    [InlineData("2019-05-14", "2019-06-04")] // the day before: old regime, 15 days
    [InlineData("2019-05-12", "2019-05-31")] // a Sunday, still old regime: 05-13..05-31 is 15 days
    [InlineData("2019-04-30", "2019-05-23")] // 05-01..05-04 off; Sun 05-05 worked is day 1; day 15 is Thu 05-23
    public void Old_regime_fifteen_working_days_before_2019_05_15(string received, string due)
    {
        var reading = Read(ReceivedOn(received), received);

        reading.Regime.Should().Be(ClockRegime.Regulation2008);
        reading.BaseWorkingDays.Should().Be(15);
        reading.DueOn.Should().Be(D(due));
    }

    [Theory]
    [InlineData("2019-05-19", "2019-06-17")] // Sunday receipt: day 1 is Mon 05-20; Fri 06-07 端午 off
    [InlineData("2019-12-20", "2020-01-19")] // across the year end; day 20 is the 调休 Sunday 2020-01-19
    [InlineData("2020-01-20", "2020-02-25")] // 01-24..02-02 off (COVID extension), Sat 02-01 not worked
    [InlineData("2025-01-20", "2025-02-21")] // 2025 rules: 除夕 01-28 off; Sun 01-26 and Sat 02-08 worked
    [InlineData("2025-04-25", "2025-05-27")] // 2025 rules: 05-01..05-05 off; Sun 04-27 worked
    public void Due_dates_across_holidays_and_make_up_days(string received, string due)
    {
        Read(ReceivedOn(received), received).DueOn.Should().Be(D(due));
    }

    [Fact]
    public void A_receipt_date_correction_applies_and_can_change_the_regime()
    {
        var story = ReceivedOn("2019-05-16").ReceiptCorrected("2019-05-20", "2019-05-16", "2019-05-14");

        var reading = Read(story, "2019-05-20");

        reading.ReceivedOn.Should().Be(D("2019-05-14"));
        reading.Regime.Should().Be(ClockRegime.Regulation2008);
        reading.DueOn.Should().Be(D("2019-06-04"));
    }

    [Fact]
    public void Supplement_stops_the_clock_and_restarts_it_in_full()
    {
        var story = ReceivedOn("2021-03-01").SupplementRequested("2021-03-03", "2021-03-17");

        var waiting = Read(story, "2021-03-05");
        waiting.Status.Should().Be(ClockStatus.AwaitingSupplement);
        waiting.DueOn.Should().BeNull();
        waiting.SupplementDueOn.Should().Be(D("2021-03-17"));
        waiting.IsOverdue.Should().BeFalse();
        waiting.StatusText.Should().StartWith("等待补正（补正期限：2021-03-17）");

        // Restart from Wed 03-10: 03-11..03-31 = 15, 04-01, 04-02 = 17, 04-03..05 清明 off, 04-06..08 = 20.
        var restarted = Read(story.SupplementReceived("2021-03-10"), "2021-03-12");
        restarted.Status.Should().Be(ClockStatus.Running);
        restarted.StartedOn.Should().Be(D("2021-03-10"));
        restarted.RestartedBySupplement.Should().BeTrue();
        restarted.DueOn.Should().Be(D("2021-04-08"));
        restarted.WorkingDaysUsed.Should().Be(2);
        restarted.SupplementNoticeDueOn.Should().Be(D("2021-03-19"), "a second 补正 would be due 7 working days after the supplement");
    }

    [Fact]
    public void Supplement_notice_deadline_is_seven_working_days_after_receipt()
    {
        var inTime = Read(ReceivedOn("2021-03-01").SupplementRequested("2021-03-10", "2021-03-24"), "2021-03-10");
        var late = Read(ReceivedOn("2021-03-01").SupplementRequested("2021-03-11", "2021-03-25"), "2021-03-11");

        inTime.Supplements.Should().ContainSingle().Which.Should().Match<SupplementTrack>(s =>
            s.NoticeDueOn == D("2021-03-10") && s.NoticeInTime && s.PeriodStartedOn == D("2021-03-01"));
        late.Supplements.Single().NoticeInTime.Should().BeFalse();
        late.SupplementNoticeDueOn.Should().Be(D("2021-03-10"));
    }

    [Fact]
    public void Supplement_lapse_closes_the_application_without_a_due_date()
    {
        var story = ReceivedOn("2021-03-01").SupplementRequested("2021-03-03", "2021-03-17");

        Read(story, "2021-03-18").IsSupplementDeadlinePassed.Should().BeTrue();

        var reading = Read(story.SupplementLapsed("2021-03-18"), "2021-06-01");
        reading.Status.Should().Be(ClockStatus.Closed);
        reading.ClosedBy.Should().Be(ClosureKind.SupplementLapsed);
        reading.DueOn.Should().BeNull();
        reading.IsOverdue.Should().BeFalse();
        reading.Supplements.Single().LapsedOn.Should().Be(D("2021-03-18"));
    }

    [Fact]
    public void A_consultation_pauses_from_the_day_sent_to_the_day_replied()
    {
        // Without pause the due date is 2021-03-29. Sent Wed 03-10, replied Tue 03-16: 03-10, 11, 12, 15, 16 are not
        // counted (5 working days), so the due date moves 5 working days later: 03-30, 31, 04-01, 04-02, (清明) 04-06.
        var story = ReceivedOn("2021-03-01").ConsultationSent(1, "2021-03-10").ConsultationReplied(1, "2021-03-16");

        var reading = Read(story, "2021-03-17");

        reading.DueOn.Should().Be(D("2021-04-06"));
        reading.PausedWorkingDays.Should().Be(5);
        reading.WorkingDaysUsed.Should().Be(7); // 03-02..03-09 (6) + 03-17
        reading.Status.Should().Be(ClockStatus.Running);
        reading.Consultations.Single().ReplyDueOn.Should().Be(D("2021-03-31"));
    }

    [Fact]
    public void Overlapping_consultations_stop_the_clock_once()
    {
        // #1: 03-10..03-16, #2: 03-12..03-18 → one pause 03-10..03-18 = 7 working days, not 5 + 5.
        var story = ReceivedOn("2021-03-01")
            .ConsultationSent(1, "2021-03-10").ConsultationSent(2, "2021-03-12")
            .ConsultationReplied(1, "2021-03-16").ConsultationReplied(2, "2021-03-18");

        var reading = Read(story, "2021-03-19");

        var pause = reading.Pauses.Should().ContainSingle().Which;
        pause.From.Should().Be(D("2021-03-10"));
        pause.To.Should().Be(D("2021-03-18"));
        pause.IsOpen.Should().BeFalse();
        pause.Reasons.Should().Equal(PauseReason.Consultation);
        pause.WorkingDays.Should().Be(7);
        reading.PausedWorkingDays.Should().Be(7);
        reading.DueOn.Should().Be(D("2021-04-08"));
    }

    [Fact]
    public void A_consultation_without_reply_stops_the_clock_for_fifteen_working_days_at_most()
    {
        // Sent Wed 03-10; the consulted party's 15 working days end Wed 03-31.
        var story = ReceivedOn("2021-03-01").ConsultationSent(1, "2021-03-10");

        var during = Read(story, "2021-03-20");
        during.Status.Should().Be(ClockStatus.Paused);
        during.IsPaused.Should().BeTrue();
        during.IsDueDateProvisional.Should().BeTrue();
        during.DueOn.Should().Be(D("2021-04-09"), "if the clock ran again on Mon 03-22: 6 days used + 14 more");
        during.WorkingDaysUsed.Should().Be(6);

        var after = Read(story, "2021-04-10");
        after.Status.Should().Be(ClockStatus.Running);
        after.IsDueDateProvisional.Should().BeFalse();
        after.Consultations.Single().Should().Match<ConsultationTrack>(c => c.Lapsed && c.PauseEndsOn == D("2021-03-31"));
        after.PausedWorkingDays.Should().Be(16); // 03-10..03-31
        after.DueOn.Should().Be(D("2021-04-21"));

        // A late reply does not extend the pause.
        var lateReply = Read(story.ConsultationReplied(1, "2021-04-02"), "2021-04-10");
        lateReply.DueOn.Should().Be(D("2021-04-21"));
        lateReply.Consultations.Single().Lapsed.Should().BeTrue();
    }

    [Fact]
    public void A_fee_notice_on_the_day_of_receipt_stops_the_clock_on_that_day_already()
    {
        // Received and fee noticed Mon 2021-03-01: read that same day, the clock is stopped (nothing counted yet).
        var story = ReceivedOn("2021-03-01").FeeNoticed("2021-03-01");

        var sameDay = Read(story, "2021-03-01");
        sameDay.Status.Should().Be(ClockStatus.Paused);
        sameDay.IsDueDateProvisional.Should().BeTrue();
        sameDay.WorkingDaysUsed.Should().Be(0);
        sameDay.PausedWorkingDays.Should().Be(0, "the day of receipt is never counted");
        sameDay.Pauses.Single().Should().Match<PauseInterval>(p => p.IsOpen && p.From == D("2021-03-01") && p.To == D("2021-03-01"));

        var later = Read(story, "2021-03-12");
        later.Status.Should().Be(ClockStatus.Paused);
        later.Pauses.Single().From.Should().Be(D("2021-03-02"), "the pause counts from the first countable day");

        var paid = Read(story.FeePaid("2021-03-05"), "2021-03-08");
        paid.Status.Should().Be(ClockStatus.Running);
        paid.PausedWorkingDays.Should().Be(4, "Tue 03-02 to Fri 03-05");
    }

    [Fact]
    public void A_consultation_on_the_day_of_receipt_stops_the_clock_from_that_day_until_its_reply_period_ends()
    {
        // Sent on the day of receipt, Mon 2021-03-01; the 15 working days of reply end Mon 03-22.
        var story = ReceivedOn("2021-03-01").ConsultationSent(1, "2021-03-01");

        Read(story, "2021-03-01").Status.Should().Be(ClockStatus.Paused);
        var after = Read(story, "2021-03-23");
        after.Status.Should().Be(ClockStatus.Running);
        after.PausedWorkingDays.Should().Be(15);
        after.WorkingDaysUsed.Should().Be(1);
    }

    [Fact]
    public void A_fee_notice_pauses_until_payment()
    {
        var story = ReceivedOn("2021-03-01").FeeNoticed("2021-03-10");

        var unpaid = Read(story, "2021-03-12");
        unpaid.Status.Should().Be(ClockStatus.Paused);
        unpaid.FeePaymentDueOn.Should().Be(D("2021-04-08"));
        unpaid.StatusText.Should().Contain("待缴费");

        var paid = Read(story.FeePaid("2021-03-16"), "2021-03-17");
        paid.Status.Should().Be(ClockStatus.Running);
        paid.DueOn.Should().Be(D("2021-04-06"));
        paid.Fees.Single().PaidOn.Should().Be(D("2021-03-16"));
    }

    [Fact]
    public void An_unpaid_fee_is_flagged_after_its_deadline_and_a_lapse_closes_the_application()
    {
        var story = ReceivedOn("2021-03-01").FeeNoticed("2021-03-10");

        Read(story, "2021-04-09").Fees.Single().IsPaymentOverdue.Should().BeTrue();

        var lapsed = Read(story.FeeLapsed("2021-04-09"), "2021-05-01");
        lapsed.Status.Should().Be(ClockStatus.Closed);
        lapsed.ClosedBy.Should().Be(ClosureKind.FeeLapsed);
        lapsed.Fees.Single().IsPaymentOverdue.Should().BeFalse();
    }

    [Fact]
    public void A_fee_notice_and_a_consultation_overlapping_make_one_pause()
    {
        // Consultation 03-10..03-12, fee notice 03-12, paid 03-16: one pause 03-10..03-16 (5 working days).
        var story = ReceivedOn("2021-03-01").ConsultationSent(1, "2021-03-10").FeeNoticed("2021-03-12")
            .ConsultationReplied(1, "2021-03-12").FeePaid("2021-03-16");

        var reading = Read(story, "2021-03-17");

        reading.Pauses.Should().ContainSingle().Which.Reasons.Should().Equal(PauseReason.Consultation, PauseReason.Fee);
        reading.DueOn.Should().Be(D("2021-04-06"));
    }

    [Fact]
    public void An_extension_adds_twenty_working_days_once()
    {
        // 20th day Mon 03-29; 40th: 03-30..04-02 (24), 04-06..09 (28), 04-12..16 (33), 04-19..23 (38),
        // 调休 Sunday 04-25 (39), Mon 04-26 (40).
        var story = ReceivedOn("2021-03-01").Extended("2021-03-25").Extended("2021-04-20");

        var reading = Read(story, "2021-04-20");

        reading.ExtensionWorkingDays.Should().Be(20);
        reading.LimitWorkingDays.Should().Be(40);
        reading.DueOn.Should().Be(D("2021-04-26"));
        reading.Notes.Should().ContainSingle(n => n.Code == "SecondExtensionIgnored");
    }

    [Fact]
    public void An_old_regime_extension_is_capped_at_fifteen()
    {
        var reading = Read(ReceivedOn("2019-04-30").Extended("2019-05-20", 20), "2019-05-20");

        reading.ExtensionWorkingDays.Should().Be(15);
        reading.Notes.Should().ContainSingle(n => n.Code == "ExtensionCapped");
    }

    [Fact]
    public void An_extension_before_a_supplement_restart_does_not_carry_over()
    {
        var story = ReceivedOn("2021-03-01").Extended("2021-03-02")
            .SupplementRequested("2021-03-03", "2021-03-17").SupplementReceived("2021-03-10");

        var reading = Read(story, "2021-03-12");

        reading.ExtensionWorkingDays.Should().Be(0);
        reading.DueOn.Should().Be(D("2021-04-08"));
    }

    [Fact]
    public void Article_35_replaces_the_computed_due_date_and_says_so()
    {
        var story = ReceivedOn("2021-03-01").Article35("2021-03-19", "2021-06-30");

        var reading = Read(story, "2021-04-15");

        reading.DueOn.Should().Be(D("2021-06-30"));
        reading.ComputedDueOn.Should().Be(D("2021-03-29"));
        reading.DueDateBasis.Should().Be(DueDateBasis.Article35);
        reading.Article35Reason.Should().Be("申请数量明显超过合理范围");
        reading.IsOverdue.Should().BeFalse();
        reading.WorkingDaysLeft.Should().Be(Calendar.WorkingDaysBetween(D("2021-04-15"), D("2021-06-30")));
        reading.StatusText.Should().Contain("第三十五条");
    }

    [Theory]
    // Received Mon 2021-03-01, due Mon 03-29.
    [InlineData("2021-03-19", 14, 6, false, false)]
    [InlineData("2021-03-22", 15, 5, true, false)]
    [InlineData("2021-03-29", 20, 0, true, false)]
    [InlineData("2021-03-30", 21, -1, false, true)]
    public void Due_soon_and_overdue_flags(string asOf, int used, int left, bool dueSoon, bool overdue)
    {
        var reading = Read(ReceivedOn("2021-03-01"), asOf);

        reading.WorkingDaysUsed.Should().Be(used);
        reading.WorkingDaysLeft.Should().Be(left);
        reading.IsDueSoon.Should().Be(dueSoon);
        reading.IsOverdue.Should().Be(overdue);
    }

    [Theory]
    [InlineData("2021-03-29", null, true)]          // answered on the due date, service unknown
    [InlineData("2021-03-29", "2021-03-30", false)] // served the day after the due date
    [InlineData("2021-03-26", "2021-03-29", true)]
    public void Timeliness_of_an_answer_compares_the_service_date(string answeredOn, string? servedOn, bool inTime)
    {
        var reading = Read(ReceivedOn("2021-03-01").Answered(answeredOn, servedOn), "2021-05-01");

        reading.Status.Should().Be(ClockStatus.Closed);
        reading.AnsweredInTime.Should().Be(inTime);
    }

    [Fact]
    public void A_later_service_event_counts_and_the_clock_stays_frozen_after_closure()
    {
        var story = ReceivedOn("2021-03-01").Answered("2021-03-26").Served("2021-03-31");

        var reading = Read(story, "2021-12-31");

        reading.AnswerServedOn.Should().Be(D("2021-03-31"));
        reading.AnsweredInTime.Should().BeFalse();
        reading.WorkingDaysUsed.Should().Be(19, "counting stops on the answer date");
        reading.IsOverdue.Should().BeFalse();
        reading.StatusText.Should().StartWith("已办结（已答复，2021-03-26）");
    }

    [Fact]
    public void Withdrawal_closes_the_clock()
    {
        var reading = Read(ReceivedOn("2021-03-01").Withdrawn("2021-03-05"), "2021-04-30");

        reading.ClosedBy.Should().Be(ClosureKind.Withdrawn);
        reading.ClosedOn.Should().Be(D("2021-03-05"));
        reading.WorkingDaysUsed.Should().Be(4);
        reading.IsOverdue.Should().BeFalse();
        reading.AnsweredInTime.Should().BeNull();
    }

    [Fact]
    public void Events_dated_after_as_of_are_ignored()
    {
        var story = ReceivedOn("2021-03-01").ConsultationSent(1, "2021-03-10").Answered("2021-04-01");

        var reading = Read(story, "2021-03-09");

        reading.Status.Should().Be(ClockStatus.Running);
        reading.Pauses.Should().BeEmpty();
        reading.DueOn.Should().Be(D("2021-03-29"));
    }

    [Fact]
    public void A_due_date_in_a_year_with_no_notice_is_provisional_not_an_error()
    {
        var reading = Read(ReceivedOn("2026-12-10"), "2026-12-10");

        reading.DueOn.Should().Be(D("2027-01-08"));
        reading.Provisional.Should().BeTrue();
    }

    [Fact]
    public void A_local_day_off_moves_the_due_date_and_the_reading_records_the_calendar_version()
    {
        var local = CalendarFile.Parse("""
            { "year": 2021, "version": "2021.local-1", "daysOff": [ { "date": "2021-03-15", "name": "本地放假" } ] }
            """, "local.json");
        var calendar = Calendar.With([local]);

        var reading = StatutoryClock.Compute(ReceivedOn("2021-03-01").Events, calendar, D("2021-03-01"));

        reading.DueOn.Should().Be(D("2021-03-30"), "Mon 03-15 is off locally, so day 20 moves from 03-29 to 03-30");
        reading.CalendarVersion.Should().EndWith("+2021.1+2021.local-1+2022.1+2023.1+2024.1+2025.1+2026.1");
    }

    [Fact]
    public void A_supplement_without_a_notice_still_restarts_the_clock_and_is_noted()
    {
        var reading = Read(ReceivedOn("2021-03-01").SupplementReceived("2021-03-10"), "2021-03-10");

        reading.StartedOn.Should().Be(D("2021-03-10"));
        reading.DueOn.Should().Be(D("2021-04-08"));
        reading.Notes.Should().ContainSingle(n => n.Code == "SupplementWithoutNotice");
    }

    [Fact]
    public void No_receipt_before_as_of_is_an_argument_error()
    {
        var act = () => Read(ReceivedOn("2021-03-01"), "2021-02-28");

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Trace_gives_the_reading_after_each_event()
    {
        var story = ReceivedOn("2021-03-01")
            .ConsultationSent(1, "2021-03-10").ConsultationReplied(1, "2021-03-16").Answered("2021-04-06", "2021-04-06");

        var trace = StatutoryClock.Trace(story.Events, Calendar);

        trace.Select(t => t.EventIndex).Should().Equal(0, 1, 2, 3);
        trace[0].Reading.DueOn.Should().Be(D("2021-03-29"));
        trace[1].Reading.Status.Should().Be(ClockStatus.Paused);
        trace[1].Reading.AsOf.Should().Be(D("2021-03-10"));
        trace[2].Reading.Status.Should().Be(ClockStatus.Running);
        trace[2].Reading.DueOn.Should().Be(D("2021-04-06"));
        trace[3].Reading.Status.Should().Be(ClockStatus.Closed);
        trace[3].Reading.AnsweredInTime.Should().BeTrue();
    }
}
