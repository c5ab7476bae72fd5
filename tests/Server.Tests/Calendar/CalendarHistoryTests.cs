using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Server.Accounts;
using Server.Cases;
using Server.Tests.Api;
using Server.Tests.Support;
using Workflow.Applications;
using Workflow.Calendar;

namespace Server.Tests.Calendar;

/// <summary>
/// Issue 11, done-when: a case registered on 2026-12-15 has a provisional (预计) deadline in 2027; importing a 2027
/// arrangement that differs from the provisional year moves it, lists it for its agency until acknowledged, records
/// the change with who/when/source/days, and the as-of calendar still answers as it stood before.
/// </summary>
public sealed class CalendarHistoryTests(AppFixture app) : IntegrationContext(app)
{
    private static readonly DateTimeOffset December15 = new(2026, 12, 15, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly string Notice2027 = StatutoryTestCalendars.MadeUpNotice2027;

    private async Task<CaseView> CaseAsync(Guid id)
    {
        using var scope = App.Services.CreateScope();
        var reader = scope.ServiceProvider.GetRequiredService<CaseReader>();
        var staff = StaffMember.Of("reader", TestAgencies.Government, StaffRole.CaseHandler);
        return (await reader.LoadAsync(id, staff, CancellationToken.None))!;
    }

    [Fact]
    public async Task a_provisional_deadline_moves_and_is_listed_when_the_2027_notice_is_imported()
    {
        App.Clock.SetUtcNow(December15);
        var registered = await Bus.InvokeAsync<RegistrationResult>(Scenarios.Registration(new DateOnly(2026, 12, 15)));

        var before = await CaseAsync(registered.ApplicationId);
        before.Clock!.DueOn.Should().Be(new DateOnly(2027, 1, 13), "20 working days, 元旦 2027-01-01 the only statutory day off");
        before.Clock.Provisional.Should().BeTrue();
        before.Clock.ProvisionalReason.Should().Contain("2027年").And.Contain("预计");
        before.Clock.CalendarVersion.Should().EndWith("+2027.预计");

        var admin = await App.BearerClientAsync(TestAgencies.Government, StaffRole.Administrator);
        var preview = await admin.PostRawAsync("/api/calendar/notices", Notice2027, "text/plain");
        preview.StatusCode.Should().Be(HttpStatusCode.OK, await preview.Content.ReadAsStringAsync() + string.Join("\n", App.Logs.Lines.Where(l => l.Contains("xception")).TakeLast(3)));
        (await preview.Content.ReadAsStringAsync()).Should().Contain("休");
        await using (var check = Store.QuerySession())
            (await check.Query<CalendarChange>().CountAsync()).Should().Be(0, "a preview records nothing");

        var recorded = await admin.PostRawAsync("/api/calendar/notices?confirm=true", Notice2027, "text/plain");
        recorded.StatusCode.Should().Be(HttpStatusCode.OK, await recorded.Content.ReadAsStringAsync());

        var after = await CaseAsync(registered.ApplicationId);
        after.Clock!.Provisional.Should().BeFalse();
        after.Clock.DueOn.Should().Be(new DateOnly(2027, 1, 14), "05-04/05 off, 01-09 worked: one day later");

        var staffClient = await App.BearerClientAsync(TestAgencies.Government, StaffRole.CaseHandler);
        var moved = await staffClient.GetFromJsonAsync<JsonElement>("/api/calendar/moved-deadlines");
        var reply = moved.EnumerateArray().Single(m => m.GetProperty("deadline").GetString() == DeadlineMoves.Reply);
        reply.GetProperty("applicationId").GetGuid().Should().Be(registered.ApplicationId);
        reply.GetProperty("oldDate").GetString().Should().Be("2027-01-13");
        reply.GetProperty("newDate").GetString().Should().Be("2027-01-14");

        var other = await App.BearerClientAsync(TestAgencies.OtherGovernment, StaffRole.CaseHandler);
        (await other.GetFromJsonAsync<JsonElement>("/api/calendar/moved-deadlines")).GetArrayLength().Should().Be(0, "another agency's cases are not listed");

        var ack = await staffClient.PostAsync($"/api/calendar/moved-deadlines/{reply.GetProperty("id").GetGuid()}/acknowledge", null);
        ack.StatusCode.Should().Be(HttpStatusCode.OK);
        (await staffClient.GetFromJsonAsync<JsonElement>("/api/calendar/moved-deadlines")).EnumerateArray()
            .Should().NotContain(m => m.GetProperty("deadline").GetString() == DeadlineMoves.Reply);

        var year = await staffClient.GetFromJsonAsync<JsonElement>("/api/calendar/2027");
        year.GetProperty("provisional").GetBoolean().Should().BeFalse();
        year.GetProperty("version").GetString().Should().Be("2027.1");
        var change = year.GetProperty("history").EnumerateArray().Single();
        change.GetProperty("previousVersion").GetString().Should().Be("2027.预计");
        change.GetProperty("recordedBy").GetString().Should().NotBeNullOrEmpty();
        change.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("date").GetString())
            .Should().Contain(["2027-01-04", "2027-01-05", "2027-01-09"]);

        var book = App.Services.GetRequiredService<CalendarInForce>().Book;
        book.AsOf(December15.AddMinutes(-1)).IsProvisional(2027).Should().BeTrue("as it stood before the import");
        book.AsOf(December15.AddMinutes(1)).IsProvisional(2027).Should().BeFalse();
    }

    [Fact]
    public async Task a_later_version_can_remove_a_day_off_and_only_administrators_record()
    {
        App.Clock.SetUtcNow(December15);
        var handler = await App.BearerClientAsync(TestAgencies.Government, StaffRole.CaseHandler);
        var refused = await handler.PostRawAsync("/api/calendar/notices?confirm=true", Notice2027, "text/plain");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var admin = await App.BearerClientAsync(TestAgencies.Government, StaffRole.Administrator);
        (await admin.PostRawAsync("/api/calendar/notices?confirm=true", Notice2027, "text/plain")).EnsureSuccessStatusCode();
        var correction = $$"""
            { "year": 2027, "version": "2027.2", "kind": "notice", "source": { "notice": "更正" },
              "daysOff": [ {{StatutoryTestCalendars.DaysOffJson(2027)}} ] }
            """;
        var corrected = await admin.PostRawAsync("/api/calendar/files", correction);
        corrected.StatusCode.Should().Be(HttpStatusCode.OK, await corrected.Content.ReadAsStringAsync());

        var calendar = App.Services.GetRequiredService<CalendarInForce>().Current;
        calendar.IsWorkingDay(new DateOnly(2027, 1, 4)).Should().BeTrue("the later version no longer has that day off");
        calendar.ArrangementOf(2027).Version.Should().Be("2027.2");

        var garbage = await admin.PostRawAsync("/api/calendar/notices", "关于做好值班工作的通知", "text/plain");
        var problem = await garbage.ProblemAsync();
        problem.Status.Should().Be(HttpStatusCode.BadRequest);
        ApiKit.HasChinese(problem.Title).Should().BeTrue();
    }

    [Fact]
    public async Task a_local_day_off_of_a_government_holds_for_its_departments_moves_their_deadlines_and_no_one_elses()
    {
        App.Clock.SetUtcNow(December15);
        var department = await Bus.InvokeAsync<RegistrationResult>(Scenarios.Registration(new DateOnly(2026, 12, 15), agency: TestAgencies.Department));
        var other = await Bus.InvokeAsync<RegistrationResult>(Scenarios.Registration(new DateOnly(2026, 12, 15), agency: TestAgencies.OtherGovernment));

        var admin = await App.BearerClientAsync(TestAgencies.Government, StaffRole.Administrator);
        var local = """
            { "year": 2027, "version": "2027.qxg-1", "kind": "local", "agency": "qxg", "source": { "notice": "七星关区人民政府关于放假的通知" },
              "daysOff": [ { "date": "2027-01-06", "name": "本地休假" } ] }
            """;
        var recorded = await admin.PostRawAsync("/api/calendar/files", local);
        recorded.StatusCode.Should().Be(HttpStatusCode.OK, await recorded.Content.ReadAsStringAsync());

        var staff = StaffMember.Of("reader", TestAgencies.Government, StaffRole.CaseHandler) with
        {
            VisibleAgencies = new HashSet<string> { TestAgencies.Government, TestAgencies.Department, TestAgencies.OtherGovernment },
        };
        using var scope = App.Services.CreateScope();
        var reader = scope.ServiceProvider.GetRequiredService<CaseReader>();
        (await reader.LoadAsync(department.ApplicationId, staff, CancellationToken.None))!.Clock!.DueOn
            .Should().Be(new DateOnly(2027, 1, 14), "the government's local day off holds for its department");
        (await reader.LoadAsync(other.ApplicationId, staff, CancellationToken.None))!.Clock!.DueOn
            .Should().Be(new DateOnly(2027, 1, 13), "another government keeps the national calendar");

        await using var session = Store.QuerySession();
        var moved = await session.Query<MovedDeadline>().ToListAsync();
        moved.Where(m => m.Deadline == DeadlineMoves.Reply).Select(m => m.ApplicationId).Should().Equal(department.ApplicationId);
    }
}
