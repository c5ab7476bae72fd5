using Marten;
using Server.Accounts;

namespace Server.Components.Worklist;

/// <summary>The display names of some handlers (login names), by login name.</summary>
public static class WorklistStaffNames
{
    public static async Task<IReadOnlyDictionary<string, string>> LoadAsync(IQuerySession session, IEnumerable<string> handlers,
        CancellationToken cancellation)
    {
        var userNames = handlers.Distinct().ToArray();
        if (userNames.Length == 0) return new Dictionary<string, string>();
        var users = await session.Query<StaffUser>().Where(u => u.UserName.IsOneOf(userNames)).ToListAsync(cancellation);
        return users.ToDictionary(u => u.UserName, u => u.DisplayName);
    }
}
