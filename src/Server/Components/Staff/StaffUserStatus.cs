using Server.Accounts;
using Workflow.Applications;

namespace Server.Components.Staff;

/// <summary>How an account's state reads on the staff pages.</summary>
public static class StaffUserStatus
{
    /// <summary>Sign-in throttling is per client (SignInGuard), not a lock on the account, so an account is active or disabled.</summary>
    public static string Describe(StaffUser user) => user.Disabled ? "已停用" : "正常";

    public static string LocalTime(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, DecisionContextSource.ChinaStandardTime).ToString("yyyy-MM-dd HH:mm");
}
