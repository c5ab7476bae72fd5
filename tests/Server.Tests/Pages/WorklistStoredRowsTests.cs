using System.Text.RegularExpressions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Projections.Cases;
using Server.Accounts;
using Server.Calendar;
using Server.Pages;
using Server.Tests.Support;
using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;

namespace Server.Tests.Pages;

/// <summary>
/// 待办's stored rows (docs/adr/0030): their due dates are the one clock's, "overdue", "due soon" and "paused" decided
/// in the database today agree with the clock computed today, calendar changes re-derive them, and the pages sort, page
/// and count in the database.
/// </summary>
public sealed class WorklistStoredRowsTests(AppFixture app) : IntegrationContext(app)
{
    private const string Clerk = Scenarios.Clerk;

    [Fact]
    public async Task stored_rows_agree_with_the_statutory_clock_on_awkward_days_and_lifecycles()
    {
        App.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 20, 10, 0, 0, TimeSpan.FromHours(8)));
        await RegisterAsync(new(2024, 12, 31));                                        // 31 December
        await RegisterAsync(new(2024, 9, 27));                                         // before the 调休 Sunday 2024-09-29
        await RegisterAsync(new(2024, 10, 11));                                        // before the 调休 Saturday 2024-10-12
        await RegisterAsync(new(2026, 12, 1));                                         // today in the brief
        await RegisterAsync(new(2026, 12, 15));                                        // due in 2027: no notice, provisional
        await RegisterAsync(new(2026, 12, 31));
        var supplement = await RegisterAsync(new(2024, 11, 1));
        await StepAsync(new RequestSupplement(supplement, 1, new(2024, 11, 5), new(2024, 11, 20), "请补正身份证明", Clerk));
        var consulted = await RegisterAsync(new(2024, 12, 2));
        await StepAsync(new SendConsultation(consulted, 1, ConsultationParty.ThirdParty, "某某公司", new(2024, 12, 10), Clerk));
        var overdueThenConsulted = await RegisterAsync(new(2024, 10, 8));
        await StepAsync(new SendConsultation(overdueThenConsulted, 1, ConsultationParty.ThirdParty, "某某公司", new(2024, 11, 20), Clerk));
        var fee = await RegisterAsync(new(2024, 12, 2));
        await StepAsync(new NoticeFee(fee, 1, new(2024, 12, 5), FeeMethod.PerPage, 120, null, Clerk));
        var extended = await RegisterAsync(new(2024, 11, 1));
        await StepAsync(new ExtendReply(extended, 1, new(2024, 11, 25), 20, "王局长", "需要调取档案", Clerk));
        var article35 = await RegisterAsync(new(2024, 11, 1));
        await StepAsync(new SetArticle35DueDate(article35, 1, new(2024, 11, 20), new(2025, 1, 10), "数量较大", Clerk));
        var consultedLate2026 = await RegisterAsync(new(2026, 12, 1));
        await StepAsync(new SendConsultation(consultedLate2026, 1, ConsultationParty.ThirdParty, "某某公司", new(2026, 12, 10), Clerk));
        // A stop that begins on the day of receipt: the row stored that day must already know the clock is stopped.
        var feeOnReceipt = await RegisterAsync(new(2026, 12, 21));
        await StepAsync(new NoticeFee(feeOnReceipt, 1, new(2026, 12, 21), FeeMethod.PerPage, 500, null, Clerk));
        var consultedOnReceipt = await RegisterAsync(new(2026, 12, 21));
        await StepAsync(new SendConsultation(consultedOnReceipt, 1, ConsultationParty.ThirdParty, "某某公司", new(2026, 12, 21), Clerk));

        var calendars = App.Services.CreateScope().ServiceProvider.GetRequiredService<DecisionContextSource>();
        await using var session = Store.QuerySession();
        var entries = await session.Query<WorklistEntry>().ToListAsync();
        entries.Should().HaveCount(15);
        var histories = new Dictionary<Guid, IReadOnlyList<IApplicationEvent>>();
        foreach (var entry in entries)
        {
            var history = Server.Cases.CaseReader.HistoryOf(await session.Events.FetchStreamAsync(entry.Id));
            histories[entry.Id] = history;
            var calendar = calendars.CalendarFor(entry.AgencyCode);
            var atLastEvent = StatutoryClock.Compute(history, calendar, entry.ClockAsOf);
            entry.ClockAsOf.Should().Be(history.Max(e => e.BusinessDate));
            entry.SortDueOn.Should().Be(atLastEvent.DueOn, "row {0}", entry.RegistrationNumber);
            entry.ClockStatus.Should().Be(atLastEvent.Status);
            if (entry.RunsFrom is null) entry.Provisional.Should().Be(atLastEvent.Provisional);
            entry.CalendarVersion.Should().Be(calendar.Version);
        }
        entries.Single(e => e.ReceivedOn == new DateOnly(2026, 12, 15)).Provisional.Should().BeTrue("its due date falls in 2027, which has no notice");

        DateOnly[] todays = [new(2024, 12, 5), new(2024, 12, 12), new(2024, 12, 20), new(2024, 12, 31), new(2025, 1, 2), new(2025, 1, 6),
            new(2025, 1, 10), new(2025, 1, 13), new(2025, 2, 10), new(2026, 12, 21), new(2026, 12, 31), new(2027, 1, 4), new(2027, 1, 20)];
        var agencies = entries.Select(e => e.AgencyCode).Distinct().ToArray();
        foreach (var today in todays)
        {
            var filters = WorklistClockFilters.For(today, agencies, calendars.CalendarFor);
            var overdue = await Ids(session, filters.Overdue, today);
            var dueSoon = await Ids(session, filters.DueSoon, today);
            var paused = await Ids(session, filters.Paused, today);
            foreach (var entry in entries.Where(e => e.ClockAsOf <= today))
            {
                var reading = StatutoryClock.Compute(histories[entry.Id], calendars.CalendarFor(entry.AgencyCode), today);
                var because = $"{entry.RegistrationNumber} (received {entry.ReceivedOn}) on {today}";
                overdue.Contains(entry.Id).Should().Be(reading.IsOverdue, because);
                dueSoon.Contains(entry.Id).Should().Be(reading.IsDueSoon, because);
                paused.Contains(entry.Id).Should().Be(reading.IsPaused, because);
            }
        }
    }

    [Fact]
    public async Task a_calendar_notice_re_derives_the_stored_due_dates_of_open_cases()
    {
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 16, 10, 0, 0, TimeSpan.FromHours(8)));
        var id = await RegisterAsync(new(2026, 12, 15));
        (await EntryAsync(id)).Provisional.Should().BeTrue();
        var before = (await EntryAsync(id)).SortDueOn;

        // A notice for 2027 with a day off on the provisional due date's week: the due date moves one working day later.
        var file = CalendarFile.Parse($$"""
            { "year": 2027, "version": "2027.test", "source": { "notice": "测试通知", "urls": [] },
              "daysOff": [ {{Server.Tests.Calendar.StatutoryTestCalendars.DaysOffJson(2027)}}, { "date": "2027-01-04", "name": "测试休假" }, { "date": "2027-01-05", "name": "测试休假" },
                           { "date": "2027-01-06", "name": "测试休假" }, { "date": "2027-01-07", "name": "测试休假" }, { "date": "2027-01-08", "name": "测试休假" } ],
              "makeUpWorkdays": [] }
            """, "test 2027");
        using (var scope = App.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<CalendarRecorder>().RecordAsync(file, "测试", null, "tester");

        var after = await EntryAsync(id);
        after.Provisional.Should().BeFalse();
        after.CalendarVersion.Should().Contain("2027.test");
        await using var session = Store.QuerySession();
        var history = Server.Cases.CaseReader.HistoryOf(await session.Events.FetchStreamAsync(id));
        var calendar = App.Services.CreateScope().ServiceProvider.GetRequiredService<DecisionContextSource>().CalendarFor(after.AgencyCode);
        after.SortDueOn.Should().Be(StatutoryClock.Compute(history, calendar, after.ClockAsOf).DueOn).And.NotBe(before);
    }

    [Fact]
    public async Task the_worklist_pages_fifty_rows_most_urgent_first_keeps_the_filters_in_the_page_links_and_counts_all()
    {
        // 53 open applications on different days of November, one answered: the 50 most urgent on page 1, 3 on page 2.
        var start = new DateOnly(2024, 10, 1);
        var ids = new List<Guid>();
        for (var i = 0; i < 53; i++) ids.Add(await RegisterAsync(start.AddDays(i)));
        var answered = await RegisterAsync(new(2024, 12, 2));
        await StepAsync(new AnswerApplication(answered, 1, new(2024, 12, 16), [new ItemAnswer(1, ItemResult.Disclosed, null)], null,
            "七政公开〔2024〕9号", ServiceMethod.Post, new(2024, 12, 16), Clerk));
        var handler = await App.CookieClientAsync(TestAgencies.Government, StaffRole.CaseHandler);

        var first = await handler.GetStringAsync("/worklist");
        var second = await handler.GetStringAsync("/worklist?page=2");

        Rows(first).Should().HaveCount(50).And.Equal(ids.Take(50));
        Rows(second).Should().Equal(ids.Skip(50));
        first.Should().Contain("共 53 件").And.Contain("第1页，共2页").And.Contain("href=\"/worklist?page=2\"").And.Contain("下一页");
        second.Should().Contain("第2页，共2页").And.Contain("上一页");
        first.Should().NotContain(answered.ToString(), "a closed case leaves the worklist");
        Count(first, "count-overdue").Should().BeGreaterThan(0);
        Count(first, "count").Should().Be(53);
        (await handler.GetStringAsync("/worklist?page=99")).Should().Contain("第2页，共2页", "past the last page reads the last");

        var filtered = await handler.GetStringAsync("/worklist?status=InProgress&channel=Letter&page=2");
        Rows(filtered).Should().Equal(ids.Skip(50));
        filtered.Should().Contain("href=\"/worklist?status=InProgress&amp;channel=Letter\"", "the page links keep the filters");
        var home = await handler.GetStringAsync("/");
        Count(home, "count-overdue").Should().Be(Count(first, "count-overdue"));
        Count(home, "count-due-soon").Should().Be(Count(first, "count-due-soon"));
    }

    [Fact]
    public async Task parallel_registrations_all_appear_on_the_worklist()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => RegisterAsync(new DateOnly(2024, 12, 2).AddDays(i % 10))));
        await using var session = Store.QuerySession();
        var stored = await session.Query<WorklistEntry>().Select(e => e.Id).ToListAsync();
        stored.Should().BeEquivalentTo(ids);
        var handler = await App.CookieClientAsync(TestAgencies.Government, StaffRole.CaseHandler);
        (await handler.GetStringAsync("/worklist")).Should().Contain("共 24 件");
    }

    [Fact]
    public async Task applications_older_than_the_rows_are_given_theirs_on_the_first_read()
    {
        var id = await RegisterAsync(new(2024, 12, 2));
        await using (var session = Store.LightweightSession())
        {
            session.DeleteWhere<WorklistEntry>(e => e.Id == id); // as in a database from before the worklist rows
            await session.SaveChangesAsync();
        }
        WorklistReader.CheckAgainForMissingRows();
        var handler = await App.CookieClientAsync(TestAgencies.Government, StaffRole.CaseHandler);

        (await handler.GetStringAsync("/worklist")).Should().Contain(id.ToString());
        (await EntryAsync(id)).ReceivedOn.Should().Be(new DateOnly(2024, 12, 2));
    }

    [Fact]
    public async Task one_agency_is_read_through_the_urgency_index_and_gives_the_rows_a_list_of_agencies_gives()
    {
        App.Clock.SetUtcNow(new DateTimeOffset(2024, 12, 20, 10, 0, 0, TimeSpan.FromHours(8)));
        foreach (var day in new[] { 2, 3, 5, 9, 12, 13, 16, 18 }) await RegisterAsync(new(2024, 12, day));
        await using var session = Store.QuerySession();
        var agency = (await session.Query<WorklistEntry>().FirstAsync()).AgencyCode;

        // One agency: an equality PostgreSQL can match to the urgency index (with = ANY it sorts every row first).
        var single = session.Query<WorklistEntry>().Where(WorklistReader.Agencies([agency]));
        single.ToCommand().CommandText.Should().MatchRegex(@"d\.agency_code = [:$]p?\w+").And.NotContain("ANY");
        var today = new DateOnly(2024, 12, 20);
        var calendars = App.Services.CreateScope().ServiceProvider.GetRequiredService<DecisionContextSource>();
        var oneCalendar = WorklistClockFilters.For(today, [agency], calendars.CalendarFor);
        session.Query<WorklistEntry>().Where(oneCalendar.DueSoon).ToCommand().CommandText.Should().NotContain("agency_code");

        var many = session.Query<WorklistEntry>().Where(WorklistReader.Agencies([agency, "no-such-agency"]));
        var ordered = await WorklistReader.Ordered(single).Select(e => e.Id).ToListAsync();
        ordered.Should().HaveCount(8).And.Equal(await WorklistReader.Ordered(many).Select(e => e.Id).ToListAsync());
        var twoCalendars = WorklistClockFilters.For(today, [agency, "no-such-agency"], calendars.CalendarFor);
        (await single.Where(oneCalendar.DueSoon).Select(e => e.Id).ToListAsync())
            .Should().BeEquivalentTo(await many.Where(twoCalendars.DueSoon).Select(e => e.Id).ToListAsync());
    }

    private async Task<Guid> RegisterAsync(DateOnly receivedOn)
    {
        var outcome = await App.Commands.RegisterAsync(Scenarios.Registration(receivedOn));
        outcome.Refusal.Should().BeNull();
        return outcome.Result!.ApplicationId;
    }

    private async Task StepAsync(IApplicationCommand command)
    {
        var refusal = (await App.Commands.SendAsync(command)).Refusal;
        refusal.Should().BeNull(refusal?.ToString());
    }

    private async Task<WorklistEntry> EntryAsync(Guid id)
    {
        await using var session = Store.QuerySession();
        return (await session.LoadAsync<WorklistEntry>(id))!;
    }

    private static async Task<HashSet<Guid>> Ids(IQuerySession session, System.Linq.Expressions.Expression<Func<WorklistEntry, bool>> predicate, DateOnly today) =>
        [.. await session.Query<WorklistEntry>().Where(predicate).Where(e => e.ClockAsOf <= today).Select(e => e.Id).ToListAsync()];

    private static List<Guid> Rows(string html) =>
        [.. Regex.Matches(html, "<tr[^>]* data-id=\"([0-9a-f-]+)\"").Select(m => Guid.Parse(m.Groups[1].Value))];

    private static int Count(string html, string cssClass) =>
        int.Parse(Regex.Match(html, $"<a class=\"{(cssClass == "count" ? "count" : "count " + cssClass)}\"[^>]*>.*?<strong>(\\d+)</strong>", RegexOptions.Singleline).Groups[1].Value);
}
