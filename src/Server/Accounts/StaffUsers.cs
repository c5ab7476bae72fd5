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

    /// <summary>
    /// Whether <paramref name="userName"/> (normalized) can be a user name: 2-64 lower-case letters, digits, '.', '-'
    /// or '_'. The one rule of what a user name is: adding refuses anything else, and sign-in and look-ups answer
    /// anything else as an unknown user without asking the database (a NUL would make PostgreSQL fail).
    /// </summary>
    public static bool IsUserName(string userName) =>
        userName.Length is >= 2 and <= 64 && userName.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' or '_');

    /// <summary>Adds a user; <paramref name="by"/> is the administrator doing it (null: the command line).</summary>
    public async Task<(StaffUser? User, Refusal? Refusal)> AddAsync(string userName, string? displayName, string agencyCode,
        IReadOnlyCollection<StaffRole> roles, string password, ICurrentStaff? by = null, CancellationToken cancellation = default)
    {
        userName = NormalizeUserName(userName);
        if (!IsUserName(userName))
            return (null, Refusals.Invalid("user.name-invalid", "用户名为 2 至 64 个小写英文字母、数字或“.”“-”“_”。",
                "A user name is 2-64 characters of lower-case letters, digits, '.', '-' or '_'.", "userName"));
        if (StrictJson.TextRefusal(displayName, "姓名", "display name", "displayName") is { } unacceptable)
            return (null, unacceptable with { Code = "user.display-name-invalid" });
        if (roles.Count == 0)
            return (null, Refusals.Invalid("user.no-role", "请至少指定一个角色。", "A user needs at least one role."));
        if (roles.Any(role => !Enum.IsDefined(role)))
            return (null, StaffRoleNames.Unknown(roles.First(role => !Enum.IsDefined(role)).ToString()));
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

        var exists = Refusals.Invalid("user.exists", $"用户名“{userName}”已存在。", $"User '{userName}' already exists.", "userName");
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<StaffUser>(userName, cancellation) is not null) return (null, exists);
        session.Insert(user);
        session.Insert(Change(user, StaffAccountChangeKind.Added, by, [], user.Roles));
        try
        {
            await session.SaveChangesAsync(cancellation);
        }
        catch (Exception exception) when (StoreConflicts.IsDuplicate(exception))
        {
            // Added by someone else between the check above and this insert: the same answer as the check's.
            logger.LogInformation("Staff user {UserName} not added: added meanwhile by another request", userName);
            return (null, exists);
        }
        logger.LogInformation("Staff user {UserName} added to agency {AgencyCode} with roles {Roles} by {Actor}", userName, user.AgencyCode, user.Roles, Actor(by));
        return (user, null);
    }

    public async Task<StaffUser?> FindAsync(string userName, CancellationToken cancellation = default)
    {
        var name = NormalizeUserName(userName);
        if (!IsUserName(name)) return null;
        await using var session = store.QuerySession();
        return await session.LoadAsync<StaffUser>(name, cancellation);
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
        var name = NormalizeUserName(userName);
        if (!IsUserName(name)) return [];
        await using var session = store.QuerySession();
        var changes = await session.Query<StaffAccountChange>().Where(change => change.UserName == name).ToListAsync(cancellation);
        return [.. changes.OrderBy(change => change.At).ThenBy(change => change.Id)];
    }

    /// <summary>
    /// Gives the user exactly <paramref name="roles"/>; takes effect at the user's next request. <paramref name="seen"/>
    /// is the roles the administrator chose from (the form shows them): when the account holds other roles by the time
    /// the change is written, someone else changed them meanwhile and the change is refused (<c>user.changed</c>, a
    /// conflict) rather than silently overwriting theirs. Null: set regardless (the command line's <c>users</c>).
    /// </summary>
    public async Task<Refusal?> SetRolesAsync(string userName, IReadOnlyCollection<StaffRole> roles, ICurrentStaff? by = null,
        IReadOnlyCollection<StaffRole>? seen = null, CancellationToken cancellation = default) =>
        (await ChangeAsync(userName, StaffAccountChangeKind.RolesChanged, by, user =>
        {
            if (seen is not null && !user.Roles.Order().SequenceEqual(seen.Distinct().Order()))
                return new Refusal("user.changed",
                    $"该用户的角色已被他人修改（现为：{StaffRoleNames.Describe(user.Roles)}），本次未保存，请在最新角色的基础上重新选择。",
                    $"The user's roles changed since the form was shown (now {string.Join(", ", user.Roles)}); nothing was saved.",
                    RefusalKind.Conflict, "roles");
            return SetRoles(user, roles, by);
        }, cancellation)).Refusal;

    /// <summary>Adds <paramref name="roles"/> to the roles the user holds when the change is written (the command line's <c>users grant</c>).</summary>
    public async Task<(IReadOnlyList<StaffRole> Roles, Refusal? Refusal)> GrantAsync(string userName, IReadOnlyCollection<StaffRole> roles,
        ICurrentStaff? by = null, CancellationToken cancellation = default)
    {
        var (user, refusal) = await ChangeAsync(userName, StaffAccountChangeKind.RolesChanged, by,
            user => SetRoles(user, [.. user.Roles.Union(roles)], by), cancellation);
        return (user?.Roles ?? [], refusal);
    }

    /// <summary>Takes <paramref name="roles"/> from the roles the user holds when the change is written (<c>users revoke</c>).</summary>
    public async Task<(IReadOnlyList<StaffRole> Roles, Refusal? Refusal)> RevokeAsync(string userName, IReadOnlyCollection<StaffRole> roles,
        ICurrentStaff? by = null, CancellationToken cancellation = default)
    {
        var (user, refusal) = await ChangeAsync(userName, StaffAccountChangeKind.RolesChanged, by,
            user => SetRoles(user, [.. user.Roles.Except(roles)], by), cancellation);
        return (user?.Roles ?? [], refusal);
    }

    private static Refusal? SetRoles(StaffUser user, IReadOnlyCollection<StaffRole> roles, ICurrentStaff? by)
    {
        if (roles.Any(role => !Enum.IsDefined(role))) return StaffRoleNames.Unknown(roles.First(role => !Enum.IsDefined(role)).ToString());
        if (StaffAdministration.CanSetRoles(by, user, roles) is { } refusal) return refusal;
        if (user.Roles.Order().SequenceEqual(roles.Distinct().Order()))
            return Refusals.Invalid("user.roles-unchanged", "角色没有变化。", "The roles are unchanged.");
        user.Roles = [.. roles.Distinct().Order()];
        return null;
    }

    public async Task<Refusal?> DisableAsync(string userName, ICurrentStaff? by = null, CancellationToken cancellation = default) =>
        (await ChangeAsync(userName, StaffAccountChangeKind.Disabled, by, user =>
        {
            if (StaffAdministration.CanDisable(by, user) is { } refusal) return refusal;
            if (user.Disabled) return Refusals.Invalid("user.already-disabled", "该用户已停用。", "The user is already disabled.");
            user.Disabled = true;
            user.SecurityStamp = NewStamp();
            return null;
        }, cancellation)).Refusal;

    public async Task<Refusal?> EnableAsync(string userName, ICurrentStaff? by = null, CancellationToken cancellation = default) =>
        (await ChangeAsync(userName, StaffAccountChangeKind.Enabled, by, user =>
        {
            if (StaffAdministration.CanManage(by, user.AgencyCode) is { } refusal) return refusal;
            if (!user.Disabled) return Refusals.Invalid("user.not-disabled", "该用户未停用。", "The user is not disabled.");
            user.Disabled = false;
            return null;
        }, cancellation)).Refusal;

    /// <summary>Sets a new password, clears a lockout and signs the user out everywhere.</summary>
    public async Task<Refusal?> ResetPasswordAsync(string userName, string password, ICurrentStaff? by = null, CancellationToken cancellation = default)
    {
        var name = NormalizeUserName(userName);
        if (PasswordPolicy.Check(name, password) is { } weak) return weak;
        // Hashed once, before the account is read: a retried write (see ChangeAsync) does not pay for PBKDF2 again.
        var hash = hasher.HashPassword(new StaffUser { UserName = name }, password);
        return (await ChangeAsync(name, StaffAccountChangeKind.PasswordReset, by, user =>
        {
            if (StaffAdministration.CanManage(by, user.AgencyCode) is { } refusal) return refusal;
            user.PasswordHash = hash;
            user.PasswordChangedAt = time.GetUtcNow();
            user.FailedSignIns = 0;
            user.LockedUntil = null;
            user.SecurityStamp = NewStamp();
            return null;
        }, cancellation)).Refusal;
    }

    /// <summary>
    /// Checks a user name and password. Repeated failures are throttled per client by <see cref="SignInGuard"/>, never
    /// by locking the account itself: a lock anyone could trigger by guessing would let a stranger keep a clerk out.
    /// The sign-in's own record (last sign-in, a rehashed password) is written under optimistic concurrency on the
    /// account as it is at that moment: when anything changed since it was read (a reset, a disable, a role change,
    /// another sign-in) the account is read again and checked again, so a sign-in never writes back a password hash,
    /// a state, roles or a security stamp older than the stored ones (docs/adr/0037).
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(string? userName, string? password, CancellationToken cancellation = default)
    {
        var wrong = new SignInOutcome(null, Refusals.Rule("signin.failed", "用户名或密码错误。", "Wrong user name or password."));
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || password.Length > 256) return wrong;

        var name = NormalizeUserName(userName);
        if (!IsUserName(name))
        {
            // Cannot be anybody's name: answered exactly like an unknown one (same work, same answer), never sent to the database.
            hasher.VerifyHashedPassword(new StaffUser(), decoyHash.Value, password);
            logger.LogWarning("Sign-in refused: a user name that cannot be one");
            return wrong;
        }

        string? verifiedHash = null;
        string? rehashed = null;
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            await using var session = store.LightweightSession();
            var user = await session.LoadAsync<StaffUser>(name, cancellation);
            if (user is null)
            {
                hasher.VerifyHashedPassword(new StaffUser(), decoyHash.Value, password);
                logger.LogWarning("Sign-in refused: no staff user {UserName}", name);
                return wrong;
            }

            // The password is checked against the hash stored now; a hash already checked in an earlier attempt is not checked again.
            if (user.PasswordHash != verifiedHash)
            {
                var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
                if (verdict == PasswordVerificationResult.Failed)
                {
                    logger.LogWarning("Sign-in refused: wrong password for staff user {UserName}", name);
                    return wrong;
                }
                verifiedHash = user.PasswordHash;
                rehashed = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(user, password) : null;
            }

            if (user.Disabled)
            {
                logger.LogWarning("Sign-in refused: staff user {UserName} is disabled", name);
                return new SignInOutcome(null, Refusals.Rule("signin.disabled", "该账户已停用，请联系管理员。", "The account is disabled."));
            }

            if (rehashed is not null) user.PasswordHash = rehashed;
            user.FailedSignIns = 0;
            user.LockedUntil = null;
            user.LastSignInAt = time.GetUtcNow();
            session.Update(user);
            try
            {
                await session.SaveChangesAsync(cancellation);
            }
            catch (Exception exception) when (StoreConflicts.IsConcurrency(exception))
            {
                logger.LogInformation("Sign-in of staff user {UserName}: the account changed meanwhile, checking it again", name);
                continue;
            }
            logger.LogInformation("Staff user {UserName} signed in", name);
            return new SignInOutcome(user, null);
        }
        logger.LogWarning("Sign-in of staff user {UserName} not completed: the account kept changing", name);
        return new SignInOutcome(null, Refusals.Busy());
    }

    /// <summary>How often a write that met a concurrent change of the same account is tried again on the account as it is then.</summary>
    private const int MaxWriteAttempts = 8;

    /// <summary>
    /// Applies <paramref name="change"/> to the account as stored and writes the account and its history entry in one
    /// transaction, under optimistic concurrency (the account's version as read): when another write came between the
    /// read and this one, nothing is written and the change is decided again on the account as it is then — a refusal
    /// then (the roles the administrator saw are gone, the user is already disabled) is the answer.
    /// </summary>
    private async Task<(StaffUser? User, Refusal? Refusal)> ChangeAsync(string userName, StaffAccountChangeKind kind, ICurrentStaff? by,
        Func<StaffUser, Refusal?> change, CancellationToken cancellation)
    {
        var name = NormalizeUserName(userName);
        var unknown = Refusals.Invalid("user.unknown", $"未找到用户“{name}”。", $"No staff user '{name}'.");
        if (!IsUserName(name)) return (null, unknown);
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            await using var session = store.LightweightSession();
            var user = await session.LoadAsync<StaffUser>(name, cancellation);
            if (user is null) return (null, unknown);
            var rolesBefore = user.Roles.ToList();
            if (change(user) is { } refusal) return (null, refusal);
            session.Update(user);
            session.Insert(Change(user, kind, by, rolesBefore, user.Roles));
            try
            {
                await session.SaveChangesAsync(cancellation);
            }
            catch (Exception exception) when (StoreConflicts.IsConcurrency(exception))
            {
                logger.LogInformation("Staff user {UserName}: {Change} met a concurrent change, deciding again", name, kind);
                continue;
            }
            logger.LogInformation("Staff user {UserName}: {Change} by {Actor}", name, kind, Actor(by));
            return (user, null);
        }
        logger.LogWarning("Staff user {UserName}: {Change} not saved, the account kept changing", name, kind);
        return (null, Refusals.Busy());
    }

    private StaffAccountChange Change(StaffUser user, StaffAccountChangeKind kind, ICurrentStaff? by, IReadOnlyList<StaffRole> before, IReadOnlyList<StaffRole> after) =>
        new(Guid.CreateVersion7(), user.UserName, kind, time.GetUtcNow(), Actor(by), [.. before], [.. after]);

    private static string Actor(ICurrentStaff? by) => by?.UserName ?? StaffAdministration.CommandLineActor;

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}

/// <summary>What Marten throws when a write met another one: the document changed since it was read, or already exists.</summary>
public static class StoreConflicts
{
    public static bool IsConcurrency(Exception exception) => exception switch
    {
        JasperFx.ConcurrencyException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsConcurrency),
        _ => false,
    };

    public static bool IsDuplicate(Exception exception) => exception switch
    {
        JasperFx.DocumentAlreadyExistsException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsDuplicate),
        _ => false,
    };
}
