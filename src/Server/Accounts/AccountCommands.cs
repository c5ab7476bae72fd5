using JasperFx;
using JasperFx.CommandLine;
using Workflow.Applications;

namespace Server.Accounts;

public sealed class AgenciesInput : Server.Commands.HostedCommandInput
{
    [Description("add | list")]
    public string Action { get; set; } = "list";

    [Description("Agency code: lower-case letters, digits, '-', '.' (e.g. qxg)")]
    public string? CodeFlag { get; set; }

    [Description("Full name for display (e.g. 毕节市七星关区人民政府)")]
    public string? NameFlag { get; set; }

    [Description("Code of the parent agency (a department's government)")]
    public string? ParentFlag { get; set; }

    [Description("Registration-number prefix (e.g. 七星府公开); default: the name followed by 公开")]
    [FlagAlias("prefix", 'r')]
    public string? PrefixFlag { get; set; }
}

[Description("Manage agencies: agencies add --code <c> --name <n> (--parent <code>) (--prefix <p>); agencies list", Name = "agencies")]
public sealed class AgenciesCommand : JasperFxAsyncCommand<AgenciesInput>
{
    public AgenciesCommand()
    {
        Usage("List the agencies").Arguments(x => x.Action);
    }

    public override async Task<bool> Execute(AgenciesInput input)
    {
        using var host = input.BuildHost();
        var directory = host.Services.GetRequiredService<AgencyDirectory>();
        switch (input.Action.Trim().ToLowerInvariant())
        {
            case "add":
                if (string.IsNullOrWhiteSpace(input.CodeFlag) || string.IsNullOrWhiteSpace(input.NameFlag))
                    return Fail(Refusals.Required("--code 和 --name", "--code and --name"));
                var (agency, refusal) = await directory.AddAsync(input.CodeFlag, input.NameFlag, input.ParentFlag, input.PrefixFlag);
                if (refusal is not null) return Fail(refusal);
                Console.WriteLine($"已添加机关 {agency!.Code}（{agency.Name}），登记号前缀“{agency.RegistrationPrefix}”。");
                return true;
            case "list":
                var agencies = await directory.ListAsync();
                foreach (var line in AccountListings.Agencies(agencies)) Console.WriteLine(line);
                return true;
            default:
                return Fail(Refusals.Invalid("cli.unknown-action", $"未知操作“{input.Action}”：可用 add、list。", $"Unknown action '{input.Action}': use add or list."));
        }
    }

    internal static bool Fail(Refusal refusal)
    {
        Console.Error.WriteLine($"{refusal.Chinese} ({refusal.Code}: {refusal.English})");
        return false;
    }
}

public sealed class UsersInput : Server.Commands.HostedCommandInput
{
    [Description("add | list | grant | revoke | disable | enable | reset-password | history")]
    public string Action { get; set; } = "list";

    [Description("Login name (lower-case letters, digits, '.', '-', '_')")]
    public string? NameFlag { get; set; }

    [Description("Display name, e.g. 王芳")]
    public string? DisplayFlag { get; set; }

    [Description("Code of the user's agency")]
    public string? AgencyFlag { get; set; }

    [Description("Role, repeatable or comma-separated: 登记员 承办人 审核人 法律顾问 管理员 (or Registrar, CaseHandler, Approver, LegalCounsel, Administrator)")]
    public IEnumerable<string> RoleFlag { get; set; } = [];
}

/// <summary>
/// Staff users. The password is never a command-line argument (it would stay in shell history and process lists):
/// it is read from the environment variable <see cref="PasswordVariable"/> if set, otherwise from standard input
/// (one line when piped, or typed twice without echo at a terminal).
/// </summary>
[Description("Manage staff users: users add --agency <code> --role 管理员 (--role 登记员 ...) --name <login> (--display <name>); users list; users grant|revoke --name <login> --role <role>; users disable|enable|reset-password|history --name <login>. Passwords come from the environment variable WORKFLOW_STAFF_PASSWORD or standard input, never from an argument.", Name = "users")]
public sealed class UsersCommand : JasperFxAsyncCommand<UsersInput>
{
    public const string PasswordVariable = "WORKFLOW_STAFF_PASSWORD";

    public UsersCommand()
    {
        Usage("Manage staff users").Arguments(x => x.Action);
    }

    public override async Task<bool> Execute(UsersInput input)
    {
        using var host = input.BuildHost();
        var accounts = host.Services.GetRequiredService<StaffAccounts>();
        var action = input.Action.Trim().ToLowerInvariant();
        if (action == "list")
        {
            var names = await host.Services.GetRequiredService<AgencyDirectory>().NamesAsync();
            foreach (var line in AccountListings.Users(await accounts.ListAsync(), names)) Console.WriteLine(line);
            return true;
        }

        if (string.IsNullOrWhiteSpace(input.NameFlag)) return AgenciesCommand.Fail(Refusals.Required("--name（用户名）", "--name"));
        switch (action)
        {
            case "add":
            {
                if (string.IsNullOrWhiteSpace(input.AgencyFlag)) return AgenciesCommand.Fail(Refusals.Required("--agency（所属机关）", "--agency"));
                var roles = ParseRoles(input.RoleFlag, out var unknown);
                if (unknown is not null)
                    return AgenciesCommand.Fail(StaffRoleNames.Unknown(unknown));
                var password = ReadPassword();
                var (user, refusal) = await accounts.AddAsync(input.NameFlag, input.DisplayFlag, input.AgencyFlag, roles, password);
                if (refusal is not null) return AgenciesCommand.Fail(refusal);
                Console.WriteLine($"已添加用户 {user!.UserName}（{user.DisplayName}），机关 {user.AgencyCode}，角色 {StaffRoleNames.Describe(user.Roles)}。");
                return true;
            }
            case "grant" or "revoke":
            {
                var roles = ParseRoles(input.RoleFlag, out var unknown);
                if (unknown is not null)
                    return AgenciesCommand.Fail(StaffRoleNames.Unknown(unknown));
                if (roles.Count == 0) return AgenciesCommand.Fail(Refusals.Required("--role（角色）", "--role"));
                // Applied to the roles as they are when written, so a grant and a change made meanwhile both stay.
                var (after, refusal) = action == "grant"
                    ? await accounts.GrantAsync(input.NameFlag, roles)
                    : await accounts.RevokeAsync(input.NameFlag, roles);
                return Report(refusal, $"用户 {StaffAccounts.NormalizeUserName(input.NameFlag)} 的角色现为：{StaffRoleNames.Describe(after)}。");
            }
            case "history":
                foreach (var change in await accounts.HistoryAsync(input.NameFlag))
                    Console.WriteLine($"{change.At.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}\t{change.By}\t{change.Describe()}");
                return true;
            case "disable":
                return Report(await accounts.DisableAsync(input.NameFlag), $"已停用用户 {input.NameFlag}，其登录会话全部失效。");
            case "enable":
                return Report(await accounts.EnableAsync(input.NameFlag), $"已启用用户 {input.NameFlag}。");
            case "reset-password":
                return Report(await accounts.ResetPasswordAsync(input.NameFlag, ReadPassword()), $"已重置用户 {input.NameFlag} 的密码并解除锁定，其原有登录会话全部失效。");
            default:
                return AgenciesCommand.Fail(Refusals.Invalid("cli.unknown-action",
                    $"未知操作“{input.Action}”：可用 add、list、grant、revoke、disable、enable、reset-password、history。", $"Unknown action '{input.Action}'."));
        }
    }

    /// <summary>
    /// The command-line parser keeps only the last of repeated flags; <c>--role 管理员 --role 登记员</c> must mean both,
    /// so repeated <c>--role</c> values are joined into one enumerable flag before parsing.
    /// </summary>
    public static string[] JoinRepeatedRoleFlags(string[] args)
    {
        if (args.Count(a => a is "--role" or "-r") < 2) return args;
        var others = new List<string>();
        var roles = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--role" or "-r")
            {
                while (i + 1 < args.Length && !args[i + 1].StartsWith('-')) roles.Add(args[++i]);
            }
            else others.Add(args[i]);
        }
        return [.. others, "--role", .. roles];
    }

    public static IReadOnlyList<StaffRole> ParseRoles(IEnumerable<string> values, out string? unknown)
    {
        unknown = null;
        var roles = new List<StaffRole>();
        foreach (var value in values.SelectMany(v => v.Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!StaffRoleNames.TryParse(value, out var role))
            {
                unknown = value;
                return [];
            }
            roles.Add(role);
        }
        return roles;
    }

    private static bool Report(Refusal? refusal, string done)
    {
        if (refusal is not null) return AgenciesCommand.Fail(refusal);
        Console.WriteLine(done);
        return true;
    }

    private static string ReadPassword()
    {
        if (Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } fromEnvironment) return fromEnvironment;
        if (Console.IsInputRedirected) return Console.In.ReadLine() ?? "";
        var first = Prompt("请输入密码：");
        var second = Prompt("请再次输入密码：");
        if (first != second) throw new InvalidOperationException("两次输入的密码不一致。(The two passwords differ.)");
        return first;
    }

    private static string Prompt(string label)
    {
        Console.Write(label);
        var text = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; continue; }
            if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.WriteLine();
        return text.ToString();
    }
}

/// <summary>The text listings the command line prints.</summary>
public static class AccountListings
{
    public static IEnumerable<string> Agencies(IReadOnlyList<Agency> agencies)
    {
        var byParent = agencies.ToLookup(a => a.ParentCode ?? "");
        var codes = agencies.Select(a => a.Code).ToHashSet();
        var roots = agencies.Where(a => a.ParentCode is null || !codes.Contains(a.ParentCode));
        foreach (var root in roots)
            foreach (var line in Walk(root, 0)) yield return line;

        IEnumerable<string> Walk(Agency agency, int depth)
        {
            yield return $"{new string(' ', depth * 2)}{agency.Code}\t{agency.Name}\t登记号前缀：{agency.RegistrationPrefix}";
            foreach (var child in byParent[agency.Code])
                foreach (var line in Walk(child, depth + 1)) yield return line;
        }
    }

    public static IEnumerable<string> Users(IReadOnlyList<StaffUser> users, IReadOnlyDictionary<string, string> agencyNames) =>
        users.Select(u => string.Join('\t', u.UserName, u.DisplayName, $"{u.AgencyCode}（{agencyNames.GetValueOrDefault(u.AgencyCode, "?")}）",
            StaffRoleNames.Describe(u.Roles), Components.Staff.StaffUserStatus.Describe(u)));
}
