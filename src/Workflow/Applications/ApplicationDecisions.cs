using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Workflow.Calendar;
using Workflow.Clock;

namespace Workflow.Applications;

/// <summary>What a decision may know besides the state and the command: today's date in China and the calendar.</summary>
public sealed record DecisionContext(DateOnly Today, WorkdayCalendar Calendar);

/// <summary>
/// The pure decisions of the lifecycle: state + command + context → events, or a <see cref="CommandRefusedException"/>
/// carrying a <see cref="Refusal"/>. No I/O, no clock reads: tested without a database.
/// </summary>
public static class ApplicationDecisions
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxItems = 50;

    /// <summary>The day the 2019 regulation took effect; earlier receipts follow the old 15+15 regime (A4).</summary>
    public static readonly DateOnly Regulation2019InForce = new(2019, 5, 15);

    /// <summary>The earliest receipt date the system accepts (the 2008 regulation took effect on 2008-05-01).</summary>
    public static readonly DateOnly EarliestReceipt = new(2008, 5, 1);

    public static int MaxExtensionDays(DateOnly receivedOn) => receivedOn < Regulation2019InForce ? 15 : 20;

    // ---- 登记 ---------------------------------------------------------------------------------------------------

    /// <summary>Validates a registration and builds its first event; the number is allocated by the handler.</summary>
    /// <param name="activeTopics">The agency's active topics (申请内容分类); needed only when the command names topics.</param>
    public static ApplicationReceived Register(RegisterApplication command, Guid applicationId, string registrationNumber,
        int registrationSequence, DecisionContext context, IReadOnlySet<string>? activeTopics = null)
    {
        RequireText(command.AgencyCode, "机关代码", "agency code", 64);
        RequireActor(command.Actor);
        if (command.ReceivedOn < EarliestReceipt)
            Refuse(Refusals.Invalid("date.too-early",
                $"收到申请日期 {command.ReceivedOn:yyyy-MM-dd} 早于《条例》施行日期（2008-05-01）。",
                $"Receipt date {command.ReceivedOn:yyyy-MM-dd} is before 2008-05-01."));
        if (command.ReceivedOn > context.Today) Refuse(Refusals.DateInFuture(command.ReceivedOn, context.Today));
        RequireDefined(command.Channel, "申请方式", "channel");
        var arrivedOn = ReceiptDate.ArrivalToRecord(command, context.Today);
        RequireDefined(command.ApplicantType, "申请人类型", "applicant type");
        RequireDefined(command.RequestedForm, "获取信息的方式", "requested form");
        if (command.Applicant is null) Refuse(Refusals.Required("申请人", "applicant"));
        RequireText(command.Applicant!.Name, "申请人姓名或名称", "applicant name", MaxNameLength);
        OptionalText(command.Applicant.IdNumber, "身份证明号码", "ID number", 64);
        OptionalText(command.Applicant.Phone, "联系电话", "phone", 64);
        OptionalText(command.Applicant.Address, "通信地址", "address", MaxNameLength);
        OptionalText(command.Applicant.Email, "电子邮箱", "email", MaxNameLength);
        if (string.IsNullOrWhiteSpace(command.Applicant.Phone) && string.IsNullOrWhiteSpace(command.Applicant.Address)
            && string.IsNullOrWhiteSpace(command.Applicant.Email))
            Refuse(Refusals.Invalid("applicant.no-contact", "请至少填写一种联系方式（电话、通信地址或电子邮箱）（《条例》第二十九条）。",
                "At least one contact detail (phone, address or e-mail) is required (Art. 29)."));
        OptionalText(command.ExternalRequestId, "外部申请编号", "external request id", 128);
        if (command.Items is null || command.Items.Count == 0 || command.Items.All(string.IsNullOrWhiteSpace))
            Refuse(Refusals.Required("所需政府信息", "requested items"));
        if (command.Items!.Count > MaxItems)
            Refuse(Refusals.Invalid("items.too-many", $"一份申请最多登记 {MaxItems} 项所需信息。", $"At most {MaxItems} items per application."));
        var items = command.Items.Where(i => !string.IsNullOrWhiteSpace(i)).Select((text, index) =>
        {
            RequireText(text, "所需政府信息", "requested item", MaxTextLength);
            return new RequestedItem(index + 1, text.Trim());
        }).ToList();

        var topics = command.Topics is { Count: > 0 } ? ValidTopics(command.Topics, activeTopics) : null;

        return new ApplicationReceived(applicationId, command.AgencyCode.Trim(), registrationNumber, registrationSequence,
            string.IsNullOrWhiteSpace(command.ExternalRequestId) ? null : command.ExternalRequestId.Trim(),
            command.ReceivedOn, command.Channel, command.ApplicantType, Trimmed(command.Applicant), items,
            command.RequestedForm, command.Actor, arrivedOn, topics);
    }

    // ---- 申请内容分类 ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Sets the application's topics (the full new set). Allowed on closed applications too: the classification is
    /// about the record, like a note. Each topic must be active in the agency's list; an unchanged set is refused.
    /// </summary>
    public static TopicsAssigned Decide(DisclosureApplication state, AssignTopics command, IReadOnlySet<string> activeTopics, DecisionContext context)
    {
        RequireActor(command.Actor);
        RequireDate(state, command.AssignedOn, context);
        if (command.Topics is null) Refuse(Refusals.Required("申请内容分类", "topics"));
        var topics = command.Topics!.Count == 0 ? [] : ValidTopics(command.Topics, activeTopics);
        if (topics.SequenceEqual(state.Topics, StringComparer.Ordinal))
            Refuse(Refusals.Rule("topics.unchanged", "申请内容分类没有变化。", "The topics are unchanged."));
        return new TopicsAssigned(state.Id, command.AssignedOn, topics, command.Actor);
    }

    /// <summary>Trimmed, de-duplicated topics in the order given; each one active in the agency's list.</summary>
    private static IReadOnlyList<string> ValidTopics(IReadOnlyList<string> requested, IReadOnlySet<string>? activeTopics)
    {
        var topics = requested.Select(t => (t ?? "").Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (topics.Count > Topics.AgencyTopicList.MaxTopicsPerApplication)
            Refuse(Refusals.Invalid("topics.too-many", $"一份申请最多选择 {Topics.AgencyTopicList.MaxTopicsPerApplication} 个内容分类。",
                $"At most {Topics.AgencyTopicList.MaxTopicsPerApplication} topics per application."));
        var unknown = topics.Where(t => activeTopics is null || !activeTopics.Contains(t)).ToList();
        if (unknown.Count > 0)
            Refuse(Refusals.Invalid("topics.unknown", $"内容分类不在本机关的分类列表中（或已停用）：{string.Join("、", unknown)}",
                $"Topics not in the agency's active list: {string.Join(", ", unknown)}"));
        return topics;
    }

    // ---- 补正 ---------------------------------------------------------------------------------------------------

    public static SupplementRequested Decide(DisclosureApplication state, RequestSupplement command, DecisionContext context)
    {
        RequireOpen(state, command, command.RequestedOn, context);
        if (state.Status == ApplicationStatus.AwaitingSupplement)
            Refuse(Refusals.Rule("supplement.already-open", "已发出补正告知且尚未收到补正材料，补正应一次性告知（《条例》第三十条）。",
                "A supplement request is already open; Art. 30 requires one notice at a time."));
        if (state.SupplementRequests > 0 && !state.SupplementEverReceived)
            Refuse(Refusals.Rule("supplement.second-without-supplement", "再次补正仅限于收到补正材料后内容仍不明确的情形。",
                "A second supplement request is allowed only after a supplement was received."));
        if (command.Deadline <= command.RequestedOn)
            Refuse(Refusals.Invalid("supplement.deadline-not-after-request", "补正期限应晚于告知日期。",
                "The supplement deadline must be after the notice date."));
        RequireText(command.WhatToSupplement, "需要补正的事项", "what to supplement", MaxTextLength);
        return new SupplementRequested(state.Id, command.RequestedOn, command.Deadline, command.WhatToSupplement.Trim(), command.Actor);
    }

    public static SupplementReceived Decide(DisclosureApplication state, RecordSupplement command, DecisionContext context)
    {
        RequireOpen(state, command, command.ReceivedOn, context);
        RequireAwaitingSupplement(state);
        if (command.ReceivedOn < state.SupplementRequestedOn)
            Refuse(Refusals.DateBefore("补正告知日期", "the supplement notice", command.ReceivedOn, state.SupplementRequestedOn!.Value));
        OptionalText(command.Summary, "补正内容摘要", "summary", MaxTextLength);
        return new SupplementReceived(state.Id, command.ReceivedOn, command.Summary?.Trim(), command.Actor);
    }

    public static SupplementLapsed Decide(DisclosureApplication state, RecordSupplementLapsed command, DecisionContext context)
    {
        RequireOpen(state, command, command.LapsedOn, context);
        RequireAwaitingSupplement(state);
        if (command.LapsedOn <= state.SupplementDeadline)
            Refuse(Refusals.Rule("supplement.deadline-not-passed",
                $"补正期限（{state.SupplementDeadline:yyyy-MM-dd}）尚未届满，不能按逾期不补正办结。",
                $"The supplement deadline ({state.SupplementDeadline:yyyy-MM-dd}) has not passed."));
        return new SupplementLapsed(state.Id, command.LapsedOn, command.Actor);
    }

    // ---- 延期 ---------------------------------------------------------------------------------------------------

    public static ReplyExtended Decide(DisclosureApplication state, ExtendReply command, DecisionContext context)
    {
        RequireOpen(state, command, command.ExtendedOn, context);
        if (state.Extended)
            Refuse(Refusals.Rule("extension.second", "答复期限只能延长一次（《条例》第三十三条）。",
                "The reply period may be extended only once (Art. 33)."));
        if (state.Status == ApplicationStatus.AwaitingSupplement)
            Refuse(Refusals.Rule("extension.awaiting-supplement", "等待补正期间答复期限尚未起算，无需延期。",
                "The reply period does not run while a supplement is awaited."));
        var max = MaxExtensionDays(state.ReceivedOn);
        if (command.WorkingDays < 1 || command.WorkingDays > max)
            Refuse(Refusals.Rule("extension.too-long", $"延长期限应为 1 至 {max} 个工作日（《条例》第三十三条）。",
                $"An extension must be between 1 and {max} working days (Art. 33)."));
        RequireText(command.ApprovedBy, "批准人（政府信息公开工作机构负责人）", "approved by", MaxNameLength);
        RequireText(command.Reason, "延期理由", "reason", MaxTextLength);
        return new ReplyExtended(state.Id, command.ExtendedOn, command.WorkingDays, command.ApprovedBy.Trim(), command.Reason.Trim(), command.Actor);
    }

    /// <param name="computedDueOn">The due date the statutory clock computes as of <c>command.SetOn</c> (null while a
    /// 补正 is awaited): Art. 35 allows a reasonable LATER date (A8), never an earlier one.</param>
    public static DueDateSetUnderArticle35 Decide(DisclosureApplication state, SetArticle35DueDate command, DecisionContext context,
        DateOnly? computedDueOn)
    {
        RequireOpen(state, command, command.SetOn, context);
        if (command.DueOn <= command.SetOn)
            Refuse(Refusals.Invalid("article35.due-not-after-set", "第三十五条确定的答复期限应晚于告知日期。",
                "The Art. 35 due date must be after the date it is set."));
        if (computedDueOn is { } computed && command.DueOn <= computed)
            Refuse(Refusals.Rule("article35.not-later-than-computed",
                $"第三十五条只允许确定更长的合理答复期限：{command.DueOn:yyyy-MM-dd} 不晚于依法计算的答复期限届满日 {computed:yyyy-MM-dd}，不能据此提前或维持原期限。",
                $"Art. 35 only allows a later due date: {command.DueOn:yyyy-MM-dd} is not after the computed due date {computed:yyyy-MM-dd}."));
        RequireText(command.Reason, "理由", "reason", MaxTextLength);
        return new DueDateSetUnderArticle35(state.Id, command.SetOn, command.DueOn, command.Reason.Trim(), command.Actor);
    }

    // ---- 征求意见 -------------------------------------------------------------------------------------------------

    public static ConsultationSent Decide(DisclosureApplication state, SendConsultation command, DecisionContext context)
    {
        RequireOpen(state, command, command.SentOn, context);
        RequireDefined(command.Party, "征求对象类型", "party");
        RequireText(command.Consultee, "征求意见对象", "consultee", MaxNameLength);
        return new ConsultationSent(state.Id, state.ConsultationsSent + 1, command.Party, command.Consultee.Trim(), command.SentOn, command.Actor);
    }

    public static ConsultationReplied Decide(DisclosureApplication state, RecordConsultationReply command, DecisionContext context)
    {
        RequireOpen(state, command, command.RepliedOn, context);
        if (!state.OpenConsultations.TryGetValue(command.ConsultationNumber, out var sentOn))
            Refuse(Refusals.Rule("consultation.not-open", $"没有待回复的第 {command.ConsultationNumber} 号征求意见。",
                $"Consultation {command.ConsultationNumber} is not awaiting a reply."));
        if (command.RepliedOn < sentOn)
            Refuse(Refusals.DateBefore("征求意见发出日期", "the consultation letter", command.RepliedOn, sentOn));
        OptionalText(command.Summary, "意见摘要", "summary", MaxTextLength);
        return new ConsultationReplied(state.Id, command.ConsultationNumber, command.RepliedOn, command.ConsentsToDisclosure,
            command.Summary?.Trim(), command.Actor);
    }

    // ---- 收费 ---------------------------------------------------------------------------------------------------

    public static FeeNoticed Decide(DisclosureApplication state, NoticeFee command, DecisionContext context)
    {
        RequireOpen(state, command, command.NoticedOn, context);
        RequireDefined(command.Method, "计收方式", "fee method");
        if (state.FeeNoticedOn is not null)
            Refuse(Refusals.Rule("fee.already-noticed", "本申请已发出收费通知，同一申请只能按一种方式计收一次。",
                "A fee was already noticed for this application."));
        var quantity = command.Quantity ?? throw new CommandRefusedException(Refusals.Required("计费数量（页数或当月申请件数）", "fee quantity"));
        if (quantity < 1 || quantity > 100_000)
            Refuse(Refusals.Invalid("fee.quantity", "计费数量应为 1 至 100000 之间的整数。", "The fee quantity must be between 1 and 100000."));
        var proposed = FeeSchedule.Propose(command.Method, quantity);
        var amount = command.ConfirmedAmount ?? proposed;
        if (amount <= 0)
            Refuse(Refusals.Rule("fee.free", "按《政府信息公开信息处理费管理办法》计算本申请不收费，无需发出收费通知。",
                "Under the 2020 fee rules this application is free of charge; no fee notice is needed."));
        if (amount > proposed)
            Refuse(Refusals.Rule("fee.above-schedule", $"确认金额 {amount} 元高于按规定计算的 {proposed} 元。",
                $"The confirmed amount {amount} exceeds the scheduled {proposed} yuan."));
        return new FeeNoticed(state.Id, command.NoticedOn, command.Method, quantity, proposed, amount, command.Actor);
    }

    public static FeePaid Decide(DisclosureApplication state, RecordFeePaid command, DecisionContext context)
    {
        RequireOpen(state, command, command.PaidOn, context);
        if (!state.FeeOutstanding) Refuse(Refusals.Rule("fee.none-outstanding", "没有待缴的费用。", "No fee is outstanding."));
        if (command.PaidOn < state.FeeNoticedOn)
            Refuse(Refusals.DateBefore("收费通知日期", "the fee notice", command.PaidOn, state.FeeNoticedOn!.Value));
        if (command.Amount <= 0) Refuse(Refusals.Invalid("fee.amount", "缴费金额应大于零。", "The amount paid must be positive."));
        return new FeePaid(state.Id, command.PaidOn, command.Amount, command.Actor);
    }

    public static FeeLapsed Decide(DisclosureApplication state, RecordFeeLapsed command, DecisionContext context)
    {
        RequireOpen(state, command, command.LapsedOn, context);
        if (!state.FeeOutstanding) Refuse(Refusals.Rule("fee.none-outstanding", "没有待缴的费用。", "No fee is outstanding."));
        var paymentDue = context.Calendar.AddWorkingDays(state.FeeNoticedOn!.Value, 20);
        if (command.LapsedOn <= paymentDue)
            Refuse(Refusals.Rule("fee.deadline-not-passed", $"缴费期限（{paymentDue:yyyy-MM-dd}，通知次日起20个工作日）尚未届满。",
                $"The payment period (until {paymentDue:yyyy-MM-dd}, 20 working days) has not ended."));
        return new FeeLapsed(state.Id, command.LapsedOn, command.Actor);
    }

    // ---- 答复 ---------------------------------------------------------------------------------------------------

    public static ApplicationAnswered Decide(DisclosureApplication state, AnswerApplication command, DecisionContext context)
    {
        RequireOpen(state, command, command.AnsweredOn, context);
        if (state.Status == ApplicationStatus.AwaitingSupplement)
            Refuse(Refusals.Rule("answer.awaiting-supplement", "正在等待申请人补正，请先登记补正材料或逾期不补正。",
                "A supplement is awaited; record it or its lapse first."));
        if (state.FeeOutstanding)
            Refuse(Refusals.Rule("answer.fee-outstanding", "收费通知尚未缴费，请先登记缴费或逾期未缴费。",
                "A fee is outstanding; record payment or its lapse first."));
        RequireText(command.ReplyDocumentNumber, "答复书文号", "reply document number", 128);
        if (command.Items is null || command.Items.Count == 0) Refuse(Refusals.Required("各项办理结果", "item results"));
        // JSON null elements pass the nullable annotations of the list itself; refuse them before reading any item.
        if (command.Items!.Any(item => item is null))
            Refuse(Refusals.Invalid("answer.item-missing", "办理结果中有空项，请为每项所需信息填写办理结果。", "An item result is null."));
        foreach (var item in command.Items!)
        {
            RequireDefined(item.Result, "办理结果", "item result");
            OptionalText(item.Reason, "理由", "reason", MaxTextLength);
        }
        var answered = command.Items.Select(i => i.ItemNumber).OrderBy(n => n).ToList();
        if (!answered.SequenceEqual(state.ItemNumbers.OrderBy(n => n)))
            Refuse(Refusals.Invalid("answer.items-mismatch",
                $"每项所需信息都应有且只有一个办理结果（本申请共 {state.ItemNumbers.Length} 项）。",
                $"Every requested item needs exactly one result ({state.ItemNumbers.Length} items)."));
        if (command.Items.Any(i => i.Result == ItemResult.StillUnclearAfterSupplement) && !state.SupplementEverReceived)
            Refuse(Refusals.Rule("answer.unclear-without-supplement", "“补正后申请内容仍不明确”仅适用于已收到补正材料的申请。",
                "'Still unclear after supplement' requires a received supplement."));
        if (command.Items.Any(i => i.Result != ItemResult.Disclosed && i.Result != ItemResult.AlreadyProactivelyDisclosed
                                   && string.IsNullOrWhiteSpace(i.Reason)))
            Refuse(Refusals.Invalid("answer.reason-required", "不予公开、部分公开、无法提供或不予处理的，应当说明理由（《条例》第三十六条）。",
                "A reason is required for every item that is not fully disclosed (Art. 36)."));
        var results = command.Items.Select(i => i.Result).ToList();
        if (command.ChosenRow is { } chosen && !OutcomeRules.ChoosableRows(results).Contains(chosen))
            Refuse(Refusals.Invalid("answer.row-not-choosable", "所选统计类别不在本次答复涉及的类别之中。",
                "The chosen table row is not one of the rows this answer involves."));
        if (command.ServiceMethod is { } method) RequireDefined(method, "送达方式", "service method");
        if (command.ServiceMethod is not null && command.ServedOn is null)
            Refuse(Refusals.Invalid("answer.service-date-missing", "填写送达方式时应同时填写送达日期；尚未送达的请在送达后登记。",
                "A service method needs a served date; record service once it happened."));
        if (command.ServedOn is { } served)
        {
            if (command.ServiceMethod is null) Refuse(Refusals.Required("送达方式", "service method"));
            if (served < command.AnsweredOn) Refuse(Refusals.DateBefore("答复日期", "the answer date", served, command.AnsweredOn));
            if (served > context.Today) Refuse(Refusals.DateInFuture(served, context.Today));
        }
        var row = OutcomeRules.DeriveRow(results, command.ChosenRow);
        return new ApplicationAnswered(state.Id, command.AnsweredOn,
            [.. command.Items.OrderBy(i => i.ItemNumber).Select(i => i with { Reason = i.Reason?.Trim() })],
            row, command.ChosenRow is not null && OutcomeRules.ChoosableRows(results).Count > 0,
            command.ReplyDocumentNumber.Trim(), command.ServiceMethod, command.ServedOn, command.Actor);
    }

    public static AnswerServed Decide(DisclosureApplication state, RecordAnswerServed command, DecisionContext context)
    {
        RequireActor(command.Actor);
        RequireDate(state, command.ServedOn, context);
        RequireDefined(command.Method, "送达方式", "service method");
        if (state.Closure != ClosureKind.Answered)
            Refuse(Refusals.Rule("served.not-answered", "申请尚未答复，不能登记送达。", "The application has not been answered."));
        if (state.AnswerServed)
            Refuse(Refusals.Rule("served.already", "答复书的送达已登记；如有错误请更正。", "Service of the answer is already recorded."));
        if (command.ServedOn < state.ClosedOn)
            Refuse(Refusals.DateBefore("答复日期", "the answer date", command.ServedOn, state.ClosedOn!.Value));
        return new AnswerServed(state.Id, command.Method, command.ServedOn, command.Actor);
    }

    public static ApplicationWithdrawn Decide(DisclosureApplication state, WithdrawApplication command, DecisionContext context)
    {
        RequireOpen(state, command, command.WithdrawnOn, context);
        RequireText(command.Reason, "撤回说明", "reason", MaxTextLength);
        return new ApplicationWithdrawn(state.Id, command.WithdrawnOn, command.Reason.Trim(), command.Actor);
    }

    // ---- 文书 ---------------------------------------------------------------------------------------------------

    public static NoticeIssued Decide(DisclosureApplication state, IssueNotice command, DecisionContext context)
    {
        RequireActor(command.Actor);
        RequireDate(state, command.IssuedOn, context);
        RequireDefined(command.Kind, "文书类型", "notice kind");
        RequireDefined(command.SentBy, "送达方式", "sent by");
        var allowed = command.Kind switch
        {
            NoticeKind.ReceiptAcknowledgement => true,
            NoticeKind.SupplementNotice => state.SupplementRequests > 0,
            NoticeKind.ExtensionNotice => state.ExtendedOn is not null,
            NoticeKind.ThirdPartyConsultation => state.ConsultationsSent > 0,
            NoticeKind.FeeNotice => state.FeeNoticedOn is not null,
            NoticeKind.AnswerLetter => state.Closure == ClosureKind.Answered,
            _ => false,
        };
        if (!allowed)
            Refuse(Refusals.Rule("notice.not-applicable", "案卷中没有与该文书对应的办理步骤。",
                $"No step of the application corresponds to a {command.Kind} notice."));
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

    // ---- 复议与诉讼 ---------------------------------------------------------------------------------------------

    public static ReconsiderationFiled Decide(DisclosureApplication state, FileReconsideration command, DecisionContext context)
    {
        RequireActor(command.Actor);
        RequireDate(state, command.FiledOn, context);
        RequireText(command.ReviewBody, "复议机关", "review body", MaxNameLength);
        OptionalText(command.DocketNumber, "案号", "docket number", 128);
        return new ReconsiderationFiled(state.Id, state.Reconsiderations.Length + 1, command.FiledOn, command.ReviewBody.Trim(),
            command.DocketNumber?.Trim(), command.Actor);
    }

    public static ReconsiderationDecided Decide(DisclosureApplication state, DecideReconsideration command, DecisionContext context)
    {
        RequireActor(command.Actor);
        RequireDate(state, command.DecidedOn, context);
        RequireDefined(command.Decision, "复议结果", "decision");
        var review = state.Reconsiderations.FirstOrDefault(r => r.CaseNumber == command.CaseNumber);
        RequireUndecidedCase("reconsideration", "行政复议", "复议申请日期", command.CaseNumber, review?.FiledOn, review?.DecidedOn, command.DecidedOn);
        if (command.Decision == ReviewDecision.SuitDismissed)
            Refuse(Refusals.Invalid("reconsideration.decision-kind", "“驳回起诉”是诉讼裁定，不适用于行政复议。",
                "'Suit dismissed' is a court ruling, not a reconsideration decision."));
        OptionalText(command.Summary, "结果摘要", "summary", MaxTextLength);
        return new ReconsiderationDecided(state.Id, command.CaseNumber, command.DecidedOn, command.Decision, command.Summary?.Trim(), command.Actor);
    }

    public static LawsuitFiled Decide(DisclosureApplication state, FileLawsuit command, DecisionContext context)
    {
        RequireActor(command.Actor);
        RequireDate(state, command.FiledOn, context);
        RequireText(command.Court, "受理法院", "court", MaxNameLength);
        OptionalText(command.DocketNumber, "案号", "docket number", 128);
        if (command.AfterReconsideration is { } caseNumber)
        {
            var review = state.Reconsiderations.FirstOrDefault(r => r.CaseNumber == caseNumber);
            if (review?.DecidedOn is null)
                Refuse(Refusals.Rule("lawsuit.reconsideration-not-decided", "“复议后起诉”须以已审结的行政复议为前提。",
                    "A lawsuit after reconsideration needs a decided reconsideration."));
            if (command.FiledOn < review!.DecidedOn!.Value)
                Refuse(Refusals.DateBefore("复议决定日期", "the reconsideration decision", command.FiledOn, review.DecidedOn.Value));
        }
        return new LawsuitFiled(state.Id, state.Lawsuits.Length + 1, command.FiledOn, command.Court.Trim(), command.DocketNumber?.Trim(),
            command.AfterReconsideration, command.Actor);
    }

    public static LawsuitDecided Decide(DisclosureApplication state, DecideLawsuit command, DecisionContext context)
    {
        RequireActor(command.Actor);
        RequireDate(state, command.DecidedOn, context);
        RequireDefined(command.Decision, "诉讼结果", "decision");
        var suit = state.Lawsuits.FirstOrDefault(l => l.CaseNumber == command.CaseNumber);
        RequireUndecidedCase("lawsuit", "行政诉讼", "起诉日期", command.CaseNumber, suit?.FiledOn, suit?.DecidedOn, command.DecidedOn);
        OptionalText(command.Summary, "结果摘要", "summary", MaxTextLength);
        return new LawsuitDecided(state.Id, command.CaseNumber, command.DecidedOn, command.Decision, command.Summary?.Trim(), command.Actor);
    }

    // ---- 更正与备注 ---------------------------------------------------------------------------------------------

    public static FactCorrected Decide(DisclosureApplication state, CorrectFact command, DecisionContext context)
    {
        RequireActor(command.Actor);
        RequireDefined(command.Fact, "更正事项", "fact");
        if (command.CorrectedOn > context.Today) Refuse(Refusals.DateInFuture(command.CorrectedOn, context.Today));
        RequireText(command.Reason, "更正理由", "reason", MaxTextLength);
        RequireText(command.NewValue, "更正后的值", "new value", MaxNameLength);
        var newValue = command.NewValue.Trim();
        string oldValue;
        switch (command.Fact)
        {
            case CorrectableFact.ReceivedOn:
                if (!DateOnly.TryParseExact(newValue, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    Refuse(Refusals.Invalid("correction.date-format", "日期格式应为 yyyy-MM-dd。", "Dates must be yyyy-MM-dd."));
                if (date > context.Today) Refuse(Refusals.DateInFuture(date, context.Today));
                if (date < EarliestReceipt)
                    Refuse(Refusals.Invalid("date.too-early", "收到申请日期早于2008-05-01。", "Receipt date before 2008-05-01."));
                if (state.EarliestStepOn is { } earliestStep && date > earliestStep)
                    Refuse(Refusals.Rule("correction.receipt-after-steps",
                        $"更正后的收到日期 {date:yyyy-MM-dd} 晚于已登记的办理步骤（{earliestStep:yyyy-MM-dd}）。",
                        $"The corrected receipt date {date:yyyy-MM-dd} is after a recorded step ({earliestStep:yyyy-MM-dd})."));
                oldValue = state.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                newValue = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                break;
            case CorrectableFact.Channel:
                newValue = ParseEnum<Channel>(newValue, "申请方式", "channel").ToString();
                oldValue = state.Channel.ToString();
                break;
            case CorrectableFact.ApplicantType:
                newValue = ParseEnum<ApplicantType>(newValue, "申请人类型", "applicant type").ToString();
                oldValue = state.ApplicantType.ToString();
                break;
            case CorrectableFact.ApplicantName:
                oldValue = state.Applicant.Name;
                break;
            case CorrectableFact.ApplicantIdNumber:
                oldValue = state.Applicant.IdNumber ?? "";
                break;
            case CorrectableFact.ApplicantContact:
                oldValue = state.Applicant.Phone ?? "";
                break;
            case CorrectableFact.ResultRow:
                if (state.Closure is null)
                    Refuse(Refusals.Rule("correction.row-open", "申请尚未办结，没有可更正的办理结果。", "The application is not closed; there is no result to correct."));
                newValue = ParseEnum<ResultRow>(newValue, "办理结果", "result row").ToString();
                oldValue = state.Row!.Value.ToString();
                break;
            default:
                throw new CommandRefusedException(Refusals.Invalid("correction.fact", "不支持更正该事项。", "That fact cannot be corrected."));
        }
        if (oldValue == newValue)
            Refuse(Refusals.Invalid("correction.unchanged", "更正后的值与原值相同。", "The new value equals the old one."));
        return new FactCorrected(state.Id, command.CorrectedOn, command.Fact, oldValue, newValue, command.Reason.Trim(), command.Actor);
    }

    public static NoteAdded Decide(DisclosureApplication state, AddNote command, DecisionContext context)
    {
        RequireActor(command.Actor);
        RequireDate(state, command.NotedOn, context);
        RequireText(command.Text, "备注", "note", MaxTextLength);
        return new NoteAdded(state.Id, command.NotedOn, command.Text.Trim(), command.Actor);
    }

    // ---- shared guards ------------------------------------------------------------------------------------------

    /// <summary>A reconsideration or lawsuit can be decided once, if it exists, and not before it was filed.</summary>
    private static void RequireUndecidedCase(string kind, string kindChinese, string filedChinese, int caseNumber,
        DateOnly? filedOn, DateOnly? alreadyDecidedOn, DateOnly decidedOn)
    {
        var filed = filedOn ?? throw new CommandRefusedException(
            Refusals.Rule($"{kind}.unknown", $"没有第 {caseNumber} 号{kindChinese}。", $"No {kind} {caseNumber}."));
        if (alreadyDecidedOn is not null)
            Refuse(Refusals.Rule($"{kind}.already-decided", $"该{kindChinese}已审结；如有错误请更正。", $"That {kind} is already decided."));
        if (decidedOn < filed)
            Refuse(Refusals.DateBefore(filedChinese, "the filing date", decidedOn, filed));
    }

    private static void RequireOpen(DisclosureApplication state, IApplicationCommand command, DateOnly businessDate, DecisionContext context)
    {
        RequireActor(command.Actor);
        if (!state.IsOpen) Refuse(Refusals.Closed(state.RegistrationNumber));
        RequireDate(state, businessDate, context);
    }

    private static void RequireDate(DisclosureApplication state, DateOnly businessDate, DecisionContext context)
    {
        if (businessDate < state.ReceivedOn) Refuse(Refusals.DateBeforeReceipt(businessDate, state.ReceivedOn));
        if (businessDate > context.Today) Refuse(Refusals.DateInFuture(businessDate, context.Today));
    }

    private static void RequireAwaitingSupplement(DisclosureApplication state)
    {
        if (state.Status != ApplicationStatus.AwaitingSupplement)
            Refuse(Refusals.Rule("supplement.none-open", "本申请没有待补正的告知。", "No supplement request is open."));
    }

    private static void RequireActor(string actor)
    {
        if (string.IsNullOrWhiteSpace(actor)) Refuse(Refusals.Required("经办人", "actor"));
    }

    private static void RequireText(string? value, string chinese, string english, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) Refuse(Refusals.Required(chinese, english));
        if (value!.Length > max) Refuse(Refusals.TooLong(chinese, english, max));
    }

    private static void OptionalText(string? value, string chinese, string english, int max)
    {
        if (value is not null && value.Length > max) Refuse(Refusals.TooLong(chinese, english, max));
    }

    private static void RequireDefined<TEnum>(TEnum value, string chinese, string english) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
            Refuse(Refusals.Invalid("field.unknown-value", $"“{chinese}”的取值无效。", $"Unknown value for '{english}'."));
    }

    private static TEnum ParseEnum<TEnum>(string value, string chinese, string english) where TEnum : struct, Enum
    {
        // Exact member names only: Enum.TryParse also accepts numbers and comma-separated lists ("Letter, Fax" → 1|2).
        if (!Enum.GetNames<TEnum>().Contains(value, StringComparer.Ordinal))
            Refuse(Refusals.Invalid("field.unknown-value", $"“{chinese}”的取值无效：{value}", $"Unknown value for '{english}': {value}"));
        return Enum.Parse<TEnum>(value);
    }

    private static Applicant Trimmed(Applicant a) => new(a.Name.Trim(), Blank(a.IdNumber), Blank(a.Phone), Blank(a.Address), Blank(a.Email));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    [DoesNotReturn]
    private static void Refuse(Refusal refusal) => throw new CommandRefusedException(refusal);
}
