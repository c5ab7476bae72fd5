using Projections.Cases;
using Workflow.Applications;

namespace Projections.Tests.Cases;

/// <summary>
/// <see cref="WorklistEntry.OnWorklist"/> reads stored members so Marten can run it as SQL; on every file, in every status
/// and closure, with and without service, it says what the case file's own <see cref="ApplicationFile.IsOpen"/> and
/// <see cref="ApplicationFile.AwaitingService"/> say.
/// </summary>
public sealed class WorklistRuleTests
{
    public static TheoryData<ApplicationStatus, ClosureKind?, bool> Files()
    {
        var files = new TheoryData<ApplicationStatus, ClosureKind?, bool>();
        foreach (var status in Enum.GetValues<ApplicationStatus>())
            foreach (var closure in Enum.GetValues<ClosureKind>().Select(c => (ClosureKind?)c).Append(null))
                foreach (var served in new[] { false, true })
                    files.Add(status, closure, served);
        return files;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void the_worklist_rule_agrees_with_the_case_files_open_and_awaiting_service(ApplicationStatus status, ClosureKind? closure, bool served)
    {
        var file = new ApplicationFile { Status = status, Closure = closure, ServedOn = served ? new DateOnly(2024, 12, 16) : null };

        WorklistEntry.Belongs(file).Should().Be(file.IsOpen || file.AwaitingService);
    }

    [Fact]
    public void an_open_case_and_an_answer_not_yet_served_belong_and_other_closed_cases_do_not()
    {
        WorklistEntry.Belongs(new ApplicationFile { Status = ApplicationStatus.InProgress }).Should().BeTrue();
        WorklistEntry.Belongs(new ApplicationFile { Status = ApplicationStatus.AwaitingSupplement }).Should().BeTrue();
        WorklistEntry.Belongs(new ApplicationFile { Status = ApplicationStatus.Closed, Closure = ClosureKind.Answered }).Should().BeTrue();
        WorklistEntry.Belongs(new ApplicationFile { Status = ApplicationStatus.Closed, Closure = ClosureKind.Answered, ServedOn = new(2024, 12, 16) })
            .Should().BeFalse();
        WorklistEntry.Belongs(new ApplicationFile { Status = ApplicationStatus.Closed, Closure = ClosureKind.Withdrawn }).Should().BeFalse();
    }
}
