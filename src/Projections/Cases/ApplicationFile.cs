using JasperFx.Events;
using Marten.Events.Aggregation;
using Workflow.Applications;

namespace Projections.Cases;

public sealed record ConsultationFile(int Number, ConsultationParty Party, string Consultee, DateOnly SentOn, DateOnly? RepliedOn, bool? Consents, string? Summary);

public sealed record ReviewFile([property: System.Text.Json.Serialization.JsonConverter(typeof(ReviewKindJson))] ReviewKind Kind, int CaseNumber, DateOnly FiledOn, string Body, string? DocketNumber, int? AfterReconsideration,
    DateOnly? DecidedOn, ReviewDecision? Decision);

public sealed record CorrectionFile(DateOnly CorrectedOn, CorrectableFact Fact, string OldValue, string NewValue, string Reason, string Actor);

public sealed record NoticeFile(NoticeKind Kind, string DocumentNumber, DateOnly IssuedOn, ServiceMethod SentBy, string Actor);

/// <summary>
/// 案卷: everything the case page shows about one application, kept up to date inline with every append. The
/// statutory clock is deliberately not stored here: it is derived from the events and the calendar when read
/// (see <c>StatutoryClock</c>), so a calendar change re-derives every open deadline.
/// </summary>
public sealed class ApplicationFile
{
    public Guid Id { get; set; }
    public int StreamVersion { get; set; }
    public string AgencyCode { get; set; } = "";
    public string RegistrationNumber { get; set; } = "";
    public string? ExternalRequestId { get; set; }
    public DateOnly ReceivedOn { get; set; }

    /// <summary>The day the application physically arrived, where it differs from the receipt date (Art. 31).</summary>
    public DateOnly? ArrivedOn { get; set; }
    public Channel Channel { get; set; }
    public ApplicantType ApplicantType { get; set; }
    public Applicant Applicant { get; set; } = new("", null, null, null, null);
    public List<RequestedItem> Items { get; set; } = [];
    /// <summary>申请内容分类, as last assigned.</summary>
    public List<string> Topics { get; set; } = [];
    public RequestedForm RequestedForm { get; set; }
    public string RegisteredBy { get; set; } = "";
    public DateTimeOffset RegisteredAt { get; set; }

    public ApplicationStatus Status { get; set; }
    public string? Handler { get; set; }
    public DateOnly LastStepOn { get; set; }

    public int SupplementRequests { get; set; }
    public DateOnly? SupplementRequestedOn { get; set; }
    public DateOnly? SupplementDeadline { get; set; }
    public string? WhatToSupplement { get; set; }
    public DateOnly? SupplementReceivedOn { get; set; }

    public DateOnly? ExtendedOn { get; set; }
    public int? ExtensionDays { get; set; }
    public string? ExtensionApprovedBy { get; set; }
    public DateOnly? Article35DueOn { get; set; }
    public string? Article35Reason { get; set; }

    public List<ConsultationFile> Consultations { get; set; } = [];

    public DateOnly? FeeNoticedOn { get; set; }
    public FeeMethod? FeeMethod { get; set; }
    public decimal? FeeAmount { get; set; }
    public DateOnly? FeePaidOn { get; set; }
    public decimal? FeePaidAmount { get; set; }

    public ClosureKind? Closure { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public ResultRow? Row { get; set; }
    public List<ItemAnswer> Answers { get; set; } = [];
    public string? ReplyDocumentNumber { get; set; }
    public ServiceMethod? ServiceMethod { get; set; }
    public DateOnly? ServedOn { get; set; }
    public string? WithdrawalReason { get; set; }

    public List<NoticeFile> Notices { get; set; } = [];
    public List<ReviewFile> Reviews { get; set; } = [];
    public List<CorrectionFile> Corrections { get; set; } = [];
    public int Notes { get; set; }

    public bool IsOpen => Status != ApplicationStatus.Closed;

    /// <summary>答复待送达: answered, service not recorded yet; the tables count it when it is served (A11).</summary>
    public bool AwaitingService => Closure == ClosureKind.Answered && ServedOn is null;
}

/// <summary>The inline projection that keeps <see cref="ApplicationFile"/> in the same transaction as the events.</summary>
public partial class ApplicationFileProjection : SingleStreamProjection<ApplicationFile, Guid>
{
    public ApplicationFile Create(IEvent<ApplicationReceived> @event)
    {
        var e = @event.Data;
        return new ApplicationFile
        {
            Id = e.ApplicationId,
            StreamVersion = 1,
            AgencyCode = e.AgencyCode,
            RegistrationNumber = e.RegistrationNumber,
            ExternalRequestId = e.ExternalRequestId,
            ReceivedOn = e.ReceivedOn,
            ArrivedOn = e.ArrivedOn,
            Channel = e.Channel,
            ApplicantType = e.ApplicantType,
            Applicant = e.Applicant,
            Items = [.. e.Items],
            Topics = [.. e.Topics ?? []],
            RequestedForm = e.RequestedForm,
            RegisteredBy = e.Actor,
            RegisteredAt = @event.Timestamp,
            Status = ApplicationStatus.InProgress,
            Handler = e.Actor,
            LastStepOn = e.ReceivedOn,
        };
    }

    public void Apply(SupplementRequested e, ApplicationFile file)
    {
        Step(file, e);
        file.Status = ApplicationStatus.AwaitingSupplement;
        file.SupplementRequests++;
        file.SupplementRequestedOn = e.RequestedOn;
        file.SupplementDeadline = e.Deadline;
        file.WhatToSupplement = e.WhatToSupplement;
    }

    public void Apply(SupplementReceived e, ApplicationFile file)
    {
        Step(file, e);
        file.Status = ApplicationStatus.InProgress;
        file.SupplementReceivedOn = e.ReceivedOn;
        file.SupplementDeadline = null;
    }

    public void Apply(SupplementLapsed e, ApplicationFile file) => Close(file, e, ClosureKind.SupplementLapsed);

    public void Apply(ReplyExtended e, ApplicationFile file)
    {
        Step(file, e);
        file.ExtendedOn = e.ExtendedOn;
        file.ExtensionDays = e.WorkingDays;
        file.ExtensionApprovedBy = e.ApprovedBy;
    }

    public void Apply(DueDateSetUnderArticle35 e, ApplicationFile file)
    {
        Step(file, e);
        file.Article35DueOn = e.DueOn;
        file.Article35Reason = e.Reason;
    }

    public void Apply(ConsultationSent e, ApplicationFile file)
    {
        Step(file, e);
        file.Consultations.Add(new ConsultationFile(e.ConsultationNumber, e.Party, e.Consultee, e.SentOn, null, null, null));
    }

    public void Apply(ConsultationReplied e, ApplicationFile file)
    {
        Step(file, e);
        file.Consultations = [.. file.Consultations.Select(c => c.Number == e.ConsultationNumber
            ? c with { RepliedOn = e.RepliedOn, Consents = e.ConsentsToDisclosure, Summary = e.Summary } : c)];
    }

    public void Apply(FeeNoticed e, ApplicationFile file)
    {
        Step(file, e);
        file.FeeNoticedOn = e.NoticedOn;
        file.FeeMethod = e.Method;
        file.FeeAmount = e.Amount;
    }

    public void Apply(FeePaid e, ApplicationFile file)
    {
        Step(file, e);
        file.FeePaidOn = e.PaidOn;
        file.FeePaidAmount = e.Amount;
    }

    public void Apply(FeeLapsed e, ApplicationFile file) => Close(file, e, ClosureKind.FeeLapsed);

    public void Apply(ApplicationAnswered e, ApplicationFile file)
    {
        Close(file, e, ClosureKind.Answered, e.Row); // the answer's row was derived once and stored in the event
        file.Answers = [.. e.Items];
        file.ReplyDocumentNumber = e.ReplyDocumentNumber;
        file.ServiceMethod = e.ServiceMethod;
        file.ServedOn = e.ServedOn;
    }

    public void Apply(AnswerServed e, ApplicationFile file)
    {
        Step(file, e);
        file.ServiceMethod = e.Method;
        file.ServedOn = e.ServedOn;
    }

    public void Apply(ApplicationWithdrawn e, ApplicationFile file)
    {
        Close(file, e, ClosureKind.Withdrawn);
        file.WithdrawalReason = e.Reason;
    }

    public void Apply(NoticeIssued e, ApplicationFile file)
    {
        Step(file, e);
        file.Notices.Add(new NoticeFile(e.Kind, e.DocumentNumber, e.IssuedOn, e.SentBy, e.Actor));
    }

    public void Apply(ReconsiderationFiled e, ApplicationFile file)
    {
        Step(file, e);
        file.Reviews.Add(new ReviewFile(ReviewKind.Reconsideration, e.CaseNumber, e.FiledOn, e.ReviewBody, e.DocketNumber, null, null, null));
    }

    public void Apply(ReconsiderationDecided e, ApplicationFile file)
    {
        Step(file, e);
        file.Reviews = [.. file.Reviews.Select(r => r.Kind == ReviewKind.Reconsideration && r.CaseNumber == e.CaseNumber
            ? r with { DecidedOn = e.DecidedOn, Decision = e.Decision } : r)];
    }

    public void Apply(LawsuitFiled e, ApplicationFile file)
    {
        Step(file, e);
        file.Reviews.Add(new ReviewFile(ReviewKind.Lawsuit, e.CaseNumber, e.FiledOn, e.Court, e.DocketNumber, e.AfterReconsideration, null, null));
    }

    public void Apply(LawsuitDecided e, ApplicationFile file)
    {
        Step(file, e);
        file.Reviews = [.. file.Reviews.Select(r => r.Kind == ReviewKind.Lawsuit && r.CaseNumber == e.CaseNumber
            ? r with { DecidedOn = e.DecidedOn, Decision = e.Decision } : r)];
    }

    public void Apply(FactCorrected e, ApplicationFile file)
    {
        Step(file, e);
        file.Corrections.Add(new CorrectionFile(e.CorrectedOn, e.Fact, e.OldValue, e.NewValue, e.Reason, e.Actor));
        switch (e.Fact)
        {
            case CorrectableFact.ReceivedOn:
                file.ReceivedOn = e.NewDate();
                break;
            case CorrectableFact.Channel:
                file.Channel = e.NewEnum<Channel>();
                break;
            case CorrectableFact.ApplicantType:
                file.ApplicantType = e.NewEnum<ApplicantType>();
                break;
            case CorrectableFact.ApplicantName:
                file.Applicant = file.Applicant with { Name = e.NewValue };
                break;
            case CorrectableFact.ApplicantIdNumber:
                file.Applicant = file.Applicant with { IdNumber = e.NewValue };
                break;
            case CorrectableFact.ApplicantContact:
                file.Applicant = file.Applicant with { Phone = e.NewValue };
                break;
            case CorrectableFact.ResultRow:
                file.Row = e.NewEnum<ResultRow>();
                break;
        }
    }

    /// <summary>申请内容分类: a fact about the record; it does not change who handles the case.</summary>
    public void Apply(TopicsAssigned e, ApplicationFile file)
    {
        file.StreamVersion++;
        file.Topics = [.. e.Topics];
    }

    public void Apply(NoteAdded e, ApplicationFile file)
    {
        Step(file, e);
        file.Notes++;
    }

    private static void Step(ApplicationFile file, IApplicationEvent e)
    {
        file.StreamVersion++;
        if (e.BusinessDate > file.LastStepOn) file.LastStepOn = e.BusinessDate;
        file.Handler = e.Actor;
    }

    /// <summary>Closes the file; a closure without an answer counts in the row <see cref="OutcomeRules.RowOf(ClosureKind)"/> gives.</summary>
    private static void Close(ApplicationFile file, IApplicationEvent e, ClosureKind closure, ResultRow? answerRow = null)
    {
        var row = answerRow ?? OutcomeRules.RowOf(closure);
        Step(file, e);
        file.Status = ApplicationStatus.Closed;
        file.Closure = closure;
        file.ClosedOn = e.BusinessDate;
        file.Row = row;
        file.SupplementDeadline = null;
    }
}
