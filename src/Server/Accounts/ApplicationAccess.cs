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
public sealed class ApplicationAccess(ICurrentStaff staff, IQuerySession session)
{
    public static readonly Refusal NotYourRole = new("role.forbidden",
        "您的角色不能进行此操作。", "The user's roles may not send this command.", RefusalKind.Rule);

    public bool CanSee(string agencyCode) => staff.IsSignedIn && staff.VisibleAgencies.Contains(agencyCode);

    // The file this request last loaded, for CheckAsync only: the step endpoints load the file (existence, the form's
    // data), then check the command, and that check needs nothing but the file's agency, which never changes, so it
    // need not be another round trip (docs/adr/0025). LoadVisibleAsync itself always reads afresh: after a refused
    // command a page shows the case as it now stands. One request, one scope: it cannot outlive its request.
    private ApplicationFile? lastLoaded;

    /// <summary>The case file, or null when it does not exist or belongs to an agency the user cannot see.</summary>
    public async Task<ApplicationFile?> LoadVisibleAsync(Guid id, CancellationToken cancellation = default)
    {
        if (!staff.IsSignedIn) return null;
        var file = await session.LoadAsync<ApplicationFile>(id, cancellation);
        lastLoaded = file;
        return file is not null && CanSee(file.AgencyCode) ? file : null;
    }

    /// <summary>The case files of the user's visible agencies, to filter further (worklists, searches, exports).</summary>
    public IQueryable<ApplicationFile> VisibleFiles()
    {
        var visible = staff.IsSignedIn ? staff.VisibleAgencies.ToArray() : [];
        return session.Query<ApplicationFile>().Where(f => visible.Contains(f.AgencyCode));
    }

    /// <summary>Null when the user may send the command to this application; otherwise 404 (not visible) or 403 (role).</summary>
    public async Task<AccessDenial?> CheckAsync(IApplicationCommand command, CancellationToken cancellation = default)
    {
        var file = staff.IsSignedIn && lastLoaded?.Id == command.ApplicationId
            ? lastLoaded
            : await LoadVisibleAsync(command.ApplicationId, cancellation);
        if (file is null || !CanSee(file.AgencyCode))
            return new AccessDenial(StatusCodes.Status404NotFound, Refusals.NotFound());
        return CommandPermissions.MaySend(staff, command.GetType()) ? null : new AccessDenial(StatusCodes.Status403Forbidden, NotYourRole);
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
