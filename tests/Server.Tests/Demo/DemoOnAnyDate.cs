using System.Net;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Projections.Cases;
using Server.Accounts;
using Server.Demo;
using Server.Tests.Support;
using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;

namespace Server.Tests.Demo;

/// <summary>
/// Issue 11: the demo loads on any date, including a day whose deadlines reach a year with no notice (2026-12-15) and a
/// day inside such a year (2027-06-01): registration, 补正, answers, the worklist and the clock all work, marked 预计.
/// </summary>
public sealed class DemoOnAnyDate(AppFixture app) : IntegrationContext(app)
{
    private async Task<DemoSummary> LoadAsync()
    {
        using var scope = App.Services.CreateScope();
        return await ActivatorUtilities.CreateInstance<DemoLoader>(scope.ServiceProvider).LoadAsync("Demo-Password-2026!");
    }

    private async Task<List<(ApplicationFile File, ClockReading Clock, List<IApplicationEvent> History)>> OpenCasesAsync(DateOnly today)
    {
        await using var session = Store.QuerySession();
        var files = await session.Query<ApplicationFile>().ToListAsync();
        var result = new List<(ApplicationFile, ClockReading, List<IApplicationEvent>)>();
        foreach (var file in files)
        {
            var history = (await session.Events.FetchStreamAsync(file.Id)).Select(e => e.Data).OfType<IApplicationEvent>().ToList();
            result.Add((file, StatutoryClock.Compute(history, WorkdayCalendar.Official, today), history));
        }
        return result;
    }

    [Theory]
    [InlineData("2026-12-01")]
    [InlineData("2026-12-15")]
    [InlineData("2026-12-31")]
    [InlineData("2027-06-01")]
    public async Task the_demo_loads_and_its_clocks_and_worklist_work_on_a_day_that_reaches_a_provisional_year(string day)
    {
        var today = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        App.Clock.SetUtcNow(new DateTimeOffset(today.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)));

        var summary = await LoadAsync();

        summary.Refusals.Should().BeEmpty("every planned step is allowed by the rules, whatever the date");
        summary.Registered.Should().BeGreaterThan(100);
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(2));
        var cases = await OpenCasesAsync(today);
        cases.Should().Contain(c => c.History.OfType<SupplementRequested>().Any(s => s.RequestedOn.Year >= 2026), "补正 in the recent cases");
        cases.Should().Contain(c => c.History.OfType<ApplicationAnswered>().Any(), "answers");
        var open = cases.Where(c => c.File.IsOpen).ToList();
        open.Should().Contain(c => c.Clock.IsOverdue).And.Contain(c => c.Clock.IsDueSoon);
        open.Where(c => c.Clock.DueOn?.Year == 2027 || c.Clock.SupplementNoticeDueOn.Year == 2027)
            .All(c => c.Clock.Provisional).Should().BeTrue("deadlines counted through 2027 are 预计");
        bool expectProvisional = today >= new DateOnly(2026, 12, 15);
        if (expectProvisional) open.Should().Contain(c => c.Clock.Provisional, "open deadlines counted through 2027 are 预计");
        if (today.Year == 2027)
            cases.Should().Contain(c => c.File.ReceivedOn.Year == 2027 && c.History.OfType<ApplicationAnswered>().Any(),
                "applications received in the provisional year are answered too");

        var staff = await App.CreateStaffAsync("demo.viewer." + day, "mx", StaffRole.CaseHandler);
        var browser = await App.CookieClientAsync(staff);
        var worklist = await browser.GetAsync("/worklist");
        worklist.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await worklist.Content.ReadAsStringAsync();
        if (expectProvisional) html.Should().Contain("（预计）");
        html.Should().NotContain("工作日历未包含");
    }
}
