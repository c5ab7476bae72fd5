using Microsoft.AspNetCore.Components.Forms;
using Server.Accounts;
using Workflow.Applications;

namespace Server.Components.Staff;

/// <summary>One role's checkbox on a staff form.</summary>
public sealed class RoleChoice
{
    public StaffRole Role { get; set; }
    public bool Selected { get; set; }

    public static List<RoleChoice> For(IEnumerable<StaffRole> selected) =>
        [.. Enum.GetValues<StaffRole>().Select(role => new RoleChoice { Role = role, Selected = selected.Contains(role) })];

    public static IReadOnlyList<StaffRole> Chosen(IEnumerable<RoleChoice>? choices) =>
        [.. (choices ?? []).Where(choice => choice.Selected && Enum.IsDefined(choice.Role)).Select(choice => choice.Role).Distinct().Order()];
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

/// <summary>调整角色.</summary>
public sealed class StaffRolesForm
{
    public List<RoleChoice> Roles { get; set; } = [];
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
            "agency.unknown" or "user.other-agency" => nameof(NewStaffUserForm.AgencyCode),
            "user.no-role" or "user.own-administrator-role" or "user.roles-unchanged" => nameof(NewStaffUserForm.Roles),
            _ when refusal.Code.StartsWith("password.", StringComparison.Ordinal) => nameof(NewStaffUserForm.Password),
            _ => null,
        };
        if (field is not null && model.GetType().GetProperty(field) is not null)
            messages.Add(new FieldIdentifier(model, field), refusal.Chinese);
        else
            messages.Add(new FieldIdentifier(model, string.Empty), refusal.Chinese);
        context.NotifyValidationStateChanged();
    }

    public static Refusal PasswordsDiffer { get; } =
        Refusals.Invalid("password.mismatch", "两次输入的密码不一致。", "The two passwords differ.");
}
