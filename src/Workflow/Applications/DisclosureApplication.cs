using System.Collections.Immutable;

namespace Workflow.Applications;

/// <summary>Where an application stands, for deciding what may happen next.</summary>
public enum ApplicationStatus
{
    InProgress,          // 办理中
    AwaitingSupplement,  // 待补正
    Closed,              // 已办结
}

public sealed record ReviewCase(int CaseNumber, DateOnly FiledOn, DateOnly? DecidedOn, ReviewDecision? Decision);

public sealed record LawsuitCase(int CaseNumber, DateOnly FiledOn, int? AfterReconsideration, DateOnly? DecidedOn, ReviewDecision? Decision);

/// <summary>
/// The write model of one application (依申请公开申请): a slim immutable state folded from its events, holding only what
/// decisions need. Display data lives in read models. Marten folds it live (FetchForWriting) for every command.
/// </summary>
public sealed record DisclosureApplication
{
    public Guid Id { get; init; }
    /// <summary>The stream version; commands carry the version the user saw (optimistic concurrency).</summary>
    public int Version { get; set; }
    public string AgencyCode { get; init; } = "";
    public string RegistrationNumber { get; init; } = "";
    public int RegistrationSequence { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public Channel Channel { get; init; }
    public ApplicantType ApplicantType { get; init; }
    public Applicant Applicant { get; init; } = new("", null, null, null, null);
    public ImmutableArray<int> ItemNumbers { get; init; } = [];
    /// <summary>申请内容分类: the topics currently assigned.</summary>
    public ImmutableArray<string> Topics { get; init; } = [];
    public ApplicationStatus Status { get; init; }
    public DateOnly LatestBusinessDate { get; init; }

    /// <summary>The earliest business date of any step after receipt; a corrected receipt date may not pass it.</summary>
    public DateOnly? EarliestStepOn { get; init; }

    public int SupplementRequests { get; init; }
    public DateOnly? SupplementRequestedOn { get; init; }
    public DateOnly? SupplementDeadline { get; init; }
    public bool SupplementEverReceived { get; init; }
    /// <summary>The latest supplement's receipt date: the reply period restarted on it (A5).</summary>
    public DateOnly? LatestSupplementReceivedOn { get; init; }

    /// <summary>The date of the latest extension recorded, whether or not it still stands.</summary>
    public DateOnly? ExtendedOn { get; init; }

    /// <summary>An extension stands in the reply period in force (<see cref="ReplyPeriod.ExtensionStands"/>).</summary>
    public bool Extended => ReplyPeriod.ExtensionStands(ExtendedOn, ReplyPeriod.StartOf(ReceivedOn, LatestSupplementReceivedOn));
    public DateOnly? Article35DueOn { get; init; }

    /// <summary>Consultations awaiting a reply, by number, with the date each letter was sent.</summary>
    public ImmutableDictionary<int, DateOnly> OpenConsultations { get; init; } = ImmutableDictionary<int, DateOnly>.Empty;
    public int ConsultationsSent { get; init; }

    public DateOnly? FeeNoticedOn { get; init; }
    public bool FeeOutstanding { get; init; }

    public ClosureKind? Closure { get; init; }
    public DateOnly? ClosedOn { get; init; }
    public ResultRow? Row { get; init; }
    public bool AnswerServed { get; init; }
    public int NoticesIssued { get; init; }

    public ImmutableArray<ReviewCase> Reconsiderations { get; init; } = [];
    public ImmutableArray<LawsuitCase> Lawsuits { get; init; } = [];

    public bool IsOpen => Status != ApplicationStatus.Closed;

    public static DisclosureApplication Create(ApplicationReceived e) => new()
    {
        Id = e.ApplicationId,
        AgencyCode = e.AgencyCode,
        RegistrationNumber = e.RegistrationNumber,
        RegistrationSequence = e.RegistrationSequence,
        ReceivedOn = e.ReceivedOn,
        Channel = e.Channel,
        ApplicantType = e.ApplicantType,
        Applicant = e.Applicant,
        ItemNumbers = [.. e.Items.Select(i => i.Number)],
        Topics = [.. e.Topics ?? []],
        Status = ApplicationStatus.InProgress,
        LatestBusinessDate = e.ReceivedOn,
    };

    public DisclosureApplication Apply(SupplementRequested e) => Seen(e) with
    {
        Status = ApplicationStatus.AwaitingSupplement,
        SupplementRequests = SupplementRequests + 1,
        SupplementRequestedOn = e.RequestedOn,
        SupplementDeadline = e.Deadline,
    };

    public DisclosureApplication Apply(SupplementReceived e) => Seen(e) with
    {
        Status = ApplicationStatus.InProgress,
        SupplementDeadline = null,
        SupplementEverReceived = true,
        LatestSupplementReceivedOn = LatestSupplementReceivedOn is { } latest && latest > e.ReceivedOn ? latest : e.ReceivedOn,
    };

    public DisclosureApplication Apply(SupplementLapsed e) => Closed(e, ClosureKind.SupplementLapsed, OutcomeRules.RowOf(ClosureKind.SupplementLapsed));

    public DisclosureApplication Apply(ReplyExtended e) => Seen(e) with { ExtendedOn = ExtendedOn is { } latest && latest > e.ExtendedOn ? latest : e.ExtendedOn };

    public DisclosureApplication Apply(ConsultationSent e) => Seen(e) with
    {
        OpenConsultations = OpenConsultations.SetItem(e.ConsultationNumber, e.SentOn),
        ConsultationsSent = Math.Max(ConsultationsSent, e.ConsultationNumber),
    };

    public DisclosureApplication Apply(ConsultationReplied e) => Seen(e) with
    {
        OpenConsultations = OpenConsultations.Remove(e.ConsultationNumber),
    };

    public DisclosureApplication Apply(FeeNoticed e) => Seen(e) with { FeeNoticedOn = e.NoticedOn, FeeOutstanding = true };

    public DisclosureApplication Apply(FeePaid e) => Seen(e) with { FeeOutstanding = false };

    public DisclosureApplication Apply(FeeLapsed e) => Closed(e, ClosureKind.FeeLapsed, OutcomeRules.RowOf(ClosureKind.FeeLapsed)) with { FeeOutstanding = false };

    public DisclosureApplication Apply(DueDateSetUnderArticle35 e) => Seen(e) with { Article35DueOn = e.DueOn };

    public DisclosureApplication Apply(ApplicationAnswered e) => Closed(e, ClosureKind.Answered, e.Row) with { AnswerServed = e.ServedOn is not null };

    public DisclosureApplication Apply(AnswerServed e) => Seen(e) with { AnswerServed = true };

    public DisclosureApplication Apply(ApplicationWithdrawn e) => Closed(e, ClosureKind.Withdrawn, OutcomeRules.RowOf(ClosureKind.Withdrawn));

    public DisclosureApplication Apply(NoticeIssued e) => Seen(e) with { NoticesIssued = NoticesIssued + 1 };

    public DisclosureApplication Apply(NoteAdded e) => Seen(e);

    public DisclosureApplication Apply(TopicsAssigned e) => Seen(e) with { Topics = [.. e.Topics] };

    public DisclosureApplication Apply(ReconsiderationFiled e) => Seen(e) with
    {
        Reconsiderations = Reconsiderations.Add(new ReviewCase(e.CaseNumber, e.FiledOn, null, null)),
    };

    public DisclosureApplication Apply(ReconsiderationDecided e) => Seen(e) with
    {
        Reconsiderations = [.. Reconsiderations.Select(r => r.CaseNumber == e.CaseNumber ? r with { DecidedOn = e.DecidedOn, Decision = e.Decision } : r)],
    };

    public DisclosureApplication Apply(LawsuitFiled e) => Seen(e) with
    {
        Lawsuits = Lawsuits.Add(new LawsuitCase(e.CaseNumber, e.FiledOn, e.AfterReconsideration, null, null)),
    };

    public DisclosureApplication Apply(LawsuitDecided e) => Seen(e) with
    {
        Lawsuits = [.. Lawsuits.Select(l => l.CaseNumber == e.CaseNumber ? l with { DecidedOn = e.DecidedOn, Decision = e.Decision } : l)],
    };

    public DisclosureApplication Apply(FactCorrected e)
    {
        var next = Seen(e);
        return e.Fact switch
        {
            CorrectableFact.ReceivedOn => next with { ReceivedOn = e.NewDate() },
            CorrectableFact.Channel => next with { Channel = e.NewEnum<Channel>() },
            CorrectableFact.ApplicantType => next with { ApplicantType = e.NewEnum<ApplicantType>() },
            CorrectableFact.ApplicantName => next with { Applicant = Applicant with { Name = e.NewValue } },
            CorrectableFact.ApplicantIdNumber => next with { Applicant = Applicant with { IdNumber = e.NewValue } },
            CorrectableFact.ApplicantContact => next with { Applicant = Applicant with { Phone = e.NewValue } },
            CorrectableFact.ResultRow => next with { Row = e.NewEnum<ResultRow>() },
            _ => next,
        };
    }

    private DisclosureApplication Seen(IApplicationEvent e) => this with
    {
        LatestBusinessDate = e.BusinessDate > LatestBusinessDate ? e.BusinessDate : LatestBusinessDate,
        // Corrections and notes are about the record, not steps in law; they do not bound the receipt date.
        EarliestStepOn = e is FactCorrected or NoteAdded or TopicsAssigned || (EarliestStepOn is { } earliest && earliest <= e.BusinessDate)
            ? EarliestStepOn : e.BusinessDate,
    };

    private DisclosureApplication Closed(IApplicationEvent e, ClosureKind kind, ResultRow row) => Seen(e) with
    {
        Status = ApplicationStatus.Closed,
        Closure = kind,
        ClosedOn = e.BusinessDate,
        Row = row,
        SupplementDeadline = null,
        OpenConsultations = ImmutableDictionary<int, DateOnly>.Empty,
    };
}
