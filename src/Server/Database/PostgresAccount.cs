using System.Runtime.InteropServices;

namespace Server.Database;

/// <summary>
/// The operating-system account the private PostgreSQL runs under. PostgreSQL refuses to run as root, so
/// when this process is root, initdb, pg_ctl and postgres run as the <c>postgres</c> system user
/// (<c>runuser -u postgres -- ...</c>) and the data folder is handed to that user. Otherwise they run as
/// the current user.
/// </summary>
internal static class PostgresAccount
{
    public const string SystemUser = "postgres";

    public static bool ProcessIsRoot { get; } = !OperatingSystem.IsWindows() && geteuid() == 0;

    [DllImport("libc", SetLastError = false)]
    private static extern uint geteuid();

    /// <summary>The program and arguments that run <paramref name="program"/> under the account.</summary>
    public static (string Program, IReadOnlyList<string> Arguments) Command(string program, IReadOnlyList<string> arguments)
    {
        if (!ProcessIsRoot)
        {
            return (program, arguments);
        }

        var runuser = PostgresBinaries.FindProgram("runuser", "/usr/sbin", "/sbin", "/usr/bin", "/bin")
            ?? throw new PrivatePostgresException(
                "This process runs as root, and PostgreSQL must then run as the 'postgres' user, but 'runuser' (util-linux) was not found.",
                "本进程以 root 身份运行，此时 PostgreSQL 必须以 postgres 用户运行，但未找到 runuser（util-linux）。");
        return (runuser, ["-u", SystemUser, "--", program, .. arguments]);
    }

    public static Task<ExternalCommand.Result> RunAsync(
        string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var command = Command(program, arguments);
        return ExternalCommand.RunAsync(command.Program, command.Arguments, timeout, cancellationToken);
    }

    /// <summary>Gives the data folder to the postgres user (root only) and checks that user can reach it.</summary>
    public static async Task PrepareDataDirectoryAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        if (!ProcessIsRoot)
        {
            return;
        }

        var chown = await ExternalCommand.RunAsync(
            "chown", ["-R", $"{SystemUser}:{SystemUser}", dataDirectory], TimeSpan.FromSeconds(60), cancellationToken);
        if (!chown.Succeeded)
        {
            throw new PrivatePostgresException(
                $"Could not give the data folder {dataDirectory} to the '{SystemUser}' user: {chown.Output.Trim()}",
                $"无法将数据文件夹 {dataDirectory} 的所有者改为 {SystemUser} 用户：{chown.Output.Trim()}");
        }

        // Every parent folder must be searchable by postgres. Folders under /root are not; we do not loosen
        // the permissions of folders we did not create, we say so instead.
        var reach = await RunAsync("test", ["-w", dataDirectory, "-a", "-x", dataDirectory], TimeSpan.FromSeconds(10), cancellationToken);
        if (!reach.Succeeded)
        {
            throw new PrivatePostgresException(
                $"The '{SystemUser}' user cannot reach the data folder {dataDirectory}: a parent folder is not searchable by other users "
                + "(for example /root). Choose a data folder elsewhere (configuration key 'Database:DataDirectory'), or allow "
                + "traversal of the parent folders (chmod o+x), or use your own server (ConnectionStrings:Workflow).",
                $"{SystemUser} 用户无法访问数据文件夹 {dataDirectory}：某个上级文件夹不允许其他用户进入（例如 /root）。"
                + "请改用其他位置的数据文件夹（配置项 Database:DataDirectory），或允许进入上级文件夹（chmod o+x），"
                + "或使用您自己的数据库服务器（ConnectionStrings:Workflow）。");
        }
    }
}
