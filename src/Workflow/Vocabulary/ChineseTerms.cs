using System.Globalization;
using Workflow.Applications;
using Workflow.Clock;

namespace Workflow.Vocabulary;

/// <summary>
/// The one place for the Chinese words staff and applicants read: the official term of every vocabulary value, the
/// label of every field of a command, the name of every step (event) and the sentence that describes it, and the titles
/// of the printed notices (the <see cref="NoticeKind"/> terms). Pages, notices, the case file export, the history, the
/// API and the table renderers all ask here, so a term is spelled the same everywhere (ADR 0027). A test checks that every
/// value of every vocabulary enum has a term and that no two values of one enum share one.
/// </summary>
public static class ChineseTerms
{
    /// <summary>The label of each input, keyed by the command property path in camelCase JSON naming (the refusal's Field).</summary>
    public static class Field
    {
        public const string AgencyCode = "受理机关";
        public const string ReceivedOn = "收到申请日期";
        public const string ArrivedOn = "申请到达日期";
        public const string Channel = "申请方式";
        public const string ApplicantType = "申请人类型";
        public const string Applicant = "申请人";
        public const string ApplicantName = "申请人姓名或名称";
        public const string ApplicantIdNumber = "身份证明号码";
        public const string ApplicantPhone = "联系电话";
        public const string ApplicantAddress = "通信地址";
        public const string ApplicantEmail = "电子邮箱";
        public const string ExternalRequestId = "外部申请编号";
        public const string Items = "所需政府信息";
        public const string RequestedForm = "获取信息的方式";
        public const string Topics = "申请内容分类";
        public const string ResultRow = "办理结果（统计行）";

        // The inputs of the case page's step forms (a step's own word where two steps name the same property differently).
        public const string SupplementRequestedOn = "告知日期";
        public const string SupplementDeadline = "补正期限";
        public const string WhatToSupplement = "需要补正的事项";
        public const string SupplementReceivedOn = "收到补正日期";
        public const string SupplementSummary = "补正内容摘要";
        public const string ClosedOn = "办结日期";
        public const string ExtendedOn = "延期决定日期";
        public const string ExtensionWorkingDays = "延长工作日数";
        public const string ApprovedBy = "批准人";
        public const string ExtensionReason = "延期理由";
        public const string Article35SetOn = "告知日期";
        public const string Article35DueOn = "确定的答复期限";
        public const string Reason = "理由";
        public const string ConsultationParty = "征求对象";
        public const string Consultee = "被征求意见方名称";
        public const string ConsultationSentOn = "发出日期";
        public const string Consultation = "征求意见";
        public const string ConsultationRepliedOn = "收到回复日期";
        public const string ConsentsToDisclosure = "是否同意公开";
        public const string ReplySummary = "回复摘要";
        public const string FeeNoticedOn = "通知日期";
        public const string FeeMethod = "计收方式";
        public const string FeeQuantity = "计费数量";
        public const string ConfirmedAmount = "确认金额（元）";
        public const string FeePaidOn = "缴费日期";
        public const string FeePaidAmount = "缴费金额（元）";
        public const string AnsweredOn = "答复日期";
        public const string ReplyDocumentNumber = "答复书文号";
        public const string ServiceMethod = "送达方式";
        public const string ServedOn = "送达日期";
        public const string ItemResult = "办理结果";
        public const string ItemReason = "理由及依据";
        public const string ChosenRow = "统计类别（仅在各项分属不同不予公开类别时选择）";
        public const string WithdrawnOn = "撤回日期";
        public const string WithdrawalReason = "撤回说明";
        public const string ReconsideredOn = "申请复议日期";
        public const string ReviewBody = "复议机关";
        public const string DocketNumber = "案号";
        public const string ReconsiderationDecidedOn = "决定日期";
        public const string ReconsiderationDecision = "复议结果";
        public const string ReviewSummary = "摘要";
        public const string SuedOn = "起诉日期";
        public const string Court = "受理法院";
        public const string AfterReconsideration = "复议后起诉";
        public const string LawsuitDecidedOn = "裁判日期";
        public const string LawsuitDecision = "裁判结果";
        public const string CorrectedOn = "更正日期";
        public const string CorrectedFact = "更正事项";
        public const string CorrectionReason = "更正理由";
        public const string StepDate = "日期";
        public const string NoteText = "备注";

        /// <summary>Path (as in <c>Refusal.Field</c>) → label.</summary>
        public static IReadOnlyDictionary<string, string> ByPath { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["agencyCode"] = AgencyCode,
            ["receivedOn"] = ReceivedOn,
            ["arrivedOn"] = ArrivedOn,
            ["channel"] = Channel,
            ["applicantType"] = ApplicantType,
            ["applicant"] = Applicant,
            ["applicant.name"] = ApplicantName,
            ["applicant.idNumber"] = ApplicantIdNumber,
            ["applicant.phone"] = ApplicantPhone,
            ["applicant.address"] = ApplicantAddress,
            ["applicant.email"] = ApplicantEmail,
            ["externalRequestId"] = ExternalRequestId,
            ["items"] = Items,
            ["requestedForm"] = RequestedForm,
            ["topics"] = Topics,
        };

        /// <summary>The label of the input at <paramref name="path"/>, or null when the path names no known input.</summary>
        public static string? Of(string? path) => path is not null && ByPath.TryGetValue(path, out var label) ? label : null;
    }

    private static readonly IReadOnlyDictionary<Enum, string> Terms = new Dictionary<Enum, string>
    {
        [Channel.InPerson] = "当面",
        [Channel.Letter] = "信函",
        [Channel.Fax] = "传真",
        [Channel.Online] = "网络",
        [Channel.Email] = "电子邮件",
        [Channel.Other] = "其他",

        [ApplicantType.NaturalPerson] = "自然人",
        [ApplicantType.CommercialEnterprise] = "商业企业",
        [ApplicantType.ResearchInstitution] = "科研机构",
        [ApplicantType.SocialWelfareOrganization] = "社会公益组织",
        [ApplicantType.LegalServiceInstitution] = "法律服务机构",
        [ApplicantType.OtherOrganization] = "其他组织",

        [RequestedForm.Paper] = "纸质",
        [RequestedForm.Electronic] = "电子数据",
        [RequestedForm.Email] = "电子邮件",
        [RequestedForm.Inspection] = "当场查阅",
        [RequestedForm.Other] = "其他",

        [ItemResult.AlreadyProactivelyDisclosed] = "已主动公开，告知获取途径",
        [ItemResult.Disclosed] = "予以公开",
        [ItemResult.PartlyDisclosedSeparated] = "区分处理后部分公开",
        [ItemResult.WithheldStateSecret] = "属于国家秘密",
        [ItemResult.WithheldProhibitedByLaw] = "其他法律行政法规禁止公开",
        [ItemResult.WithheldThreeSecurities] = "危及“三安全一稳定”",
        [ItemResult.WithheldThirdPartyRights] = "保护第三方合法权益",
        [ItemResult.WithheldInternalAffairs] = "属于三类内部事务信息",
        [ItemResult.WithheldProcessInformation] = "属于四类过程性信息",
        [ItemResult.WithheldEnforcementFile] = "属于行政执法案卷",
        [ItemResult.WithheldSpecialAccessRecord] = "属于行政查询事项",
        [ItemResult.NotHeldDoesNotExist] = "本机关不掌握——信息不存在",
        [ItemResult.NotHeldOtherAgency] = "本机关不掌握——非本机关负责公开",
        [ItemResult.NeedsCreation] = "没有现成信息需要另行制作",
        [ItemResult.StillUnclearAfterSupplement] = "补正后申请内容仍不明确",
        [ItemResult.NotProcessedPetition] = "信访举报投诉类申请",
        [ItemResult.NotProcessedRepeat] = "重复申请",
        [ItemResult.NotProcessedPublication] = "要求提供公开出版物",
        [ItemResult.NotProcessedMassRepeated] = "无正当理由大量反复申请",
        [ItemResult.NotProcessedConfirmOrReissue] = "要求行政机关确认或重新出具已获取信息",
        [ItemResult.OtherHandling] = "其他处理",

        [ResultRow.Disclosed] = "（一）予以公开",
        [ResultRow.PartlyDisclosed] = "（二）部分公开",
        [ResultRow.WithheldStateSecret] = "（三）1.属于国家秘密",
        [ResultRow.WithheldProhibitedByLaw] = "（三）2.其他法律行政法规禁止公开",
        [ResultRow.WithheldThreeSecurities] = "（三）3.危及“三安全一稳定”",
        [ResultRow.WithheldThirdPartyRights] = "（三）4.保护第三方合法权益",
        [ResultRow.WithheldInternalAffairs] = "（三）5.属于三类内部事务信息",
        [ResultRow.WithheldProcessInformation] = "（三）6.属于四类过程性信息",
        [ResultRow.WithheldEnforcementFile] = "（三）7.属于行政执法案卷",
        [ResultRow.WithheldAdministrativeQuery] = "（三）8.属于行政查询事项",
        [ResultRow.UnavailableNotHeld] = "（四）1.本机关不掌握相关政府信息",
        [ResultRow.UnavailableNeedsCreation] = "（四）2.没有现成信息需要另行制作",
        [ResultRow.UnavailableStillUnclear] = "（四）3.补正后申请内容仍不明确",
        [ResultRow.NotProcessedPetition] = "（五）1.信访举报投诉类申请",
        [ResultRow.NotProcessedRepeat] = "（五）2.重复申请",
        [ResultRow.NotProcessedPublication] = "（五）3.要求提供公开出版物",
        [ResultRow.NotProcessedMassRepeated] = "（五）4.无正当理由大量反复申请",
        [ResultRow.NotProcessedConfirmOrReissue] = "（五）5.要求行政机关确认或重新出具已获取信息",
        [ResultRow.OtherSupplementLapsed] = "（六）1.逾期不补正",
        [ResultRow.OtherFeeUnpaid] = "（六）2.逾期未缴费",
        [ResultRow.OtherOther] = "（六）3.其他",

        [ClosureKind.Answered] = "已答复",
        [ClosureKind.SupplementLapsed] = "逾期不补正",
        [ClosureKind.FeeLapsed] = "逾期未缴费",
        [ClosureKind.Withdrawn] = "申请人撤回",

        [ServiceMethod.InPerson] = "当面送达（签收）",
        [ServiceMethod.Post] = "邮寄",
        [ServiceMethod.Email] = "电子邮件",
        [ServiceMethod.Online] = "网上送达",
        [ServiceMethod.Other] = "其他",

        [FeeMethod.PerApplication] = "按件计收",
        [FeeMethod.PerPage] = "按量计收",

        [ReviewDecision.Upheld] = "维持",
        [ReviewDecision.Rejected] = "驳回",
        [ReviewDecision.Varied] = "变更",
        [ReviewDecision.Revoked] = "撤销",
        [ReviewDecision.ConfirmedUnlawful] = "确认违法",
        [ReviewDecision.ConfirmedVoid] = "确认无效",
        [ReviewDecision.OrderedToPerform] = "责令履行／判决履行",
        [ReviewDecision.Terminated] = "终止",
        [ReviewDecision.Mediated] = "调解",
        [ReviewDecision.Settled] = "和解",
        [ReviewDecision.Withdrawn] = "撤回申请／撤诉",
        [ReviewDecision.NotAccepted] = "不予受理",
        [ReviewDecision.SuitDismissed] = "驳回起诉",

        [ReviewResultColumn.Upheld] = "结果维持",
        [ReviewResultColumn.Corrected] = "结果纠正",
        [ReviewResultColumn.Other] = "其他结果",
        [ReviewResultColumn.Pending] = "尚未审结",

        [StepAuthority.Registration] = "登记",
        [StepAuthority.CaseWork] = "承办",
        [StepAuthority.OfficeDecision] = "审核决定",
        [StepAuthority.Classification] = "申请内容分类",

        [ReviewKind.Reconsideration] = "行政复议",
        [ReviewKind.Lawsuit] = "行政诉讼",

        [ReviewBlock.Reconsideration] = "行政复议",
        [ReviewBlock.LitigationWithoutReconsideration] = "行政诉讼（未经复议直接起诉）",
        [ReviewBlock.LitigationAfterReconsideration] = "行政诉讼（复议后起诉）",

        [LegacyAnswerCategory.AlreadyProactivelyDisclosed] = "属于已主动公开范围数",
        [LegacyAnswerCategory.Agreed] = "同意公开答复数",
        [LegacyAnswerCategory.PartlyAgreed] = "同意部分公开答复数",
        [LegacyAnswerCategory.RefusedStateSecret] = "不同意公开 · 涉及国家秘密",
        [LegacyAnswerCategory.RefusedCommercialSecret] = "不同意公开 · 涉及商业秘密",
        [LegacyAnswerCategory.RefusedPrivacy] = "不同意公开 · 涉及个人隐私",
        [LegacyAnswerCategory.RefusedSecurity] = "不同意公开 · 危及国家安全、公共安全、经济安全和社会稳定",
        [LegacyAnswerCategory.RefusedNotGovernmentInformation] = "不同意公开 · 不是条例所指政府信息",
        [LegacyAnswerCategory.RefusedOtherLegalGround] = "不同意公开 · 法律法规规定的其他情形",
        [LegacyAnswerCategory.NotThisAgency] = "不属于本行政机关公开数",
        [LegacyAnswerCategory.DoesNotExist] = "申请信息不存在数",
        [LegacyAnswerCategory.ToldToAmend] = "告知作出更改补充数",
        [LegacyAnswerCategory.ToldOtherRoute] = "告知通过其他途径办理数",

        [ConsultationParty.ThirdParty] = "第三方",
        [ConsultationParty.OtherAgency] = "其他机关",

        [ApplicationStatus.InProgress] = "办理中",
        [ApplicationStatus.AwaitingSupplement] = "待补正",
        [ApplicationStatus.Closed] = "已办结",

        // A correction changes one recorded field: its term is that field's label.
        [CorrectableFact.ReceivedOn] = Field.ReceivedOn,
        [CorrectableFact.Channel] = Field.Channel,
        [CorrectableFact.ApplicantType] = Field.ApplicantType,
        [CorrectableFact.ApplicantName] = Field.ApplicantName,
        [CorrectableFact.ApplicantIdNumber] = Field.ApplicantIdNumber,
        [CorrectableFact.ApplicantContact] = Field.ApplicantPhone,
        [CorrectableFact.ResultRow] = Field.ResultRow,

        // The notice titles, as printed at the head of each document.
        [NoticeKind.ReceiptAcknowledgement] = "政府信息公开申请接收回执",
        [NoticeKind.SupplementNotice] = "补正告知书",
        [NoticeKind.ExtensionNotice] = "延期答复告知书",
        [NoticeKind.ThirdPartyConsultation] = "征求意见书",
        [NoticeKind.FeeNotice] = "收费通知书",
        [NoticeKind.AnswerLetter] = "政府信息公开申请答复书",

        [ClockStatus.Running] = "计时中",
        [ClockStatus.Paused] = "暂停计时",
        [ClockStatus.AwaitingSupplement] = "等待补正",
        [ClockStatus.Closed] = "已办结",

        [ClockRegime.Regulation2008] = "旧条例（国务院令第492号）",
        [ClockRegime.Regulation2019] = "新条例（国务院令第711号）",

        [PauseReason.Consultation] = "征求意见",
        [PauseReason.Fee] = "待缴费",

        [DueDateBasis.Computed] = "依法计算",
        [DueDateBasis.Article35] = "依第三十五条确定的合理期限",
    };

    /// <summary>The vocabulary enums: every value of each has its term here (checked by a test).</summary>
    public static IReadOnlyList<Type> VocabularyEnums { get; } = [.. Terms.Keys.Select(k => k.GetType()).Distinct()];

    /// <summary>The official Chinese term of a vocabulary value; a value outside the vocabulary shows its English name.</summary>
    public static string Of(Enum value) => Terms.TryGetValue(value, out var term) ? term : value.ToString();

    /// <summary>Whether <paramref name="value"/> has a term (for the completeness test).</summary>
    /// <summary>A consultee's answer to whether the information may be disclosed; null: not stated.</summary>
    public static string OfConsent(bool? consents) => consents switch { true => "同意公开", false => "不同意公开", null => "未明确表示" };

    public static bool Has(Enum value) => Terms.ContainsKey(value);

    /// <summary>The applicant type as table 三's column groups say it: the 法人或其他组织 kinds are prefixed.</summary>
    public static string ApplicantTypeLong(ApplicantType type) =>
        type == ApplicantType.NaturalPerson ? Of(type) : $"法人或其他组织·{Of(type)}";

    /// <summary>The official groups of item results, in the order of table 三 (A9, A10).</summary>
    public static IReadOnlyList<(string Group, IReadOnlyList<ItemResult> Results)> ItemResultGroups { get; } =
    [
        ("予以公开", [ItemResult.Disclosed, ItemResult.AlreadyProactivelyDisclosed]),
        ("部分公开", [ItemResult.PartlyDisclosedSeparated]),
        ("不予公开", [ItemResult.WithheldStateSecret, ItemResult.WithheldProhibitedByLaw, ItemResult.WithheldThreeSecurities,
            ItemResult.WithheldThirdPartyRights, ItemResult.WithheldInternalAffairs, ItemResult.WithheldProcessInformation,
            ItemResult.WithheldEnforcementFile, ItemResult.WithheldSpecialAccessRecord]),
        ("无法提供", [ItemResult.NotHeldDoesNotExist, ItemResult.NotHeldOtherAgency, ItemResult.NeedsCreation,
            ItemResult.StillUnclearAfterSupplement]),
        ("不予处理", [ItemResult.NotProcessedPetition, ItemResult.NotProcessedRepeat, ItemResult.NotProcessedPublication,
            ItemResult.NotProcessedMassRepeated, ItemResult.NotProcessedConfirmOrReissue]),
        ("其他", [ItemResult.OtherHandling]),
    ];

    /// <summary>The group an item result belongs to (予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他).</summary>
    public static string GroupOf(ItemResult result) => ItemResultGroups.First(g => g.Results.Contains(result)).Group;

    /// <summary>An item result with its group where the term alone does not say it: 不予公开（属于国家秘密）.</summary>
    public static string InFull(ItemResult result) => GroupOf(result) switch
    {
        "予以公开" or "部分公开" or "其他" => Of(result),
        var group => $"{group}（{Of(result)}）",
    };

    /// <summary>A corrected value as staff read it: the term where the value is an enum name; dates and text as they are.</summary>
    public static string OfCorrectedValue(CorrectableFact fact, string value) => fact switch
    {
        CorrectableFact.Channel when Enum.TryParse<Channel>(value, out var c) && Enum.IsDefined(c) => Of(c),
        CorrectableFact.ApplicantType when Enum.TryParse<ApplicantType>(value, out var t) && Enum.IsDefined(t) => Of(t),
        CorrectableFact.ResultRow when Enum.TryParse<ResultRow>(value, out var r) && Enum.IsDefined(r) => Of(r),
        _ => value,
    };

    // ---- steps (events) --------------------------------------------------------------------------------------------

    private static readonly IReadOnlyDictionary<Type, string> Steps = new Dictionary<Type, string>
    {
        [typeof(ApplicationReceived)] = "收到申请",
        [typeof(SupplementRequested)] = "补正告知",
        [typeof(SupplementReceived)] = "收到补正材料",
        [typeof(SupplementLapsed)] = "逾期不补正",
        [typeof(ReplyExtended)] = "延期答复",
        [typeof(ConsultationSent)] = "征求意见",
        [typeof(ConsultationReplied)] = "收到征求意见答复",
        [typeof(FeeNoticed)] = "收费通知",
        [typeof(FeePaid)] = "缴纳费用",
        [typeof(FeeLapsed)] = "逾期未缴费",
        [typeof(DueDateSetUnderArticle35)] = "依第三十五条确定答复期限",
        [typeof(ApplicationAnswered)] = "作出答复",
        [typeof(AnswerServed)] = "答复送达",
        [typeof(ApplicationWithdrawn)] = "申请人撤回申请",
        [typeof(NoticeIssued)] = "出具文书",
        [typeof(ReconsiderationFiled)] = "提起行政复议",
        [typeof(ReconsiderationDecided)] = "行政复议决定",
        [typeof(LawsuitFiled)] = "提起行政诉讼",
        [typeof(LawsuitDecided)] = "行政诉讼裁判",
        [typeof(FactCorrected)] = "更正记录",
        [typeof(NoteAdded)] = "备注",
        [typeof(TopicsAssigned)] = "申请内容分类",
    };

    /// <summary>
    /// What each lifecycle step does, as its form and its confirmation name it (补正告知, 延期答复, 答复 …), by the step's
    /// name (<c>LifecycleStep.Name</c>, the name of routes, forms and import lines).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> Actions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["register"] = "登记",
        ["supplement-request"] = "补正告知",
        ["supplement"] = "收到补正材料",
        ["supplement-lapse"] = "逾期不补正（办结）",
        ["extension"] = "延期答复",
        ["article35-due-date"] = "确定合理答复期限（第三十五条）",
        ["consultation"] = "征求意见",
        ["consultation-reply"] = "收到征求意见回复",
        ["fee-notice"] = "收费通知",
        ["fee-payment"] = "登记缴费",
        ["fee-lapse"] = "逾期未缴费（办结）",
        ["answer"] = "答复",
        ["answer-service"] = "登记答复送达",
        ["withdrawal"] = "申请人撤回（办结）",
        ["reconsideration"] = "登记行政复议",
        ["reconsideration-decision"] = "登记复议结果",
        ["lawsuit"] = "登记行政诉讼",
        ["lawsuit-decision"] = "登记诉讼结果",
        ["correction"] = "更正登记事项",
        ["topics"] = "申请内容分类",
        ["note"] = "添加备注",
        ["notice"] = "出具文书",
    };

    /// <summary>The steps that have an action term (for the completeness test).</summary>
    public static IReadOnlyCollection<string> StepNamesWithActions => [.. Actions.Keys];

    /// <summary>The action term of the step named <paramref name="stepName"/>; the name itself when it has none.</summary>
    public static string ActionOf(string stepName) => Actions.TryGetValue(stepName, out var action) ? action : stepName;

    /// <summary>The event types that have a step name (for the completeness test).</summary>
    public static IReadOnlyCollection<Type> EventTypes => [.. Steps.Keys];

    /// <summary>The name of the step an event records, in Chinese (收到申请, 补正告知, …).</summary>
    public static string StepOf(IApplicationEvent e) => StepOf(e.GetType());

    public static string StepOf(Type eventType) => Steps.TryGetValue(eventType, out var step) ? step : eventType.Name;

    /// <summary>
    /// What happened, as one Chinese sentence: the history, the printed case file, the legal review API and the case
    /// page's timeline all show this one description.
    /// </summary>
    public static string Describe(IApplicationEvent e) => e switch
    {
        ApplicationReceived x => $"收到{x.Applicant.Name}（{Of(x.ApplicantType)}）的政府信息公开申请（{Field.Channel}：{Of(x.Channel)}），登记号{x.RegistrationNumber}，共{x.Items.Count}项所需信息：{string.Join("；", x.Items.Select(i => $"{i.Number}. {i.Description}"))}。",
        SupplementRequested x => $"告知申请人补正：{Sentence(x.WhatToSupplement)}；补正期限{Iso(x.Deadline)}。",
        SupplementReceived x => $"收到申请人补正材料{(x.Summary is { Length: > 0 } s ? $"（{s}）" : "")}，答复期限自次日起重新计算。",
        SupplementLapsed x => $"申请人无正当理由逾期未补正，视为放弃申请，{Iso(x.LapsedOn)}终止办理。",
        ReplyExtended x => $"经{x.ApprovedBy}同意延期答复{x.WorkingDays}个工作日，理由：{Sentence(x.Reason)}。",
        ConsultationSent x => $"向{Of(x.Party)}“{x.Consultee}”书面征求意见（第{x.ConsultationNumber}号），征求意见期间不计入答复期限。",
        ConsultationReplied x => $"收到第{x.ConsultationNumber}号征求意见的答复{(x.ConsentsToDisclosure is { } consents ? $"（{OfConsent(consents)}）" : "")}{(x.Summary is { Length: > 0 } s ? $"：{Sentence(s)}" : "")}。",
        FeeNoticed x => $"发出收费通知，金额{Money(x.Amount)}元（系统计算{Money(x.ProposedAmount)}元，{Of(x.Method)}，数量{x.Quantity}）。",
        FeePaid x => $"申请人缴纳信息处理费{Money(x.Amount)}元。",
        FeeLapsed x => $"申请人逾期未缴纳费用，{Iso(x.LapsedOn)}终止办理。",
        DueDateSetUnderArticle35 x => $"依《条例》第三十五条确定答复期限为{Iso(x.DueOn)}，理由：{Sentence(x.Reason)}。",
        ApplicationAnswered x => $"作出答复（{x.ReplyDocumentNumber}），办理结果：{Of(x.Row)}{(x.RowChosenByStaff ? "（工作人员选定）" : "")}；"
            + string.Join("；", x.Items.Select(i => $"第{i.ItemNumber}项：{InFull(i.Result)}{(i.Reason is { Length: > 0 } r ? $"（{Sentence(r)}）" : "")}"))
            + (x.ServedOn is { } served ? $"；{Iso(served)}送达{(x.ServiceMethod is { } m ? $"（{Of(m)}）" : "")}。" : "；送达日期未记录。"),
        AnswerServed x => $"答复于{Iso(x.ServedOn)}送达（{Of(x.Method)}）。",
        ApplicationWithdrawn x => $"申请人撤回申请，理由：{Sentence(x.Reason)}。",
        NoticeIssued x => $"出具{Of(x.Kind)}（{x.DocumentNumber}），送达方式：{Of(x.SentBy)}。",
        ReconsiderationFiled x => $"申请人向{x.ReviewBody}申请行政复议（第{x.CaseNumber}件{(x.DocketNumber is { } d ? $"，{d}" : "")}）。",
        ReconsiderationDecided x => $"第{x.CaseNumber}件行政复议作出决定：{Of(x.Decision)}{(x.Summary is { Length: > 0 } s ? $"（{Sentence(s)}）" : "")}。",
        LawsuitFiled x => $"申请人向{x.Court}提起行政诉讼（第{x.CaseNumber}件{(x.DocketNumber is { } d ? $"，{d}" : "")}{(x.AfterReconsideration is { } r ? $"，系第{r}件复议后起诉" : "")}）。",
        LawsuitDecided x => $"第{x.CaseNumber}件行政诉讼作出裁判：{Of(x.Decision)}{(x.Summary is { Length: > 0 } s ? $"（{Sentence(s)}）" : "")}。",
        FactCorrected x => $"更正{Of(x.Fact)}：由“{OfCorrectedValue(x.Fact, x.OldValue)}”改为“{OfCorrectedValue(x.Fact, x.NewValue)}”，理由：{Sentence(x.Reason)}。",
        NoteAdded x => $"备注：{x.Text}",
        TopicsAssigned x => x.Topics.Count == 0 ? "清除申请内容分类。" : $"申请内容分类：{string.Join("、", x.Topics)}。",
        _ => StepOf(e),
    };

    /// <summary>Free text as the end of a sentence: without its own closing full stop, so none is doubled.</summary>
    private static string Sentence(string text) => text.TrimEnd().TrimEnd('。', '.');

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Money(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The words of a list shown page by page (待办).</summary>
    public static class Paging
    {
        public const string Previous = "上一页";
        public const string Next = "下一页";
        public const string Pages = "分页";

        /// <summary>"第n页，共m页".</summary>
        public static string PageOf(int page, int pageCount) => string.Create(CultureInfo.InvariantCulture, $"第{page}页，共{pageCount}页");
    }
}
