using System.Collections.Concurrent;
using Marten;
using Workflow.Applications;

namespace Server.Accounts;

/// <summary>
/// A signed-in browser session (cookie), stored server-side so that signing out ends it for good: a copied cookie
/// is refused after sign-out even before it expires. Bearer tokens end with the security stamp (disable, reset).
/// </summary>
public sealed class StaffSession
{
    public string Id { get; set; } = "";
    public string UserName { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>Opens, checks and ends <see cref="StaffSession"/>s.</summary>
public sealed class StaffSessionStore(IDocumentStore store, TimeProvider time)
{
    /// <summary>How long a session is kept without use; the cookie's own sliding expiry (8 idle hours) ends it sooner.</summary>
    private static readonly TimeSpan Horizon = StaffAccountsRegistration.CookieLifetime * 2;

    public async Task<string> OpenAsync(string userName, CancellationToken cancellation)
    {
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        await using var session = store.LightweightSession();
        session.Store(new StaffSession { Id = id, UserName = userName, ExpiresAt = time.GetUtcNow() + Horizon });
        await session.SaveChangesAsync(cancellation);
        return id;
    }

    /// <summary>Whether the session is open; keeps an open one alive while its (sliding) cookie is in use.</summary>
    public async Task<bool> IsOpenAsync(string? id, string userName, CancellationToken cancellation)
    {
        if (string.IsNullOrEmpty(id)) return false;
        await using var session = store.QuerySession();
        return await IsOpenAsync(await session.LoadAsync<StaffSession>(id, cancellation), userName, cancellation);
    }

    /// <summary>
    /// The same check on a session already loaded (the per-request check loads it in one round trip with the user and
    /// the agency tree): writes only when an open session needs its expiry pushed back.
    /// </summary>
    public async Task<bool> IsOpenAsync(StaffSession? stored, string userName, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        if (stored is null || stored.UserName != userName || stored.ExpiresAt <= now) return false;
        if (stored.ExpiresAt - now < StaffAccountsRegistration.CookieLifetime)
        {
            stored.ExpiresAt = now + Horizon;
            await using var session = store.LightweightSession();
            session.Store(stored);
            await session.SaveChangesAsync(cancellation);
        }
        return true;
    }

    public async Task EndAsync(string? id, CancellationToken cancellation)
    {
        if (string.IsNullOrEmpty(id)) return;
        await using var session = store.LightweightSession();
        session.Delete<StaffSession>(id);
        // Expired sessions of anyone go at the same time: the table stays the size of the signed-in staff.
        session.DeleteWhere<StaffSession>(s => s.ExpiresAt < time.GetUtcNow());
        await session.SaveChangesAsync(cancellation);
    }
}

/// <summary>
/// Sign-in throttling that neither tells which user names exist nor lets a stranger lock a clerk out. Failures are
/// counted per client and user name (5 in 15 minutes blocks that client for that name) and per client over all names
/// (20 in 15 minutes blocks the client), in memory. A stranger guessing at "clerk.li" from elsewhere blocks only
/// himself; the clerk at her own desk signs in as usual. Unknown names count exactly like known ones, and a blocked
/// attempt is refused before the password is checked with the same answer for every name.
/// </summary>
public sealed class SignInGuard(StaffAccounts accounts, LockoutOptions options, TimeProvider time, ILogger<SignInGuard> logger)
{
    private sealed record Window(int Failures, DateTimeOffset Started, DateTimeOffset? BlockedUntil);

    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);

    public async Task<SignInOutcome> SignInAsync(string? userName, string? password, string client, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        var name = StaffAccounts.NormalizeUserName(userName ?? "");
        var pair = $"user:{client}\n{name}";
        var whole = $"client:{client}";
        if ((BlockedUntil(pair, now) ?? BlockedUntil(whole, now)) is { } blocked)
        {
            logger.LogWarning("Sign-in throttled for client {Client}", client);
            return Throttled(blocked, now);
        }

        var outcome = await accounts.SignInAsync(userName, password, cancellation);
        if (outcome.Succeeded)
        {
            windows.TryRemove(pair, out _);
            return outcome;
        }
        if (outcome.Refusal?.Code != "signin.failed") return outcome;

        var forName = Fail(pair, options.MaxFailedSignIns, now);
        var forClient = Fail(whole, options.MaxFailedSignInsPerClient, now);
        var until = forName ?? forClient;
        Prune(now);
        return until is { } lockedUntil ? Throttled(lockedUntil, now) : outcome;
    }

    /// <summary>Forgets every count, as a restart of the application does.</summary>
    public void Reset() => windows.Clear();

    private DateTimeOffset? BlockedUntil(string key, DateTimeOffset now) =>
        windows.TryGetValue(key, out var window) && window.BlockedUntil is { } until && until > now ? until : null;

    private DateTimeOffset? Fail(string key, int limit, DateTimeOffset now)
    {
        var window = windows.AddOrUpdate(key, _ => new Window(1, now, null), (_, current) =>
            current.Started + options.LockoutDuration < now || current.BlockedUntil is { } over && over <= now
                ? new Window(1, now, null)
                : current with { Failures = current.Failures + 1 });
        if (window.Failures < limit) return null;
        var until = now + options.LockoutDuration;
        windows[key] = window with { BlockedUntil = until };
        return until;
    }

    private void Prune(DateTimeOffset now)
    {
        if (windows.Count < 10_000) return;
        foreach (var (key, window) in windows)
            if (window.Started + options.LockoutDuration < now && (window.BlockedUntil ?? now) <= now) windows.TryRemove(key, out _);
    }

    /// <summary>The same answer whatever the name: nothing tells a known account from an unknown one.</summary>
    private static SignInOutcome Throttled(DateTimeOffset until, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(until, DecisionContextSource.ChinaStandardTime);
        var minutes = Math.Max(1, (int)Math.Ceiling((until - now).TotalMinutes));
        return new SignInOutcome(null, Refusals.Rule("signin.throttled",
            $"登录尝试次数过多，请于 {local:HH:mm}（约 {minutes} 分钟后）再试；忘记密码请联系管理员重置。",
            $"Too many failed sign-ins from this client; try again after {until:O}."), until);
    }

    /// <summary>The client of a request: its address (the real client's behind a configured proxy, see ForwardedHeaders).</summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
