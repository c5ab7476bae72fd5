namespace Workflow.Applications;

/// <summary>What an answer letter says about one item: the decision in plain words and the articles it rests on.</summary>
public sealed record ItemDecisionText(string Decision, string Articles);

/// <summary>
/// The legal basis of each item result in the 2019 Regulation (《中华人民共和国政府信息公开条例》), as the answer letter
/// cites it: Art. 36 (一)-(七) for the reply categories, Art. 14/15/16 for the grounds of non-disclosure, Art. 37 for
/// separation, Art. 38 for information that would have to be made, Art. 39 for petitions and publications, Art. 30 for
/// content still unclear after a supplement and Art. 35 for unreasonable mass applications.
/// </summary>
public static class LegalBasis
{
    public const string Regulation = "《中华人民共和国政府信息公开条例》";

    public static ItemDecisionText Of(ItemResult result) => result switch
    {
        ItemResult.AlreadyProactivelyDisclosed => new("该信息已经主动公开，现告知获取该政府信息的方式、途径", "第三十六条第（一）项"),
        ItemResult.Disclosed => new("予以公开", "第三十六条第（二）项"),
        ItemResult.PartlyDisclosedSeparated => new("经区分处理，予以部分公开，不能公开的部分说明理由如下", "第三十七条"),
        ItemResult.WithheldStateSecret => new("属于国家秘密，不予公开", "第十四条、第三十六条第（三）项"),
        ItemResult.WithheldProhibitedByLaw => new("属于法律、行政法规禁止公开的政府信息，不予公开", "第十四条、第三十六条第（三）项"),
        ItemResult.WithheldThreeSecurities => new("公开后可能危及国家安全、公共安全、经济安全、社会稳定，不予公开", "第十四条、第三十六条第（三）项"),
        ItemResult.WithheldThirdPartyRights => new("涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害，不予公开", "第十五条、第三十六条第（三）项"),
        ItemResult.WithheldInternalAffairs => new("属于人事管理、后勤管理、内部工作流程等内部事务信息，不予公开", "第十六条第一款、第三十六条第（三）项"),
        ItemResult.WithheldProcessInformation => new("属于讨论记录、过程稿、磋商信函、请示报告等过程性信息，不予公开", "第十六条第二款、第三十六条第（三）项"),
        ItemResult.WithheldEnforcementFile => new("属于行政执法案卷信息，不予公开", "第十六条第二款、第三十六条第（三）项"),
        ItemResult.WithheldSpecialAccessRecord => new("属于法律、行政法规对信息的获取有特别规定的情形，请按照有关规定办理", "第三十六条第（七）项"),
        ItemResult.NotHeldDoesNotExist => new("经检索，本机关未制作或获取该政府信息，该政府信息不存在", "第三十六条第（四）项"),
        ItemResult.NotHeldOtherAgency => new("该信息不属于本机关负责公开的政府信息", "第三十六条第（五）项"),
        ItemResult.NeedsCreation => new("本机关没有现成信息，需要对现有政府信息进行加工、分析，不予提供", "第三十八条"),
        ItemResult.StillUnclearAfterSupplement => new("经补正，申请内容仍不明确，无法提供", "第三十条"),
        ItemResult.NotProcessedPetition => new("该申请属于信访、投诉、举报等诉求，不作为政府信息公开申请处理，请通过相应渠道提出", "第三十九条第一款"),
        ItemResult.NotProcessedRepeat => new("本机关已就同一内容作出答复，重复申请不予重复处理", "第三十六条第（六）项"),
        ItemResult.NotProcessedPublication => new("所申请的为公开出版物，请通过相应渠道获取", "第三十九条第二款"),
        ItemResult.NotProcessedMassRepeated => new("申请的数量、频次明显超过合理范围且说明的理由不合理，不予处理", "第三十五条"),
        // A practice category, not a reply category of Art. 36: asking the agency to confirm or reissue information
        // the applicant already holds is not a request for government information as Art. 2 defines it.
        ItemResult.NotProcessedConfirmOrReissue => new("要求行政机关确认或者重新出具已获取的信息，不属于政府信息公开申请，不予处理", "第二条"),
        ItemResult.OtherHandling => new("按照下列说明处理", ""),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Unknown item result."),
    };

    /// <summary>The citation as printed: 依据《中华人民共和国政府信息公开条例》第…的规定.</summary>
    public static string Citation(ItemResult result) =>
        Of(result).Articles is { Length: > 0 } articles ? $"依据{Regulation}{articles}的规定" : "";

    /// <summary>
    /// True for results that withhold information (不予公开). Since 2024-01-01 such a decision must go to 行政复议 before a
    /// suit (《行政复议法》2023 Art. 23 (四)); the remedy clause says so.
    /// </summary>
    public static bool IsWithholding(ItemResult result) => result is ItemResult.WithheldStateSecret or ItemResult.WithheldProhibitedByLaw
        or ItemResult.WithheldThreeSecurities or ItemResult.WithheldThirdPartyRights or ItemResult.WithheldInternalAffairs
        or ItemResult.WithheldProcessInformation or ItemResult.WithheldEnforcementFile or ItemResult.PartlyDisclosedSeparated;

    public static readonly DateOnly ReconsiderationLaw2023InForce = new(2024, 1, 1);

    /// <summary>
    /// The remedy clause of an answer letter (REG2019 Art. 51; 行政复议 within 60 days of receipt of the reply, 行政诉讼
    /// within 6 months). For a non-disclosure answered from 2024 on, reconsideration comes first.
    /// </summary>
    public static string RemedyClause(DateOnly answeredOn, IEnumerable<ItemResult> results)
    {
        var clause = "如对本答复不服，可以自收到本答复之日起60日内依法向行政复议机关申请行政复议，" +
                     "或者自收到本答复之日起6个月内依法向人民法院提起行政诉讼。";
        if (answeredOn >= ReconsiderationLaw2023InForce && results.Any(IsWithholding))
            clause += "其中，对不予公开决定不服的，应当先依法申请行政复议（《中华人民共和国行政复议法》第二十三条第一款第（四）项），" +
                      "对行政复议决定不服的，可以自收到行政复议决定书之日起15日内依法向人民法院提起行政诉讼。";
        return clause;
    }
}
