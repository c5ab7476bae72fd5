namespace Server.Database;

/// <summary>What Linux tells about running processes through <c>/proc</c>.</summary>
public static class ProcessTable
{
    public sealed record Entry(int ProcessId, int ParentProcessId, char State, long StartTime)
    {
        /// <summary>False for zombies: they have exited and only wait to be reaped.</summary>
        public bool IsRunning => State is not ('Z' or 'X' or 'x');
    }

    public static Entry? Find(int processId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (command name, may hold spaces and parentheses) state ppid ... starttime(22nd field) ..."
        var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return new Entry(processId, int.Parse(afterName[1]), afterName[0][0], long.Parse(afterName[19]));
    }

    public static bool IsRunning(int processId) => Find(processId)?.IsRunning == true;

    public static IReadOnlyList<string> CommandLine(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Running processes one of whose command-line arguments is exactly <paramref name="argument"/>,
    /// e.g. every postmaster and watchdog of one data folder.</summary>
    public static IReadOnlyList<int> WithArgument(string argument) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, out var processId) ? processId : 0)
            .Where(processId => processId > 0 && processId != Environment.ProcessId)
            .Where(processId => CommandLine(processId).Contains(argument) && IsRunning(processId))
            .ToList();
}
