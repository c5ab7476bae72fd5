using System.Text;
using JasperFx.Events;
using Marten;
using Projections.Cases;
using Server.Accounts;
using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;
using Workflow.Vocabulary;

namespace Server.Pages;

/// <summary>One open application with its clock, or the reason the clock could not be computed.</summary>
public sealed record WorklistRow(ApplicationFile File, ClockReading? Clock, string? ClockError)
{
    public bool IsOverdue => Clock?.IsOverdue == true;
    public bool IsDueSoon => Clock?.IsDueSoon == true;
}

/// <summary>
/// The open applications of the user's agencies with their clocks. Events of all the open streams are fetched in one
/// query and the clocks computed in memory (a few hundred open cases per office).
/// </summary>
public sealed class WorklistReader(IQuerySession session, ApplicationAccess access, DecisionContextSource today)
{
    public async Task<IReadOnlyList<WorklistRow>> OpenAsync(CancellationToken cancellation)
    {
        // Open, or answered and not yet served (答复待送达): the tables count an answer when it is served (A11).
        var files = await access.VisibleFiles()
            .Where(f => f.Status != ApplicationStatus.Closed || (f.Closure == ClosureKind.Answered && f.ServedOn == null))
            .ToListAsync(cancellation);
        if (files.Count == 0) return [];
        var ids = files.Select(f => f.Id).ToArray();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(ids))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellation);
        var histories = events.GroupBy(e => e.StreamId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<IApplicationEvent>)[.. g.Select(e => e.Data).OfType<IApplicationEvent>()]);
        var date = today.Today;
        return [.. files.Select(file => Read(file, histories.GetValueOrDefault(file.Id) ?? [], date))
            .OrderBy(r => r.Clock?.DueOn ?? DateOnly.MaxValue)
            .ThenBy(r => r.File.ReceivedOn)];
    }

    private WorklistRow Read(ApplicationFile file, IReadOnlyList<IApplicationEvent> history, DateOnly date)
    {
        try
        {
            return new WorklistRow(file, StatutoryClock.Compute(history, today.CalendarFor(file.AgencyCode), date), null);
        }
        catch (CalendarYearNotLoadedException exception)
        {
            return new WorklistRow(file, null, exception.ChineseMessage);
        }
    }
}

/// <summary>待办: open applications ordered by due date, with filters and a search.</summary>
public static class WorklistPage
{
    public const string Path = "/worklist";

    /// <summary>The status filter of answers not yet served (答复待送达).</summary>
    public const string AwaitingServiceStatus = "awaiting-service";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ShowAsync);
        app.MapGet("/", HomeAsync);
    }

    /// <summary>The filters of the page, from the query string.</summary>
    public sealed record WorklistFilter(string? Status, string? Channel, string? ApplicantType, string? Handler, string? Agency, string? Q)
    {
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
            AwaitingServiceStatus => row.File.AwaitingService,
            nameof(ApplicationStatus.AwaitingSupplement) => row.File.Status == ApplicationStatus.AwaitingSupplement,
            nameof(ApplicationStatus.InProgress) => row.File.Status == ApplicationStatus.InProgress,
            _ => true,
        };
    }

    private static async Task<IResult> ShowAsync(HttpContext http, IQuerySession session, ApplicationAccess access,
        DecisionContextSource today, AgencyDirectory agencies, ICurrentStaff staff,
        string? status, string? channel, string? applicantType, string? handler, string? agency, string? q, CancellationToken cancellation)
    {
        var all = await new WorklistReader(session, access, today).OpenAsync(cancellation);
        var filter = new WorklistFilter(status, channel, applicantType, handler, agency, q);
        var rows = all.Where(filter.Matches).ToList();
        var names = await agencies.NamesAsync(cancellation);
        var handlers = all.Select(r => r.File.Handler).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var staffNames = await StaffNamesAsync(session, all, cancellation);

        var state = new FormState();
        foreach (var (key, value) in http.Request.Query) state.With(key, value.ToString());
        var f = new FormFields("filter", state);
        var html = new StringBuilder();
        html.Append("<h1>待办申请</h1>");
        html.Append(await MovedDeadlinesBanner(session, staff, cancellation));
        html.Append(Counts(all));
        html.Append($"<form method=\"get\" action=\"{Path}\" class=\"panel filters\" role=\"search\">");
        html.Append(f.Text("q", "搜索（登记号、申请人或所需信息）", type: "search"));
        html.Append(f.Select("status", "状态",
            [("overdue", "已超期"), ("due-soon", "5个工作日内到期"), ("paused", "暂停计时"),
             (nameof(ApplicationStatus.InProgress), "办理中"), (nameof(ApplicationStatus.AwaitingSupplement), "待补正"),
             (AwaitingServiceStatus, "答复待送达")],
            required: false, emptyLabel: "全部"));
        html.Append(f.Select("channel", "申请方式", FormFields.EnumOptions<Channel>(), required: false, emptyLabel: "全部"));
        html.Append(f.Select("applicantType", "申请人类型", FormFields.EnumOptions<ApplicantType>(), required: false, emptyLabel: "全部"));
        html.Append(f.Select("handler", "经办人", handlers.Select(h => (h, staffNames.GetValueOrDefault(h, h))), required: false, emptyLabel: "全部"));
        if (staff.VisibleAgencies.Count > 1)
            html.Append(f.Select("agency", "机关", staff.VisibleAgencies.Order(StringComparer.Ordinal).Select(c => (c, names.GetValueOrDefault(c, c))),
                required: false, emptyLabel: "全部"));
        html.Append("<div class=\"actions-row\"><button type=\"submit\">筛选</button><a href=\"/worklist\">清除</a></div>");
        html.Append("</form>");

        if (rows.Count == 0)
        {
            html.Append($"<p class=\"panel muted\">{(all.Count == 0 ? "没有办理中的申请。" : "没有符合条件的申请。")}</p>");
        }
        else
        {
            html.Append($"<p class=\"muted\">共 {rows.Count} 件，按答复期限届满日排列。</p>");
            html.Append(Table(rows, names, staffNames, staff.VisibleAgencies.Count > 1));
        }
        return await StaffLayout.PageAsync(http, "待办", NavSection.Worklist, html.ToString());
    }

    /// <summary>The home page: the counts and the most urgent open applications.</summary>
    private static async Task<IResult> HomeAsync(HttpContext http, IQuerySession session, ApplicationAccess access,
        DecisionContextSource today, AgencyDirectory agencies, ICurrentStaff staff, CancellationToken cancellation)
    {
        var all = await new WorklistReader(session, access, today).OpenAsync(cancellation);
        var names = await agencies.NamesAsync(cancellation);
        var html = new StringBuilder($"<h1>{Html.E(staff.DisplayName)}，您好</h1>");
        html.Append($"<p class=\"muted\">今天是 {Html.Iso(today.Today)}。</p>");
        html.Append(await MovedDeadlinesBanner(session, staff, cancellation));
        html.Append(Counts(all));
        var urgent = all.Where(r => r.IsOverdue || r.IsDueSoon || r.ClockError is not null).Take(10).ToList();
        html.Append("<h2>需要优先办理</h2>");
        if (urgent.Count == 0) html.Append("<p class=\"panel muted\">没有已超期或5个工作日内到期的申请。</p>");
        else html.Append(Table(urgent, names, await StaffNamesAsync(session, urgent, cancellation), staff.VisibleAgencies.Count > 1));
        html.Append($"<p><a href=\"{Path}\">查看全部待办 →</a></p>");
        return await StaffLayout.PageAsync(http, "首页", NavSection.None, html.ToString());
    }

    /// <summary>
    /// The deadlines a calendar change moved, for the staff of their agencies until one of them acknowledges them
    /// (ADR 0018): a banner linking to the list.
    /// </summary>
    private static async Task<string> MovedDeadlinesBanner(IQuerySession session, ICurrentStaff staff, CancellationToken cancellation)
    {
        var moved = await Server.Calendar.MovedDeadlines.ListAsync(session, staff.VisibleAgencies, includeAcknowledged: false, cancellation);
        if (moved.Count == 0) return "";
        var applications = moved.Select(m => m.ApplicationId).Distinct().Count();
        return $"<div class=\"notice notice-warning moved-deadlines-banner\" role=\"alert\"><p>工作日历已变更，{applications} 件在办申请的期限随之改变（{moved.Count} 项）。" +
               $"<a href=\"{Components.Calendar.CalendarRoutes.Moved}\">查看并确认 →</a></p></div>";
    }

    private static string Counts(IReadOnlyList<WorklistRow> all) =>
        "<div class=\"counts\">" +
        $"<a class=\"count\" href=\"{Path}\"><span>办理中</span><strong>{all.Count(r => !r.File.AwaitingService)}</strong></a>" +
        $"<a class=\"count count-awaiting-service\" href=\"{Path}?status={AwaitingServiceStatus}\"><span>答复待送达</span><strong>{all.Count(r => r.File.AwaitingService)}</strong></a>" +
        $"<a class=\"count count-due-soon\" href=\"{Path}?status=due-soon\"><span>5个工作日内到期</span><strong>{all.Count(r => r.IsDueSoon)}</strong></a>" +
        $"<a class=\"count count-overdue\" href=\"{Path}?status=overdue\"><span>已超期</span><strong>{all.Count(r => r.IsOverdue)}</strong></a>" +
        "</div>";

    private static string Table(IReadOnlyList<WorklistRow> rows, IReadOnlyDictionary<string, string> names, IReadOnlyDictionary<string, string> staffNames, bool showAgency)
    {
        var html = new StringBuilder("<table class=\"data worklist\"><thead><tr><th scope=\"col\">登记号</th><th scope=\"col\">申请人</th><th scope=\"col\">所需信息</th>" +
                    "<th scope=\"col\">收到日期</th><th scope=\"col\">届满日期</th><th scope=\"col\">剩余工作日</th><th scope=\"col\">期限状态</th>" +
                    "<th scope=\"col\">经办人</th>" + (showAgency ? "<th scope=\"col\">机关</th>" : "") + "</tr></thead><tbody>");
        foreach (var row in rows) html.Append(Row(row, names, staffNames, showAgency));
        html.Append("</tbody></table>");
        return html.ToString();
    }

    private static string Row(WorklistRow row, IReadOnlyDictionary<string, string> names, IReadOnlyDictionary<string, string> staffNames, bool showAgency)
    {
        var file = row.File;
        var css = row.IsOverdue ? " class=\"overdue\"" : row.IsDueSoon ? " class=\"due-soon\"" : "";
        var firstItem = file.Items.FirstOrDefault()?.Description ?? "";
        var items = file.Items.Count > 1 ? $"{Truncate(firstItem, 28)} 等{file.Items.Count}项" : Truncate(firstItem, 36);
        string due, left, label;
        if (row.Clock is { } clock)
        {
            due = clock.DueOn is { } d
                ? Html.Date(d) + (clock.IsDueDateProvisional ? "（暂计）" : "")
                  + (clock.Provisional ? $"<span class=\"provisional\" title=\"{Html.E(clock.ProvisionalReason)}\">（预计）</span>" : "")
                : "—";
            left = clock.Status == ClockStatus.AwaitingSupplement ? "—" : clock.WorkingDaysLeft.ToString(System.Globalization.CultureInfo.InvariantCulture);
            label = clock switch
            {
                _ when file.AwaitingService =>
                    $"<span class=\"tag tag-supplement\" title=\"答复送达后计入送达之日所在年度的办理结果；请登记送达\">答复待送达（{Html.Date(file.ClosedOn)}已答复）</span>",
                { IsOverdue: true } => $"<span class=\"tag tag-overdue\">已超期{-clock.WorkingDaysLeft}个工作日</span>",
                { Status: ClockStatus.AwaitingSupplement } => $"<span class=\"tag tag-supplement\">待补正（期限{Html.Date(clock.SupplementDueOn)}）</span>",
                { IsDueSoon: true } => "<span class=\"tag tag-due-soon\">即将到期</span>",
                { IsPaused: true } => "<span class=\"tag tag-paused\">暂停计时</span>",
                _ => "<span class=\"muted\">计时中</span>",
            };
            if (clock.ExtensionWorkingDays > 0) label += " <span class=\"tag tag-paused\">已延期</span>";
            if (clock.WasOverdueAtSupplementNotice && !clock.IsOverdue) // A5: the restart does not erase the overdue days
                label += $" <span class=\"tag tag-overdue\" title=\"{Html.E(clock.OverdueAtSupplementNoticeText)}\">补正告知时已超期{clock.OverdueAtSupplementNotices[^1].WorkingDaysOverdue}个工作日</span>";
        }
        else
        {
            due = "—";
            left = "—";
            label = $"<span class=\"tag tag-overdue\" role=\"note\">{Html.E(row.ClockError)}</span>";
        }
        return $"<tr{css} data-id=\"{file.Id}\"><td class=\"nowrap\"><a href=\"/applications/{file.Id}\">{Html.E(file.RegistrationNumber)}</a></td>" +
               $"<td>{Html.E(file.Applicant.Name)}<br><span class=\"muted\">{Html.E(ChineseTerms.Of(file.ApplicantType))} · {Html.E(ChineseTerms.Of(file.Channel))}</span></td>" +
               $"<td>{Html.E(items)}</td><td class=\"nowrap\">{Html.Date(file.ReceivedOn)}</td><td class=\"nowrap\">{due}</td><td class=\"num\">{left}</td><td>{label}</td>" +
               $"<td>{Html.E(file.Handler is null ? "" : staffNames.GetValueOrDefault(file.Handler, file.Handler))}</td>" + (showAgency ? $"<td>{Html.E(names.GetValueOrDefault(file.AgencyCode, file.AgencyCode))}</td>" : "") + "</tr>";
    }

    private static async Task<IReadOnlyDictionary<string, string>> StaffNamesAsync(IQuerySession session, IEnumerable<WorklistRow> rows,
        CancellationToken cancellation)
    {
        var userNames = rows.Select(r => r.File.Handler).OfType<string>().Distinct().ToArray();
        if (userNames.Length == 0) return new Dictionary<string, string>();
        var users = await session.Query<StaffUser>().Where(u => u.UserName.IsOneOf(userNames)).ToListAsync(cancellation);
        return users.ToDictionary(u => u.UserName, u => u.DisplayName);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
