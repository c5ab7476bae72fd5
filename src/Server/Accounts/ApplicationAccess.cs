using Marten;
using Projections.Cases;
using Workflow.Applications;

namespace Server.Accounts;

/// <summary>Why the current member of staff may not act: the HTTP status to answer with and the refusal to show.</summary>
public sealed record AccessDenial(int StatusCode, Refusal Refusal);

/// <summary>
/// Agency isolation for applications. An application of an agency the user cannot see does not exist for them: it
/// loads as null and answers 404, never 403, so its existence does not leak. Within the visible agencies, a role that
/// may not send a command gets 403 (<see cref="CommandPermissions"/>).
/// </summary>
/// <param name="agencies">The applications' agencies this process knows (null: always load, as tests construct it).</param>
public sealed class ApplicationAccess(ICurrentStaff staff, IQuerySession session, ApplicationAgencies? agencies = null)
{
    public static readonly Refusal NotYourRole = new("role.forbidden",
        "您的角色不能进行此操作。", "The user's roles may not send this command.", RefusalKind.Rule);

    public bool CanSee(string agencyCode) => staff.IsSignedIn && staff.VisibleAgencies.Contains(agencyCode);

    // The file this request last loaded, for the checks only: the step pages load the file (existence, the form's
    // data), then check the command, and that check needs nothing but the file's agency, which never changes, so it
    // need not be another round trip (docs/adr/0025); nor, when this process has seen the application before, does the
    // API's (ApplicationAgencies, docs/adr/0033). LoadVisibleAsync itself always reads afresh: after a refused command a
    // page shows the case as it now stands. One request, one scope: it cannot outlive its request.
    private ApplicationFile? lastLoaded;

    /// <summary>The case file, or null when it does not exist or belongs to an agency the user cannot see.</summary>
    public async Task<ApplicationFile?> LoadVisibleAsync(Guid id, CancellationToken cancellation = default)
    {
        if (!staff.IsSignedIn) return null;
        var file = await LoadAsync(id, cancellation);
        return file is not null && CanSee(file.AgencyCode) ? file : null;
    }

    /// <summary>Reads the case file afresh, keeps it for this request's checks and remembers its agency for the process.</summary>
    private async Task<ApplicationFile?> LoadAsync(Guid id, CancellationToken cancellation)
    {
        var file = await session.LoadAsync<ApplicationFile>(id, cancellation);
        lastLoaded = file;
        if (file is not null) agencies?.Remember(file.Id, file.AgencyCode);
        return file;
    }

    /// <summary>
    /// Whether the application exists for the user (it does and its agency is visible): from the agency this process
    /// already knows for it (<see cref="ApplicationAgencies"/>, docs/adr/0033), else by loading the case file.
    /// </summary>
    public async Task<bool> IsVisibleAsync(Guid id, CancellationToken cancellation = default) =>
        staff.IsSignedIn && await AgencyOfAsync(id, cancellation) is { } agency && CanSee(agency);

    /// <summary>Remembers the agency of an application just registered (its agency never changes).</summary>
    public void Registered(RegistrationResult result, RegisterApplication command) =>
        agencies?.Remember(result.ApplicationId, command.AgencyCode.Trim());

    /// <summary>The case files of the user's visible agencies, to filter further (worklists, searches, exports).</summary>
    public IQueryable<ApplicationFile> VisibleFiles()
    {
        var visible = staff.IsSignedIn ? staff.VisibleAgencies.ToArray() : [];
        return session.Query<ApplicationFile>().Where(f => visible.Contains(f.AgencyCode));
    }

    /// <summary>Null when the user may send the command to this application; otherwise 404 (not visible) or 403 (role).</summary>
    public async Task<AccessDenial?> CheckAsync(IApplicationCommand command, CancellationToken cancellation = default)
    {
        if (!await IsVisibleAsync(command.ApplicationId, cancellation))
            return new AccessDenial(StatusCodes.Status404NotFound, Refusals.NotFound());
        return CommandPermissions.MaySend(staff, command.GetType()) ? null : new AccessDenial(StatusCodes.Status403Forbidden, NotYourRole);
    }

    /// <summary>The application's agency (null: no such application): the file this request loaded, the agency this process knows, or a load.</summary>
    private async Task<string?> AgencyOfAsync(Guid id, CancellationToken cancellation)
    {
        if (lastLoaded?.Id == id) return lastLoaded.AgencyCode;
        if (agencies?.AgencyOf(id) is { } known) return known;
        return (await LoadAsync(id, cancellation))?.AgencyCode;
    }

    /// <summary>Null when the user may register for the command's agency (one they can see, with a registering role).</summary>
    public AccessDenial? CheckRegistration(RegisterApplication command)
    {
        if (!CommandPermissions.MaySend<RegisterApplication>(staff))
            return new AccessDenial(StatusCodes.Status403Forbidden, NotYourRole);
        return CanSee(command.AgencyCode.Trim()) ? null : new AccessDenial(StatusCodes.Status403Forbidden, new Refusal("agency.not-visible",
            "您不能为其他机关登记申请。", "The user may not register applications for that agency.", RefusalKind.Rule));
    }
}
