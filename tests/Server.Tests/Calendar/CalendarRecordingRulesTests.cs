using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Projections.Cases;
using Server.Accounts;
using Server.Calendar;
using Server.Components.Calendar;
using Server.Tests.Api;
using Server.Tests.Staff;
using Server.Tests.Support;
using Workflow.Applications;
using Workflow.Calendar;

namespace Server.Tests.Calendar;

/// <summary>
/// Recording the working-day calendar (docs/adr/0038): who may record which calendar, what a national calendar must
/// contain, one change per sequence number, one acknowledgement per moved deadline, and a re-derivation of 待办 that
/// answers given meanwhile cannot undo. Found by exploratory testing; each test failed before its fix.
/// </summary>
public sealed class CalendarRecordingRulesTests(AppFixture app) : IntegrationContext(app)
{
    private static readonly DateTimeOffset December16 = new(2026, 12, 16, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly string Notice2027 = StatutoryTestCalendars.MadeUpNotice2027;

    private static string National2027(string version, string extraDaysOff = "") => $$"""
        { "year": 2027, "version": "{{version}}", "source": { "notice": "测试" },
          "daysOff": [ {{StatutoryTestCalendars.DaysOffJson(2027)}}{{extraDaysOff}} ], "makeUpWorkdays": [] }
        """;

    private async Task<int> ChangesAsync()
    {
        await using var session = Store.QuerySession();
        return await session.Query<CalendarChange>().CountAsync();
    }

    [Fact]
    public async Task an_administrator_records_local_days_off_only_for_agencies_they_manage_and_always_for_an_agency()
    {
        App.Clock.SetUtcNow(December16);
        var admin = await App.BearerClientAsync(TestAgencies.Government, StaffRole.Administrator);

        var other = await admin.PostRawAsync("/api/calendar/files", """
            {"year":2027,"version":"dfx-by-qxg","kind":"local","agency":"dfx","source":{"notice":"x"},"daysOff":[{"date":"2027-03-04","name":"邻县假"}],"makeUpWorkdays":[]}
            """);
        var problem = await other.ProblemAsync();
        problem.Status.Should().Be(HttpStatusCode.NotFound, problem.Body);
        problem.Code.Should().Be("calendar.agency-unknown");
        ApiKit.HasChinese(problem.Title).Should().BeTrue();

        var nobody = await admin.PostRawAsync("/api/calendar/files", """
            {"year":2027,"version":"all-by-qxg","kind":"local","source":{"notice":"x"},"daysOff":[{"date":"2027-03-04","name":"假"}],"makeUpWorkdays":[]}
            """);
        (await nobody.ProblemAsync()).Code.Should().Be("calendar.local-without-agency");

        // The page's upload goes through the same rule.
        var cookie = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Administrator);
        var token = await cookie.FormTokenAsync(CalendarRoutes.Year);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("calendar-file"), "_handler" },
        };
        var file = new StringContent("""
            {"year":2027,"version":"dfx-by-qxg","kind":"local","agency":"dfx","source":{"notice":"x"},"daysOff":[{"date":"2027-03-04","name":"邻县假"}]}
            """);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "calendarFile", "local.json");
        var uploaded = await cookie.PostAsync(CalendarRoutes.Year, form);
        uploaded.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await uploaded.Content.ReadAsStringAsync()).Should().Contain("机关代码“dfx”不存在").And.NotContain("已记录");

        (await ChangesAsync()).Should().Be(0, "a refused change records nothing");

        var own = await admin.PostRawAsync("/api/calendar/files", """
            {"year":2027,"version":"qxg-zrzy-1","kind":"local","agency":"qxg-zrzy","source":{"notice":"x"},"daysOff":[{"date":"2027-03-04","name":"本地休假"}]}
            """);
        own.StatusCode.Should().Be(HttpStatusCode.OK, "a department of the administrator's own agency: " + await own.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task a_national_file_without_its_days_off_or_its_statutory_holidays_is_refused_in_chinese()
    {
        App.Clock.SetUtcNow(December16);
        var admin = await App.BearerClientAsync(TestAgencies.Government, StaffRole.Administrator);

        foreach (var body in new[]
        {
            """{"year":2027,"version":"2027.x","source":{"notice":"x"},"daysOff":null,"makeUpWorkdays":[]}""",
            """{"year":2027,"version":"2027.x","source":{"notice":"x"},"makeUpWorkdays":[]}""",
        })
        {
            var problem = await (await admin.PostRawAsync("/api/calendar/files", body)).ProblemAsync();
            problem.Status.Should().Be(HttpStatusCode.BadRequest);
            problem.Code.Should().Be("calendar.file-invalid");
            problem.Title.Should().Contain("daysOff").And.Contain("缺少").And.NotContain("Calendar file");
            problem.Detail.Should().Contain("daysOff");
        }

        var lacking = await (await admin.PostRawAsync("/api/calendar/files",
            """{"year":2027,"version":"2027.x","source":{"notice":"x"},"daysOff":[{"date":"2027-01-01","name":"元旦"}]}""")).ProblemAsync();
        lacking.Status.Should().Be(HttpStatusCode.BadRequest);
        lacking.Code.Should().Be("calendar.statutory-holiday-missing");
        lacking.Title.Should().Contain("daysOff").And.Contain("2027-10-01（国庆节）").And.NotContain("2027-01-01");

        var bad = await (await admin.PostRawAsync("/api/calendar/files", """{"year":2027,"version":"x""")).ProblemAsync();
        bad.Status.Should().Be(HttpStatusCode.BadRequest);
        bad.Title.Should().NotContain("Calendar file").And.NotContain("request body");

        (await ChangesAsync()).Should().Be(0);
        (await admin.PostRawAsync("/api/calendar/files", National2027("2027.x"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task years_and_texts_a_client_cannot_mean_are_refused_never_a_500()
    {
        App.Clock.SetUtcNow(December16);
        var admin = await App.BearerClientAsync(TestAgencies.Government, StaffRole.Administrator);
        foreach (var year in new[] { "9999", "1900" })
        {
            var notice = Notice2027.Replace("2027年元旦", year + "年元旦");
            var problem = await (await admin.PostRawAsync("/api/calendar/notices?confirm=true", notice, "text/plain")).ProblemAsync();
            problem.Status.Should().Be(HttpStatusCode.BadRequest, problem.Body);
            problem.Title.Should().Contain("1902-2100");
        }

        var nul = await (await admin.PostRawAsync("/api/calendar/files", National2027("x\\u0000"))).ProblemAsync();
        nul.Status.Should().Be(HttpStatusCode.BadRequest, nul.Body);
        nul.Title.Should().Contain("version");
        (await ChangesAsync()).Should().Be(0);

        var cookie = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Administrator);
        foreach (var query in new[] { "?year=abc", "?year=2147483648", "?year=1900" })
        {
            var page = await cookie.GetAsync(CalendarRoutes.Year + query);
            page.StatusCode.Should().Be(HttpStatusCode.BadRequest, query);
            (await page.Content.ReadAsStringAsync()).Should().Contain("年度");
        }
        var pageNotice = await cookie.PostRazorFormAsync(CalendarRoutes.Year, "calendar-notice", new() { ["NoticeInput.Text"] = Notice2027.Replace("2027年元旦", "9999年元旦") });
        pageNotice.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await pageNotice.Content.ReadAsStringAsync()).Should().Contain("1902-2100");

        foreach (var query in new[] { "?all=abc", "?all=1" })
        {
            var moved = await cookie.GetAsync(CalendarRoutes.Moved + query);
            moved.StatusCode.Should().Be(HttpStatusCode.BadRequest, query);
            (await moved.Content.ReadAsStringAsync()).Should().Contain("参数“all”应为 true 或 false");
        }
        (await cookie.GetAsync(CalendarRoutes.Moved + "?all=")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.GetAsync("/api/calendar/moved-deadlines?all=abc")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_notice_confirmed_four_times_at_once_is_recorded_once()
    {
        App.Clock.SetUtcNow(December16);
        await Bus.InvokeAsync<RegistrationResult>(Scenarios.Registration(new DateOnly(2026, 12, 15)));
        var admin = await App.BearerClientAsync(TestAgencies.Government, StaffRole.Administrator);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => admin.PostRawAsync("/api/calendar/notices?confirm=true", Notice2027, "text/plain")));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().Be(1);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            var problem = await refused.ProblemAsync();
            problem.Status.Should().Be(HttpStatusCode.BadRequest, problem.Body);
            problem.Code.Should().Be("calendar.refused");
            problem.Title.Should().Contain("已是版本2027.1");
        }
        await using var session = Store.QuerySession();
        var change = (await session.Query<CalendarChange>().ToListAsync()).Should().ContainSingle().Subject;
        change.Sequence.Should().Be(1);
        (await session.Query<MovedDeadline>().ToListAsync()).Should().OnlyContain(m => m.ChangeId == change.Id)
            .And.ContainSingle(m => m.Deadline == DeadlineMoves.Reply);
    }

    [Fact]
    public async Task a_moved_deadline_is_acknowledged_once_by_whoever_is_first()
    {
        App.Clock.SetUtcNow(December16);
        for (var day = 10; day <= 15; day++) await Bus.InvokeAsync<RegistrationResult>(Scenarios.Registration(new DateOnly(2026, 12, day)));
        var admin = await App.BearerClientAsync(TestAgencies.Government, StaffRole.Administrator);
        (await admin.PostRawAsync("/api/calendar/notices?confirm=true", Notice2027, "text/plain")).StatusCode.Should().Be(HttpStatusCode.OK);
        var handler = await App.BearerClientAsync(TestAgencies.Government, StaffRole.CaseHandler);
        var moved = (await handler.GetFromJsonAsync<JsonElement>("/api/calendar/moved-deadlines")).EnumerateArray().Select(m => m.GetProperty("id").GetGuid()).ToList();
        moved.Count.Should().BeGreaterThan(2);

        var one = moved[0];
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => handler.PostAsync($"/api/calendar/moved-deadlines/{one}/acknowledge", null)));
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().Be(1);
        foreach (var later in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            var problem = await later.ProblemAsync();
            problem.Status.Should().Be(HttpStatusCode.Conflict, problem.Body);
            problem.Code.Should().Be("calendar.moved-deadline-acknowledged");
            ApiKit.HasChinese(problem.Title).Should().BeTrue();
        }
        var stranger = await App.BearerClientAsync(TestAgencies.OtherGovernment, StaffRole.CaseHandler);
        (await (await stranger.PostAsync($"/api/calendar/moved-deadlines/{moved[1]}/acknowledge", null)).ProblemAsync())
            .Status.Should().Be(HttpStatusCode.NotFound, "another agency's moved deadline is not there for them");

        var all = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => handler.PostAsync("/api/calendar/moved-deadlines/acknowledge", null)));
        var counts = await Task.WhenAll(all.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("acknowledged").GetInt32()));
        counts.Sum().Should().Be(moved.Count - 1, "each moved deadline is counted by the call that acknowledged it");
        await using var session = Store.QuerySession();
        (await session.Query<MovedDeadline>().ToListAsync()).Should().OnlyContain(m => m.AcknowledgedAt != null && m.AcknowledgedBy != null);
    }

    [Fact]
    public async Task a_re_derivation_racing_answers_leaves_every_row_as_the_current_streams_derive_it()
    {
        App.Clock.SetUtcNow(December16);
        var ids = (await Task.WhenAll(Enumerable.Range(0, 240).Select(i =>
            Bus.InvokeAsync<RegistrationResult>(Scenarios.Registration(new DateOnly(2026, 12, 1).AddDays(i % 15)))))).Select(r => r.ApplicationId).ToList();

        using var scope = App.Services.CreateScope();
        var recording = scope.ServiceProvider.GetRequiredService<CalendarRecorder>().RecordAsync(
            CalendarFile.Parse(National2027("2027.race", """, { "date": "2027-01-04", "name": "测试休假" }, { "date": "2027-01-05", "name": "测试休假" }"""), "race"),
            "测试", null, "tester");
        // Six clerks answer two cases in three while the change is recorded (the demo's finding: six threads, 200 cases).
        var queue = new System.Collections.Concurrent.ConcurrentQueue<Guid>(ids.Where((_, i) => i % 3 != 0));
        var answered = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        var number = 0;
        var clerks = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            while (!recording.IsCompleted && queue.TryDequeue(out var id))
            {
                await Bus.StepAsync(new AnswerApplication(id, 1, new(2026, 12, 16), [new ItemAnswer(1, ItemResult.Disclosed, null)], null,
                    $"七政公开〔2026〕{Interlocked.Increment(ref number)}号", ServiceMethod.Post, new(2026, 12, 16), Scenarios.Clerk));
                answered.Add(id);
            }
        }));
        await Task.WhenAll([.. clerks, recording]);
        answered.Should().NotBeEmpty("the answers ran while the change was recorded");

        var calendars = App.Services.GetRequiredService<CalendarInForce>();
        await using var session = Store.LightweightSession();
        var rows = (await session.Query<WorklistEntry>().ToListAsync()).ToDictionary(r => r.Id);
        rows.Keys.Should().BeEquivalentTo(ids.Except(answered), "an answered case leaves the worklist, whatever the calendar did meanwhile");
        foreach (var id in ids.Except(answered))
        {
            var expected = await WorklistProjection.DeriveAsync(session, await session.Events.FetchStreamAsync(id), calendars.For, CancellationToken.None);
            var row = rows[id];
            row.StreamVersion.Should().Be(expected!.StreamVersion);
            row.Status.Should().Be(expected.Status);
            row.DueOn.Should().Be(expected.DueOn);
            row.CalendarVersion.Should().Be(expected.CalendarVersion);
        }
        rows.Values.Should().Contain(r => r.CalendarVersion.Contains("2027.race"), "the open cases counting into 2027 count with the new calendar");
    }
}
