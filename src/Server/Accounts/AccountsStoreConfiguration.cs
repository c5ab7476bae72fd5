using Marten;

namespace Server.Accounts;

public static class AccountsStoreConfiguration
{
    /// <summary>The account documents: agencies keyed by code, staff users keyed by login name, and each account change.</summary>
    public static StoreOptions ConfigureAccounts(this StoreOptions options)
    {
        options.Schema.For<Agency>().Identity(a => a.Code).Index(a => a.ParentCode!);
        options.Schema.For<StaffUser>().Identity(u => u.UserName).Index(u => u.AgencyCode);
        options.Schema.For<StaffAccountChange>().Index(change => change.UserName);
        options.Schema.For<StaffSession>().Index(s => s.ExpiresAt);
        return options;
    }
}
