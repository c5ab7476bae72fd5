using Server.Accounts;
using Workflow.Applications;
using Workflow.Clock;

namespace Server.Pages;

/// <summary>
/// The Chinese name of every enum value staff see: one table for the whole web UI, so a term is spelled the same on
/// every page. A value missing from the table shows its English name, and a test fails (every value must be here).
/// </summary>
public static class ChineseLabels
{
    private static readonly IReadOnlyDictionary<Enum, string> Table = new Dictionary<Enum, string>
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

        [ConsultationParty.ThirdParty] = "第三方",
        [ConsultationParty.OtherAgency] = "其他机关",

        [ApplicationStatus.InProgress] = "办理中",
        [ApplicationStatus.AwaitingSupplement] = "待补正",
        [ApplicationStatus.Closed] = "已办结",

        [CorrectableFact.ReceivedOn] = "收到申请日期",
        [CorrectableFact.Channel] = "申请方式",
        [CorrectableFact.ApplicantType] = "申请人类型",
        [CorrectableFact.ApplicantName] = "申请人姓名或名称",
        [CorrectableFact.ApplicantIdNumber] = "身份证明号码",
        [CorrectableFact.ApplicantContact] = "联系电话",
        [CorrectableFact.ResultRow] = "办理结果（统计行）",

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

        [StaffRole.Registrar] = "登记员",
        [StaffRole.CaseHandler] = "承办人",
        [StaffRole.Approver] = "审核人",
        [StaffRole.LegalCounsel] = "法律顾问",
        [StaffRole.Administrator] = "管理员",
    };

    /// <summary>The enum types the table covers, for the completeness test.</summary>
    public static IReadOnlyList<Type> EnumTypes { get; } = [.. Table.Keys.Select(k => k.GetType()).Distinct()];

    public static string Of(Enum value) => Table.TryGetValue(value, out var label) ? label : value.ToString();

    public static bool Has(Enum value) => Table.ContainsKey(value);

    /// <summary>The applicant-type label as the table's column groups say it: 法人或其他组织 kinds are prefixed.</summary>
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
}
