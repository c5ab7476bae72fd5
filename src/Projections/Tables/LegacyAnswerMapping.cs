using Workflow.Applications;

namespace Projections.Tables;

/// <summary>The answer categories of the pre-2019 统计表 （三）申请答复数.</summary>
public enum LegacyAnswerCategory
{
    AlreadyProactivelyDisclosed, // 1.属于已主动公开范围数 — not counted separately (merged into ResultRow.Disclosed by A10)
    Agreed,                      // 2.同意公开答复数
    PartlyAgreed,                // 3.同意部分公开答复数
    RefusedStateSecret,          // 4.不同意公开 · 涉及国家秘密
    RefusedCommercialSecret,     // 4.不同意公开 · 涉及商业秘密 — not counted separately
    RefusedPrivacy,              // 4.不同意公开 · 涉及个人隐私
    RefusedSecurity,             // 4.不同意公开 · 危及国家安全、公共安全、经济安全和社会稳定
    RefusedNotGovernmentInformation, // 4.不同意公开 · 不是条例所指政府信息
    RefusedOtherLegalGround,     // 4.不同意公开 · 法律法规规定的其他情形
    NotThisAgency,               // 5.不属于本行政机关公开数 — not counted separately (merged into UnavailableNotHeld by A10)
    DoesNotExist,                // 6.申请信息不存在数
    ToldToAmend,                 // 7.告知作出更改补充数
    ToldOtherRoute,              // 8.告知通过其他途径办理数
}

/// <summary>Where each current result row counts in the pre-2019 统计表 (used by <see cref="TableLayouts.Legacy"/>).</summary>
public static class LegacyAnswerMapping
{
    /// <summary>
    /// Inference (the 2014 table has no official mapping to the 2019 rows; domain B §3, §7): where each current
    /// result row is counted in the old table. Rows absent here (逾期未缴费, 其他 incl. withdrawal) were no 答复 and
    /// count only in 申请办结数. The table's footnote states the same mapping in Chinese.
    /// </summary>
    public static IReadOnlyDictionary<ResultRow, LegacyAnswerCategory> ByResultRow { get; } =
        new Dictionary<ResultRow, LegacyAnswerCategory>
        {
            [ResultRow.Disclosed] = LegacyAnswerCategory.Agreed, // includes 36(一) already disclosed (A10): cannot be split out
            [ResultRow.PartlyDisclosed] = LegacyAnswerCategory.PartlyAgreed,
            [ResultRow.WithheldStateSecret] = LegacyAnswerCategory.RefusedStateSecret,
            [ResultRow.WithheldProhibitedByLaw] = LegacyAnswerCategory.RefusedOtherLegalGround,
            [ResultRow.WithheldThreeSecurities] = LegacyAnswerCategory.RefusedSecurity,
            // Third-party rights cover both 商业秘密 and 个人隐私 and cannot be split; OGI refusals on third-party
            // grounds are mostly personal information (names, ID numbers in compensation lists), so 个人隐私.
            [ResultRow.WithheldThirdPartyRights] = LegacyAnswerCategory.RefusedPrivacy,
            // 国办发〔2010〕5号: internal management and process information "一般不属于《条例》所指应公开的政府信息".
            [ResultRow.WithheldInternalAffairs] = LegacyAnswerCategory.RefusedNotGovernmentInformation,
            [ResultRow.WithheldProcessInformation] = LegacyAnswerCategory.RefusedNotGovernmentInformation,
            [ResultRow.WithheldEnforcementFile] = LegacyAnswerCategory.RefusedOtherLegalGround,
            // Special-access records (工商、不动产登记): the applicant is referred to their own procedure.
            [ResultRow.WithheldAdministrativeQuery] = LegacyAnswerCategory.ToldOtherRoute,
            // 不存在 and 非本机关 are one row since A10; both go to 不存在. 需要另行制作: "no such ready-made information".
            [ResultRow.UnavailableNotHeld] = LegacyAnswerCategory.DoesNotExist,
            [ResultRow.UnavailableNeedsCreation] = LegacyAnswerCategory.DoesNotExist,
            [ResultRow.UnavailableStillUnclear] = LegacyAnswerCategory.ToldToAmend,
            [ResultRow.OtherSupplementLapsed] = LegacyAnswerCategory.ToldToAmend, // the 补正 notice was the reply
            // 不予处理: the applicant is pointed to another channel (信访, publications, the earlier reply).
            [ResultRow.NotProcessedPetition] = LegacyAnswerCategory.ToldOtherRoute,
            [ResultRow.NotProcessedRepeat] = LegacyAnswerCategory.ToldOtherRoute,
            [ResultRow.NotProcessedPublication] = LegacyAnswerCategory.ToldOtherRoute,
            [ResultRow.NotProcessedMassRepeated] = LegacyAnswerCategory.ToldOtherRoute,
            [ResultRow.NotProcessedConfirmOrReissue] = LegacyAnswerCategory.ToldOtherRoute,
        };
}
