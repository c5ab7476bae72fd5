using Workflow.Applications;
using Workflow.Vocabulary;

namespace Projections.Tables;

/// <summary>
/// The official annual-table formats as data (domain A13, B §2-§3). When the State Council changes the format
/// again, add a layout here; the renderers do not change.
/// </summary>
public static class TableLayouts
{
    public const string Code2021 = "2021";
    public const string Code2019 = "2019";
    public const string CodeLegacy = "legacy";

    /// <summary>国办公开办函〔2021〕30号: report years 2021 onward.</summary>
    public static AnnualTableLayout Format2021 { get; } = new(
        Code2021,
        "中华人民共和国政府信息公开工作年度报告格式",
        "国办公开办函〔2021〕30号",
        "{agency}{year}年政府信息公开工作年度报告",
        [ApplicationsTable(splitOtherHandling: true), ReviewsTable()]) { ShortName = "2021年格式" };

    /// <summary>国办公开办函〔2019〕60号 (试行): report years 2019-2020. （六）其他处理 is one row.</summary>
    public static AnnualTableLayout Format2019 { get; } = new(
        Code2019,
        "中华人民共和国政府信息公开工作年度报告格式（试行）",
        "国办公开办函〔2019〕60号",
        "{agency}{year}年政府信息公开工作年度报告",
        [ApplicationsTable(splitOtherHandling: false), ReviewsTable()]) { ShortName = "2019年试行格式" };

    /// <summary>国办发〔2014〕32号 《政府信息公开情况统计表》: report years up to 2018. One count column.</summary>
    public static AnnualTableLayout Legacy { get; } = new(
        CodeLegacy,
        "政府信息公开情况统计表",
        "国办发〔2014〕32号",
        "政府信息公开情况统计表（{year}年度）　填报单位：{agency}",
        [LegacyStatisticsTable()]) { ShortName = "2019年以前统计表" };

    public static IReadOnlyList<AnnualTableLayout> All { get; } = [Format2021, Format2019, Legacy];

    /// <summary>The default format of a report year (A13): 2021+ → 2021; 2019-2020 → 2019 (试行); ≤2018 → pre-2019 统计表.</summary>
    public static AnnualTableLayout ForYear(int year) => year switch
    {
        >= 2021 => Format2021,
        >= 2019 => Format2019,
        _ => Legacy,
    };

    /// <summary>A layout by code: <c>"2021"</c>, <c>"2019"</c> or <c>"legacy"</c> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The code names no layout.</exception>
    public static AnnualTableLayout ByCode(string code) =>
        TryGetByCode(code, out var layout)
            ? layout
            : throw new ArgumentException(
                $"Unknown table layout code '{code}'. Known codes: {string.Join(", ", All.Select(l => $"\"{l.Code}\""))}.",
                nameof(code));

    public static bool TryGetByCode(string? code, out AnnualTableLayout layout)
    {
        layout = All.FirstOrDefault(l => string.Equals(l.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase))!;
        return layout is not null;
    }

    // ---- Table 三 (2019 试行 and 2021) --------------------------------------------------------------

    public const string RowIdentityNote = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

    private static TableDefinition ApplicationsTable(bool splitOtherHandling) => new(
        Key: "applications",
        Title: "三、收到和处理政府信息公开申请情况",
        CornerLabel: RowIdentityNote,
        RowLabelStyle: RowLabelStyle.Spanning,
        UnitColumnLabel: null,
        Columns:
        [
            ColumnDefinition.Group("Applicant", "申请人情况",
                ApplicantColumn(ApplicantType.NaturalPerson, ChineseTerms.Of(ApplicantType.NaturalPerson)),
                ColumnDefinition.Group("Organization", "法人或其他组织",
                    ApplicantColumn(ApplicantType.CommercialEnterprise, ChineseTerms.Of(ApplicantType.CommercialEnterprise)),
                    ApplicantColumn(ApplicantType.ResearchInstitution, ChineseTerms.Of(ApplicantType.ResearchInstitution)),
                    ApplicantColumn(ApplicantType.SocialWelfareOrganization, ChineseTerms.Of(ApplicantType.SocialWelfareOrganization)),
                    ApplicantColumn(ApplicantType.LegalServiceInstitution, ChineseTerms.Of(ApplicantType.LegalServiceInstitution)),
                    ApplicantColumn(ApplicantType.OtherOrganization, "其他")),
                ColumnDefinition.Leaf("Total", "总计")),
        ],
        Rows:
        [
            RowDefinition.Leaf("NewlyReceived", "一、本年新收政府信息公开申请数量", new CountSelector(CountMeasure.NewlyReceived)),
            RowDefinition.Leaf("CarriedIn", "二、上年结转政府信息公开申请数量", new CountSelector(CountMeasure.CarriedIn)),
            RowDefinition.Group("Results", "三、本年度办理结果",
                ResultLeaf(ResultRow.Disclosed, "（一）予以公开"),
                ResultLeaf(ResultRow.PartlyDisclosed, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
                RowDefinition.Group("Results.Withheld", "（三）不予公开",
                    ResultLeaf(ResultRow.WithheldStateSecret, "1.属于国家秘密"),
                    ResultLeaf(ResultRow.WithheldProhibitedByLaw, "2.其他法律行政法规禁止公开"),
                    ResultLeaf(ResultRow.WithheldThreeSecurities, "3.危及“三安全一稳定”"),
                    ResultLeaf(ResultRow.WithheldThirdPartyRights, "4.保护第三方合法权益"),
                    ResultLeaf(ResultRow.WithheldInternalAffairs, "5.属于三类内部事务信息"),
                    ResultLeaf(ResultRow.WithheldProcessInformation, "6.属于四类过程性信息"),
                    ResultLeaf(ResultRow.WithheldEnforcementFile, "7.属于行政执法案卷"),
                    ResultLeaf(ResultRow.WithheldAdministrativeQuery, "8.属于行政查询事项")),
                RowDefinition.Group("Results.Unavailable", "（四）无法提供",
                    ResultLeaf(ResultRow.UnavailableNotHeld, "1.本机关不掌握相关政府信息"),
                    ResultLeaf(ResultRow.UnavailableNeedsCreation, "2.没有现成信息需要另行制作"),
                    ResultLeaf(ResultRow.UnavailableStillUnclear, "3.补正后申请内容仍不明确")),
                RowDefinition.Group("Results.NotProcessed", "（五）不予处理",
                    ResultLeaf(ResultRow.NotProcessedPetition, "1.信访举报投诉类申请"),
                    ResultLeaf(ResultRow.NotProcessedRepeat, "2.重复申请"),
                    ResultLeaf(ResultRow.NotProcessedPublication, "3.要求提供公开出版物"),
                    ResultLeaf(ResultRow.NotProcessedMassRepeated, "4.无正当理由大量反复申请"),
                    ResultLeaf(ResultRow.NotProcessedConfirmOrReissue, "5.要求行政机关确认或重新出具已获取信息")),
                splitOtherHandling
                    ? RowDefinition.Group("Results.OtherHandling", "（六）其他处理",
                        ResultLeaf(ResultRow.OtherSupplementLapsed, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
                        ResultLeaf(ResultRow.OtherFeeUnpaid, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
                        ResultLeaf(ResultRow.OtherOther, "3.其他"))
                    // 2019 (试行): one row, the sum of the three detailed rows.
                    : RowDefinition.Leaf("Results.OtherHandling", "（六）其他处理",
                        CountSelector.Results(ResultRow.OtherSupplementLapsed, ResultRow.OtherFeeUnpaid, ResultRow.OtherOther)),
                RowDefinition.Leaf("Results.Total", "（七）总计", CountSelector.Results())),
            RowDefinition.Leaf("CarriedOver", "四、结转下年度继续办理", new CountSelector(CountMeasure.CarriedOver)),
        ],
        Footnotes:
        [
            "勾稽关系：每一列第一项加第二项之和，等于第三项（七）总计加第四项之和。“（七）总计”行和“总计”列均由各项相加得出，不单独填报。",
            "一件申请只计入一个办理结果：对各申请内容分别答复，既有予以公开又有未予公开的，计入“部分公开”；均属同一情形的，计入该情形；分属不同未予公开情形的，按表列顺序计入在先的一项，经办人另行选定并记录的除外。",
            splitOtherHandling
                ? "已主动公开并告知获取途径的，计入“予以公开”；信息不存在与非本机关掌握均计入“本机关不掌握相关政府信息”；特殊查询事项（如工商、不动产登记资料）计入“属于行政查询事项”；申请人撤回的计入“其他处理”中的“3.其他”。"
                : "已主动公开并告知获取途径的，计入“予以公开”；信息不存在与非本机关掌握均计入“本机关不掌握相关政府信息”；特殊查询事项（如工商、不动产登记资料）计入“属于行政查询事项”；申请人撤回、逾期不补正、逾期未缴费的计入“其他处理”。",
            "申请按收到申请之日所在年度计入“本年新收”，按办结之日所在年度计入一个办理结果：答复以答复书送达之日为准（已作出答复但尚未登记送达的，仍计入“结转下年度继续办理”，登记送达后计入送达之日所在年度），逾期不补正、逾期未缴费、申请人撤回以其发生之日为准；截至12月31日尚未办结的计入“结转下年度继续办理”，并与下一年度的“上年结转”相等。申请人类型以更正后的登记为准。",
            LateAnswersFootnote,
        ])
    {
        Statements = [LateAnswersStatement],
    };

    /// <summary>A13: late answers are stated under table 三 in every format, with a drill-down, and never hidden.</summary>
    // An expression body, not an initializer: the layouts above are initialized first and read it.
    public static StatementDefinition LateAnswersStatement =>
        new("Statement.AnsweredLate", "其中逾期答复 {n} 件。", new CountSelector(CountMeasure.AnsweredLate));

    public const string LateAnswersFootnote =
        "“其中逾期答复”为本年度办结的申请中，答复书送达之日晚于答复期限届满日的件数（答复期限依法扣除征求意见、收费等不计入期限的时间，补正后重新计算，含经批准的延期和依第三十五条确定的期限）；这些申请已按办理结果计入上表，点击数字可查看明细。";

    private static ColumnDefinition ApplicantColumn(ApplicantType applicant, string label) =>
        ColumnDefinition.Leaf(applicant.ToString(), label, new ColumnFilter { Applicants = [applicant] });

    private static RowDefinition ResultLeaf(ResultRow row, string label) =>
        RowDefinition.Leaf($"Result.{row}", label, CountSelector.Results(row));

    // ---- Table 四 (2019 试行 and 2021: same structure) -------------------------------------------------

    private static TableDefinition ReviewsTable() => new(
        Key: "reviews",
        Title: "四、政府信息公开行政复议、行政诉讼情况",
        CornerLabel: null,
        RowLabelStyle: RowLabelStyle.Spanning,
        UnitColumnLabel: null,
        Columns:
        [
            ReviewBlockColumns(ReviewBlock.Reconsideration, ChineseTerms.Of(ReviewBlock.Reconsideration)),
            ColumnDefinition.Group("Litigation", ChineseTerms.Of(ReviewKind.Lawsuit),
                ReviewBlockColumns(ReviewBlock.LitigationWithoutReconsideration, "未经复议直接起诉"),
                ReviewBlockColumns(ReviewBlock.LitigationAfterReconsideration, "复议后起诉")),
        ],
        // One data row without a label: the published table has none.
        Rows: [RowDefinition.Leaf("Cases", "", CountSelector.Reviews(null, null))],
        Footnotes:
        [
            "本年度审结的行政复议、行政诉讼按结果计入本年度“结果维持”“结果纠正”“其他结果”；截至12月31日已提起但尚未审结的，计入本年度“尚未审结”。",
            "结果维持：维持，驳回复议请求或诉讼请求；结果纠正：变更、撤销、确认违法、确认无效、责令履行或判决履行；其他结果：终止、调解、和解、撤回申请或撤诉、不予受理、驳回起诉。",
            "同一申请在起诉之日或之前已申请行政复议的行政诉讼计入“复议后起诉”（以复议申请日期和起诉日期为准，与登记先后无关），其余行政诉讼计入“未经复议直接起诉”。",
            "各栏“总计”为结果维持、结果纠正、其他结果、尚未审结之和。",
        ]);

    private static ColumnDefinition ReviewBlockColumns(ReviewBlock block, string label) => new(
        block.ToString(), label, new ColumnFilter { ReviewBlocks = [block] },
        [
            ReviewColumn(block, ReviewResultColumn.Upheld, ChineseTerms.Of(ReviewResultColumn.Upheld)),
            ReviewColumn(block, ReviewResultColumn.Corrected, ChineseTerms.Of(ReviewResultColumn.Corrected)),
            ReviewColumn(block, ReviewResultColumn.Other, ChineseTerms.Of(ReviewResultColumn.Other)),
            ReviewColumn(block, ReviewResultColumn.Pending, ChineseTerms.Of(ReviewResultColumn.Pending)),
            ColumnDefinition.Leaf($"{block}.Total", "总计"),
        ]);

    private static ColumnDefinition ReviewColumn(ReviewBlock block, ReviewResultColumn column, string label) =>
        ColumnDefinition.Leaf($"{block}.{column}", label, new ColumnFilter { ReviewColumns = [column] });

    // ---- Pre-2019 统计表 (国办发〔2014〕32号) ----------------------------------------------------------

    private static CountSelector? LegacyAnswers(params LegacyAnswerCategory[] categories) =>
        // Categories no result row or item result reaches (涉及商业秘密) are not counted separately: "—".
        categories.Any(c => LegacyAnswerMapping.ByResultRow.Values.Contains(c) || c is LegacyAnswerCategory.AlreadyProactivelyDisclosed
            or LegacyAnswerCategory.NotThisAgency)
            ? CountSelector.LegacyAnswers(categories) : null;

    private static CountSelector LegacyReviews(ReviewBlock[] blocks, ReviewResultColumn? column = null) =>
        CountSelector.Reviews(blocks, column is { } c ? [c] : null);

    private static TableDefinition LegacyStatisticsTable()
    {
        ReviewBlock[] reconsideration = [ReviewBlock.Reconsideration];
        ReviewBlock[] litigation = [ReviewBlock.LitigationWithoutReconsideration, ReviewBlock.LitigationAfterReconsideration];
        var refusals = Enum.GetValues<LegacyAnswerCategory>().Where(c => c.ToString().StartsWith("Refused", StringComparison.Ordinal)).ToArray();
        return new TableDefinition(
            Key: "legacy",
            Title: "政府信息公开情况统计表（依申请公开部分）",
            CornerLabel: "统计指标",
            RowLabelStyle: RowLabelStyle.Indented,
            UnitColumnLabel: "单位",
            Columns: [ColumnDefinition.Leaf("Count", "统计数")],
            Rows:
            [
                RowDefinition.Parent("Applications", "三、依申请公开情况", null,
                    RowDefinition.Parent("Received", "（一）收到申请数", CountSelector.ViaChannels(),
                        // The 'other' channel (oral, phone, forwarded) counts as 当面: staff take it down in person (Art. 29).
                        RowDefinition.Leaf("Received.InPerson", "1.当面申请数", CountSelector.ViaChannels(Channel.InPerson, Channel.Other)),
                        RowDefinition.Leaf("Received.Fax", "2.传真申请数", CountSelector.ViaChannels(Channel.Fax)),
                        RowDefinition.Leaf("Received.Online", "3.网络申请数", CountSelector.ViaChannels(Channel.Online, Channel.Email)),
                        RowDefinition.Leaf("Received.Letter", "4.信函申请数", CountSelector.ViaChannels(Channel.Letter))),
                    RowDefinition.Parent("Closed", "（二）申请办结数", CountSelector.Results(),
                        RowDefinition.Leaf("Closed.OnTime", "1.按时办结数", new CountSelector(CountMeasure.ClosedOnTime)),
                        RowDefinition.Leaf("Closed.Extended", "2.延期办结数", new CountSelector(CountMeasure.ClosedAfterExtension))),
                    RowDefinition.Parent("Answered", "（三）申请答复数", LegacyAnswers(Enum.GetValues<LegacyAnswerCategory>()),
                        RowDefinition.Leaf("Answered.AlreadyProactivelyDisclosed", "1.属于已主动公开范围数", LegacyAnswers(LegacyAnswerCategory.AlreadyProactivelyDisclosed)),
                        RowDefinition.Leaf("Answered.Agreed", "2.同意公开答复数", LegacyAnswers(LegacyAnswerCategory.Agreed)),
                        RowDefinition.Leaf("Answered.PartlyAgreed", "3.同意部分公开答复数", LegacyAnswers(LegacyAnswerCategory.PartlyAgreed)),
                        RowDefinition.Parent("Answered.Refused", "4.不同意公开答复数", LegacyAnswers(refusals),
                            RowDefinition.Leaf("Answered.Refused.StateSecret", "其中，涉及国家秘密", LegacyAnswers(LegacyAnswerCategory.RefusedStateSecret)),
                            RowDefinition.Leaf("Answered.Refused.CommercialSecret", "涉及商业秘密", LegacyAnswers(LegacyAnswerCategory.RefusedCommercialSecret)),
                            RowDefinition.Leaf("Answered.Refused.Privacy", "涉及个人隐私", LegacyAnswers(LegacyAnswerCategory.RefusedPrivacy)),
                            RowDefinition.Leaf("Answered.Refused.Security", "危及国家安全、公共安全、经济安全和社会稳定", LegacyAnswers(LegacyAnswerCategory.RefusedSecurity)),
                            RowDefinition.Leaf("Answered.Refused.NotGovernmentInformation", "不是条例所指政府信息", LegacyAnswers(LegacyAnswerCategory.RefusedNotGovernmentInformation)),
                            RowDefinition.Leaf("Answered.Refused.OtherLegalGround", "法律法规规定的其他情形", LegacyAnswers(LegacyAnswerCategory.RefusedOtherLegalGround))),
                        RowDefinition.Leaf("Answered.NotThisAgency", "5.不属于本行政机关公开数", LegacyAnswers(LegacyAnswerCategory.NotThisAgency)),
                        RowDefinition.Leaf("Answered.DoesNotExist", "6.申请信息不存在数", LegacyAnswers(LegacyAnswerCategory.DoesNotExist)),
                        RowDefinition.Leaf("Answered.ToldToAmend", "7.告知作出更改补充数", LegacyAnswers(LegacyAnswerCategory.ToldToAmend)),
                        RowDefinition.Leaf("Answered.ToldOtherRoute", "8.告知通过其他途径办理数", LegacyAnswers(LegacyAnswerCategory.ToldOtherRoute)))),
                RowDefinition.Parent("Reconsideration", "四、行政复议数量", LegacyReviews(reconsideration),
                    RowDefinition.Leaf("Reconsideration.Upheld", "（一）维持具体行政行为数", LegacyReviews(reconsideration, ReviewResultColumn.Upheld)),
                    RowDefinition.Leaf("Reconsideration.Corrected", "（二）被依法纠错数", LegacyReviews(reconsideration, ReviewResultColumn.Corrected)),
                    RowDefinition.Leaf("Reconsideration.Other", "（三）其他情形数", LegacyReviews(reconsideration, ReviewResultColumn.Other))),
                RowDefinition.Parent("Litigation", "五、行政诉讼数量", LegacyReviews(litigation),
                    RowDefinition.Leaf("Litigation.Upheld", "（一）维持具体行政行为或者驳回原告诉讼请求数", LegacyReviews(litigation, ReviewResultColumn.Upheld)),
                    RowDefinition.Leaf("Litigation.Corrected", "（二）被依法纠错数", LegacyReviews(litigation, ReviewResultColumn.Corrected)),
                    RowDefinition.Leaf("Litigation.Other", "（三）其他情形数", LegacyReviews(litigation, ReviewResultColumn.Other))),
                RowDefinition.Leaf("Fees", "七、依申请公开信息收取的费用", new CountSelector(CountMeasure.FeesTenThousandYuan), "万元"),
            ],
            Footnotes:
            [
                "本表为国办发〔2014〕32号《政府信息公开情况统计表》中依申请公开（第三项）、行政复议（第四项）、行政诉讼（第五项）和收费（第七项）部分；第六项举报投诉数量不在本系统统计范围，未列出。",
                "收到申请数按收到申请之日所在年度统计；通过电子邮件提交的计入“网络申请数”；通过其他渠道（如口头、电话、转办）提交的计入“当面申请数”。",
                "申请办结数为本年度办结（答复以送达之日为准，逾期不补正、逾期未缴费、申请人撤回以其发生之日为准）的申请，等于“按时办结数”与“延期办结数”之和：经批准延长答复期限后办结的计入“延期办结数”（补正前的延期因补正后重新计算期限而不再计入），其余（含撤回、逾期不补正、逾期未缴费）计入“按时办结数”。超过答复期限作出答复的，在表下“其中逾期答复”中另行说明。",
                "申请答复数按现行办理结果折算（推定口径，无官方对照）：予以公开的计入“同意公开答复数”，其中各项予以公开的内容均属已主动公开并告知获取途径的，计入“属于已主动公开范围数”；部分公开计入“同意部分公开答复数”；保护第三方合法权益的计入“涉及个人隐私”，“涉及商业秘密”不单独统计；属于三类内部事务信息、四类过程性信息的计入“不是条例所指政府信息”；其他法律行政法规禁止公开、属于行政执法案卷的计入“法律法规规定的其他情形”；本机关不掌握相关政府信息的，各项均属非本机关掌握（告知由其他机关公开）的计入“不属于本行政机关公开数”，其余（含信息不存在）及需要另行制作的计入“申请信息不存在数”；补正后申请内容仍不明确和逾期不补正的计入“告知作出更改补充数”；属于行政查询事项和各类不予处理的计入“告知通过其他途径办理数”；逾期未缴费、申请人撤回等其他处理不计入申请答复数。标“—”的项目本系统不单独统计。",
                "行政复议、行政诉讼：本年度审结的按结果计入，维持、驳回计入“维持”，变更、撤销、确认违法、确认无效、责令履行或判决履行计入“被依法纠错数”，终止、调解、和解、撤回、不予受理、驳回起诉计入“其他情形数”；截至12月31日已提起尚未审结的计入总数，不计入各结果项。行政诉讼数量含未经复议直接起诉和复议后起诉。",
                "收取的费用按本年度实际收取的金额统计，单位为万元。",
                LateAnswersFootnote,
            ])
        {
            Statements = [LateAnswersStatement],
        };
    }
}
