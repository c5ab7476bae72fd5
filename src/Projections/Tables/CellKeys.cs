using Workflow.Applications;
using Workflow.Vocabulary;

namespace Projections.Tables;

/// <summary>
/// The key of a cell of tables 三 and 四 (<see cref="DisclosureFact.Key"/>, or <c>Reviews.{block}.{column}</c>), as
/// publication snapshots and "changes since publication" name it, in words staff read. The row and column words are
/// the official tables' (the same as <see cref="TableLayouts"/> prints); the vocabulary values come from
/// <see cref="ChineseTerms"/>.
/// </summary>
public static class CellKeys
{
    /// <summary>
    /// A publication cell key (<see cref="DisclosureFact.Key"/>, or <c>Reviews.{block}.{column}</c>) in Chinese, e.g.
    /// <c>Result.PartlyDisclosed.NaturalPerson</c> → 办理结果 · （二）部分公开 · 自然人.
    /// </summary>
    public static string Describe(string cell)
    {
        var parts = cell.Split('.');
        string Applicant(string text) => Enum.TryParse<ApplicantType>(text, out var type) ? ChineseTerms.ApplicantTypeLong(type) : text;
        return parts switch
        {
            ["Result", var row, var applicant] when Enum.TryParse<ResultRow>(row, out var r) => $"办理结果 · {ChineseTerms.Of(r)} · {Applicant(applicant)}",
            ["NewlyReceived", var applicant] => $"本年新收申请 · {Applicant(applicant)}",
            ["CarriedIn", var applicant] => $"上年结转申请 · {Applicant(applicant)}",
            ["CarriedOver", var applicant] => $"结转下年度继续办理 · {Applicant(applicant)}",
            ["ReceivedViaChannel", var channel] when Enum.TryParse<Channel>(channel, out var c) => $"申请方式 · {ChineseTerms.Of(c)}",
            ["ClosedOnTime"] => "按期办结",
            ["ClosedAfterExtension"] => "延期办结",
            ["FeeCollected"] => "收取信息处理费（元）",
            ["AnsweredLate"] => "其中逾期答复",
            ["LegacyAnswer", var category] when Enum.TryParse<LegacyAnswerCategory>(category, out var legacy) => $"申请答复数 · {ChineseTerms.Of(legacy)}",
            ["Reviews", var block, var column] => $"{(Enum.TryParse<ReviewBlock>(block, out var b) ? ChineseTerms.Of(b) : block)} · {(Enum.TryParse<ReviewResultColumn>(column, out var rc) ? ChineseTerms.Of(rc) : column)}",
            _ => cell,
        };
    }
}
