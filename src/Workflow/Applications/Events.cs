namespace Workflow.Applications;

// Every event of an application's stream. Immutable, past tense, and each carries:
//  - the business date on which the thing happened in law (domain A1), a DateOnly in China Standard Time;
//  - the actor: the signed-in member of staff who recorded it (never a value taken from a request body).
// The time an event was recorded is Marten's event timestamp; it is shown beside the business date.

/// <summary>Implemented by every event of an application stream.</summary>
public interface IApplicationEvent
{
    Guid ApplicationId { get; }
    /// <summary>The date the step happened in law (domain A1).</summary>
    DateOnly BusinessDate { get; }
    /// <summary>Who recorded it.</summary>
    string Actor { get; }
}

public sealed record Applicant(
    string Name,           // 姓名或名称
    string? IdNumber,      // 身份证明号码（或统一社会信用代码）
    string? Phone,         // 联系电话
    string? Address,       // 通信地址
    string? Email);

public sealed record RequestedItem(int Number, string Description); // 所需信息的名称、文号或描述

/// <summary>收到申请 (Art. 29, 31): the start of every stream.</summary>
public sealed record ApplicationReceived(
    Guid ApplicationId,
    string AgencyCode,
    string RegistrationNumber,
    int RegistrationSequence,
    string? ExternalRequestId,
    DateOnly ReceivedOn,
    Channel Channel,
    ApplicantType ApplicantType,
    Applicant Applicant,
    IReadOnlyList<RequestedItem> Items,
    RequestedForm RequestedForm,
    string Actor,
    DateOnly? ArrivedOn = null, // the day it physically arrived, where it differs (Art. 31, ReceiptDate)
    IReadOnlyList<string>? Topics = null) : IApplicationEvent // 申请内容分类 chosen at registration (none in older events)
{
    public DateOnly BusinessDate => ReceivedOn;
}

/// <summary>补正告知 (Art. 30): the applicant is told once what to supplement and by when.</summary>
public sealed record SupplementRequested(
    Guid ApplicationId, DateOnly RequestedOn, DateOnly Deadline, string WhatToSupplement, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => RequestedOn;
}

/// <summary>补正材料已收到: the clock restarts in full from this date (A5).</summary>
public sealed record SupplementReceived(Guid ApplicationId, DateOnly ReceivedOn, string? Summary, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => ReceivedOn;
}

/// <summary>逾期不补正: the applicant missed the deadline; the application is closed (（六）1).</summary>
public sealed record SupplementLapsed(Guid ApplicationId, DateOnly LapsedOn, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => LapsedOn;
}

/// <summary>延期答复 (Art. 33 ¶2): approved by the head of the disclosure office, the applicant notified.</summary>
public sealed record ReplyExtended(
    Guid ApplicationId, DateOnly ExtendedOn, int WorkingDays, string ApprovedBy, string Reason, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => ExtendedOn;
}

/// <summary>征求意见 (Art. 32, 34): a letter to a third party or another agency; the clock stops (A6).</summary>
public sealed record ConsultationSent(
    Guid ApplicationId, int ConsultationNumber, ConsultationParty Party, string Consultee, DateOnly SentOn, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => SentOn;
}

/// <summary>The consulted party replied; the clock runs again from the next day (A6).</summary>
public sealed record ConsultationReplied(
    Guid ApplicationId, int ConsultationNumber, DateOnly RepliedOn, bool? ConsentsToDisclosure, string? Summary, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => RepliedOn;
}

/// <summary>收费通知 (FEE2020): the clock stops until payment (A7). The proposed amount is what the rules computed.</summary>
public sealed record FeeNoticed(
    Guid ApplicationId, DateOnly NoticedOn, FeeMethod Method, int Quantity, decimal ProposedAmount, decimal Amount, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => NoticedOn;
}

public sealed record FeePaid(Guid ApplicationId, DateOnly PaidOn, decimal Amount, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => PaidOn;
}

/// <summary>逾期未缴费: unpaid 20 working days after the notice; the application is closed (（六）2).</summary>
public sealed record FeeLapsed(Guid ApplicationId, DateOnly LapsedOn, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => LapsedOn;
}

/// <summary>Art. 35: a reasoned later due date that replaces the computed one (A8).</summary>
public sealed record DueDateSetUnderArticle35(
    Guid ApplicationId, DateOnly SetOn, DateOnly DueOn, string Reason, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => SetOn;
}

public sealed record ItemAnswer(int ItemNumber, ItemResult Result, string? Reason);

/// <summary>
/// 答复 (Art. 36): one result per requested item; the table row is derived once (A9) and stored here, so a recount
/// never moves a closed application. <see cref="RowChosenByStaff"/> records a staff choice between mixed rows.
/// </summary>
public sealed record ApplicationAnswered(
    Guid ApplicationId,
    DateOnly AnsweredOn,
    IReadOnlyList<ItemAnswer> Items,
    ResultRow Row,
    bool RowChosenByStaff,
    string ReplyDocumentNumber,
    ServiceMethod? ServiceMethod,
    DateOnly? ServedOn,
    string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => AnsweredOn;
}

/// <summary>送达: the answer's service recorded after the answer itself (I235: signature day, or the day posted).</summary>
public sealed record AnswerServed(Guid ApplicationId, ServiceMethod Method, DateOnly ServedOn, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => ServedOn;
}

/// <summary>申请人撤回 (A10: counts as （六）3 其他).</summary>
public sealed record ApplicationWithdrawn(Guid ApplicationId, DateOnly WithdrawnOn, string Reason, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => WithdrawnOn;
}

/// <summary>A printable notice was issued to the applicant or a consulted party and sent.</summary>
public sealed record NoticeIssued(
    Guid ApplicationId, NoticeKind Kind, string DocumentNumber, DateOnly IssuedOn, ServiceMethod SentBy, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => IssuedOn;
}

/// <summary>行政复议 filed against the handling of this application.</summary>
public sealed record ReconsiderationFiled(
    Guid ApplicationId, int CaseNumber, DateOnly FiledOn, string ReviewBody, string? DocketNumber, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => FiledOn;
}

public sealed record ReconsiderationDecided(
    Guid ApplicationId, int CaseNumber, DateOnly DecidedOn, ReviewDecision Decision, string? Summary, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => DecidedOn;
}

/// <summary>行政诉讼 filed; <see cref="AfterReconsideration"/> names the decided reconsideration it follows (复议后起诉).</summary>
public sealed record LawsuitFiled(
    Guid ApplicationId, int CaseNumber, DateOnly FiledOn, string Court, string? DocketNumber, int? AfterReconsideration, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => FiledOn;
}

public sealed record LawsuitDecided(
    Guid ApplicationId, int CaseNumber, DateOnly DecidedOn, ReviewDecision Decision, string? Summary, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => DecidedOn;
}

/// <summary>
/// A correction of a recorded fact (A15): nothing is edited, the old and new values and the reason are kept.
/// Values are in invariant form: ISO dates, enum names, plain text.
/// </summary>
public sealed record FactCorrected(
    Guid ApplicationId, DateOnly CorrectedOn, CorrectableFact Fact, string OldValue, string NewValue, string Reason, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => CorrectedOn;
}

/// <summary>
/// 申请内容分类: the application's topics set (the whole new set, replacing any earlier one, empty to clear). A fact
/// about the record, like a note: it may be recorded on a closed application.
/// </summary>
public sealed record TopicsAssigned(Guid ApplicationId, DateOnly AssignedOn, IReadOnlyList<string> Topics, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => AssignedOn;
}

public sealed record NoteAdded(Guid ApplicationId, DateOnly NotedOn, string Text, string Actor) : IApplicationEvent
{
    public DateOnly BusinessDate => NotedOn;
}

/// <summary>The facts a correction may change. Outcomes are corrected through <see cref="CorrectableFact.ResultRow"/>.</summary>
public enum CorrectableFact
{
    ReceivedOn,     // 收到申请日期
    Channel,        // 申请方式
    ApplicantType,  // 申请人类型
    ApplicantName,  // 申请人姓名或名称
    ApplicantIdNumber, // 身份证明号码
    ApplicantContact,  // 联系方式
    ResultRow,      // 办理结果（统计行）
}

/// <summary>The printable documents of the office (宿迁 document set and answer templates).</summary>
public enum NoticeKind
{
    ReceiptAcknowledgement, // 政府信息公开申请接收回执
    SupplementNotice,       // 补正告知书
    ExtensionNotice,        // 延期答复告知书
    ThirdPartyConsultation, // 征求意见书
    FeeNotice,              // 收费通知书
    AnswerLetter,           // 政府信息公开申请答复书
}
