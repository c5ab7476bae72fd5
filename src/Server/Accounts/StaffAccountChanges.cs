using Workflow.Applications;

namespace Server.Accounts;

/// <summary>What was done to a staff account.</summary>
public enum StaffAccountChangeKind
{
    Added,          // 新建用户
    RolesChanged,   // 调整角色
    Disabled,       // 停用
    Enabled,        // 启用
    PasswordReset,  // 重置密码
}

/// <summary>
/// One change to a staff account, with who made it and when: written in the same transaction as the change and never
/// updated or deleted afterwards (the accounts' own history; the application streams are not involved).
/// </summary>
public sealed record StaffAccountChange(
    Guid Id,
    string UserName,
    StaffAccountChangeKind Kind,
    DateTimeOffset At,
    string By,
    IReadOnlyList<StaffRole> RolesBefore,
    IReadOnlyList<StaffRole> RolesAfter)
{
    public static string ChineseName(StaffAccountChangeKind kind) => kind switch
    {
        StaffAccountChangeKind.Added => "新建用户",
        StaffAccountChangeKind.RolesChanged => "调整角色",
        StaffAccountChangeKind.Disabled => "停用",
        StaffAccountChangeKind.Enabled => "启用",
        StaffAccountChangeKind.PasswordReset => "重置密码",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The change in one Chinese sentence for the account's history.</summary>
    public string Describe() => Kind switch
    {
        StaffAccountChangeKind.Added => $"新建用户，角色：{StaffRoleNames.Describe(RolesAfter)}",
        StaffAccountChangeKind.RolesChanged => $"角色由“{StaffRoleNames.Describe(RolesBefore)}”调整为“{StaffRoleNames.Describe(RolesAfter)}”",
        _ => ChineseName(Kind),
    };
}

/// <summary>
/// Who may manage which staff account (the one rule the staff page, the command line and the account service use):
/// an administrator manages the users of their agency and its departments; nobody removes their own 管理员 role or
/// disables themselves, so an agency cannot lose its last way in by a slip of the hand. The command line (a person
/// with the server's shell) manages every account.
/// </summary>
public static class StaffAdministration
{
    /// <summary>The actor recorded for changes made with the <c>users</c> command.</summary>
    public const string CommandLineActor = "命令行";

    public static bool MayAdminister(ICurrentStaff staff) => staff.Roles.Contains(StaffRole.Administrator);

    public static Refusal? CanManage(ICurrentStaff? administrator, string targetAgencyCode)
    {
        if (administrator is null) return null;
        if (!MayAdminister(administrator))
            return Refusals.Rule("user.not-administrator", "只有管理员可以管理用户。", "Only administrators manage staff users.");
        if (!administrator.VisibleAgencies.Contains(targetAgencyCode))
            return Refusals.Rule("user.other-agency", "只能管理本机关及所属部门的用户。", "Administrators manage the users of their own agency and its departments only.");
        return null;
    }

    public static Refusal? CanSetRoles(ICurrentStaff? administrator, StaffUser target, IReadOnlyCollection<StaffRole> roles)
    {
        if (CanManage(administrator, target.AgencyCode) is { } refusal) return refusal;
        if (roles.Count == 0) return Refusals.Invalid("user.no-role", "请至少指定一个角色。", "A user needs at least one role.");
        if (administrator is not null && IsSelf(administrator, target) && !roles.Contains(StaffRole.Administrator))
            return Refusals.Rule("user.own-administrator-role", "不能取消自己的管理员角色，请由其他管理员办理。",
                "Administrators cannot remove their own administrator role.");
        return null;
    }

    public static Refusal? CanDisable(ICurrentStaff? administrator, StaffUser target)
    {
        if (CanManage(administrator, target.AgencyCode) is { } refusal) return refusal;
        if (administrator is not null && IsSelf(administrator, target))
            return Refusals.Rule("user.disable-self", "不能停用自己的账户。", "Administrators cannot disable their own account.");
        return null;
    }

    private static bool IsSelf(ICurrentStaff administrator, StaffUser target) =>
        string.Equals(administrator.UserName, target.UserName, StringComparison.Ordinal);
}
