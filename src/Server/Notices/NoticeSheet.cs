using Projections.Cases;
using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;

namespace Server.Notices;

/// <summary>
/// The facts one printable notice needs, gathered from the case: the issuing agency, the case file, the document number
/// the <see cref="NoticeIssued"/> event carries (null on a preview of a notice not yet issued), the date printed, and the
/// dates the clock derives (the new reply due date of an extension, the payment deadline of a fee).
/// </summary>
public sealed record NoticeSheet(
    NoticeKind Kind,
    string AgencyName,
    ApplicationFile File,
    string? DocumentNumber,
    DateOnly Date,
    DateOnly? ReplyDueOn,
    DateOnly? PaymentDueOn,
    ConsultationFile? Consultation,
    ReplyExtended? Extension,
    int? FeeQuantity = null)
{
    public bool IsIssued => DocumentNumber is not null;

    /// <summary>Why the dates are 预计 (they count a year with no holiday notice yet, domain A2); null when they are not.</summary>
    public string? ProvisionalReason { get; init; }
}

/// <summary>The notice kinds as URLs spell them (kebab case of the enum names). Their titles are <see cref="Workflow.Vocabulary.ChineseTerms"/>'s terms.</summary>
public static class NoticeKinds
{
    public static string SlugOf(NoticeKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));

    public static bool TryParseSlug(string? slug, out NoticeKind kind)
    {
        foreach (var candidate in Enum.GetValues<NoticeKind>())
        {
            if (string.Equals(SlugOf(candidate), slug, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }
}

/// <summary>Builds a <see cref="NoticeSheet"/> from the case: pure, so every fact printed can be tested without a host.</summary>
public static class NoticeSheets
{
    public static readonly Refusal NotApplicable = Refusals.Rule("notice.not-applicable", "案卷中没有与该文书对应的办理步骤。",
        "No step of the application corresponds to this notice.");

    /// <summary>
    /// The sheet of <paramref name="kind"/>, or a refusal when the case has no step the notice belongs to. The last issued
    /// notice of that kind gives the document number and date; otherwise the sheet is a preview dated <paramref name="today"/>.
    /// </summary>
    public static (NoticeSheet? Sheet, Refusal? Refusal) Build(NoticeKind kind, ApplicationFile file, DisclosureApplication state, string agencyName,
        IReadOnlyList<IApplicationEvent> history, WorkdayCalendar calendar, DateOnly today)
    {
        // Whether the case has a step this notice belongs to is the IssueNotice decision's rule, asked of the same write model.
        if (!IssuingNoticeRules.Applies(state, kind)) return (null, NotApplicable);
        var issued = file.Notices.LastOrDefault(n => n.Kind == kind);
        var date = issued?.IssuedOn ?? today;

        DateOnly? replyDueOn = null;
        ReplyExtended? extension = null;
        if (kind == NoticeKind.ExtensionNotice)
        {
            // The due date as it stood once the extension was recorded: the clock over the history up to that event.
            var index = history.ToList().FindLastIndex(e => e is ReplyExtended);
            extension = (ReplyExtended)history[index];
            replyDueOn = StatutoryClock.Compute([.. history.Take(index + 1)], calendar, extension.ExtendedOn).DueOn;
        }

        DateOnly? paymentDueOn = kind == NoticeKind.FeeNotice
            ? calendar.AddWorkingDays(file.FeeNoticedOn!.Value, StatutoryClock.FeePaymentWorkingDays)
            : null;

        var consultation = kind == NoticeKind.ThirdPartyConsultation
            ? file.Consultations.LastOrDefault(c => c.Party == ConsultationParty.ThirdParty && c.SentOn <= date)
              ?? file.Consultations.Last()
            : null;

        var feeQuantity = kind == NoticeKind.FeeNotice ? history.OfType<FeeNoticed>().LastOrDefault()?.Quantity : null;

        var provisionalYears = new[] { replyDueOn, paymentDueOn }.OfType<DateOnly>()
            .SelectMany(due => calendar.ProvisionalYearsBetween(date, due)).Distinct().ToList();
        return (new NoticeSheet(kind, agencyName, file, issued?.DocumentNumber, date, replyDueOn, paymentDueOn, consultation, extension,
            feeQuantity) { ProvisionalReason = provisionalYears.Count > 0 ? ProvisionalYear.ReasonFor(provisionalYears) : null }, null);
    }
}

/// <summary>
/// What the on-screen controls above a notice need besides the sheet: the refusal of the last attempt, today's date
/// (the default issue date), whether the user may issue notices, and the anti-forgery token of the issue form.
/// </summary>
public sealed record NoticeControlsModel(Refusal? Error, DateOnly Today, bool MayIssue, Microsoft.AspNetCore.Antiforgery.AntiforgeryTokenSet Antiforgery);
