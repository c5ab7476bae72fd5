using Workflow.Applications;

namespace Server.Accounts;

/// <summary>The roles of a disclosure office (issue: accounts). A user may hold several.</summary>
public enum StaffRole
{
    Registrar,     // 登记员: registers applications
    CaseHandler,   // 承办人: 补正, consultations, fees, draft answers
    Approver,      // 审核人 / 负责人: approves extensions, issues answers
    LegalCounsel,  // 法律顾问: reads histories, findings, exports; cannot act
    Administrator, // 管理员: users, agencies, calendar
}

/// <summary>The Chinese names of the roles, as staff and administrators write them.</summary>
public static class StaffRoleNames
{
    private static readonly IReadOnlyDictionary<StaffRole, string> Chinese = new Dictionary<StaffRole, string>
    {
        [StaffRole.Registrar] = "登记员",
        [StaffRole.CaseHandler] = "承办人",
        [StaffRole.Approver] = "审核人",
        [StaffRole.LegalCounsel] = "法律顾问",
        [StaffRole.Administrator] = "管理员",
    };

    public static string ChineseName(this StaffRole role) => Chinese[role];

    /// <summary>
    /// The role a form posts: exactly the English name of a defined role (<c>Registrar</c>…), as the form renders it;
    /// never a number or another spelling.
    /// </summary>
    public static bool TryParseFormValue(string? value, out StaffRole role)
    {
        role = default;
        foreach (var candidate in Enum.GetValues<StaffRole>())
        {
            if (string.Equals(candidate.ToString(), value, StringComparison.Ordinal)) { role = candidate; return true; }
        }
        return false;
    }

    /// <summary>A role that is none of the defined ones, as the command line and the staff forms refuse it.</summary>
    public static Refusal Unknown(string? role)
    {
        // The value is echoed only when it is short, printable text (a forged form may post anything).
        var shown = role is { Length: > 0 and <= 20 } && StrictJson.TextProblem(role) is null ? $"“{role}”" : "";
        return Refusals.Invalid("user.role-unknown", $"未知角色{shown}：可用 登记员、承办人、审核人、法律顾问、管理员。",
            $"Unknown role '{(role is null ? "(none)" : shown.Length > 0 ? role : "(unprintable)")}'.", "roles");
    }

    /// <summary>Accepts the Chinese name (登记员, 承办人, 审核人 or 负责人, 法律顾问, 管理员) or the English enum name, any case.</summary>
    public static bool TryParse(string? text, out StaffRole role)
    {
        role = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return false;
        if (trimmed == "负责人") { role = StaffRole.Approver; return true; }
        foreach (var (candidate, name) in Chinese)
        {
            if (name == trimmed) { role = candidate; return true; }
        }
        return !trimmed.All(char.IsDigit) && Enum.TryParse(trimmed, ignoreCase: true, out role) && Enum.IsDefined(role);
    }

    public static string Describe(IEnumerable<StaffRole> roles) => string.Join("、", roles.Order().Select(ChineseName));
}

/// <summary>The signed-in member of staff, as every endpoint sees them. The actor of every event comes from here.</summary>
public interface ICurrentStaff
{
    bool IsSignedIn { get; }
    /// <summary>The login name, recorded as the actor of events.</summary>
    string UserName { get; }
    string DisplayName { get; }
    string AgencyCode { get; }
    IReadOnlySet<StaffRole> Roles { get; }
    /// <summary>The agencies whose applications this user may see: their own and, for a government's office, its departments.</summary>
    IReadOnlySet<string> VisibleAgencies { get; }
}

/// <summary>A member of staff as a plain value: what the HTTP layer builds per request, and what pure tests construct.</summary>
public sealed record StaffMember(
    string UserName, string DisplayName, string AgencyCode, IReadOnlySet<StaffRole> Roles, IReadOnlySet<string> VisibleAgencies) : ICurrentStaff
{
    public static readonly StaffMember Anonymous = new("", "", "", new HashSet<StaffRole>(), new HashSet<string>());

    public bool IsSignedIn => UserName.Length > 0;

    public static StaffMember Of(string userName, string agencyCode, params StaffRole[] roles) =>
        new(userName, userName, agencyCode, roles.ToHashSet(), new HashSet<string> { agencyCode });
}

/// <summary>Which role may send which command: one table, used by the API, the UI and the tests' role matrix.</summary>
public static class CommandPermissions
{
    /// <summary>
    /// Who holds each authority a step declares (<see cref="StepAuthority"/>, in the step's folder): registration is the
    /// 登记员's; case work the 承办人's and their 审核人's; what binds the office the 审核人's alone; classifying whoever
    /// registers or handles the case. The 法律顾问 reads and never acts; the 管理员 manages users, agencies and the
    /// calendar, not cases. A command that is neither registration nor a lifecycle step is allowed to nobody (fail closed).
    /// </summary>
    public static IReadOnlySet<StaffRole> RolesFor(StepAuthority authority) => authority switch
    {
        StepAuthority.Registration => Set(StaffRole.Registrar),
        StepAuthority.CaseWork => Set(StaffRole.CaseHandler, StaffRole.Approver),
        StepAuthority.OfficeDecision => Set(StaffRole.Approver),
        StepAuthority.Classification => Set(StaffRole.Registrar, StaffRole.CaseHandler, StaffRole.Approver),
        _ => Set(),
    };

    /// <summary>The roles that may send a command: those holding the authority its step declares.</summary>
    public static IReadOnlySet<StaffRole> RolesFor(Type commandType) =>
        commandType == typeof(RegisterApplication) ? RolesFor(StepAuthority.Registration)
        : typeof(IApplicationCommand).IsAssignableFrom(commandType) && LifecycleSteps.Find(commandType) is { } step ? RolesFor(step.Authority)
        : Set();

    public static bool MaySend(ICurrentStaff staff, Type commandType) =>
        staff.IsSignedIn && RolesFor(commandType).Overlaps(staff.Roles);

    public static bool MaySend<TCommand>(ICurrentStaff staff) => MaySend(staff, typeof(TCommand));

    /// <summary>Every command staff can send: registration and every <see cref="IApplicationCommand"/> in the workflow.</summary>
    public static IReadOnlyList<Type> CommandTypes { get; } =
    [
        typeof(RegisterApplication),
        .. typeof(IApplicationCommand).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IApplicationCommand).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal),
    ];

    private static HashSet<StaffRole> Set(params StaffRole[] roles) => [.. roles];
}
