using System.Globalization;
using Workflow.Applications;

namespace Projections.LegalReview;

/// <summary>The Chinese names of the vocabulary, for the history and the printed case file.</summary>
public static class ChineseLabels
{
    public static string Of(Channel value) => value switch
    {
        Channel.InPerson => "当面", Channel.Letter => "信函", Channel.Fax => "传真", Channel.Online => "网络",
        Channel.Email => "电子邮件", _ => "其他",
    };

    public static string Of(ApplicantType value) => value switch
    {
        ApplicantType.NaturalPerson => "自然人", ApplicantType.CommercialEnterprise => "商业企业",
        ApplicantType.ResearchInstitution => "科研机构", ApplicantType.SocialWelfareOrganization => "社会公益组织",
        ApplicantType.LegalServiceInstitution => "法律服务机构", _ => "其他组织",
    };

    public static string Of(ServiceMethod value) => value switch
    {
        ServiceMethod.InPerson => "当面送达", ServiceMethod.Post => "邮寄", ServiceMethod.Email => "电子邮件",
        ServiceMethod.Online => "网上送达", _ => "其他方式",
    };

    public static string Of(NoticeKind value) => value switch
    {
        NoticeKind.ReceiptAcknowledgement => "政府信息公开申请接收回执", NoticeKind.SupplementNotice => "补正告知书",
        NoticeKind.ExtensionNotice => "延期答复告知书", NoticeKind.ThirdPartyConsultation => "征求意见书",
        NoticeKind.FeeNotice => "收费通知书", _ => "政府信息公开申请答复书",
    };

    public static string Of(ConsultationParty value) => value == ConsultationParty.ThirdParty ? "第三方" : "其他机关";

    public static string Of(ReviewDecision value) => value switch
    {
        ReviewDecision.Upheld => "维持", ReviewDecision.Rejected => "驳回", ReviewDecision.Varied => "变更",
        ReviewDecision.Revoked => "撤销", ReviewDecision.ConfirmedUnlawful => "确认违法", ReviewDecision.ConfirmedVoid => "确认无效",
        ReviewDecision.OrderedToPerform => "责令履行", ReviewDecision.Terminated => "终止", ReviewDecision.Mediated => "调解",
        ReviewDecision.Settled => "和解", ReviewDecision.Withdrawn => "撤回", ReviewDecision.NotAccepted => "不予受理",
        _ => "驳回起诉",
    };

    public static string Of(CorrectableFact value) => value switch
    {
        CorrectableFact.ReceivedOn => "收到申请日期", CorrectableFact.Channel => "申请方式", CorrectableFact.ApplicantType => "申请人类型",
        CorrectableFact.ApplicantName => "申请人姓名或名称", CorrectableFact.ApplicantIdNumber => "身份证明号码",
        CorrectableFact.ApplicantContact => "联系方式", _ => "办理结果（统计行）",
    };

    public static string Of(ResultRow value) => value switch
    {
        ResultRow.Disclosed => "予以公开", ResultRow.PartlyDisclosed => "部分公开",
        ResultRow.WithheldStateSecret => "不予公开（属于国家秘密）", ResultRow.WithheldProhibitedByLaw => "不予公开（其他法律行政法规禁止公开）",
        ResultRow.WithheldThreeSecurities => "不予公开（危及“三安全一稳定”）", ResultRow.WithheldThirdPartyRights => "不予公开（保护第三方合法权益）",
        ResultRow.WithheldInternalAffairs => "不予公开（属于三类内部事务信息）", ResultRow.WithheldProcessInformation => "不予公开（属于四类过程性信息）",
        ResultRow.WithheldEnforcementFile => "不予公开（属于行政执法案卷）", ResultRow.WithheldAdministrativeQuery => "不予公开（属于行政查询事项）",
        ResultRow.UnavailableNotHeld => "无法提供（本机关不掌握相关政府信息）", ResultRow.UnavailableNeedsCreation => "无法提供（没有现成信息需要另行制作）",
        ResultRow.UnavailableStillUnclear => "无法提供（补正后申请内容仍不明确）", ResultRow.NotProcessedPetition => "不予处理（信访举报投诉类申请）",
        ResultRow.NotProcessedRepeat => "不予处理（重复申请）", ResultRow.NotProcessedPublication => "不予处理（要求提供公开出版物）",
        ResultRow.NotProcessedMassRepeated => "不予处理（无正当理由大量反复申请）",
        ResultRow.NotProcessedConfirmOrReissue => "不予处理（要求行政机关确认或重新出具已获取信息）",
        ResultRow.OtherSupplementLapsed => "其他处理（逾期不补正）", ResultRow.OtherFeeUnpaid => "其他处理（逾期未缴费）",
        _ => "其他处理（其他）",
    };

    /// <summary>A corrected value in Chinese where it is an enum name; dates and text as they are.</summary>
    public static string OfCorrectedValue(CorrectableFact fact, string value) => fact switch
    {
        CorrectableFact.Channel when Enum.TryParse<Channel>(value, out var c) => Of(c),
        CorrectableFact.ApplicantType when Enum.TryParse<ApplicantType>(value, out var t) => Of(t),
        CorrectableFact.ResultRow when Enum.TryParse<ResultRow>(value, out var r) => Of(r),
        _ => value,
    };

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
