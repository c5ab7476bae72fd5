using System.Linq.Expressions;
using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;

namespace Projections.Cases;

/// <summary>
/// 待办 row (docs/adr/0030): one application on the worklist — open, or answered and not yet served (答复待送达) — with what
/// the worklist filters, counts and sorts by, kept inline with the events. The statutory clock is stored as
/// <see cref="StatutoryClock.Compute"/> read it as of <see cref="ClockAsOf"/> (the latest business date of the stream)
/// with the agency's calendar of <see cref="CalendarVersion"/>: dates only, nothing that depends on today. "Overdue" and
/// "due soon" are decided at read time from these dates (<see cref="WorklistClockQuery"/>); the rows a page shows compute
/// their exact clock from the events.
/// </summary>
public sealed class WorklistEntry
{
    /// <summary>The application's id (one row per application).</summary>
    public Guid Id { get; set; }

    public string AgencyCode { get; set; } = "";
    public string RegistrationNumber { get; set; } = "";
    public string ApplicantName { get; set; } = "";

    /// <summary>The requested items' descriptions, one a line: what the search box looks in besides the number and name.</summary>
    public string ItemsText { get; set; } = "";

    public Channel Channel { get; set; }
    public ApplicantType ApplicantType { get; set; }
    public string? Handler { get; set; }
    public ApplicationStatus Status { get; set; }

    /// <summary>答复待送达 (answered, service not recorded).</summary>
    public bool AwaitingService { get; set; }

    public DateOnly ReceivedOn { get; set; }

    /// <summary>The stream version the row was derived from.</summary>
    public long StreamVersion { get; set; }

    /// <summary>The version of the agency's calendar the clock was read with (<see cref="WorkdayCalendar.Version"/>).</summary>
    public string CalendarVersion { get; set; } = "";

    /// <summary>The date the clock was read as of: the latest business date of the application's events.</summary>
    public DateOnly ClockAsOf { get; set; }

    /// <summary>The clock's state as of <see cref="ClockAsOf"/>; null when it could not be computed (<see cref="ClockProblem"/>).</summary>
    public ClockStatus? ClockStatus { get; set; }

    /// <summary>The due date as of <see cref="ClockAsOf"/> (null while a 补正 is outstanding, or unknown).</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>
    /// The due date of a running clock: <see cref="DueOn"/> when the clock runs; for a clock stopped by consultations
    /// only, the due date once their 15 working days end by themselves (<see cref="RunsFrom"/>); null otherwise.
    /// </summary>
    public DateOnly? RunningDueOn { get; set; }

    /// <summary>The day a stopped clock runs again by itself (the day after the last consultation's reply period), if it does.</summary>
    public DateOnly? RunsFrom { get; set; }

    /// <summary>Overdue as of <see cref="ClockAsOf"/>, for a stopped clock (it stays so while stopped).</summary>
    public bool PausedOverdue { get; set; }

    /// <summary>Due soon as of <see cref="ClockAsOf"/>, for a stopped clock (the days left do not change while stopped).</summary>
    public bool PausedDueSoon { get; set; }

    /// <summary>The reading counts a year without a State Council notice (预计): re-derived when the notice is recorded.</summary>
    public bool Provisional { get; set; }

    /// <summary>Why the clock could not be computed (Chinese), e.g. a date outside the calendar; such rows sort first.</summary>
    public string? ClockProblem { get; set; }

    /// <summary>0 for a row whose clock could not be computed, else 1: the first sort key (rows needing attention first).</summary>
    public int ClockKnown { get; set; }

    /// <summary>The sort key after <see cref="ClockKnown"/>: the due date as of <see cref="ClockAsOf"/> (null sorts last).</summary>
    public DateOnly? SortDueOn { get; set; }

    /// <summary>
    /// Whether an application with this file belongs on the worklist: open, or answered and not yet served (A11) — the
    /// one statement of the rule, run as SQL by the backfill's query and compiled once for <see cref="Belongs"/>. It reads
    /// stored members only (<see cref="ApplicationFile.Status"/>, <see cref="ApplicationFile.Closure"/>,
    /// <see cref="ApplicationFile.ServedOn"/>), not the computed <see cref="ApplicationFile.IsOpen"/> and
    /// <see cref="ApplicationFile.AwaitingService"/>: in the database those would be whatever the serializer wrote when the
    /// document was last stored, absent from documents older than them. A test checks it agrees with them on every file.
    /// </summary>
    public static readonly Expression<Func<ApplicationFile, bool>> OnWorklist =
        f => f.Status != ApplicationStatus.Closed || (f.Closure == ClosureKind.Answered && f.ServedOn == null);

    // Declared after OnWorklist: static fields are initialised in textual order.
    private static readonly Func<ApplicationFile, bool> OnWorklistCompiled = OnWorklist.Compile();

    /// <summary>Whether an application with this file belongs on the worklist (<see cref="OnWorklist"/>, compiled).</summary>
    public static bool Belongs(ApplicationFile file) => OnWorklistCompiled(file);

    /// <summary>
    /// The row of one application from its case file and whole history, with the clock read by the one
    /// <see cref="StatutoryClock"/> as of the history's latest business date; null if it is not on the worklist.
    /// </summary>
    public static WorklistEntry? Derive(ApplicationFile file, IReadOnlyList<IApplicationEvent> history, WorkdayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(calendar);
        if (!Belongs(file) || history.Count == 0) return null;
        var entry = new WorklistEntry
        {
            Id = file.Id,
            AgencyCode = file.AgencyCode,
            RegistrationNumber = file.RegistrationNumber,
            ApplicantName = file.Applicant.Name,
            ItemsText = string.Join("\n", file.Items.Select(i => i.Description)),
            Channel = file.Channel,
            ApplicantType = file.ApplicantType,
            Handler = file.Handler,
            Status = file.Status,
            AwaitingService = file.AwaitingService,
            ReceivedOn = file.ReceivedOn,
            StreamVersion = file.StreamVersion,
            CalendarVersion = calendar.Version,
            ClockAsOf = history.Max(e => e.BusinessDate),
        };
        try
        {
            var reading = StatutoryClock.Compute(history, calendar, entry.ClockAsOf);
            entry.ClockStatus = reading.Status;
            entry.DueOn = reading.DueOn;
            entry.Provisional = reading.Provisional;
            entry.ClockKnown = 1;
            entry.SortDueOn = reading.DueOn;
            if (reading.Status == Workflow.Clock.ClockStatus.Running)
            {
                entry.RunningDueOn = reading.DueOn;
            }
            else if (reading.Status == Workflow.Clock.ClockStatus.Paused)
            {
                entry.PausedOverdue = reading.IsOverdue;
                entry.PausedDueSoon = reading.IsDueSoon;
                // A consultation stops the clock until its reply or the end of its 15 working days, whichever is first; a
                // fee notice until payment or lapse (events). So a clock stopped by consultations only runs again by itself:
                // read it again, with the same rule, on the day it does.
                var open = reading.Pauses.Where(p => p.IsOpen).ToList();
                if (open.All(p => p.Reasons.All(r => r == PauseReason.Consultation)))
                {
                    // The first day the clock reads as running again, asked of the clock itself (at most the consultations'
                    // reply periods: a few weeks of readings, once per event).
                    var last = reading.Consultations.Where(c => c.RepliedOn is null).Select(c => c.ReplyDueOn).DefaultIfEmpty(entry.ClockAsOf).Max().AddDays(1);
                    for (var day = entry.ClockAsOf.AddDays(1); day <= last; day = day.AddDays(1))
                    {
                        var later = StatutoryClock.Compute(history, calendar, day);
                        if (later.Status == Workflow.Clock.ClockStatus.Paused) continue;
                        if (later.Status == Workflow.Clock.ClockStatus.Running)
                        {
                            entry.RunsFrom = day;
                            entry.RunningDueOn = later.DueOn;
                            entry.Provisional |= later.Provisional;
                        }
                        break;
                    }
                }
            }
        }
        catch (CalendarYearNotLoadedException missingYear)
        {
            entry.ClockProblem = missingYear.ChineseMessage;
            entry.ClockKnown = 0;
        }
        return entry;
    }
}
