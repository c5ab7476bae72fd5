using Workflow.Applications;

namespace Server.Accounts;

/// <summary>The roles of a disclosure office (issue: accounts). A user may hold several.</summary>
public enum StaffRole
{
    Registrar,     // 登记员: registers applications
    CaseHandler,   // 承办人: 补正, consultations, fees, draft answers
    Approver,      // 审核人 / 负责人: approves extensions, issues answers
    LegalCounsel,  // 法律顾问: reads histories, findings, exports; cannot act
    Administrator, // 管理员: users, agencies, calendar
}

/// <summary>The signed-in member of staff, as every endpoint sees them. The actor of every event comes from here.</summary>
public interface ICurrentStaff
{
    bool IsSignedIn { get; }
    /// <summary>The login name, recorded as the actor of events.</summary>
    string UserName { get; }
    string DisplayName { get; }
    string AgencyCode { get; }
    IReadOnlySet<StaffRole> Roles { get; }
    /// <summary>The agencies whose applications this user may see: their own and, for a government's office, its departments.</summary>
    IReadOnlySet<string> VisibleAgencies { get; }
}

/// <summary>Which role may send which command: one table, used by the API, the UI and the tests' role matrix.</summary>
public static class CommandPermissions
{
    public static IReadOnlySet<StaffRole> RolesFor(Type commandType) => commandType.Name switch
    {
        nameof(RegisterApplication) => Set(StaffRole.Registrar, StaffRole.CaseHandler),
        nameof(ExtendReply) or nameof(AnswerApplication) or nameof(SetArticle35DueDate) or nameof(CorrectFact)
            or nameof(RecordSupplementLapsed) or nameof(RecordFeeLapsed) => Set(StaffRole.Approver),
        nameof(RequestSupplement) or nameof(RecordSupplement) or nameof(SendConsultation) or nameof(RecordConsultationReply)
            or nameof(NoticeFee) or nameof(RecordFeePaid) or nameof(RecordAnswerServed) or nameof(WithdrawApplication)
            or nameof(IssueNotice) or nameof(AddNote) => Set(StaffRole.CaseHandler, StaffRole.Approver),
        nameof(FileReconsideration) or nameof(DecideReconsideration) or nameof(FileLawsuit) or nameof(DecideLawsuit)
            => Set(StaffRole.CaseHandler, StaffRole.Approver),
        _ => Set(),
    };

    public static bool MaySend(ICurrentStaff staff, Type commandType) =>
        staff.IsSignedIn && RolesFor(commandType).Overlaps(staff.Roles);

    private static HashSet<StaffRole> Set(params StaffRole[] roles) => [.. roles];
}
