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

/// <summary>
/// 案卷: the facts, the statutory clock, the forms of the steps the state allows and the user's roles permit, and the
/// timeline. Every form posts to <c>/applications/{id}/steps/{step}</c> with the version the user saw; the command goes
/// through the same <see cref="ApplicationCommandBus"/> as the API.
/// </summary>
public static class CasePage
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/applications/{id:guid}", ShowAsync);
        app.MapPost("/applications/{id:guid}/steps/{step}", PostStepAsync);
    }

    /// <summary>Everything the page shows, read in one place.</summary>
    private sealed record CaseData(ApplicationFile File, IReadOnlyList<IEvent> Events, ClockReading? Clock, string? ClockError,
        CaseContext Context, int Version, IReadOnlyDictionary<string, string> StaffNames);

    private static async Task<CaseData?> LoadAsync(Guid id, HttpContext http, CancellationToken cancellation)
    {
        var services = http.RequestServices;
        var access = services.GetRequiredService<ApplicationAccess>();
        var file = await access.LoadVisibleAsync(id, cancellation);
        if (file is null) return null;
        var session = services.GetRequiredService<IQuerySession>();
        var events = await session.Events.FetchStreamAsync(id, token: cancellation);
        var today = services.GetRequiredService<DecisionContextSource>().Today;
        ClockReading? clock = null;
        string? clockError = null;
        try
        {
            clock = StatutoryClock.Compute([.. events.Select(e => e.Data).OfType<IApplicationEvent>()],
                services.GetRequiredService<DecisionContextSource>().CalendarFor(file.AgencyCode), today);
        }
        catch (CalendarYearNotLoadedException exception)
        {
            clockError = exception.ChineseMessage;
        }
        var actors = events.Select(e => (e.Data as IApplicationEvent)?.Actor).OfType<string>().Distinct().ToArray();
        var users = await session.Query<StaffUser>().Where(u => actors.Contains(u.UserName)).ToListAsync(cancellation);
        var staff = services.GetRequiredService<ICurrentStaff>();
        var version = events.Count == 0 ? file.StreamVersion : (int)events[^1].Version;
        var topics = await Workflow.Topics.TopicCatalog.LoadAsync(session, file.AgencyCode, cancellation);
        // The write model the deciders see: the forms offered are the steps whose guards allow them (StepForms.Available).
        var application = await session.Events.AggregateStreamAsync<DisclosureApplication>(id, token: cancellation);
        if (application is null) return null;
        var decision = services.GetRequiredService<DecisionContextSource>().For(application);
        return new CaseData(file, events, clock, clockError,
            new CaseContext(file, clock, today, staff, application, decision, [.. topics.Topics.Where(t => t.IsActive).Select(t => t.Name)]), version,
            users.ToDictionary(u => u.UserName, u => u.DisplayName));
    }

    private static async Task<IResult> ShowAsync(Guid id, HttpContext http, string? done, string? registered, CancellationToken cancellation)
    {
        var data = await LoadAsync(id, http, cancellation);
        if (data is null) return Results.NotFound();
        string? flash = null;
        if (registered is not null)
            flash = StaffLayout.Notice("success", registered == "existing"
                ? $"该申请此前已登记，登记号：{data.File.RegistrationNumber}"
                : $"登记成功，登记号：{data.File.RegistrationNumber}");
        else if (done is not null && StepForms.Find(done) is { } doneForm)
            flash = StaffLayout.Notice("success", $"已办理：{doneForm.Title}。");
        return await StaffLayout.PageAsync(http, $"案卷 {data.File.RegistrationNumber}", NavSection.Worklist,
            Render(http, data, flash, null, null));
    }

    private static async Task<IResult> PostStepAsync(Guid id, string step, HttpContext http, IFormCollection form,
        ApplicationAccess access, ApplicationCommandBus commands, ICurrentStaff staff, CancellationToken cancellation)
    {
        var data = await LoadAsync(id, http, cancellation);
        if (data is null || StepForms.Find(step) is not { } stepForm) return Results.NotFound();
        if (!CommandPermissions.MaySend(staff, stepForm.CommandType)) return Results.StatusCode(StatusCodes.Status403Forbidden);

        var state = FormState.From(form);
        var json = StepForms.ToJson(stepForm, state, data.Context);
        if (json is null)
            return await RefusedAsync(http, data, stepForm, state, null, StatusCodes.Status422UnprocessableEntity);

        var (command, malformed) = ApplicationSteps.Read(step, json, id, staff.UserName);
        if (malformed is not null)
        {
            state.GeneralError = malformed.Chinese;
            return await RefusedAsync(http, data, stepForm, state, null, StatusCodes.Status422UnprocessableEntity);
        }
        if (await access.CheckAsync(command!, cancellation) is { } denial)
            return denial.StatusCode == StatusCodes.Status404NotFound ? Results.NotFound() : Results.StatusCode(denial.StatusCode);

        var outcome = await commands.SendAsync(command!, cancellation);
        if (outcome.Succeeded) return Results.Redirect($"/applications/{id}?done={Html.Url(step)}");

        var refusal = outcome.Refusal!;
        if (refusal.Kind == RefusalKind.NotFound) return Results.NotFound();
        if (refusal.Kind == RefusalKind.Conflict)
        {
            // Someone else acted first: show the case as it now stands, keep what the user typed, and let them resubmit
            // against the fresh version if the step still applies.
            var fresh = await LoadAsync(id, http, cancellation);
            if (fresh is null) return Results.NotFound();
            state.With("version", fresh.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            state.GeneralError = "该案卷已被他人更新，请核对下方最新情况后再提交。您填写的内容已保留。";
            state.IsConflict = true;
            return await RefusedAsync(http, fresh, stepForm, state, refusal.Chinese, StatusCodes.Status409Conflict);
        }
        if (StepForms.FieldOf(stepForm, refusal, data.Context, state) is { } field) state.AddError(field, refusal.Chinese);
        else state.GeneralError = refusal.Chinese;
        return await RefusedAsync(http, data, stepForm, state, null, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> RefusedAsync(HttpContext http, CaseData data, StepForm form, FormState state, string? conflict, int status)
    {
        var notice = conflict is null
            ? StaffLayout.Notice("error", $"“{form.Title}”未能办理，请按提示修改后重新提交。")
            : StaffLayout.Notice("warning", conflict);
        return await StaffLayout.PageAsync(http, $"案卷 {data.File.RegistrationNumber}", NavSection.Worklist,
            Render(http, data, notice, form, state), status);
    }

    // ---- the page -----------------------------------------------------------------------------------------------

    private static string Render(HttpContext http, CaseData data, string? notice, StepForm? postedForm, FormState? postedState)
    {
        var file = data.File;
        var html = new StringBuilder();
        html.Append($"<div class=\"case-title\"><h1>案卷 <span class=\"registration-number\">{Html.E(file.RegistrationNumber)}</span> {StatusTag(file, data.Clock)}</h1></div>");
        if (notice is not null) html.Append(notice);
        if (LegalReviewPages.MayReview(data.Context.Staff))
            html.Append($"<p class=\"case-links no-print\"><a href=\"{LegalReviewPages.HistoryPath(file.Id)}\">法律审查：完整办理经过、合规审查、时点回溯</a></p>");
        html.Append("<div class=\"case-layout\">");
        html.Append("<div class=\"case-main\">");
        html.Append(Facts(data));
        html.Append(Items(file));
        html.Append(Outcome(file));
        html.Append(Notices(file, data.Context.Application));
        html.Append("</div>");
        html.Append("<div class=\"case-side\">");
        html.Append(ClockPanel(data));
        html.Append(Actions(http, data, postedForm, postedState));
        html.Append("</div>");
        html.Append("</div>");
        html.Append("<section class=\"panel\" id=\"timeline\"><h2>办理记录</h2>");
        html.Append(CaseTimeline.Render(data.Events, data.StaffNames));
        html.Append("</section>");
        return html.ToString();
    }

    public static string StatusTag(ApplicationFile file, ClockReading? clock) => (file.Status, clock) switch
    {
        (ApplicationStatus.Closed, _) => $"<span class=\"tag tag-closed\">{Html.E(ChineseTerms.Of(file.Closure ?? ClosureKind.Answered))}</span>",
        (ApplicationStatus.AwaitingSupplement, _) => "<span class=\"tag tag-supplement\">待补正</span>",
        (_, { IsOverdue: true }) => "<span class=\"tag tag-overdue\">已超期</span>",
        (_, { IsDueSoon: true }) => "<span class=\"tag tag-due-soon\">即将到期</span>",
        (_, { IsPaused: true }) => "<span class=\"tag tag-paused\">暂停计时</span>",
        _ => "<span class=\"tag tag-paused\">办理中</span>",
    };

    private static string Facts(CaseData data)
    {
        var file = data.File;
        var a = file.Applicant;
        return $"""
            <section class="panel" id="facts"><h2>申请情况</h2>
            <dl class="facts">
            <dt>登记号</dt><dd>{Html.E(file.RegistrationNumber)}</dd>
            <dt>收到申请日期</dt><dd>{Html.Date(file.ReceivedOn)}</dd>{(file.ArrivedOn is { } arrived ? $"<dt>申请到达日期</dt><dd>{Html.Date(arrived)}</dd>" : "")}
            <dt>申请方式</dt><dd>{Html.E(ChineseTerms.Of(file.Channel))}</dd>
            <dt>申请人类型</dt><dd>{Html.E(ChineseTerms.ApplicantTypeLong(file.ApplicantType))}</dd>
            <dt>申请人</dt><dd>{Html.E(a.Name)}</dd>
            <dt>身份证明号码</dt><dd>{Html.E(a.IdNumber ?? "—")}</dd>
            <dt>联系电话</dt><dd>{Html.E(a.Phone ?? "—")}</dd>
            <dt>通信地址</dt><dd>{Html.E(a.Address ?? "—")}</dd>
            <dt>电子邮箱</dt><dd>{Html.E(a.Email ?? "—")}</dd>
            <dt>获取信息的方式</dt><dd>{Html.E(ChineseTerms.Of(file.RequestedForm))}</dd>
            <dt>申请内容分类</dt><dd id="case-topics">{(file.Topics.Count == 0 ? "未分类" : Html.E(string.Join("、", file.Topics)))}</dd>
            {(file.ExternalRequestId is null ? "" : $"<dt>网上申请编号</dt><dd>{Html.E(file.ExternalRequestId)}</dd>")}
            <dt>登记人</dt><dd>{Html.E(data.StaffNames.GetValueOrDefault(file.RegisteredBy, file.RegisteredBy))}（{Html.E(Html.Time(file.RegisteredAt))}）</dd>
            <dt>最近经办人</dt><dd>{Html.E(file.Handler is null ? "—" : data.StaffNames.GetValueOrDefault(file.Handler, file.Handler))}</dd>
            </dl></section>
            """;
    }

    private static string Items(ApplicationFile file)
    {
        var html = new StringBuilder("<section class=\"panel\" id=\"items\"><h2>所需政府信息</h2><ol>");
        foreach (var item in file.Items)
        {
            html.Append($"<li>{Html.E(item.Description)}");
            if (file.Answers.FirstOrDefault(x => x.ItemNumber == item.Number) is { } answer)
                html.Append($"<br><span class=\"muted\">办理结果：{Html.E(ChineseTerms.Of(answer.Result))}{(answer.Reason is null ? "" : "；理由：" + Html.E(answer.Reason))}</span>");
            html.Append("</li>");
        }
        html.Append("</ol></section>");
        return html.ToString();
    }

    private static string Outcome(ApplicationFile file)
    {
        var html = new StringBuilder();
        if (file.SupplementRequests > 0 || file.ExtendedOn is not null || file.Consultations.Count > 0 || file.FeeNoticedOn is not null
            || file.Article35DueOn is not null)
        {
            html.Append("<section class=\"panel\" id=\"steps\"><h2>办理情况</h2><dl class=\"facts\">");
            if (file.SupplementRequests > 0)
                html.Append($"<dt>补正</dt><dd>告知 {file.SupplementRequests} 次，最近告知 {Html.Date(file.SupplementRequestedOn)}，" +
                            $"{(file.SupplementDeadline is { } d ? $"补正期限 {Html.Date(d)}" : file.SupplementReceivedOn is { } r ? $"已于 {Html.Date(r)} 收到补正材料" : "")}</dd>");
            if (file.ExtendedOn is not null)
                html.Append($"<dt>延期</dt><dd>{Html.Date(file.ExtendedOn)} 延长 {file.ExtensionDays} 个工作日，批准人 {Html.E(file.ExtensionApprovedBy)}</dd>");
            if (file.Article35DueOn is not null)
                html.Append($"<dt>第三十五条期限</dt><dd>{Html.Date(file.Article35DueOn)}；{Html.E(file.Article35Reason)}</dd>");
            foreach (var c in file.Consultations)
                html.Append($"<dt>征求意见（第{c.Number}号）</dt><dd>{Html.E(ChineseTerms.Of(c.Party))} {Html.E(c.Consultee)}，{Html.Date(c.SentOn)} 发出，" +
                            $"{(c.RepliedOn is { } replied ? $"{Html.Date(replied)} 回复" : "尚未回复")}</dd>");
            if (file.FeeNoticedOn is not null)
                html.Append($"<dt>收费</dt><dd>{Html.Date(file.FeeNoticedOn)} 通知 {file.FeeAmount:0.##} 元，" +
                            $"{(file.FeePaidOn is { } paid ? $"{Html.Date(paid)} 缴费 {file.FeePaidAmount:0.##} 元" : "尚未缴费")}</dd>");
            html.Append("</dl></section>");
        }
        if (file.Closure is not null)
        {
            html.Append("<section class=\"panel\" id=\"outcome\"><h2>办理结果</h2><dl class=\"facts\">");
            html.Append($"<dt>办结方式</dt><dd>{Html.E(ChineseTerms.Of(file.Closure.Value))}，{Html.Date(file.ClosedOn)}</dd>");
            if (file.Row is { } row) html.Append($"<dt>年报统计行</dt><dd>{Html.E(ChineseTerms.Of(row))}</dd>");
            if (file.ReplyDocumentNumber is not null) html.Append($"<dt>答复书文号</dt><dd>{Html.E(file.ReplyDocumentNumber)}</dd>");
            if (file.Closure == ClosureKind.Answered)
                html.Append($"<dt>送达</dt><dd>{(file.ServedOn is { } served ? $"{Html.E(ChineseTerms.Of(file.ServiceMethod!.Value))}，{Html.Date(served)}" : "尚未登记")}</dd>");
            if (file.WithdrawalReason is not null) html.Append($"<dt>撤回说明</dt><dd>{Html.E(file.WithdrawalReason)}</dd>");
            html.Append("</dl></section>");
        }
        if (file.Reviews.Count > 0)
        {
            html.Append("<section class=\"panel\" id=\"reviews\"><h2>复议与诉讼</h2><dl class=\"facts\">");
            foreach (var r in file.Reviews)
                html.Append($"<dt>{Html.E(ChineseTerms.Of(r.Kind))}（第{r.CaseNumber}号）</dt><dd>{Html.Date(r.FiledOn)} {Html.E(r.Body)}" +
                            $"{(r.DocketNumber is null ? "" : $"，案号 {Html.E(r.DocketNumber)}")}；" +
                            $"{(r.Decision is { } d ? $"{Html.Date(r.DecidedOn)} {Html.E(ChineseTerms.Of(d))}" : "尚未审结")}</dd>");
            html.Append("</dl></section>");
        }
        if (file.Corrections.Count > 0)
        {
            html.Append("<section class=\"panel\" id=\"corrections\"><h2>更正记录</h2><dl class=\"facts\">");
            foreach (var c in file.Corrections)
                html.Append($"<dt>{Html.E(ChineseTerms.Of(c.Fact))}</dt><dd>{Html.Date(c.CorrectedOn)}：“{Html.E(c.OldValue)}”→“{Html.E(c.NewValue)}”；{Html.E(c.Reason)}（{Html.E(c.Actor)}）</dd>");
            html.Append("</dl></section>");
        }
        return html.ToString();
    }

    /// <summary>
    /// 文书: the notices the case's steps call for, each linked to its printable preview (where it is issued and numbered),
    /// with the document numbers already issued.
    /// </summary>
    private static string Notices(ApplicationFile file, DisclosureApplication application)
    {
        var html = new StringBuilder("<section class=\"panel\" id=\"notices\"><h2>文书</h2><ul class=\"notices\">");
        foreach (var kind in Enum.GetValues<NoticeKind>().Where(k => IssuingNoticeRules.Applies(application, k)))
        {
            var issued = file.Notices.Where(n => n.Kind == kind).ToList();
            html.Append($"<li data-notice=\"{Html.E(Server.Notices.NoticeKinds.SlugOf(kind))}\"><a href=\"{Html.E(Server.Notices.NoticePages.PathOf(file.Id, kind))}\">{Html.E(ChineseTerms.Of(kind))}</a>　");
            if (issued.Count > 0)
                html.Append("<span class=\"issued\">已发出：" + string.Join("；", issued.Select(n =>
                    $"<span class=\"document-number\">{Html.E(n.DocumentNumber)}</span>（{Html.Date(n.IssuedOn)}，{Html.E(ChineseTerms.Of(n.SentBy))}）")) + "</span>");
            else if (kind == NoticeKind.AnswerLetter && file.ReplyDocumentNumber is not null)
                html.Append($"<span class=\"issued\">答复时登记文号：<span class=\"document-number\">{Html.E(file.ReplyDocumentNumber)}</span></span>");
            else
                html.Append("<span class=\"muted\">尚未发出（可预览）</span>");
            html.Append("</li>");
        }
        html.Append("</ul></section>");
        return html.ToString();
    }

    private static string ClockPanel(CaseData data)
    {
        if (data.Clock is not { } clock)
            return $"<section class=\"panel\" id=\"clock\"><h2>答复期限</h2><p class=\"clock-status clock-overdue\" role=\"alert\">{Html.E(data.ClockError)}</p></section>";
        var css = clock.IsOverdue ? " clock-overdue" : clock.IsDueSoon ? " clock-due-soon" : "";
        var html = new StringBuilder($"<section class=\"panel\" id=\"clock\"><h2>答复期限</h2><p class=\"clock-status{css}\">{Html.E(clock.StatusText)}</p><dl class=\"facts\">");
        html.Append($"<dt>届满日期</dt><dd class=\"due-on\">{Html.Date(clock.DueOn)}{(clock.IsDueDateProvisional ? "（暂计）" : "")}{clock.ProvisionalMark}</dd>");
        if (clock.ProvisionalReason is { } provisional) html.Append($"<dt>预计</dt><dd class=\"provisional\">{Html.E(provisional)}</dd>");
        if (clock.OverdueAtSupplementNoticeText is { } overdueMark) html.Append($"<dt>超期记录</dt><dd class=\"overdue\">{Html.E(overdueMark)}</dd>");
        if (clock.DueDateBasis == DueDateBasis.Article35)
            html.Append($"<dt>依法计算的届满日</dt><dd>{Html.Date(clock.ComputedDueOn)}</dd>");
        html.Append($"<dt>已用工作日</dt><dd class=\"days-used\">{clock.WorkingDaysUsed}</dd>");
        html.Append($"<dt>剩余工作日</dt><dd class=\"days-left\">{(clock.IsOpen ? clock.WorkingDaysLeft.ToString(System.Globalization.CultureInfo.InvariantCulture) : "—")}</dd>");
        html.Append($"<dt>起算日</dt><dd>{Html.Date(clock.StartedOn)}{(clock.RestartedBySupplement ? "（收到补正材料，重新起算）" : "（收到申请）")}</dd>");
        html.Append($"<dt>法定期限</dt><dd>{clock.BaseWorkingDays} 个工作日{(clock.ExtensionWorkingDays > 0 ? $"，延长 {clock.ExtensionWorkingDays} 个工作日" : "")}（{Html.E(ChineseTerms.Of(clock.Regime))}）</dd>");
        if (clock.PausedWorkingDays > 0 || clock.Pauses.Length > 0)
        {
            html.Append($"<dt>暂停计时</dt><dd>{clock.PausedWorkingDays} 个工作日");
            foreach (var pause in clock.Pauses)
                html.Append($"<br>{Html.Date(pause.From)} 至 {Html.Date(pause.To)}{(pause.IsOpen ? "（进行中）" : "")}：{Html.E(string.Join("、", pause.Reasons.Select(r => ChineseTerms.Of(r))))}");
            html.Append("</dd>");
        }
        if (clock.IsOpen && clock.Supplements.Length == 0)
            html.Append($"<dt>补正告知期限</dt><dd>{Html.Date(clock.SupplementNoticeDueOn)}</dd>");
        foreach (var s in clock.Supplements.Where(s => !s.NoticeInTime))
            html.Append($"<dt>补正告知</dt><dd>{Html.Date(s.RequestedOn)} 告知，晚于 {Html.Date(s.NoticeDueOn)}（超过7个工作日）</dd>");
        html.Append("</dl></section>");
        return html.ToString();
    }

    private static string Actions(HttpContext http, CaseData data, StepForm? postedForm, FormState? postedState)
    {
        var available = StepForms.Available(data.Context);
        var html = new StringBuilder("<section class=\"step-forms\" id=\"actions\"><h2>可办理事项</h2>");
        if (available.Count == 0)
            html.Append("<p class=\"muted\">根据案卷状态和您的角色，目前没有可办理的事项。</p>");
        foreach (var form in available)
        {
            var posted = postedForm?.Step == form.Step;
            html.Append(StepForms.Render(form, data.Context, posted ? postedState! : FormState.Empty, data.Version, http, posted));
        }
        if (postedForm is not null && postedState is not null && available.All(f => f.Step != postedForm.Step))
        {
            // The step no longer applies (someone else acted first): keep what the user typed, read-only, to copy.
            html.Append($"<div class=\"notice notice-warning\" id=\"kept-input\"><p>“{Html.E(postedForm.Title)}”在案卷当前状态下已不能办理。您填写的内容如下：</p><dl class=\"facts\">");
            foreach (var (name, value) in postedState.Values.Where(v => v.Key != "version" && !string.IsNullOrWhiteSpace(v.Value)))
            {
                var label = postedForm.Fields.FirstOrDefault(f => f.Name == name)?.Label ?? name;
                html.Append($"<dt>{Html.E(label)}</dt><dd>{Html.E(value)}</dd>");
            }
            html.Append("</dl></div>");
        }
        html.Append("</section>");
        return html.ToString();
    }
}
