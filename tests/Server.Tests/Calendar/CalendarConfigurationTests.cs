using Microsoft.Extensions.Configuration;
using Workflow.Calendar;

namespace Server.Tests.Calendar;

public sealed class CalendarConfigurationTests
{
    [Fact]
    public void an_office_adds_a_year_and_a_local_day_off_from_its_calendar_folder_without_a_code_change()
    {
        var folder = Directory.CreateTempSubdirectory("calendar-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "2027.json"), """
                { "year": 2027, "version": "2027.0-local", "source": { "notice": "本地预置（待国务院通知发布后替换）", "urls": [] },
                  "daysOff": [ { "date": "2027-01-01", "name": "元旦" } ], "makeUpWorkdays": [] }
                """);
            File.WriteAllText(Path.Combine(folder, "2024-local.json"), """
                { "year": 2024, "version": "2024.local", "source": { "notice": "本地放假安排", "urls": [] },
                  "daysOff": [ { "date": "2024-07-15", "name": "本地休假" } ], "makeUpWorkdays": [] }
                """);
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [CalendarConfiguration.FolderKey] = folder })
                .Build();

            var calendar = CalendarConfiguration.Load(configuration);

            calendar.Covers(2027).Should().BeTrue();
            calendar.IsWorkingDay(new DateOnly(2027, 1, 1)).Should().BeFalse();
            calendar.IsWorkingDay(new DateOnly(2024, 7, 15)).Should().BeFalse("the office's local day off applies");
            WorkdayCalendar.Official.IsWorkingDay(new DateOnly(2024, 7, 15)).Should().BeTrue("the shipped calendar is unchanged");
            calendar.Version.Should().Contain("2027.0-local");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void without_a_folder_the_shipped_calendar_is_used() =>
        CalendarConfiguration.Load(new ConfigurationBuilder().Build()).Should().BeSameAs(WorkdayCalendar.Official);
}
