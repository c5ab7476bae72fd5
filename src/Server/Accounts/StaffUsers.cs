using Marten;
using Microsoft.AspNetCore.Identity;
using Workflow.Applications;

namespace Server.Accounts;

/// <summary>A member of staff who may sign in. The password is stored only as an ASP.NET Core Identity hash.</summary>
public sealed class StaffUser
{
    /// <summary>The login name, lower case, the document id. Recorded as the actor of events; safe to log.</summary>
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string AgencyCode { get; set; } = "";
    public List<StaffRole> Roles { get; set; } = [];
    public string PasswordHash { get; set; } = "";
    public bool Disabled { get; set; }
    /// <summary>Consecutive failed sign-ins since the last success or lockout.</summary>
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PasswordChangedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
    /// <summary>Changes when the password is reset or the account disabled: every cookie and token issued before stops working.</summary>
    public string SecurityStamp { get; set; } = "";
}

/// <summary>How a sign-in attempt ended. <see cref="Refusal"/> carries the Chinese message for the user.</summary>
public sealed record SignInOutcome(StaffUser? User, Refusal? Refusal, DateTimeOffset? LockedUntil = null)
{
    public bool Succeeded => User is not null;
}

/// <summary>Sign-in throttling (<see cref="SignInGuard"/>): per client and user name, and per client over all names.</summary>
public sealed class LockoutOptions
{
    public int MaxFailedSignIns { get; set; } = 5;
    public int MaxFailedSignInsPerClient { get; set; } = 20;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>What a new password must satisfy: long enough and not trivially guessable.</summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;

    public static Refusal? Check(string userName, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
            return Refusals.Invalid("password.too-short", $"密码至少需要 {MinimumLength} 个字符。", $"A password needs at least {MinimumLength} characters.");
        if (password.Length > 256)
            return Refusals.Invalid("password.too-long", "密码不能超过 256 个字符。", "A password may not exceed 256 characters.");
        var kinds = new[] { password.Any(char.IsUpper), password.Any(char.IsLower), password.Any(char.IsDigit), password.Any(c => !char.IsLetterOrDigit(c)) }
            .Count(present => present);
        if (kinds < 3)
            return Refusals.Invalid("password.too-simple", "密码需包含大写字母、小写字母、数字、符号中的至少三类。",
                "A password needs at least three of: upper case, lower case, digits, symbols.");
        if (password.Contains(userName, StringComparison.OrdinalIgnoreCase))
            return Refusals.Invalid("password.contains-user-name", "密码不能包含用户名。", "A password may not contain the user name.");
        return null;
    }
}

/// <summary>
/// Staff accounts: creation, listing, disabling and password resets (the command line and tests use this), and the
/// password check of sign-in (throttled by <see cref="SignInGuard"/>). Logs user names only.
/// </summary>
public sealed class StaffAccounts(
    IDocumentStore store, AgencyDirectory agencies, IPasswordHasher<StaffUser> hasher, TimeProvider time,
    ILogger<StaffAccounts> logger)
{
    // Verified against for unknown user names so a probe cannot tell them from wrong passwords by timing.
    private readonly Lazy<string> decoyHash = new(() => hasher.HashPassword(new StaffUser(), Guid.NewGuid().ToString()));

    public static string NormalizeUserName(string userName) => userName.Trim().ToLowerInvariant();

    /// <summary>Adds a user; <paramref name="by"/> is the administrator doing it (null: the command line).</summary>
    public async Task<(StaffUser? User, Refusal? Refusal)> AddAsync(string userName, string? displayName, string agencyCode,
        IReadOnlyCollection<StaffRole> roles, string password, ICurrentStaff? by = null, CancellationToken cancellation = default)
    {
        userName = NormalizeUserName(userName);
        if (userName.Length is < 2 or > 64 || !userName.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' or '_'))
            return (null, Refusals.Invalid("user.name-invalid", "用户名为 2 至 64 个小写英文字母、数字或“.”“-”“_”。",
                "A user name is 2-64 characters of lower-case letters, digits, '.', '-' or '_'."));
        if (roles.Count == 0)
            return (null, Refusals.Invalid("user.no-role", "请至少指定一个角色。", "A user needs at least one role."));
        if (await agencies.FindAsync(agencyCode, cancellation) is null)
            return (null, Refusals.UnknownAgency(agencyCode.Trim()));
        if (StaffAdministration.CanManage(by, agencyCode.Trim()) is { } notAllowed) return (null, notAllowed);
        if (PasswordPolicy.Check(userName, password) is { } weak) return (null, weak);

        var now = time.GetUtcNow();
        var user = new StaffUser
        {
            UserName = userName,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? userName : displayName.Trim(),
            AgencyCode = agencyCode.Trim(),
            Roles = [.. roles.Distinct().Order()],
            CreatedAt = now,
            PasswordChangedAt = now,
            SecurityStamp = NewStamp(),
        };
        user.PasswordHash = hasher.HashPassword(user, password);

        await using var session = store.LightweightSession();
        if (await session.LoadAsync<StaffUser>(userName, cancellation) is not null)
            return (null, Refusals.Invalid("user.exists", $"用户名“{userName}”已存在。", $"User '{userName}' already exists."));
        session.Insert(user);
        session.Insert(Change(user, StaffAccountChangeKind.Added, by, [], user.Roles));
        await session.SaveChangesAsync(cancellation);
        logger.LogInformation("Staff user {UserName} added to agency {AgencyCode} with roles {Roles} by {Actor}", userName, user.AgencyCode, user.Roles, Actor(by));
        return (user, null);
    }

    public async Task<StaffUser?> FindAsync(string userName, CancellationToken cancellation = default)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<StaffUser>(NormalizeUserName(userName), cancellation);
    }

    public async Task<IReadOnlyList<StaffUser>> ListAsync(CancellationToken cancellation = default)
    {
        await using var session = store.QuerySession();
        var users = await session.Query<StaffUser>().ToListAsync(cancellation);
        return [.. users.OrderBy(u => u.AgencyCode, StringComparer.Ordinal).ThenBy(u => u.UserName, StringComparer.Ordinal)];
    }

    /// <summary>The account's changes, oldest first: who did what when.</summary>
    public async Task<IReadOnlyList<StaffAccountChange>> HistoryAsync(string userName, CancellationToken cancellation = default)
    {
        await using var session = store.QuerySession();
        var name = NormalizeUserName(userName);
        var changes = await session.Query<StaffAccountChange>().Where(change => change.UserName == name).ToListAsync(cancellation);
        return [.. changes.OrderBy(change => change.At).ThenBy(change => change.Id)];
    }

    /// <summary>Gives the user exactly <paramref name="roles"/>; takes effect at the user's next request.</summary>
    public Task<Refusal?> SetRolesAsync(string userName, IReadOnlyCollection<StaffRole> roles, ICurrentStaff? by = null, CancellationToken cancellation = default) =>
        ChangeAsync(userName, StaffAccountChangeKind.RolesChanged, by, user =>
        {
            if (StaffAdministration.CanSetRoles(by, user, roles) is { } refusal) return refusal;
            if (user.Roles.Order().SequenceEqual(roles.Distinct().Order()))
                return Refusals.Invalid("user.roles-unchanged", "角色没有变化。", "The roles are unchanged.");
            user.Roles = [.. roles.Distinct().Order()];
            return null;
        }, cancellation);

    public Task<Refusal?> DisableAsync(string userName, ICurrentStaff? by = null, CancellationToken cancellation = default) =>
        ChangeAsync(userName, StaffAccountChangeKind.Disabled, by, user =>
        {
            if (StaffAdministration.CanDisable(by, user) is { } refusal) return refusal;
            if (user.Disabled) return Refusals.Invalid("user.already-disabled", "该用户已停用。", "The user is already disabled.");
            user.Disabled = true;
            user.SecurityStamp = NewStamp();
            return null;
        }, cancellation);

    public Task<Refusal?> EnableAsync(string userName, ICurrentStaff? by = null, CancellationToken cancellation = default) =>
        ChangeAsync(userName, StaffAccountChangeKind.Enabled, by, user =>
        {
            if (StaffAdministration.CanManage(by, user.AgencyCode) is { } refusal) return refusal;
            if (!user.Disabled) return Refusals.Invalid("user.not-disabled", "该用户未停用。", "The user is not disabled.");
            user.Disabled = false;
            return null;
        }, cancellation);

    /// <summary>Sets a new password, clears a lockout and signs the user out everywhere.</summary>
    public Task<Refusal?> ResetPasswordAsync(string userName, string password, ICurrentStaff? by = null, CancellationToken cancellation = default) =>
        ChangeAsync(userName, StaffAccountChangeKind.PasswordReset, by, user =>
        {
            if (StaffAdministration.CanManage(by, user.AgencyCode) is { } refusal) return refusal;
            if (PasswordPolicy.Check(user.UserName, password) is { } weak) return weak;
            user.PasswordHash = hasher.HashPassword(user, password);
            user.PasswordChangedAt = time.GetUtcNow();
            user.FailedSignIns = 0;
            user.LockedUntil = null;
            user.SecurityStamp = NewStamp();
            return null;
        }, cancellation);

    /// <summary>
    /// Checks a user name and password. Repeated failures are throttled per client by <see cref="SignInGuard"/>, never
    /// by locking the account itself: a lock anyone could trigger by guessing would let a stranger keep a clerk out.
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(string? userName, string? password, CancellationToken cancellation = default)
    {
        var wrong = new SignInOutcome(null, Refusals.Rule("signin.failed", "用户名或密码错误。", "Wrong user name or password."));
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || password.Length > 256) return wrong;

        var name = NormalizeUserName(userName);
        await using var session = store.LightweightSession();
        var user = await session.LoadAsync<StaffUser>(name, cancellation);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new StaffUser(), decoyHash.Value, password);
            logger.LogWarning("Sign-in refused: no staff user {UserName}", name);
            return wrong;
        }

        var now = time.GetUtcNow();
        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            logger.LogWarning("Sign-in refused: wrong password for staff user {UserName}", name);
            return wrong;
        }

        if (user.Disabled)
        {
            logger.LogWarning("Sign-in refused: staff user {UserName} is disabled", name);
            return new SignInOutcome(null, Refusals.Rule("signin.disabled", "该账户已停用，请联系管理员。", "The account is disabled."));
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded) user.PasswordHash = hasher.HashPassword(user, password);
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        user.LastSignInAt = now;
        session.Update(user);
        await session.SaveChangesAsync(cancellation);
        logger.LogInformation("Staff user {UserName} signed in", name);
        return new SignInOutcome(user, null);
    }

    private async Task<Refusal?> ChangeAsync(string userName, StaffAccountChangeKind kind, ICurrentStaff? by,
        Func<StaffUser, Refusal?> change, CancellationToken cancellation)
    {
        var name = NormalizeUserName(userName);
        await using var session = store.LightweightSession();
        var user = await session.LoadAsync<StaffUser>(name, cancellation);
        if (user is null)
            return Refusals.Invalid("user.unknown", $"未找到用户“{name}”。", $"No staff user '{name}'.");
        var rolesBefore = user.Roles.ToList();
        if (change(user) is { } refusal) return refusal;
        session.Update(user);
        session.Insert(Change(user, kind, by, rolesBefore, user.Roles));
        await session.SaveChangesAsync(cancellation);
        logger.LogInformation("Staff user {UserName}: {Change} by {Actor}", name, kind, Actor(by));
        return null;
    }

    private StaffAccountChange Change(StaffUser user, StaffAccountChangeKind kind, ICurrentStaff? by, IReadOnlyList<StaffRole> before, IReadOnlyList<StaffRole> after) =>
        new(Guid.CreateVersion7(), user.UserName, kind, time.GetUtcNow(), Actor(by), [.. before], [.. after]);

    private static string Actor(ICurrentStaff? by) => by?.UserName ?? StaffAdministration.CommandLineActor;

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}
