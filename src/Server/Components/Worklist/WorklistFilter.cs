using Server.Pages;
using Workflow.Applications;

namespace Server.Components.Worklist;

/// <summary>The addresses of 待办 and the home page.</summary>
public static class WorklistRoutes
{
    public const string Home = "/";
    public const string Worklist = "/worklist";

    /// <summary>The status filter of answers not yet served (答复待送达).</summary>
    public const string AwaitingServiceStatus = "awaiting-service";

    public static string WithStatus(string status) => $"{Worklist}?status={Uri.EscapeDataString(status)}";
}

/// <summary>The filters of 待办, from the query string.</summary>
public sealed record WorklistFilter(string? Status, string? Channel, string? ApplicantType, string? Handler, string? Agency, string? Q)
{
    /// <summary>The status filter's choices: value and Chinese label.</summary>
    public static IReadOnlyList<(string Value, string Label)> Statuses { get; } =
    [
        ("overdue", "已超期"), ("due-soon", "5个工作日内到期"), ("paused", Workflow.Vocabulary.ChineseTerms.Of(Workflow.Clock.ClockStatus.Paused)),
        (nameof(ApplicationStatus.InProgress), Workflow.Vocabulary.ChineseTerms.Of(ApplicationStatus.InProgress)),
        (nameof(ApplicationStatus.AwaitingSupplement), Workflow.Vocabulary.ChineseTerms.Of(ApplicationStatus.AwaitingSupplement)),
        (WorklistRoutes.AwaitingServiceStatus, "答复待送达"),
    ];

    public bool Matches(WorklistRow row)
    {
        var file = row.File;
        if (Status is { Length: > 0 } && !StatusMatches(row, Status)) return false;
        if (Channel is { Length: > 0 } && file.Channel.ToString() != Channel) return false;
        if (ApplicantType is { Length: > 0 } && file.ApplicantType.ToString() != ApplicantType) return false;
        if (Handler is { Length: > 0 } && file.Handler != Handler) return false;
        if (Agency is { Length: > 0 } && file.AgencyCode != Agency) return false;
        if (Q is { Length: > 0 } q)
        {
            var term = q.Trim();
            return file.RegistrationNumber.Contains(term, StringComparison.OrdinalIgnoreCase)
                   || file.Applicant.Name.Contains(term, StringComparison.OrdinalIgnoreCase)
                   || file.Items.Any(i => i.Description.Contains(term, StringComparison.OrdinalIgnoreCase));
        }
        return true;
    }

    private static bool StatusMatches(WorklistRow row, string status) => status switch
    {
        "overdue" => row.IsOverdue,
        "due-soon" => row.IsDueSoon,
        "paused" => row.Clock?.IsPaused == true,
        WorklistRoutes.AwaitingServiceStatus => row.File.AwaitingService,
        nameof(ApplicationStatus.AwaitingSupplement) => row.File.Status == ApplicationStatus.AwaitingSupplement,
        nameof(ApplicationStatus.InProgress) => row.File.Status == ApplicationStatus.InProgress,
        _ => true,
    };
}
