using System.Globalization;
using System.Text;
using Server.Accounts;
using Workflow.Applications;

namespace Server.Pages;

/// <summary>
/// 登记: every field of <see cref="RegisterApplication"/>. Errors appear next to their fields in Chinese with the input
/// kept; a success redirects to the case page, which shows the registration number.
/// </summary>
public static class RegistrationPage
{
    public const string Path = "/applications/new";
    private const int DefaultItemRows = 3;
    private const int MaxItemRows = StepChecks.MaxItems;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ShowAsync).RequireCommandPermission<RegisterApplication>();
        app.MapPost(Path, PostAsync).RequireCommandPermission<RegisterApplication>();
    }

    private static Task<IResult> ShowAsync(HttpContext http, ICurrentStaff staff) =>
        RenderAsync(http, staff, FormState.Empty, itemRows: DefaultItemRows, StatusCodes.Status200OK);

    private static async Task<IResult> PostAsync(HttpContext http, IFormCollection form, ICurrentStaff staff, ApplicationAccess access,
        ApplicationCommandBus commands, CancellationToken cancellation)
    {
        var state = FormState.From(form);
        var itemTexts = ItemTexts(state);
        var rows = Math.Min(MaxItemRows, Math.Max(DefaultItemRows, LastFilledRow(state) + 1));
        if (form.ContainsKey("addItem"))
            return await RenderAsync(http, staff, state, Math.Min(MaxItemRows, rows + 1), StatusCodes.Status200OK);

        var command = Read(state, staff, itemTexts);
        if (command is not null && access.CheckRegistration(command) is { } denial)
        {
            state.AddError("agencyCode", denial.Refusal.Chinese);
            command = null;
        }
        if (command is null) return await RenderAsync(http, staff, state, rows, StatusCodes.Status422UnprocessableEntity);

        var outcome = await commands.RegisterAsync(command, cancellation);
        if (outcome.Succeeded)
            return Results.Redirect($"/applications/{outcome.Result!.ApplicationId}?registered={(outcome.Result.AlreadyRegistered ? "existing" : "new")}");
        var refusal = outcome.Refusal!;
        if (FieldOf(refusal) is { } field) state.AddError(field, refusal.Chinese);
        else state.GeneralError = refusal.Chinese;
        return await RenderAsync(http, staff, state, rows, StatusCodes.Status422UnprocessableEntity);
    }

    private static string ItemName(int row) => $"items[{row}]";

    private static List<string> ItemTexts(FormState state) =>
        [.. Enumerable.Range(0, MaxItemRows).Select(i => state.Text(ItemName(i))).OfType<string>()];

    private static int LastFilledRow(FormState state) =>
        Enumerable.Range(0, MaxItemRows).LastOrDefault(i => state.Text(ItemName(i)) is not null, -1) + 1;

    /// <summary>The command, or null with the field errors recorded (only what the form itself can tell; the rules are the decision's).</summary>
    private static RegisterApplication? Read(FormState state, ICurrentStaff staff, IReadOnlyList<string> items)
    {
        var agency = state.Text("agencyCode");
        if (agency is null) state.AddError("agencyCode", "请选择“受理机关”。");
        else if (!staff.VisibleAgencies.Contains(agency)) state.AddError("agencyCode", "您不能为该机关登记申请。");

        DateOnly? arrivedOn = null;
        if (state.Text("arrivedOn") is { } arrivedText)
        {
            if (DateOnly.TryParseExact(arrivedText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var arrived)) arrivedOn = arrived;
            else state.AddError("arrivedOn", "“申请到达日期”应为有效日期，格式如 2024-01-31，或不填。");
        }

        DateOnly receivedOn = default;
        if (state.Text("receivedOn") is not { } receivedText) state.AddError("receivedOn", "请填写“收到申请日期”。");
        else if (!DateOnly.TryParseExact(receivedText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out receivedOn))
            state.AddError("receivedOn", "“收到申请日期”应为有效日期，格式如 2024-01-31。");

        var channel = Choice<Channel>(state, "channel", "申请方式");
        var applicantType = Choice<ApplicantType>(state, "applicantType", "申请人类型");
        var requestedForm = Choice<RequestedForm>(state, "requestedForm", "获取信息的方式");

        if (state.Text("applicantName") is null) state.AddError("applicantName", "请填写“申请人姓名或名称”。");
        if (state.Text("phone") is null && state.Text("address") is null && state.Text("email") is null)
            state.AddError("phone", "请至少填写一种联系方式（电话、通信地址或电子邮箱）（《条例》第二十九条）。");
        if (items.Count == 0) state.AddError(ItemName(0), "请至少填写一项所需政府信息。");
        if (state.HasErrors) return null;

        return new RegisterApplication(agency!, receivedOn, channel!.Value, applicantType!.Value,
            new Applicant(state.Text("applicantName")!, state.Text("idNumber"), state.Text("phone"), state.Text("address"), state.Text("email")),
            items, requestedForm!.Value, state.Text("externalRequestId"), staff.UserName, arrivedOn, Topics(state));
    }

    private const int MaxTopicChoices = 200;

    private static string TopicName(int index) => $"topics[{index}]";

    /// <summary>The ticked 申请内容分类 (optional); the decision checks them against the agency's list.</summary>
    private static IReadOnlyList<string>? Topics(FormState state)
    {
        var chosen = Enumerable.Range(0, MaxTopicChoices).Select(i => state.Text(TopicName(i))).OfType<string>().ToList();
        return chosen.Count == 0 ? null : chosen;
    }

    /// <summary>One checkbox per active topic of the agency the form registers for (its own by default).</summary>
    private static string TopicChoices(IEnumerable<string> topics, FormState state)
    {
        var ticked = Topics(state)?.ToHashSet(StringComparer.Ordinal) ?? [];
        return string.Concat(topics.Take(MaxTopicChoices).Select((topic, i) =>
            $"<label class=\"checkbox\" for=\"topic-{i}\"><input type=\"checkbox\" id=\"topic-{i}\" name=\"{TopicName(i)}\" value=\"{Html.E(topic)}\"" +
            (ticked.Contains(topic) ? " checked" : "") + $"> {Html.E(topic)}</label>"));
    }

    private static TEnum? Choice<TEnum>(FormState state, string name, string label) where TEnum : struct, Enum
    {
        var text = state.Text(name);
        if (text is not null && Enum.GetNames<TEnum>().Contains(text, StringComparer.Ordinal)) return Enum.Parse<TEnum>(text);
        state.AddError(name, text is null ? $"请选择“{label}”。" : $"“{label}”的选项无效，请重新选择。");
        return null;
    }

    /// <summary>The input a decision's refusal belongs to, by its code or the field name its message quotes.</summary>
    private static string? FieldOf(Refusal refusal) => refusal.Code switch
    {
        "date.too-early" or "date.in-future" => "receivedOn",
        "registration.arrived-in-future" or "registration.in-person-arrival" or "registration.arrived-after-receipt"
            or "registration.arrived-too-early" => "arrivedOn",
        "applicant.no-contact" => "phone",
        "items.too-many" => ItemName(0),
        "agency.unknown" or "agency.not-visible" => "agencyCode",
        "topics.unknown" or "topics.too-many" => "topics",
        "field.required" or "field.too-long" or "field.unknown-value" => QuotedFields.FirstOrDefault(f => refusal.Chinese.Contains($"“{f.Label}”", StringComparison.Ordinal)).Name,
        _ => null,
    };

    private static readonly (string Label, string Name)[] QuotedFields =
    [
        ("申请人姓名或名称", "applicantName"), ("身份证明号码", "idNumber"), ("联系电话", "phone"), ("通信地址", "address"),
        ("电子邮箱", "email"), ("外部申请编号", "externalRequestId"), ("所需政府信息", ItemName(0)), ("机关代码", "agencyCode"),
        ("申请方式", "channel"), ("申请人类型", "applicantType"), ("获取信息的方式", "requestedForm"),
    ];

    /// <summary>The receipt-date rule and the arrival date of every channel, from <see cref="ReceiptDate"/>.</summary>
    private static string ReceiptRules() => string.Concat(Enum.GetValues<Channel>().Select(channel =>
        $"<dt>{Html.E(ChineseLabels.Of(channel))}</dt><dd data-channel=\"{channel}\">{Html.E(ReceiptDate.RuleChinese(channel))}" +
        (ReceiptDate.ArrivalChinese(channel) is { } arrival ? $"“申请到达日期”填{Html.E(arrival)}。" : "无需另填“申请到达日期”。") + "</dd>"));

    private static async Task<IResult> RenderAsync(HttpContext http, ICurrentStaff staff, FormState state, int itemRows, int status)
    {
        var names = await http.RequestServices.GetRequiredService<AgencyDirectory>().NamesAsync(http.RequestAborted);
        var today = http.RequestServices.GetRequiredService<DecisionContextSource>().Today;
        var f = new FormFields("register", state);
        var topicAgency = state.Text("agencyCode") is { } chosenAgency && staff.VisibleAgencies.Contains(chosenAgency) ? chosenAgency : staff.AgencyCode;
        var topicList = await http.RequestServices.GetRequiredService<Workflow.Topics.TopicCatalog>().ForAgencyAsync(topicAgency, http.RequestAborted);
        var topicError = state.Errors.TryGetValue("topics", out var message) ? $"<p class=\"field-error\">{Html.E(message)}</p>" : "";
        var agencies = staff.VisibleAgencies.Order(StringComparer.Ordinal)
            .Select(code => (code, names.GetValueOrDefault(code, code))).ToList();
        var applicantTypes = new List<(string?, IReadOnlyList<(string, string)>)>
        {
            (null, [(nameof(ApplicantType.NaturalPerson), ChineseLabels.Of(ApplicantType.NaturalPerson))]),
            ("法人或其他组织", [.. Enum.GetValues<ApplicantType>().Where(t => t != ApplicantType.NaturalPerson)
                .Select(t => (t.ToString(), ChineseLabels.Of(t)))]),
        };

        var items = new StringBuilder();
        for (var row = 0; row < itemRows; row++)
            items.Append(f.Text(ItemName(row), $"第{row + 1}项", css: "wide"));

        var body = $"""
            <h1>登记政府信息公开申请</h1>
            {(state.HasErrors ? StaffLayout.Notice("error", state.GeneralError ?? "登记未完成，请按提示修改标红的项目后重新提交。") : "")}
            <form method="post" action="{Path}" class="panel" novalidate>
            {AntiforgeryField.Html(http)}
            <fieldset><legend>收到申请</legend><div class="grid">
            {f.Select("agencyCode", "受理机关", agencies, fallback: staff.AgencyCode, emptyLabel: null)}
            {f.Select("channel", "申请方式", FormFields.EnumOptions<Channel>())}
            {f.Date("receivedOn", "收到申请日期", today, hint: "按申请方式确定（《条例》第三十一条），见下方说明；期限自次日起算")}
            {f.Date("arrivedOn", "申请到达日期", null, required: false, hint: "申请实际到达之日与收到申请日期不同时填写，例如平常信函到达后与申请人确认、网上申请进入系统后双方确认")}
            </div>
            <details class="receipt-rules" open><summary>收到申请之日怎么填（《条例》第三十一条）</summary><dl>{ReceiptRules()}</dl></details>
            <div class="grid">
            {f.Text("externalRequestId", "网上申请编号", hint: "政府网站申请平台的编号，可不填")}
            </div></fieldset>
            <fieldset><legend>申请人</legend><div class="grid">
            {f.GroupedSelect("applicantType", "申请人类型", applicantTypes)}
            {f.Text("applicantName", "申请人姓名或名称", required: true)}
            {f.Text("idNumber", "身份证明号码", hint: "身份证号码或统一社会信用代码")}
            {f.Text("phone", "联系电话", type: "tel", hint: "电话、通信地址、电子邮箱至少填写一项")}
            {f.Text("address", "通信地址")}
            {f.Text("email", "电子邮箱", type: "email")}
            </div></fieldset>
            <fieldset><legend>所需政府信息</legend>
            <p class="muted">每项填写一条所需信息的名称、文号或便于查询的描述；答复时将逐项给出办理结果。</p>
            <div class="grid">{items}</div>
            <button type="submit" name="addItem" value="1" class="button-secondary" formnovalidate>增加一项</button>
            </fieldset>
            <fieldset id="topics"><legend>申请内容分类（可多选，可不选）</legend>
            <p class="muted">年报按分类统计申请数量；也可在案卷中随后设置。列表由管理员维护。</p>{topicError}
            <div class="role-choices topic-choices">{TopicChoices(topicList.Topics.Where(t => t.IsActive).Select(t => t.Name), state)}</div>
            </fieldset>
            <fieldset><legend>获取方式</legend><div class="grid">
            {f.Select("requestedForm", "获取信息的方式", FormFields.EnumOptions<RequestedForm>())}
            </div></fieldset>
            <div class="actions-row"><button type="submit">登记</button><a href="/worklist">取消</a></div>
            </form>
            """;
        return await StaffLayout.PageAsync(http, "登记", NavSection.Register, body, status);
    }
}
