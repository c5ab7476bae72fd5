using System.Diagnostics;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Projections.Annual;
using Projections.Cases;
using Server.Demo;
using Server.Tests.Support;
using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;
using Xunit.Abstractions;

namespace Server.Tests.Demo;

public sealed class DemoDataSet(AppFixture app, ITestOutputHelper output) : IntegrationContext(app)
{
    private async Task<DemoSummary> LoadAsync(string? password = null)
    {
        using var scope = App.Services.CreateScope();
        return await ActivatorUtilities.CreateInstance<DemoLoader>(scope.ServiceProvider).LoadAsync(password);
    }

    [Fact]
    public async Task the_demo_loads_through_the_commands_into_consistent_tables_with_overdue_cases_and_loads_once()
    {
        var watch = Stopwatch.StartNew();
        var summary = await LoadAsync();
        output.WriteLine($"{summary.Registered} applications, {summary.StepsApplied} steps in {watch.Elapsed}");

        summary.Refusals.Should().BeEmpty("every planned step is allowed by the rules");
        summary.AgenciesAdded.Should().Be(4);
        summary.UsersCreated.Should().HaveCount(DemoPlan.Staff.Count);
        summary.UsersCreated.Select(u => u.Password).Should().OnlyHaveUniqueItems("passwords are random, never a default");
        summary.Registered.Should().BeGreaterThan(150);

        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(2));
        await using var session = Store.QuerySession();
        var reader = new AnnualTableReader(session);
        var rowsUsed = new HashSet<ResultRow>();
        foreach (var agency in DemoPlan.Agencies)
        {
            for (var year = 2021; year <= 2024; year++)
            {
                var tables = await reader.LoadAsync([agency.Code], year);
                tables.Disclosure.CheckIdentity().Should().BeEmpty($"一+二 = 三（七）+四 for {agency.Code} {year}");
                tables.Disclosure.NewlyReceivedTotal().Should().BePositive($"{agency.Code} received applications in {year}");
            }
        }
        var files = await session.Query<ApplicationFile>().ToListAsync();
        rowsUsed.UnionWith(files.Where(f => f.Row is not null).Select(f => f.Row!.Value));
        rowsUsed.Should().BeEquivalentTo(Enum.GetValues<ResultRow>(), "the demo covers every outcome category");
        files.Should().Contain(f => f.Reviews.Any(r => r.Kind == ReviewKind.Reconsideration)).And.Contain(f => f.Reviews.Any(r => r.Kind == ReviewKind.Lawsuit));
        files.Should().Contain(f => f.ExtendedOn != null).And.Contain(f => f.Consultations.Count > 0).And.Contain(f => f.FeePaidOn != null);
        files.Should().Contain(f => f.Notices.Count > 0);

        var today = new DateOnly(2024, 12, 20);
        var clocks = new List<ClockReading>();
        foreach (var open in files.Where(f => f.IsOpen))
        {
            var history = (await session.Events.FetchStreamAsync(open.Id)).Select(e => e.Data).OfType<IApplicationEvent>().ToList();
            clocks.Add(StatutoryClock.Compute(history, WorkdayCalendar.Official, today));
        }
        clocks.Should().Contain(c => c.IsOverdue, "some cases are overdue today");
        clocks.Should().Contain(c => c.IsDueSoon && !c.IsOverdue, "some cases are due soon");

        var events = await session.Events.QueryAllRawEvents().CountAsync();
        var again = await LoadAsync();
        again.Refusals.Should().BeEmpty();
        again.Registered.Should().Be(0);
        again.StepsApplied.Should().Be(0);
        again.UsersCreated.Should().BeEmpty();
        again.AgenciesAdded.Should().Be(0);
        await using var after = Store.QuerySession();
        (await after.Events.QueryAllRawEvents().CountAsync()).Should().Be(events, "running the demo twice duplicates nothing");
    }

    [Fact]
    public void the_plan_is_deterministic_and_random_passwords_satisfy_the_policy()
    {
        var today = new DateOnly(2024, 12, 20);
        var first = DemoPlan.Cases(today, WorkdayCalendar.Official);
        var second = DemoPlan.Cases(today, WorkdayCalendar.Official);
        first.Select(c => c.Registration).Should().Equal(second.Select(c => c.Registration), (a, b) =>
            a.ExternalRequestId == b.ExternalRequestId && a.Applicant == b.Applicant && a.ReceivedOn == b.ReceivedOn && a.Items.SequenceEqual(b.Items));
        first.Select(c => c.Registration.ExternalRequestId).Should().OnlyHaveUniqueItems();
        first.SelectMany(c => c.Steps).Should().OnlyContain(s => s.On <= today, "nothing is dated after today");

        for (var i = 0; i < 50; i++) Server.Accounts.PasswordPolicy.Check("mx.admin", DemoLoader.RandomPassword()).Should().BeNull();
    }
}
