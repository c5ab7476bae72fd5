using Workflow.Applications;

namespace Projections.Tables;

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
            [ResultRow.Disclosed] = LegacyAnswerCategory.Agreed, // 36(一) answers go to row 1: see CategoryOf
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
            // 不存在 and 非本机关 are one row since A10; the items tell them apart (CategoryOf). 需要另行制作: "no such ready-made information".
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

    /// <summary>
    /// The pre-2019 category of one answered application: its row's category (<see cref="ByResultRow"/>), except that
    /// the item results (A9) split the two rows the 2019 formats merged (A10, ADR 0009):
    /// （一）予以公开 whose disclosed items were all already proactively disclosed (36(一)) → 1.属于已主动公开范围数;
    /// （四）1 本机关不掌握 whose items not held are all another agency's (36(五)) → 5.不属于本行政机关公开数.
    /// Mixed answers stay in 2.同意公开 / 6.申请信息不存在. Null: no 答复 in the old table (逾期未缴费, 其他).
    /// </summary>
    public static LegacyAnswerCategory? CategoryOf(ResultRow row, IReadOnlyCollection<ItemResult> items)
    {
        switch (row)
        {
            case ResultRow.Disclosed:
                var disclosed = items.Where(i => OutcomeRules.RowOf(i) == ResultRow.Disclosed).ToList();
                return disclosed.Count > 0 && disclosed.All(i => i == ItemResult.AlreadyProactivelyDisclosed)
                    ? LegacyAnswerCategory.AlreadyProactivelyDisclosed : LegacyAnswerCategory.Agreed;
            case ResultRow.UnavailableNotHeld:
                var notHeld = items.Where(i => i is ItemResult.NotHeldDoesNotExist or ItemResult.NotHeldOtherAgency).ToList();
                return notHeld.Count > 0 && notHeld.All(i => i == ItemResult.NotHeldOtherAgency)
                    ? LegacyAnswerCategory.NotThisAgency : LegacyAnswerCategory.DoesNotExist;
            default:
                return ByResultRow.TryGetValue(row, out var category) ? category : null;
        }
    }
}
