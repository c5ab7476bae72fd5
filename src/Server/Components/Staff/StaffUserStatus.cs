using Server.Accounts;
using Workflow.Applications;

namespace Server.Components.Staff;

/// <summary>How an account's state reads on the staff pages.</summary>
public static class StaffUserStatus
{
    public static string Describe(StaffUser user, DateTimeOffset now) =>
        user.Disabled ? "已停用"
        : user.LockedUntil is { } until && until > now ? $"锁定至 {LocalTime(until)}"
        : "正常";

    public static string LocalTime(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, DecisionContextSource.ChinaStandardTime).ToString("yyyy-MM-dd HH:mm");
}
