using System.Net;
using System.Net.Http.Headers;
using Marten;
using Server.Accounts;
using Server.Components.Calendar;
using Server.Tests.Staff;
using Server.Tests.Support;
using Workflow.Applications;
using Workflow.Calendar;

namespace Server.Tests.Calendar;

/// <summary>
/// The calendar pages (Razor components) through a cookie client: an administrator pastes a notice, sees the month grid
/// beside the text, confirms, and it is recorded; a JSON file uploads too; staff see the moved deadlines on a banner of
/// the worklist and on their page until they acknowledge them.
/// </summary>
public sealed class CalendarPagesOverHttp(AppFixture app) : IntegrationContext(app)
{
    private static readonly DateTimeOffset December15 = new(2026, 12, 15, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly string Notice2027 = StatutoryTestCalendars.Complete("""
        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        经国务院批准，现将2027年元旦放假调休日期的具体安排通知如下。
        一、元旦：1月1日（周五）至5日（周二）放假调休，共5天。1月9日（周六）上班。
        国务院办公厅
        2026年12月16日
        """, 2027);

    [Fact]
    public async Task an_administrator_previews_a_notice_beside_its_grid_confirms_it_and_staff_acknowledge_the_moved_deadline()
    {
        App.Clock.SetUtcNow(December15);
        await Bus.InvokeAsync<RegistrationResult>(Scenarios.Registration(new DateOnly(2026, 12, 15)));
        var admin = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Administrator);

        var year = await admin.GetStringAsync(CalendarRoutes.YearOf(2027));
        year.Should().Contain("版本 2027.预计").And.Contain("2027年国务院节假日安排尚未导入").And.Contain("month-grid");

        var preview = await admin.PostRazorFormAsync(CalendarRoutes.Year, "calendar-notice", new() { ["NoticeInput.Text"] = Notice2027 });
        var previewHtml = await preview.Content.ReadAsStringAsync();
        preview.StatusCode.Should().Be(HttpStatusCode.OK, previewHtml);
        previewHtml.Should().Contain("预览：2027 年，版本 2027.预计 → 2027.1").And.Contain("notice-text").And.Contain("month-grid")
            .And.Contain("2027-01-04：工作日 → 放假（元旦）").And.Contain("2027-01-09：周末 → 调休上班（元旦调休上班）");
        await using (var session = Store.QuerySession())
            (await session.Query<CalendarChange>().CountAsync()).Should().Be(0, "a preview records nothing");

        var confirm = await admin.PostRazorFormAsync(CalendarRoutes.Year, "calendar-confirm", new() { ["ConfirmInput.Text"] = Notice2027 });
        var confirmHtml = await confirm.Content.ReadAsStringAsync();
        confirm.StatusCode.Should().Be(HttpStatusCode.OK, System.Text.RegularExpressions.Regex.Match(confirmHtml, "notice-error.{0,300}").Value + confirmHtml[..Math.Min(600, confirmHtml.Length)]);
        confirmHtml.Should().Contain("已记录 2027 年工作日历版本 2027.1（原版本 2027.预计）").And.Contain("期限变动的在办申请 1 项");

        var handler = await App.CookieClientAsync(TestAgencies.Government, StaffRole.CaseHandler);
        (await handler.GetStringAsync("/worklist")).Should().Contain("moved-deadlines-banner").And.Contain("1 件在办申请的期限随之改变");
        var movedPage = await handler.GetStringAsync(CalendarRoutes.Moved);
        movedPage.Should().Contain("答复期限").And.Contain("2027-01-13").And.Contain("2027-01-14");

        var all = await handler.PostRazorFormAsync(CalendarRoutes.Moved, "acknowledge-all", []);
        all.StatusCode.Should().Be(HttpStatusCode.OK, await all.Content.ReadAsStringAsync());
        (await all.Content.ReadAsStringAsync()).Should().Contain("已确认 1 项");
        (await handler.GetStringAsync("/worklist")).Should().NotContain("moved-deadlines-banner");
    }

    [Fact]
    public async Task a_json_file_uploads_a_local_day_off_for_an_agency_and_a_handler_may_not_record()
    {
        App.Clock.SetUtcNow(December15);
        var admin = await App.CookieClientAsync(TestAgencies.Government, StaffRole.Administrator);
        var token = await admin.FormTokenAsync(CalendarRoutes.Year);
        var json = """
            { "year": 2027, "version": "2027.local-1", "kind": "local", "agency": "qxg", "source": { "notice": "七星关区人民政府通知" },
              "daysOff": [ { "date": "2027-03-15", "name": "本地休假" } ] }
            """;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("calendar-file"), "_handler" },
        };
        var file = new StringContent(json);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "calendarFile", "local.json");
        var uploaded = await admin.PostAsync(CalendarRoutes.Year, form);
        var html = await uploaded.Content.ReadAsStringAsync();
        uploaded.StatusCode.Should().Be(HttpStatusCode.OK, html);
        html.Should().Contain("已记录 2027 年工作日历版本 2027.local-1");

        await using var session = Store.QuerySession();
        var change = (await session.Query<CalendarChange>().ToListAsync()).Single();
        change.Kind.Should().Be("local");
        change.AgencyCode.Should().Be(TestAgencies.Government);
        var book = new CalendarBook(WorkdayCalendar.Official, [change]);
        book.Current.IsWorkingDay(new DateOnly(2027, 3, 15)).Should().BeTrue("a local day off holds only for its agency");
        book.ForAgency([TestAgencies.Department, TestAgencies.Government]).IsWorkingDay(new DateOnly(2027, 3, 15))
            .Should().BeFalse("and for its departments");

        var handler = await App.CookieClientAsync(TestAgencies.Government, StaffRole.CaseHandler);
        (await handler.GetStringAsync(CalendarRoutes.Year)).Should().NotContain("导入国务院放假通知");
        var refused = await handler.PostRazorFormAsync(CalendarRoutes.Year, "calendar-confirm", new() { ["ConfirmInput.Text"] = Notice2027 });
        (await refused.Content.ReadAsStringAsync()).Should().NotContain("已记录");
        (await session.Query<CalendarChange>().CountAsync()).Should().Be(1);
    }
}
