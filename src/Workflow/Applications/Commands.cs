namespace Workflow.Applications;

// The commands staff, the portal and the importer send. Every command that changes an existing application carries
// the stream version the user saw (optimistic concurrency: a stale one is refused and appends nothing) and the actor,
// which the server sets from the signed-in user, never from a request body.

public interface IApplicationCommand
{
    Guid ApplicationId { get; }
    /// <summary>The version of the application the user saw.</summary>
    int Version { get; }
    string Actor { get; }
}

/// <summary>
/// 登记: register a new application. <see cref="ExternalRequestId"/> makes registration idempotent (a portal's id).
/// <see cref="ReceivedOn"/> is 收到申请之日 as Art. 31 sets it per channel (<see cref="ReceiptDate"/>); the optional
/// <see cref="ArrivedOn"/> is the day the application physically arrived, kept beside it where the two differ.
/// </summary>
public sealed record RegisterApplication(
    string AgencyCode,
    DateOnly ReceivedOn,
    Channel Channel,
    ApplicantType ApplicantType,
    Applicant Applicant,
    IReadOnlyList<string> Items,
    RequestedForm RequestedForm,
    string? ExternalRequestId,
    string Actor,
    DateOnly? ArrivedOn = null,
    IReadOnlyList<string>? Topics = null); // 申请内容分类: optional, names from the agency's topic list

public sealed record RegistrationResult(Guid ApplicationId, string RegistrationNumber, bool AlreadyRegistered);

public sealed record RequestSupplement(Guid ApplicationId, int Version, DateOnly RequestedOn, DateOnly Deadline, string WhatToSupplement, string Actor) : IApplicationCommand;

public sealed record RecordSupplement(Guid ApplicationId, int Version, DateOnly ReceivedOn, string? Summary, string Actor) : IApplicationCommand;

public sealed record RecordSupplementLapsed(Guid ApplicationId, int Version, DateOnly LapsedOn, string Actor) : IApplicationCommand;

public sealed record ExtendReply(Guid ApplicationId, int Version, DateOnly ExtendedOn, int WorkingDays, string ApprovedBy, string Reason, string Actor) : IApplicationCommand;

public sealed record SendConsultation(Guid ApplicationId, int Version, ConsultationParty Party, string Consultee, DateOnly SentOn, string Actor) : IApplicationCommand;

public sealed record RecordConsultationReply(Guid ApplicationId, int Version, int ConsultationNumber, DateOnly RepliedOn, bool? ConsentsToDisclosure, string? Summary, string Actor) : IApplicationCommand;

/// <summary>
/// 收费通知. <see cref="Quantity"/> is the page count (per page) or, per application, the applicant's count of
/// applications to this agency in the calendar month of receipt including this one — left empty, the handler counts it
/// from the registrations. The system proposes the amount under the 2020 rules; staff may confirm a lower one.
/// </summary>
public sealed record NoticeFee(Guid ApplicationId, int Version, DateOnly NoticedOn, FeeMethod Method, int? Quantity, decimal? ConfirmedAmount, string Actor) : IApplicationCommand;

public sealed record RecordFeePaid(Guid ApplicationId, int Version, DateOnly PaidOn, decimal Amount, string Actor) : IApplicationCommand;

public sealed record RecordFeeLapsed(Guid ApplicationId, int Version, DateOnly LapsedOn, string Actor) : IApplicationCommand;

public sealed record SetArticle35DueDate(Guid ApplicationId, int Version, DateOnly SetOn, DateOnly DueOn, string Reason, string Actor) : IApplicationCommand;

/// <summary>答复: one result per requested item. <see cref="ChosenRow"/> is staff's pick between mixed non-disclosure rows (A9).</summary>
public sealed record AnswerApplication(
    Guid ApplicationId, int Version, DateOnly AnsweredOn, IReadOnlyList<ItemAnswer> Items, ResultRow? ChosenRow,
    string ReplyDocumentNumber, ServiceMethod? ServiceMethod, DateOnly? ServedOn, string Actor) : IApplicationCommand;

public sealed record RecordAnswerServed(Guid ApplicationId, int Version, ServiceMethod Method, DateOnly ServedOn, string Actor) : IApplicationCommand;

public sealed record WithdrawApplication(Guid ApplicationId, int Version, DateOnly WithdrawnOn, string Reason, string Actor) : IApplicationCommand;

public sealed record IssueNotice(Guid ApplicationId, int Version, NoticeKind Kind, DateOnly IssuedOn, ServiceMethod SentBy, string Actor) : IApplicationCommand;

public sealed record FileReconsideration(Guid ApplicationId, int Version, DateOnly FiledOn, string ReviewBody, string? DocketNumber, string Actor) : IApplicationCommand;

public sealed record DecideReconsideration(Guid ApplicationId, int Version, int CaseNumber, DateOnly DecidedOn, ReviewDecision Decision, string? Summary, string Actor) : IApplicationCommand;

public sealed record FileLawsuit(Guid ApplicationId, int Version, DateOnly FiledOn, string Court, string? DocketNumber, int? AfterReconsideration, string Actor) : IApplicationCommand;

public sealed record DecideLawsuit(Guid ApplicationId, int Version, int CaseNumber, DateOnly DecidedOn, ReviewDecision Decision, string? Summary, string Actor) : IApplicationCommand;

public sealed record CorrectFact(Guid ApplicationId, int Version, DateOnly CorrectedOn, CorrectableFact Fact, string NewValue, string Reason, string Actor) : IApplicationCommand;

public sealed record AddNote(Guid ApplicationId, int Version, DateOnly NotedOn, string Text, string Actor) : IApplicationCommand;


/// <summary>申请内容分类: set the application's topics (the full new set; empty clears them).</summary>
public sealed record AssignTopics(Guid ApplicationId, int Version, DateOnly AssignedOn, IReadOnlyList<string> Topics, string Actor) : IApplicationCommand;
