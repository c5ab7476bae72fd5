using Microsoft.AspNetCore.Components.Forms;
using Server.Accounts;
using Workflow.Applications;

namespace Server.Components.Staff;

/// <summary>
/// One role's checkbox on a staff form. <see cref="Role"/> is posted text: the form renders a defined role's English
/// name (<see cref="StaffRoleNames.TryParseFormValue"/>), and anything else a client posts is refused by
/// <see cref="Read"/>, never bound to a number or an undefined role.
/// </summary>
public sealed class RoleChoice
{
    public string? Role { get; set; }
    public bool Selected { get; set; }

    public static List<RoleChoice> For(IEnumerable<StaffRole> selected) =>
        [.. Enum.GetValues<StaffRole>().Select(role => new RoleChoice { Role = role.ToString(), Selected = selected.Contains(role) })];

    /// <summary>The roles ticked, or why the posted choices cannot be read (an unknown role, a gap in the list).</summary>
    public static (IReadOnlyList<StaffRole> Roles, Refusal? Refusal) Read(IReadOnlyList<RoleChoice?>? choices)
    {
        if (choices is null) return ([], Unreadable);
        var roles = new List<StaffRole>();
        foreach (var choice in choices)
        {
            if (choice is null) return ([], Unreadable);
            if (!StaffRoleNames.TryParseFormValue(choice.Role, out var role)) return ([], StaffRoleNames.Unknown(choice.Role));
            if (choice.Selected) roles.Add(role);
        }
        return ([.. roles.Distinct().Order()], null);
    }

    /// <summary>What to show again after a post: every defined role, ticked where a valid choice was ticked.</summary>
    public static List<RoleChoice> Shown(IReadOnlyList<RoleChoice?>? choices)
    {
        var ticked = new List<StaffRole>();
        foreach (var choice in choices ?? [])
            if (choice is { Selected: true } && StaffRoleNames.TryParseFormValue(choice.Role, out var role)) ticked.Add(role);
        return For(ticked);
    }

    /// <summary>The roles a form was rendered with, as its hidden field carries them (comma-separated English names).</summary>
    public static string Seen(IEnumerable<StaffRole> roles) => string.Join(',', roles.Order());

    /// <summary>Reads <see cref="Seen(IEnumerable{StaffRole})"/> back; null when it is missing or not what the form wrote.</summary>
    public static IReadOnlyList<StaffRole>? ReadSeen(string? seen)
    {
        if (seen is null) return null;
        var roles = new List<StaffRole>();
        foreach (var name in seen.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!StaffRoleNames.TryParseFormValue(name, out var role)) return null;
            roles.Add(role);
        }
        return roles;
    }

    private static readonly Refusal Unreadable =
        Refusals.Invalid("user.roles-unreadable", "角色选择无法识别，请重新勾选。", "The posted role choices cannot be read.", "roles");
}

/// <summary>新建用户: what the administrator types.</summary>
public sealed class NewStaffUserForm
{
    public string? UserName { get; set; }
    public string? DisplayName { get; set; }
    public string? AgencyCode { get; set; }
    public List<RoleChoice> Roles { get; set; } = RoleChoice.For([]);
    public string? Password { get; set; }
    public string? PasswordAgain { get; set; }
}

/// <summary>调整角色: the roles ticked, and the roles the form was rendered with (<see cref="RoleChoice.Seen(IEnumerable{StaffRole})"/>).</summary>
public sealed class StaffRolesForm
{
    public List<RoleChoice> Roles { get; set; } = [];
    public string? Seen { get; set; }

    /// <summary>A form posted without the roles it was rendered with (a page from before they were carried, or a forged post).</summary>
    public static Refusal Stale { get; } = Refusals.Invalid("user.form-stale", "页面已过期，请刷新后重新选择角色。",
        "The role form did not carry the roles it was shown with; reload it.", "roles");
}

/// <summary>重置密码: typed twice, never shown.</summary>
public sealed class PasswordResetForm
{
    public string? Password { get; set; }
    public string? PasswordAgain { get; set; }
}

/// <summary>停用 / 启用: the button says which.</summary>
public sealed class AccountStateForm
{
    public bool Disable { get; set; }
}

/// <summary>Puts an account refusal next to the input it concerns (by its code), or above the form.</summary>
public static class StaffFormErrors
{
    public static void Attach(EditContext context, ValidationMessageStore messages, Refusal refusal, object model)
    {
        var field = refusal.Code switch
        {
            "user.name-invalid" or "user.exists" => nameof(NewStaffUserForm.UserName),
            "user.display-name-invalid" => nameof(NewStaffUserForm.DisplayName),
            "agency.unknown" or "user.other-agency" => nameof(NewStaffUserForm.AgencyCode),
            "user.no-role" or "user.own-administrator-role" or "user.roles-unchanged" or "user.role-unknown" or "user.roles-unreadable"
                or "user.changed" or "user.form-stale" => nameof(NewStaffUserForm.Roles),
            _ when refusal.Code.StartsWith("password.", StringComparison.Ordinal) => nameof(NewStaffUserForm.Password),
            _ => null,
        };
        if (field is not null && model.GetType().GetProperty(field) is not null)
            messages.Add(new FieldIdentifier(model, field), refusal.Chinese);
        else
            messages.Add(new FieldIdentifier(model, string.Empty), refusal.Chinese);
        context.NotifyValidationStateChanged();
    }

    /// <summary>The status a refused form is answered with: 409 when someone else changed the account meanwhile, 503 when it kept changing, else 422.</summary>
    public static int StatusOf(Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static Refusal PasswordsDiffer { get; } =
        Refusals.Invalid("password.mismatch", "两次输入的密码不一致。", "The two passwords differ.");
}
