using Marten;
using Server.Accounts;
using Server.Pages;

namespace Server.Components.Worklist;

/// <summary>The display names of the handlers of some worklist rows, by login name.</summary>
public static class WorklistStaffNames
{
    public static async Task<IReadOnlyDictionary<string, string>> LoadAsync(IQuerySession session, IEnumerable<WorklistRow> rows,
        CancellationToken cancellation)
    {
        var userNames = rows.Select(r => r.File.Handler).OfType<string>().Distinct().ToArray();
        if (userNames.Length == 0) return new Dictionary<string, string>();
        var users = await session.Query<StaffUser>().Where(u => u.UserName.IsOneOf(userNames)).ToListAsync(cancellation);
        return users.ToDictionary(u => u.UserName, u => u.DisplayName);
    }
}
