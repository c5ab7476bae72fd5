namespace Server.Components.Staff;

/// <summary>The addresses of the staff-management pages (人员).</summary>
public static class StaffRoutes
{
    public const string List = "/staff";
    public const string New = "/staff/new";

    public static string User(string userName) => $"/staff/users/{Uri.EscapeDataString(userName)}";
}
