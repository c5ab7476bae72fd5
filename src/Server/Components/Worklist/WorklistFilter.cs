using System.Linq.Expressions;
using Projections.Cases;
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

    /// <summary>待办 with <paramref name="filter"/> at page <paramref name="page"/> (the filters' own parameter names).</summary>
    public static string Page(WorklistFilter filter, int page)
    {
        var parameters = new (string Name, string? Value)[]
        {
            ("q", filter.Q), ("status", filter.Status), ("channel", filter.Channel), ("applicantType", filter.ApplicantType),
            ("handler", filter.Handler), ("agency", filter.Agency),
            ("page", page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
        };
        var query = string.Join("&", parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? Worklist : $"{Worklist}?{query}";
    }
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

    /// <summary>The filter as one database predicate over the stored rows ("overdue" etc. decided today by <paramref name="clock"/>).</summary>
    public Expression<Func<WorklistEntry, bool>> Predicate(WorklistClockFilters clock)
    {
        Expression<Func<WorklistEntry, bool>>? predicate = null;
        if (Status is { Length: > 0 } && StatusPredicate(Status, clock) is { } status) predicate = And(predicate, status);
        if (Channel is { Length: > 0 } && Enum.TryParse<Channel>(Channel, out var channel)) predicate = And(predicate, e => e.Channel == channel);
        else if (Channel is { Length: > 0 }) predicate = Nothing;
        if (ApplicantType is { Length: > 0 } && Enum.TryParse<ApplicantType>(ApplicantType, out var type)) predicate = And(predicate, e => e.ApplicantType == type);
        else if (ApplicantType is { Length: > 0 }) predicate = Nothing;
        if (Handler is { Length: > 0 } handler) predicate = And(predicate, e => e.Handler == handler);
        if (Agency is { Length: > 0 } agency) predicate = And(predicate, e => e.AgencyCode == agency);
        if (Q is { Length: > 0 } && Q.Trim() is { Length: > 0 } term)
            predicate = And(predicate, e => e.RegistrationNumber.Contains(term, StringComparison.OrdinalIgnoreCase)
                                            || e.ApplicantName.Contains(term, StringComparison.OrdinalIgnoreCase)
                                            || e.ItemsText.Contains(term, StringComparison.OrdinalIgnoreCase));
        return predicate ?? (e => e.ClockKnown >= 0);
    }

    // An unknown choice in the address matches nothing (as comparing the text did), not everything.
    private static readonly Expression<Func<WorklistEntry, bool>> Nothing = e => e.Id == Guid.Empty;

    private static Expression<Func<WorklistEntry, bool>>? StatusPredicate(string status, WorklistClockFilters clock) => status switch
    {
        "overdue" => clock.Overdue,
        "due-soon" => clock.DueSoon,
        "paused" => clock.Paused,
        WorklistRoutes.AwaitingServiceStatus => e => e.AwaitingService,
        nameof(ApplicationStatus.AwaitingSupplement) => e => e.Status == ApplicationStatus.AwaitingSupplement,
        nameof(ApplicationStatus.InProgress) => e => e.Status == ApplicationStatus.InProgress,
        _ => null,
    };

    private static Expression<Func<WorklistEntry, bool>> And(Expression<Func<WorklistEntry, bool>>? a, Expression<Func<WorklistEntry, bool>> b) =>
        a is null ? b : WorklistClockFilters.And(a, b);
}
