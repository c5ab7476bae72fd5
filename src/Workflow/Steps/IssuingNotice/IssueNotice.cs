using Wolverine.Marten;
using Wolverine.Persistence;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>文书: a numbered notice (receipt, supplement, extension, consultation, fee, answer letter) sent to the applicant.</summary>
public sealed record IssueNotice(Guid ApplicationId, int Version, NoticeKind Kind, DateOnly IssuedOn, ServiceMethod SentBy, string Actor) : IApplicationCommand;

public sealed class IssuingNoticeRules : LifecycleStep<IssueNotice>
{
    public override string Name => "notice";

    public override int Order => 210;

    public override StepAuthority Authority => StepAuthority.CaseWork;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanIssueNotice(state, context);

    /// <summary>A receipt acknowledgement can always be issued; which other kinds apply is <see cref="Applies"/>.</summary>
    public static Refusal? CanIssueNotice(DisclosureApplication state, DecisionContext context) => null;

    /// <summary>Whether a step of the case corresponds to a notice of this kind (the notice pages offer only these).</summary>
    public static bool Applies(DisclosureApplication state, NoticeKind kind) => kind switch
    {
        NoticeKind.ReceiptAcknowledgement => true,
        NoticeKind.SupplementNotice => state.SupplementRequests > 0,
        NoticeKind.ExtensionNotice => state.ExtendedOn is not null,
        NoticeKind.ThirdPartyConsultation => state.ConsultationsSent > 0,
        NoticeKind.FeeNotice => state.FeeNoticedOn is not null,
        NoticeKind.AnswerLetter => state.Closure == ClosureKind.Answered,
        _ => false,
    };

    public static NoticeIssued Decide(DisclosureApplication state, IssueNotice command, DecisionContext context)
    {
        Require(CanIssueNotice(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.IssuedOn, "issuedOn", context);
        RequireDefined(command.Kind, "文书类型", "notice kind", "kind");
        RequireDefined(command.SentBy, "送达方式", "sent by", "sentBy");
        if (!Applies(state, command.Kind))
            Refuse(Refusals.Rule("notice.not-applicable", "案卷中没有与该文书对应的办理步骤。",
                $"No step of the application corresponds to a {command.Kind} notice.", "kind"));
        var number = $"{state.RegistrationNumber}-{NoticeCodes[command.Kind]}{state.NoticesIssued + 1}";
        return new NoticeIssued(state.Id, command.Kind, number, command.IssuedOn, command.SentBy, command.Actor);
    }

    private static readonly IReadOnlyDictionary<NoticeKind, string> NoticeCodes = new Dictionary<NoticeKind, string>
    {
        [NoticeKind.ReceiptAcknowledgement] = "回执",
        [NoticeKind.SupplementNotice] = "补正",
        [NoticeKind.ExtensionNotice] = "延期",
        [NoticeKind.ThirdPartyConsultation] = "征求",
        [NoticeKind.FeeNotice] = "收费",
        [NoticeKind.AnswerLetter] = "答复",
    };
}

public static class IssueNoticeHandler
{
    public static (UpdatedAggregate, NoticeIssued) Handle(IssueNotice command,
        [WriteAggregate(nameof(IssueNotice.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context) =>
        (new(), IssuingNoticeRules.Decide(application, command, context.For(application)));
}
