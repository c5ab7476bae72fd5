using Workflow.Applications;

namespace Workflow.Clock;

/// <summary>
/// The amounts of 信息处理费 proposed under 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号, domain B §1.8).
/// The system proposes, staff confirm (domain A7): <see cref="FeeNoticed"/> keeps both the proposed and the
/// confirmed amount. Amounts are in yuan.
/// </summary>
public static class FeeSchedule
{
    /// <summary>
    /// 按件计收: the fee for THIS application, given its rank among the same applicant's applications in the calendar
    /// month (this one included). 1-10 free; 11-30 at 100 yuan; from the 31st each band of 10 costs 100 yuan more
    /// (31-40: 200, 41-50: 300, …). The rate is the marginal rate of the application's rank (超额累进).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rank is below 1.</exception>
    public static decimal ProposePerApplication(int applicationsThisMonthIncludingThis)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(applicationsThisMonthIncludingThis, 1);
        int rank = applicationsThisMonthIncludingThis;
        if (rank <= 10) return 0m;
        if (rank <= 30) return 100m;
        return 100m * (2 + (rank - 31) / 10);
    }

    /// <summary>
    /// 按量计收: the fee for one application of <paramref name="pages"/> pages. Pages 1-30 free, 31-100 at 10 yuan,
    /// 101-200 at 20 yuan, 201 and above at 40 yuan a page; only the pages above each threshold pay its rate
    /// (超额累进), e.g. 250 pages = 70×10 + 100×20 + 50×40 = 4,700 yuan.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative pages.</exception>
    public static decimal ProposePerPage(int pages)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pages);
        decimal fee = 0m;
        fee += 10m * Band(pages, 30, 100);
        fee += 20m * Band(pages, 100, 200);
        fee += 40m * Band(pages, 200, int.MaxValue);
        return fee;
    }

    /// <summary>The proposal for the method staff chose (one method per application, never both: FEE2020 Art. 3).</summary>
    public static decimal Propose(FeeMethod method, int quantity) => method switch
    {
        FeeMethod.PerApplication => ProposePerApplication(quantity),
        FeeMethod.PerPage => ProposePerPage(quantity),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown fee method."),
    };

    // The number of pages in (above, upTo].
    private static int Band(int pages, int above, int upTo) => Math.Max(0, Math.Min(pages, upTo) - above);
}
