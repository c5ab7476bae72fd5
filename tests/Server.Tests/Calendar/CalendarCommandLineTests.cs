using Marten;
using Server.Tests.CommandLine;
using Server.Tests.Support;
using Workflow.Calendar;

namespace Server.Tests.Calendar;

/// <summary>
/// The calendar on the command line, run as a user runs it, against the test database: <c>clock</c> across a year with
/// no notice (issue 11, done-when), <c>calendar import-notice</c>, <c>calendar import</c>, <c>calendar show</c>.
/// </summary>
public sealed class CalendarCommandLineTests(AppFixture app) : IntegrationContext(app)
{
    private Dictionary<string, string?> Database => new() { ["ConnectionStrings__Workflow"] = App.ConnectionString };

    private static string NoticeFile(string name) =>
        Path.Combine(CommandLineProcess.RepositoryRoot, "src", "Workflow", "Calendar", "Notices", name);

    [Fact]
    public async Task clock_across_into_2027_prints_a_provisional_due_date_and_exits_0()
    {
        var outcome = await CommandLineProcess.RunAsync(CommandLineProcess.NewWorkingDirectory(), Database, "clock", "--received", "2026-12-07");

        outcome.ExitCode.Should().Be(0, outcome.All);
        outcome.Output.Should().Contain("届满日期：2027-01-05（星期二）（预计）");
        outcome.Output.Should().Contain("2027年国务院节假日安排尚未导入");

        var show = await CommandLineProcess.RunAsync(CommandLineProcess.NewWorkingDirectory(), Database, "calendar", "show", "--year", "2027");
        show.ExitCode.Should().Be(0, show.All);
        show.Output.Should().Contain("2027年工作日历，版本 2027.预计（预计）").And.Contain("休");
    }

    [Fact]
    public async Task import_notice_of_2026_records_exactly_the_shipped_days_and_show_prints_the_history()
    {
        var folder = CommandLineProcess.NewWorkingDirectory();
        var outcome = await CommandLineProcess.RunAsync(folder, Database, "calendar", "import-notice", NoticeFile("2026.txt"), "--yes", "--by", "admin.li");

        outcome.ExitCode.Should().Be(0, outcome.All);
        outcome.Output.Should().Contain("2月").And.Contain("休").And.Contain("班");
        outcome.Output.Should().Contain("现行版本 2026.1 → 新版本 2026.2；变动的日期 0 天");
        await using (var session = Store.QuerySession())
        {
            var change = (await session.Query<CalendarChange>().ToListAsync()).Single();
            change.RecordedBy.Should().Be("admin.li");
            change.Days.Should().BeEmpty("the notice gives exactly the shipped 2026 file");
            var shipped = CalendarFile.LoadShipped().Single(f => f.Year == 2026);
            change.File().DaysOff.Should().Equal(shipped.DaysOff);
            change.File().MakeUpWorkdays.Should().Equal(shipped.MakeUpWorkdays);
            change.NoticeText.Should().Contain("国务院办公厅");
        }

        var show = await CommandLineProcess.RunAsync(folder, Database, "calendar", "show", "--year", "2026");
        show.ExitCode.Should().Be(0, show.All);
        show.Output.Should().Contain("2026年工作日历，版本 2026.2").And.Contain("admin.li").And.Contain("2026.1 → 2026.2");
    }

    [Fact]
    public async Task without_yes_nothing_is_recorded_and_a_bad_file_is_a_clear_error()
    {
        var folder = CommandLineProcess.NewWorkingDirectory();
        var asked = await CommandLineProcess.RunAsync(folder, Database, "calendar", "import-notice", NoticeFile("2025.txt"));
        asked.ExitCode.Should().Be(0, asked.All);
        asked.Output.Should().Contain("确认记录？").And.Contain("未记录");

        File.WriteAllText(Path.Combine(folder, "not-a-notice.txt"), "关于做好值班工作的通知");
        var bad = await CommandLineProcess.RunAsync(folder, Database, "calendar", "import-notice", "not-a-notice.txt", "--yes");
        bad.ExitCode.Should().NotBe(0);
        bad.Errors.Should().Contain("不是国务院办公厅节假日安排通知");

        File.WriteAllText(Path.Combine(folder, "2027.json"), $$"""
            { "year": 2027, "version": "2027.local-test", "source": { "notice": "测试" },
              "daysOff": [ { "date": "2027-03-01", "name": "测试" }, {{StatutoryTestCalendars.DaysOffJson(2027)}} ] }
            """);
        var json = await CommandLineProcess.RunAsync(folder, Database, "calendar", "import", "2027.json", "--yes");
        json.ExitCode.Should().Be(0, json.All);
        json.Output.Should().Contain("2027.预计 → 新版本 2027.local-test");

        await using var session = Store.QuerySession();
        (await session.Query<CalendarChange>().CountAsync()).Should().Be(1, "only the confirmed JSON file was recorded");
    }
}
