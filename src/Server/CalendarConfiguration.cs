using Workflow.Calendar;

namespace Server;

/// <summary>
/// The working-day calendar in force: the shipped official years plus an office's own files (a new year's notice
/// before the product ships it, local days off) from the folder configured as <c>Calendar:Folder</c>
/// (env <c>Calendar__Folder</c>), in the same JSON format as <c>src/Workflow/Calendar/Data</c>.
/// </summary>
public static class CalendarConfiguration
{
    public const string FolderKey = "Calendar:Folder";

    public static WorkdayCalendar Load(IConfiguration configuration) =>
        configuration[FolderKey] is { Length: > 0 } folder ? WorkdayCalendar.OfficialWithFolder(folder) : WorkdayCalendar.Official;

    /// <summary>For commands that run without the host: appsettings.json and the environment.</summary>
    public static WorkdayCalendar LoadStandalone() => Load(new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build());
}
