namespace Server.Database;

/// <summary>Where to look for the PostgreSQL server programs. The defaults are what the app uses.</summary>
public sealed record PostgresBinarySearch
{
    public const string BinDirectoryVariable = "WORKFLOW_PG_BINDIR";

    /// <summary>An explicit folder; when set, it is the only place searched. Defaults to <c>WORKFLOW_PG_BINDIR</c>.</summary>
    public string? BinDirectory { get; init; } = Environment.GetEnvironmentVariable(BinDirectoryVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Search the folders of <c>PATH</c>.</summary>
    public bool SearchPath { get; init; } = true;

    /// <summary>Ask <c>pg_config --bindir</c> (when pg_config is on <c>PATH</c>).</summary>
    public bool AskPgConfig { get; init; } = true;

    /// <summary>Folders holding one sub-folder per major version, each with a <c>bin</c> folder (Debian layout).</summary>
    public IReadOnlyList<string> VersionedInstallRoots { get; init; } = ["/usr/lib/postgresql"];
}

/// <summary>The three PostgreSQL programs a private cluster needs, all from one folder.</summary>
public sealed record PostgresBinaries(string BinDirectory)
{
    public string InitDb => Path.Combine(BinDirectory, "initdb");
    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");
    public string Postgres => Path.Combine(BinDirectory, "postgres");

    private static readonly string[] RequiredPrograms = ["initdb", "pg_ctl", "postgres"];

    /// <summary>Finds the binaries: <c>WORKFLOW_PG_BINDIR</c>, then <c>PATH</c>, then <c>pg_config --bindir</c>,
    /// then <c>/usr/lib/postgresql/*/bin</c> (highest version first).</summary>
    /// <exception cref="PostgresBinariesNotFoundException">Nothing usable was found.</exception>
    public static PostgresBinaries Locate() => Locate(new PostgresBinarySearch());

    public static PostgresBinaries Locate(PostgresBinarySearch search)
    {
        var searched = new List<string>();

        if (search.BinDirectory is { } explicitDirectory)
        {
            if (HasAllPrograms(explicitDirectory))
            {
                return new PostgresBinaries(Path.GetFullPath(explicitDirectory));
            }

            // An explicit setting that is wrong is a mistake to report, not to paper over with another install.
            throw new PostgresBinariesNotFoundException(
                [$"{PostgresBinarySearch.BinDirectoryVariable}={explicitDirectory}"],
                explicitDirectoryIsWrong: true);
        }

        if (search.SearchPath)
        {
            foreach (var directory in PathDirectories())
            {
                searched.Add(directory);
                if (HasAllPrograms(directory))
                {
                    return new PostgresBinaries(directory);
                }
            }
        }

        if (search.AskPgConfig && AskPgConfigForBinDirectory() is { } pgConfigDirectory)
        {
            searched.Add($"pg_config --bindir: {pgConfigDirectory}");
            if (HasAllPrograms(pgConfigDirectory))
            {
                return new PostgresBinaries(pgConfigDirectory);
            }
        }

        foreach (var root in search.VersionedInstallRoots)
        {
            foreach (var directory in VersionedBinDirectories(root))
            {
                searched.Add(directory);
                if (HasAllPrograms(directory))
                {
                    return new PostgresBinaries(directory);
                }
            }

            searched.Add(Path.Combine(root, "*", "bin"));
        }

        throw new PostgresBinariesNotFoundException(searched, explicitDirectoryIsWrong: false);
    }

    private static bool HasAllPrograms(string directory) =>
        RequiredPrograms.All(program => IsExecutableFile(Path.Combine(directory, program)));

    internal static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    private static IEnumerable<string> PathDirectories() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal);

    /// <summary>Finds a program on PATH, then in the given fallback folders.</summary>
    internal static string? FindProgram(string name, params string[] fallbackDirectories) =>
        PathDirectories().Concat(fallbackDirectories)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(IsExecutableFile);

    private static string? AskPgConfigForBinDirectory()
    {
        if (FindProgram("pg_config") is not { } pgConfig)
        {
            return null;
        }

        try
        {
            var result = ExternalCommand.Run(pgConfig, ["--bindir"], TimeSpan.FromSeconds(10));
            var directory = result.Output.Trim();
            return result.ExitCode == 0 && directory.Length > 0 ? directory : null;
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return null;
        }
    }

    private static IEnumerable<string> VersionedBinDirectories(string root)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.EnumerateDirectories(root)
            .Select(versionDirectory => (Directory: versionDirectory, Version: ParseVersion(Path.GetFileName(versionDirectory))))
            .Where(candidate => candidate.Version is not null)
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => Path.Combine(candidate.Directory, "bin"));
    }

    private static Version? ParseVersion(string folderName) =>
        Version.TryParse(folderName.Contains('.') ? folderName : folderName + ".0", out var version) ? version : null;
}

/// <summary>No PostgreSQL binaries were found and no connection string was configured.</summary>
public sealed class PostgresBinariesNotFoundException : Exception
{
    public PostgresBinariesNotFoundException(IReadOnlyList<string> searchedLocations, bool explicitDirectoryIsWrong)
        : base(BuildMessage(searchedLocations, explicitDirectoryIsWrong))
    {
        SearchedLocations = searchedLocations;
    }

    public IReadOnlyList<string> SearchedLocations { get; }

    private static string BuildMessage(IReadOnlyList<string> searchedLocations, bool explicitDirectoryIsWrong)
    {
        var variable = PostgresBinarySearch.BinDirectoryVariable;
        var english = explicitDirectoryIsWrong
            ? $"{variable} is set, but that folder does not hold initdb, pg_ctl and postgres."
            : "PostgreSQL was not found on this machine (initdb, pg_ctl and postgres are needed) and no database connection string is configured.";
        var chinese = explicitDirectoryIsWrong
            ? $"已设置环境变量 {variable}，但该文件夹中没有 initdb、pg_ctl 和 postgres。"
            : "未在本机找到 PostgreSQL（需要 initdb、pg_ctl 和 postgres），且未配置数据库连接字符串。";

        return $"""
            {english}
            Do one of the following:
              1. Install PostgreSQL, e.g. on Debian/Ubuntu: sudo apt-get install postgresql
                 (the app then starts its own private PostgreSQL server automatically);
              2. Set the environment variable {variable} to the folder holding initdb, pg_ctl and postgres;
              3. Use your own PostgreSQL server: set the connection string "ConnectionStrings:Workflow"
                 (configuration key, e.g. in appsettings.json) or the environment variable ConnectionStrings__Workflow,
                 e.g. ConnectionStrings__Workflow="Host=localhost;Port=5432;Database=workflow;Username=workflow;Password=..."

            {chinese}
            请任选其一：
              1. 安装 PostgreSQL，例如在 Debian/Ubuntu 上执行：sudo apt-get install postgresql
                 （之后程序会自动启动自己的私有 PostgreSQL 服务器）；
              2. 将环境变量 {variable} 设为包含 initdb、pg_ctl 和 postgres 的文件夹；
              3. 使用您自己的 PostgreSQL 服务器：设置连接字符串配置项 "ConnectionStrings:Workflow"
                 （例如在 appsettings.json 中）或环境变量 ConnectionStrings__Workflow，
                 例如 ConnectionStrings__Workflow="Host=localhost;Port=5432;Database=workflow;Username=workflow;Password=..."

            Searched / 已查找：{string.Join("; ", searchedLocations)}
            """;
    }
}
