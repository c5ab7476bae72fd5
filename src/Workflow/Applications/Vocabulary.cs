namespace Workflow.Applications;

// The official vocabulary of 依申请公开, in English identifiers with the Chinese term beside each once.
// Enum values are persisted by name (System.Text.Json string enums): renaming one is a breaking change.

/// <summary>How the application reached the office (Art. 29, 31). Pre-2019 tables group these (domain A13).</summary>
public enum Channel
{
    InPerson, // 当面
    Letter,   // 信函
    Fax,      // 传真
    Online,   // 网络
    Email,    // 电子邮件
    Other,    // 其他
}

/// <summary>The applicant-type columns of table 三 (申请人情况).</summary>
public enum ApplicantType
{
    NaturalPerson,             // 自然人
    CommercialEnterprise,      // 法人或其他组织 · 商业企业
    ResearchInstitution,       // 法人或其他组织 · 科研机构
    SocialWelfareOrganization, // 法人或其他组织 · 社会公益组织
    LegalServiceInstitution,   // 法人或其他组织 · 法律服务机构
    OtherOrganization,         // 法人或其他组织 · 其他
}

/// <summary>The form in which the applicant asks to receive the information (Art. 29 (三), Art. 40).</summary>
public enum RequestedForm
{
    Paper,      // 纸质
    Electronic, // 电子数据
    Email,      // 电子邮件
    Inspection, // 当场查阅
    Other,      // 其他
}

/// <summary>
/// The result given for one requested item (Art. 36-39 and practice). The application's table row is derived
/// from all item results (domain A9) by <see cref="OutcomeRules"/>.
/// </summary>
public enum ItemResult
{
    AlreadyProactivelyDisclosed, // 已主动公开，告知获取途径 (36(一)) — counts as 予以公开 (A10)
    Disclosed,                   // 予以公开 (36(二))
    PartlyDisclosedSeparated,    // 区分处理后部分公开 (37)
    WithheldStateSecret,         // 不予公开 · 属于国家秘密 (14)
    WithheldProhibitedByLaw,     // 不予公开 · 其他法律行政法规禁止公开 (14)
    WithheldThreeSecurities,     // 不予公开 · 危及“三安全一稳定” (14)
    WithheldThirdPartyRights,    // 不予公开 · 保护第三方合法权益 (15, 32)
    WithheldInternalAffairs,     // 不予公开 · 属于三类内部事务信息 (16 ¶1)
    WithheldProcessInformation,  // 不予公开 · 属于四类过程性信息 (16 ¶2)
    WithheldEnforcementFile,     // 不予公开 · 属于行政执法案卷 (16 ¶2)
    WithheldSpecialAccessRecord, // 不予公开 · 属于行政查询事项 (36(七)) (A10)
    NotHeldDoesNotExist,         // 无法提供 · 本机关不掌握 — 信息不存在 (36(四)) (A10)
    NotHeldOtherAgency,          // 无法提供 · 本机关不掌握 — 非本机关 (36(五)) (A10)
    NeedsCreation,               // 无法提供 · 没有现成信息需要另行制作 (38)
    StillUnclearAfterSupplement, // 无法提供 · 补正后申请内容仍不明确 (30)
    NotProcessedPetition,        // 不予处理 · 信访举报投诉类申请 (39 ¶1)
    NotProcessedRepeat,          // 不予处理 · 重复申请 (36(六))
    NotProcessedPublication,     // 不予处理 · 要求提供公开出版物 (39 ¶2)
    NotProcessedMassRepeated,    // 不予处理 · 无正当理由大量反复申请 (35)
    NotProcessedConfirmOrReissue,// 不予处理 · 要求行政机关确认或重新出具已获取信息
    OtherHandling,               // 其他处理 · 其他
}

/// <summary>
/// A result row of table 三 (三、本年度办理结果) in its most detailed form, the 2021 format. Coarser layouts
/// (2019 试行, pre-2019) are mappings of these rows, never separate counts. The order is table order.
/// </summary>
public enum ResultRow
{
    Disclosed,                    // （一）予以公开
    PartlyDisclosed,              // （二）部分公开
    WithheldStateSecret,          // （三）1.属于国家秘密
    WithheldProhibitedByLaw,      // （三）2.其他法律行政法规禁止公开
    WithheldThreeSecurities,      // （三）3.危及“三安全一稳定”
    WithheldThirdPartyRights,     // （三）4.保护第三方合法权益
    WithheldInternalAffairs,      // （三）5.属于三类内部事务信息
    WithheldProcessInformation,   // （三）6.属于四类过程性信息
    WithheldEnforcementFile,      // （三）7.属于行政执法案卷
    WithheldAdministrativeQuery,  // （三）8.属于行政查询事项
    UnavailableNotHeld,           // （四）1.本机关不掌握相关政府信息
    UnavailableNeedsCreation,     // （四）2.没有现成信息需要另行制作
    UnavailableStillUnclear,      // （四）3.补正后申请内容仍不明确
    NotProcessedPetition,         // （五）1.信访举报投诉类申请
    NotProcessedRepeat,           // （五）2.重复申请
    NotProcessedPublication,      // （五）3.要求提供公开出版物
    NotProcessedMassRepeated,     // （五）4.无正当理由大量反复申请
    NotProcessedConfirmOrReissue, // （五）5.要求行政机关确认或重新出具已获取信息
    OtherSupplementLapsed,        // （六）1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
    OtherFeeUnpaid,               // （六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
    OtherOther,                   // （六）3.其他
}

/// <summary>How the application reached its end (domain A11: the year of this business date is the result year).</summary>
public enum ClosureKind
{
    Answered,          // 已答复
    SupplementLapsed,  // 逾期不补正
    FeeLapsed,         // 逾期未缴费
    Withdrawn,         // 申请人撤回
}

/// <summary>How a decision or notice was served on the applicant (I235).</summary>
public enum ServiceMethod
{
    InPerson,   // 当面送达（签收）
    Post,       // 邮寄（交邮之日）
    Email,      // 电子邮件
    Online,     // 网上送达
    Other,      // 其他
}

/// <summary>The fee method of the 2020 rules (FEE2020 Art. 3): one per application, never both.</summary>
public enum FeeMethod
{
    PerApplication, // 按件计收
    PerPage,        // 按量计收
}

/// <summary>The outcome of a 行政复议 or 行政诉讼 (domain A12).</summary>
public enum ReviewDecision
{
    Upheld,             // 维持
    Rejected,           // 驳回（复议请求或诉讼请求）
    Varied,             // 变更
    Revoked,            // 撤销
    ConfirmedUnlawful,  // 确认违法
    ConfirmedVoid,      // 确认无效
    OrderedToPerform,   // 责令履行 / 判决履行
    Terminated,         // 终止
    Mediated,           // 调解
    Settled,            // 和解
    Withdrawn,          // 撤回申请 / 撤诉
    NotAccepted,        // 不予受理
    SuitDismissed,      // 驳回起诉
}

/// <summary>The three result columns of table 四, plus the pending one.</summary>
public enum ReviewResultColumn
{
    Upheld,    // 结果维持
    Corrected, // 结果纠正
    Other,     // 其他结果
    Pending,   // 尚未审结
}

/// <summary>Who is consulted while the clock stops (Art. 32, 34).</summary>
public enum ConsultationParty
{
    ThirdParty,   // 第三方
    OtherAgency,  // 其他机关
}

/// <summary>The two ways an applicant contests the office's handling (domain A12).</summary>
public enum ReviewKind
{
    Reconsideration, // 行政复议
    Lawsuit,         // 行政诉讼
}

/// <summary>The three column blocks of table 四.</summary>
public enum ReviewBlock
{
    Reconsideration,                // 行政复议
    LitigationWithoutReconsideration, // 行政诉讼 · 未经复议直接起诉
    LitigationAfterReconsideration, // 行政诉讼 · 复议后起诉 (the same application had a reconsideration before, A12)
}

/// <summary>The answer categories of the pre-2019 统计表 （三）申请答复数.</summary>
public enum LegacyAnswerCategory
{
    AlreadyProactivelyDisclosed, // 1.属于已主动公开范围数 — every disclosed item was already proactively disclosed (36(一))
    Agreed,                      // 2.同意公开答复数
    PartlyAgreed,                // 3.同意部分公开答复数
    RefusedStateSecret,          // 4.不同意公开 · 涉及国家秘密
    RefusedCommercialSecret,     // 4.不同意公开 · 涉及商业秘密 — not counted separately
    RefusedPrivacy,              // 4.不同意公开 · 涉及个人隐私
    RefusedSecurity,             // 4.不同意公开 · 危及国家安全、公共安全、经济安全和社会稳定
    RefusedNotGovernmentInformation, // 4.不同意公开 · 不是条例所指政府信息
    RefusedOtherLegalGround,     // 4.不同意公开 · 法律法规规定的其他情形
    NotThisAgency,               // 5.不属于本行政机关公开数 — every item not held is another agency's (36(五))
    DoesNotExist,                // 6.申请信息不存在数
    ToldToAmend,                 // 7.告知作出更改补充数
    ToldOtherRoute,              // 8.告知通过其他途径办理数
}
