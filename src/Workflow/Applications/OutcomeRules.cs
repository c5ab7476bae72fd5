namespace Workflow.Applications;

/// <summary>
/// The counting rules of domain A9, A10 and A12 in one place. Pure functions: the answer decision calls
/// <see cref="DeriveRow"/> once and stores the result in the event, so a later change to these rules never
/// moves an application that is already closed.
/// </summary>
public static class OutcomeRules
{
    /// <summary>The table row one item result stands for on its own (A10).</summary>
    public static ResultRow RowOf(ItemResult result) => result switch
    {
        ItemResult.AlreadyProactivelyDisclosed => ResultRow.Disclosed,
        ItemResult.Disclosed => ResultRow.Disclosed,
        ItemResult.PartlyDisclosedSeparated => ResultRow.PartlyDisclosed,
        ItemResult.WithheldStateSecret => ResultRow.WithheldStateSecret,
        ItemResult.WithheldProhibitedByLaw => ResultRow.WithheldProhibitedByLaw,
        ItemResult.WithheldThreeSecurities => ResultRow.WithheldThreeSecurities,
        ItemResult.WithheldThirdPartyRights => ResultRow.WithheldThirdPartyRights,
        ItemResult.WithheldInternalAffairs => ResultRow.WithheldInternalAffairs,
        ItemResult.WithheldProcessInformation => ResultRow.WithheldProcessInformation,
        ItemResult.WithheldEnforcementFile => ResultRow.WithheldEnforcementFile,
        ItemResult.WithheldSpecialAccessRecord => ResultRow.WithheldAdministrativeQuery,
        ItemResult.NotHeldDoesNotExist => ResultRow.UnavailableNotHeld,
        ItemResult.NotHeldOtherAgency => ResultRow.UnavailableNotHeld,
        ItemResult.NeedsCreation => ResultRow.UnavailableNeedsCreation,
        ItemResult.StillUnclearAfterSupplement => ResultRow.UnavailableStillUnclear,
        ItemResult.NotProcessedPetition => ResultRow.NotProcessedPetition,
        ItemResult.NotProcessedRepeat => ResultRow.NotProcessedRepeat,
        ItemResult.NotProcessedPublication => ResultRow.NotProcessedPublication,
        ItemResult.NotProcessedMassRepeated => ResultRow.NotProcessedMassRepeated,
        ItemResult.NotProcessedConfirmOrReissue => ResultRow.NotProcessedConfirmOrReissue,
        ItemResult.OtherHandling => ResultRow.OtherOther,
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Unknown item result."),
    };

    /// <summary>True for a result under which the applicant receives (some of) the information.</summary>
    public static bool IsDisclosing(ItemResult result) =>
        RowOf(result) is ResultRow.Disclosed or ResultRow.PartlyDisclosed;

    /// <summary>
    /// Domain A9: any item disclosed plus any item not disclosed → （二）部分公开; all items in one row → that row;
    /// mixed non-disclosure rows → the first in table order, unless staff chose one of the rows present.
    /// </summary>
    public static ResultRow DeriveRow(IReadOnlyCollection<ItemResult> itemResults, ResultRow? staffChoice = null)
    {
        if (itemResults.Count == 0)
            throw new ArgumentException("An answer needs at least one item result.", nameof(itemResults));

        var rows = itemResults.Select(RowOf).Distinct().OrderBy(r => r).ToList();
        if (rows.Contains(ResultRow.PartlyDisclosed)) return ResultRow.PartlyDisclosed;
        if (rows.Contains(ResultRow.Disclosed))
            return rows.Count == 1 ? ResultRow.Disclosed : ResultRow.PartlyDisclosed;
        if (rows.Count == 1) return rows[0];
        if (staffChoice is { } chosen && rows.Contains(chosen)) return chosen;
        return rows[0];
    }

    /// <summary>The rows between which staff may choose for a mixed non-disclosure answer (A9); empty when no choice exists.</summary>
    public static IReadOnlyList<ResultRow> ChoosableRows(IReadOnlyCollection<ItemResult> itemResults)
    {
        var rows = itemResults.Select(RowOf).Distinct().OrderBy(r => r).ToList();
        return rows.Count > 1 && !rows.Any(r => r is ResultRow.Disclosed or ResultRow.PartlyDisclosed) ? rows : [];
    }

    /// <summary>The row of an application closed without an answer (A10, A11).</summary>
    public static ResultRow RowOf(ClosureKind closure) => closure switch
    {
        ClosureKind.SupplementLapsed => ResultRow.OtherSupplementLapsed,
        ClosureKind.FeeLapsed => ResultRow.OtherFeeUnpaid,
        ClosureKind.Withdrawn => ResultRow.OtherOther,
        _ => throw new ArgumentOutOfRangeException(nameof(closure), closure, "An answer's row comes from its items."),
    };

    /// <summary>Domain A12: the table 四 column of a concluded reconsideration or lawsuit.</summary>
    public static ReviewResultColumn ColumnOf(ReviewDecision decision) => decision switch
    {
        ReviewDecision.Upheld or ReviewDecision.Rejected => ReviewResultColumn.Upheld,
        ReviewDecision.Varied or ReviewDecision.Revoked or ReviewDecision.ConfirmedUnlawful
            or ReviewDecision.ConfirmedVoid or ReviewDecision.OrderedToPerform => ReviewResultColumn.Corrected,
        ReviewDecision.Terminated or ReviewDecision.Mediated or ReviewDecision.Settled or ReviewDecision.Withdrawn
            or ReviewDecision.NotAccepted or ReviewDecision.SuitDismissed => ReviewResultColumn.Other,
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Unknown review decision."),
    };
}
