using Workflow.Calendar;

namespace Workflow.Tests.Calendar;

public sealed class CalendarFileTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "calendar-tests-" + Guid.NewGuid().ToString("N"));

    public CalendarFileTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private void Write(string name, string json) => File.WriteAllText(Path.Combine(folder, name), json);

    [Fact]
    public void An_office_adds_a_year_from_a_folder_without_a_code_change()
    {
        // A made-up 2027 arrangement: 元旦 Fri 01-01 with the weekend, a make-up Sunday 01-10.
        Write("2027.json", """
            {
              "year": 2027,
              "version": "2027.test",
              "source": { "notice": "测试用", "urls": [] },
              // comments are allowed in office files
              "daysOff": [ { "date": "2027-01-01", "name": "元旦" } ],
              "makeUpWorkdays": [ { "date": "2027-01-10", "name": "元旦调休上班" } ]
            }
            """);

        var calendar = WorkdayCalendar.OfficialWithFolder(folder);

        calendar.Years.Should().EndWith(2027);
        calendar.Version.Should().EndWith("+2026.1+2027.test");
        calendar.IsWorkingDay(D("2027-01-01")).Should().BeFalse();
        calendar.IsWorkingDay(D("2027-01-10")).Should().BeTrue();
        calendar.AddWorkingDays(D("2026-12-31"), 1).Should().Be(D("2027-01-04"));
        WorkdayCalendar.Official.Covers(2027).Should().BeFalse("the shipped calendar is immutable");
    }

    [Fact]
    public void A_local_day_off_is_merged_into_an_official_year()
    {
        Write("local-2024.json", """
            { "year": 2024, "version": "2024.local-1", "source": { "notice": "某市人民政府通知" },
              "daysOff": [ { "date": "2024-03-15", "name": "本地放假" }, { "date": "2024-02-04", "name": "本地放假" } ] }
            """);

        var calendar = WorkdayCalendar.OfficialWithFolder(folder);

        calendar.IsWorkingDay(D("2024-03-15")).Should().BeFalse();
        calendar.NameOf(D("2024-03-15")).Should().Be("本地放假");
        calendar.IsWorkingDay(D("2024-02-04")).Should().BeFalse("a local day off wins over an official make-up day");
        calendar.IsWorkingDay(D("2024-02-18")).Should().BeTrue("the other official data is kept");
        calendar.Version.Should().Contain("2024.1+2024.local-1");
        WorkdayCalendar.Official.IsWorkingDay(D("2024-03-15")).Should().BeTrue();
    }

    [Fact]
    public void Loading_a_2018_file_activates_the_2018_entries_of_the_2019_notice()
    {
        var file2018 = CalendarFile.Parse("""{ "year": 2018, "version": "2018.partial", "daysOff": [] }""", "2018");

        var calendar = WorkdayCalendar.Official.With([file2018]);

        calendar.IsWorkingDay(D("2018-12-29")).Should().BeTrue("Saturday 2018-12-29 was worked (2019 notice)");
        calendar.IsWorkingDay(D("2018-12-31")).Should().BeFalse("Monday 2018-12-31 was off (2019 notice)");
        calendar.AddWorkingDays(D("2018-12-28"), 1).Should().Be(D("2018-12-29"));
        calendar.AddWorkingDays(D("2018-12-29"), 1).Should().Be(D("2019-01-02"));
    }

    [Theory]
    [InlineData("""{ "version": "1", "daysOff": [] }""", "year")]
    [InlineData("""{ "year": 2027, "daysOff": [] }""", "version")]
    [InlineData("""{ "year": 2027, "version": "1", "daysOff": [], "makeUpWorkdays": [ { "date": "2027-01-06" } ] }""", "not a Saturday or Sunday")]
    [InlineData("""{ "year": 2027, "version": "1", "daysOff": [ { "date": "2027-05-01" }, { "date": "2027-05-01" } ] }""", "twice")]
    [InlineData("""{ "year": 2027, "version": "1", "daysOff": [ { "date": "2028-02-01" } ] }""", "outside year 2027")]
    [InlineData("""{ "year": 2027, "version": "1", "daysOff": [ { "date": "2027-01-09" } ], "makeUpWorkdays": [ { "date": "2027-01-09" } ] }""", "both")]
    [InlineData("""{ "year": 2027, "version": "1", "daysOff": [ { "date": "27/01/2027" } ] }""", "not a valid calendar file")]
    public void Invalid_files_are_rejected_when_loaded(string json, string problem)
    {
        var act = () => CalendarFile.Parse(json, "office.json");

        act.Should().Throw<CalendarDataException>().WithMessage($"*office.json*{problem}*");
    }
}
