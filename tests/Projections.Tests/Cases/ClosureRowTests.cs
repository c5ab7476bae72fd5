using Projections.Cases;
using Workflow.Applications;

namespace Projections.Tests.Cases;

/// <summary>The case file of an application closed without an answer counts in the row OutcomeRules gives for its closure (A10, A11), not a copy of that rule.</summary>
public sealed class ClosureRowTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateOnly ClosedOn = new(2024, 12, 31);

    public static TheoryData<string> Closures => ["supplement-lapse", "fee-lapse", "withdrawal"];

    [Theory]
    [MemberData(nameof(Closures))]
    public void a_lapsed_or_withdrawn_case_counts_in_the_row_of_its_closure(string step)
    {
        var projection = new ApplicationFileProjection();
        var file = new ApplicationFile();
        var closure = step switch
        {
            "supplement-lapse" => Close(() => projection.Apply(new SupplementLapsed(Id, ClosedOn, "clerk.wang"), file), ClosureKind.SupplementLapsed),
            "fee-lapse" => Close(() => projection.Apply(new FeeLapsed(Id, ClosedOn, "clerk.wang"), file), ClosureKind.FeeLapsed),
            _ => Close(() => projection.Apply(new ApplicationWithdrawn(Id, ClosedOn, "申请人撤回", "clerk.wang"), file), ClosureKind.Withdrawn),
        };

        file.Closure.Should().Be(closure);
        file.Status.Should().Be(ApplicationStatus.Closed);
        file.ClosedOn.Should().Be(ClosedOn);
        file.Row.Should().Be(OutcomeRules.RowOf(closure));
    }

    private static ClosureKind Close(Action apply, ClosureKind closure)
    {
        apply();
        return closure;
    }
}
