using Workflow.Applications;
using Workflow.Clock;

namespace Workflow.Tests.Clock;

public class FeeScheduleTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(10, 0)]
    [InlineData(11, 100)]
    [InlineData(30, 100)]
    [InlineData(31, 200)]
    [InlineData(40, 200)]
    [InlineData(41, 300)]
    [InlineData(50, 300)]
    [InlineData(51, 400)]
    [InlineData(95, 800)] // 91-100 is the seventh band above 30: 100 + 7×100
    public void Per_application_fee_is_the_marginal_rate_of_its_rank_in_the_month(int rank, int expected)
    {
        FeeSchedule.ProposePerApplication(rank).Should().Be(expected);
    }

    [Fact]
    public void Per_application_fees_of_a_month_add_up_progressively()
    {
        // 45 applications in one month: 10 free, 20 × 100, 10 × 200, 5 × 300 = 5,500 yuan.
        Enumerable.Range(1, 45).Sum(FeeSchedule.ProposePerApplication).Should().Be(5_500m);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(30, 0)]
    [InlineData(31, 10)]
    [InlineData(100, 700)]     // 70 × 10
    [InlineData(101, 720)]     // 700 + 1 × 20
    [InlineData(200, 2_700)]   // 700 + 100 × 20
    [InlineData(201, 2_740)]   // 2,700 + 1 × 40
    [InlineData(250, 4_700)]   // 700 + 2,000 + 50 × 40
    public void Per_page_fee_charges_only_the_pages_above_each_threshold_at_its_rate(int pages, int expected)
    {
        FeeSchedule.ProposePerPage(pages).Should().Be(expected);
    }

    [Fact]
    public void Propose_dispatches_on_the_method_and_refuses_bad_quantities()
    {
        FeeSchedule.Propose(FeeMethod.PerPage, 101).Should().Be(720m);
        FeeSchedule.Propose(FeeMethod.PerApplication, 31).Should().Be(200m);
        ((Action)(() => FeeSchedule.ProposePerApplication(0))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => FeeSchedule.ProposePerPage(-1))).Should().Throw<ArgumentOutOfRangeException>();
    }
}
