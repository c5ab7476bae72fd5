using Marten;

namespace Server.Accounts;

public static class AccountsStoreConfiguration
{
    /// <summary>
    /// The account documents: agencies keyed by code, staff users keyed by login name, and each account change. A staff
    /// user is written under optimistic concurrency: a write based on an older read of the account fails instead of
    /// overwriting what was written meanwhile (a sign-in undoing a password reset; docs/adr/0037).
    /// </summary>
    public static StoreOptions ConfigureAccounts(this StoreOptions options)
    {
        options.Schema.For<Agency>().Identity(a => a.Code).Index(a => a.ParentCode!);
        options.Schema.For<StaffUser>().Identity(u => u.UserName).Index(u => u.AgencyCode).UseOptimisticConcurrency(true);
        options.Schema.For<StaffAccountChange>().Index(change => change.UserName);
        options.Schema.For<StaffSession>().Index(s => s.ExpiresAt);
        return options;
    }
}
