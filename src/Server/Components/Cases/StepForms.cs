using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Projections.Cases;
using Server.Accounts;
using Server.Pages;
using Workflow.Applications;
using Workflow.Clock;
using Workflow.Vocabulary;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>
/// What a step form may look at: the case file, its clock (null when the calendar lacks a year), today and the user, and
/// the write model with the decision context, which the steps' guards are asked about (the same the deciders use).
/// </summary>
/// <param name="ActiveTopics">The agency's active 申请内容分类, offered by the topics step.</param>
public sealed record CaseContext(ApplicationFile File, ClockReading? Clock, DateOnly Today, ICurrentStaff Staff, DisclosureApplication Application,
    DecisionContext Decision, IReadOnlyList<string>? ActiveTopics = null);

public enum StepFieldKind
{
    Date,
    Text,
    TextArea,
    WholeNumber,
    Amount,
    Choice,
    YesNoUnknown,
}

/// <summary>
/// One input of a step form. <see cref="Name"/> is the command's JSON property (camelCase), so the form is read by the
/// same strict reader as the API (<see cref="ApplicationSteps.Read"/>).
/// </summary>
public sealed record StepField(string Name, string Label, StepFieldKind Kind, bool Required = true, string? Hint = null)
{
    /// <summary>The value shown in an empty form.</summary>
    public Func<CaseContext, string>? Default { get; init; }

    /// <summary>The options of a <see cref="StepFieldKind.Choice"/>: an enum member name (sent camelCase) or a number, and the Chinese label.</summary>
    public Func<CaseContext, IReadOnlyList<(string Value, string Label)>>? Options { get; init; }

    /// <summary>For a <see cref="StepFieldKind.Choice"/>: the JSON value is a number (a case or consultation number).</summary>
    public bool NumericChoice { get; init; }
}

/// <summary>
/// A lifecycle step as a form on the case page: its fields, and how its input becomes the command's JSON. Whether the
/// state allows it is the step's guard (<see cref="ILifecycleStep.Guard"/>), the same the decider calls; which roles may
/// send it comes from <see cref="CommandPermissions"/>.
/// </summary>
public sealed record StepForm(string Step, IReadOnlyList<StepField> Fields)
{
    /// <summary>What the form does, in Chinese (the step's action term in <see cref="ChineseTerms"/>).</summary>
    public string Title => ChineseTerms.ActionOf(Step);

    public Type CommandType => LifecycleSteps.Find(Step)!.CommandType;

    /// <summary>A short explanation under the title.</summary>
    public string? Guidance { get; init; }

    /// <summary>Marks steps that close the application, so the button says so.</summary>
    public bool Closes { get; init; }

    public bool IsAnswer => Step == "answer";

    /// <summary>The correction's new value has one input per correctable fact (<see cref="CorrectionValues"/>).</summary>
    public bool IsCorrection => Step == "correction";

    /// <summary>The topics step: one checkbox per active topic (and per topic the case has), posted as <c>topics[i]</c>.</summary>
    public bool IsTopics => Step == "topics";
}

/// <summary>
/// The inputs of a correction's new value, one per <see cref="CorrectableFact"/>: a date for the receipt date, Chinese
/// choices for channel, applicant type and result row, text for names and numbers. Each starts with the current value;
/// the stylesheet shows only the chosen fact's input (CSS :has, no script), and all of them, labelled, without it.
/// </summary>
public static class CorrectionValues
{
    public const string GeneralName = "newValue";

    public static string NameOf(CorrectableFact fact) => $"newValue.{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(fact.ToString())}";

    public static string LabelOf(CorrectableFact fact) => $"更正后的{ChineseTerms.Of(fact)}";

    /// <summary>The input the posted form's chosen fact reads from, or the general one when no fact is chosen.</summary>
    public static string NameFor(FormState state) =>
        Enum.TryParse<CorrectableFact>(state.Text("fact"), out var fact) && Enum.IsDefined(fact) ? NameOf(fact) : GeneralName;

    /// <summary>The command's new value (invariant: yyyy-MM-dd or the enum member name), or null with an error recorded.</summary>
    public static string? Read(FormState state)
    {
        var factText = state.Text("fact");
        if (factText is null || !Enum.GetNames<CorrectableFact>().Contains(factText, StringComparer.Ordinal)) return null; // the fact's own error
        var fact = Enum.Parse<CorrectableFact>(factText);
        var name = NameOf(fact);
        var text = state.Text(name) ?? state.Text(GeneralName);
        if (text is null)
        {
            state.AddError(name, $"请填写“{LabelOf(fact)}”。");
            return null;
        }
        bool valid = fact switch
        {
            CorrectableFact.ReceivedOn => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            CorrectableFact.Channel => Enum.GetNames<Channel>().Contains(text, StringComparer.Ordinal),
            CorrectableFact.ApplicantType => Enum.GetNames<ApplicantType>().Contains(text, StringComparer.Ordinal),
            CorrectableFact.ResultRow => Enum.GetNames<ResultRow>().Contains(text, StringComparer.Ordinal),
            _ => true,
        };
        if (!valid)
        {
            state.AddError(name, fact == CorrectableFact.ReceivedOn ? $"“{LabelOf(fact)}”应为有效日期，格式如 2024-01-31。" : $"“{LabelOf(fact)}”的选项无效，请重新选择。");
            return null;
        }
        return text;
    }
}

/// <summary>The forms of the case page, in the order a case usually runs.</summary>
public static class StepForms
{
    private static string Today(CaseContext c) => Html.Iso(c.Today);

    private static StepField BusinessDate(string name, string label) => new(name, label, StepFieldKind.Date) { Default = Today };

    private static IReadOnlyList<(string, string)> EnumChoices<TEnum>() where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(v => (v.ToString(), ChineseTerms.Of(v)))];

    private static IEnumerable<ReviewFile> Undecided(CaseContext c, ReviewKind kind) =>
        c.File.Reviews.Where(r => r.Kind == kind && r.DecidedOn is null);

    /// <summary>
    /// The extension limits in words, from the clock's rule (<see cref="StatutoryClock.MaxExtensionWorkingDays"/>): the
    /// limit of an application received under the 2019 regulation, and of one received before it came into force.
    /// </summary>
    public static string ExtensionLimitHint
    {
        get
        {
            var inForce = StatutoryClock.Regulation2019InForce;
            return $"最长{StatutoryClock.MaxExtensionWorkingDays(inForce)}个工作日（{inForce.Year}年{inForce.Month}月{inForce.Day}日前收到的申请最长" +
                   $"{StatutoryClock.MaxExtensionWorkingDays(inForce.AddDays(-1))}个工作日）";
        }
    }

    public static IReadOnlyList<StepForm> All { get; } =
    [
        new("supplement-request",
            [
                BusinessDate("requestedOn", F.SupplementRequestedOn),
                new("deadline", F.SupplementDeadline, StepFieldKind.Date, Hint: "申请人应在此日期前提交补正材料"),
                new("whatToSupplement", F.WhatToSupplement, StepFieldKind.TextArea, Hint: "一次性告知需要补正的全部事项（《条例》第三十条）"),
            ]) { Guidance = "申请内容不明确的，应自收到申请之日起7个工作日内一次性告知申请人补正。" },
        new("supplement",
            [
                BusinessDate("receivedOn", F.SupplementReceivedOn),
                new("summary", F.SupplementSummary, StepFieldKind.TextArea, Required: false),
            ]) { Guidance = "答复期限自收到补正材料之次日起重新计算。" },
        new("supplement-lapse",
            [BusinessDate("lapsedOn", F.ClosedOn)]) { Closes = true },
        new("extension",
            [
                BusinessDate("extendedOn", F.ExtendedOn),
                new("workingDays", F.ExtensionWorkingDays, StepFieldKind.WholeNumber, Hint: ExtensionLimitHint)
                    { Default = c => StatutoryClock.MaxExtensionWorkingDays(c.File.ReceivedOn).ToString(CultureInfo.InvariantCulture) },
                new("approvedBy", F.ApprovedBy, StepFieldKind.Text, Hint: "政府信息公开工作机构负责人") { Default = c => c.Staff.DisplayName },
                new("reason", F.ExtensionReason, StepFieldKind.TextArea),
            ]) { Guidance = "需要延长答复期限的，应经政府信息公开工作机构负责人同意并告知申请人；只能延长一次。" },
        new("article35-due-date",
            [
                BusinessDate("setOn", F.Article35SetOn),
                new("dueOn", F.Article35DueOn, StepFieldKind.Date, Hint: "应晚于依法计算的答复期限届满日"),
                new("reason", F.Reason, StepFieldKind.TextArea, Hint: "申请数量、频次明显超过合理范围的理由"),
            ]) { Guidance = "申请人申请公开政府信息的数量、频次明显超过合理范围的，可以确定延迟答复的合理期限（《条例》第三十五条）；该期限只能晚于依法计算的届满日，不能提前。" },
        new("consultation",
            [
                new("party", F.ConsultationParty, StepFieldKind.Choice) { Options = _ => EnumChoices<ConsultationParty>() },
                new("consultee", F.Consultee, StepFieldKind.Text),
                BusinessDate("sentOn", F.ConsultationSentOn),
            ]) { Guidance = "征求意见期间不计算在答复期限内（第三方15个工作日）。" },
        new("consultation-reply",
            [
                new("consultationNumber", F.Consultation, StepFieldKind.Choice)
                {
                    NumericChoice = true,
                    Options = c => [.. c.File.Consultations.Where(x => x.RepliedOn is null)
                        .Select(x => (x.Number.ToString(CultureInfo.InvariantCulture), $"第{x.Number}号 {x.Consultee}（{Html.Date(x.SentOn)}发出）"))],
                },
                BusinessDate("repliedOn", F.ConsultationRepliedOn),
                new("consentsToDisclosure", F.ConsentsToDisclosure, StepFieldKind.YesNoUnknown, Required: false),
                new("summary", F.ReplySummary, StepFieldKind.TextArea, Required: false),
            ]),
        new("fee-notice",
            [
                BusinessDate("noticedOn", F.FeeNoticedOn),
                new("method", F.FeeMethod, StepFieldKind.Choice) { Options = _ => EnumChoices<FeeMethod>() },
                new("quantity", F.FeeQuantity, StepFieldKind.WholeNumber, Hint: "按件：申请人本月申请件数（含本件）；按量：页数"),
                new("confirmedAmount", F.ConfirmedAmount, StepFieldKind.Amount, Required: false, Hint: "不填则按规定计算"),
            ]) { Guidance = "自发出收费通知至申请人缴费期间不计算在答复期限内。" },
        new("fee-payment",
            [
                BusinessDate("paidOn", F.FeePaidOn),
                new("amount", F.FeePaidAmount, StepFieldKind.Amount) { Default = c => c.File.FeeAmount?.ToString("0.##", CultureInfo.InvariantCulture) ?? "" },
            ]),
        new("fee-lapse",
            [BusinessDate("lapsedOn", F.ClosedOn)]) { Closes = true },
        new("answer",
            [
                BusinessDate("answeredOn", F.AnsweredOn),
                new("replyDocumentNumber", F.ReplyDocumentNumber, StepFieldKind.Text),
                new("serviceMethod", F.ServiceMethod, StepFieldKind.Choice, Required: false) { Options = _ => EnumChoices<ServiceMethod>() },
                new("servedOn", F.ServedOn, StepFieldKind.Date, Required: false, Hint: "当面送达为签收日，邮寄为交邮之日；尚未送达可不填，送达后另行登记。年报按送达之日所在年度统计"),
            ]) { Closes = true, Guidance = "逐项选择办理结果；除予以公开外，均应说明理由。统计行由各项结果自动确定。" },
        new("answer-service",
            [
                new("method", F.ServiceMethod, StepFieldKind.Choice) { Options = _ => EnumChoices<ServiceMethod>() },
                BusinessDate("servedOn", F.ServedOn),
            ]) { Guidance = "答复送达前，年报仍将本申请计入“结转下年度继续办理”；登记送达后，计入送达之日所在年度的办理结果。" },
        new("withdrawal",
            [
                BusinessDate("withdrawnOn", F.WithdrawnOn),
                new("reason", F.WithdrawalReason, StepFieldKind.TextArea),
            ]) { Closes = true },
        new("reconsideration",
            [
                BusinessDate("filedOn", F.ReconsideredOn),
                new("reviewBody", F.ReviewBody, StepFieldKind.Text),
                new("docketNumber", F.DocketNumber, StepFieldKind.Text, Required: false),
            ]),
        new("reconsideration-decision",
            [
                new("caseNumber", ChineseTerms.Of(ReviewKind.Reconsideration), StepFieldKind.Choice)
                {
                    NumericChoice = true,
                    Options = c => [.. Undecided(c, ReviewKind.Reconsideration).Select(r => (r.CaseNumber.ToString(CultureInfo.InvariantCulture), $"第{r.CaseNumber}号 {r.Body}"))],
                },
                BusinessDate("decidedOn", F.ReconsiderationDecidedOn),
                new("decision", F.ReconsiderationDecision, StepFieldKind.Choice) { Options = _ => EnumChoices<ReviewDecision>() },
                new("summary", F.ReviewSummary, StepFieldKind.TextArea, Required: false),
            ]),
        new("lawsuit",
            [
                BusinessDate("filedOn", F.SuedOn),
                new("court", F.Court, StepFieldKind.Text),
                new("docketNumber", F.DocketNumber, StepFieldKind.Text, Required: false),
                new("afterReconsideration", F.AfterReconsideration, StepFieldKind.Choice, Required: false)
                {
                    NumericChoice = true,
                    Options = c => [.. c.File.Reviews.Where(r => r.Kind == ReviewKind.Reconsideration && r.DecidedOn is not null)
                        .Select(r => (r.CaseNumber.ToString(CultureInfo.InvariantCulture), $"第{r.CaseNumber}号行政复议之后"))],
                },
            ]),
        new("lawsuit-decision",
            [
                new("caseNumber", ChineseTerms.Of(ReviewKind.Lawsuit), StepFieldKind.Choice)
                {
                    NumericChoice = true,
                    Options = c => [.. Undecided(c, ReviewKind.Lawsuit).Select(r => (r.CaseNumber.ToString(CultureInfo.InvariantCulture), $"第{r.CaseNumber}号 {r.Body}"))],
                },
                BusinessDate("decidedOn", F.LawsuitDecidedOn),
                new("decision", F.LawsuitDecision, StepFieldKind.Choice) { Options = _ => EnumChoices<ReviewDecision>() },
                new("summary", F.ReviewSummary, StepFieldKind.TextArea, Required: false),
            ]),
        new("correction",
            [
                BusinessDate("correctedOn", F.CorrectedOn),
                new("fact", F.CorrectedFact, StepFieldKind.Choice) { Options = _ => EnumChoices<CorrectableFact>() },
                new("reason", F.CorrectionReason, StepFieldKind.TextArea),
            ]) { Guidance = "登记内容不作修改或删除，更正以新的记录留痕（原值、新值、理由、更正人）。" },
        new("topics",
            [BusinessDate("assignedOn", F.StepDate)]) { Guidance = "勾选本申请涉及的内容分类（可多选；全部不选即清除）。年报按分类统计申请数量。" },
        new("note",
            [
                BusinessDate("notedOn", F.StepDate),
                new("text", F.NoteText, StepFieldKind.TextArea),
            ]),
    ];

    public static StepForm? Find(string step) => All.FirstOrDefault(f => f.Step == step);

    /// <summary>
    /// The forms of the steps whose guard allows them now and the user's roles permit, in the steps' order — only those
    /// are shown. The guard is the one the step's decider calls first, so a form is offered exactly when its command,
    /// well formed and dated today, would be accepted. Steps without a form here (文书 are issued from the notice pages)
    /// are not offered on the case page.
    /// </summary>
    public static IReadOnlyList<StepForm> Available(CaseContext context) =>
        [.. LifecycleSteps.All.Where(step => Offered(step, context)).Select(step => Find(step.Name)).OfType<StepForm>()
            .Where(form => CommandPermissions.MaySend(context.Staff, form.CommandType))];

    private static bool Offered(ILifecycleStep step, CaseContext context)
    {
        try
        {
            return step.Guard(context.Application, context.Decision) is null;
        }
        catch (Workflow.Calendar.CalendarYearNotLoadedException)
        {
            return false; // a deadline in a year the calendar lacks: the clock panel says so; the step waits for the notice
        }
    }

    // ---- reading a posted form ----------------------------------------------------------------------------------

    /// <summary>
    /// The command JSON of a posted form, or null with the field errors recorded in <paramref name="state"/>. Empty
    /// optional fields become null (the strict reader requires every constructor parameter to be present).
    /// </summary>
    public static JsonObject? ToJson(StepForm form, FormState state, CaseContext context)
    {
        var json = new JsonObject();
        if (!int.TryParse(state.Value("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            state.GeneralError = "表单缺少案卷版本，请刷新页面后重试。";
            return null;
        }
        json["version"] = version;
        foreach (var field in form.Fields) json[field.Name] = ReadField(field, state, context);
        if (form.IsAnswer) json["items"] = ReadAnswerItems(state, context);
        if (form.IsAnswer) json["chosenRow"] = ReadChosenRow(state);
        if (form.IsCorrection) json["newValue"] = CorrectionValues.Read(state);
        if (form.IsTopics) json["topics"] = new JsonArray([.. TopicChoices.Read(state).Select(t => (JsonNode?)JsonValue.Create(t))]);
        return state.HasErrors ? null : json;
    }

    private static JsonNode? ReadField(StepField field, FormState state, CaseContext context)
    {
        var text = state.Text(field.Name);
        if (text is null)
        {
            if (field.Required) state.AddError(field.Name, field.Kind is StepFieldKind.Choice ? $"请选择“{field.Label}”。" : $"请填写“{field.Label}”。");
            return null;
        }
        switch (field.Kind)
        {
            case StepFieldKind.Date:
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    state.AddError(field.Name, $"“{field.Label}”应为有效日期，格式如 2024-01-31。");
                    return null;
                }
                return Html.Iso(date);
            case StepFieldKind.WholeNumber:
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    state.AddError(field.Name, $"“{field.Label}”应为整数。");
                    return null;
                }
                return number;
            case StepFieldKind.Amount:
                if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount < 0)
                {
                    state.AddError(field.Name, $"“{field.Label}”应为金额，如 10 或 12.50。");
                    return null;
                }
                return amount;
            case StepFieldKind.YesNoUnknown:
                return text switch { "true" => true, "false" => false, _ => null };
            case StepFieldKind.Choice:
                var options = field.Options?.Invoke(context) ?? [];
                if (!options.Any(o => o.Value == text))
                {
                    state.AddError(field.Name, $"“{field.Label}”的选项无效，请重新选择。");
                    return null;
                }
                return field.NumericChoice ? int.Parse(text, CultureInfo.InvariantCulture) : JsonNamingPolicy.CamelCase.ConvertName(text);
            default:
                return text;
        }
    }

    /// <summary>
    /// The answer's inputs for the requested item at <paramref name="index"/> (its position in the application, as in the
    /// command's <c>items</c> array): the command's JSON paths <c>items[i].result</c> and <c>items[i].reason</c>, so a
    /// refusal naming an item's field lands on its input as it is.
    /// </summary>
    public static string ItemResultName(int index) => $"items[{index}].result";

    public static string ItemReasonName(int index) => $"items[{index}].reason";

    private static JsonArray ReadAnswerItems(FormState state, CaseContext context)
    {
        var items = new JsonArray();
        for (var index = 0; index < context.File.Items.Count; index++)
        {
            var item = context.File.Items[index];
            var result = state.Text(ItemResultName(index));
            if (result is null || !Enum.TryParse<ItemResult>(result, out var parsed) || !Enum.GetNames<ItemResult>().Contains(result))
            {
                state.AddError(ItemResultName(index), $"请为第{item.Number}项选择办理结果。");
                continue;
            }
            var reason = state.Text(ItemReasonName(index));
            if (reason is null && parsed is not (ItemResult.Disclosed or ItemResult.AlreadyProactivelyDisclosed))
            {
                state.AddError(ItemReasonName(index), "除予以公开外，应当说明理由（《条例》第三十六条）。");
                continue;
            }
            items.Add(new JsonObject
            {
                ["itemNumber"] = item.Number,
                ["result"] = JsonNamingPolicy.CamelCase.ConvertName(parsed.ToString()),
                ["reason"] = reason,
            });
        }
        return items;
    }

    private static JsonNode? ReadChosenRow(FormState state)
    {
        var text = state.Text("chosenRow");
        if (text is null) return null;
        if (!Enum.GetNames<ResultRow>().Contains(text))
        {
            state.AddError("chosenRow", "统计类别的选项无效，请重新选择。");
            return null;
        }
        return JsonNamingPolicy.CamelCase.ConvertName(text);
    }

    /// <summary>
    /// Which input a refusal belongs to: the one named by its <see cref="Refusal.Field"/> (the command's JSON path, which
    /// is the form's input name, <c>items[i].reason</c> included), or the chosen fact's input for a correction's new value;
    /// null for the general error box.
    /// </summary>
    public static string? FieldOf(StepForm form, Refusal refusal, CaseContext context, FormState? state = null)
    {
        if (refusal.Field is not { } field) return null;
        if (form.IsCorrection && field == CorrectionValues.GeneralName && state is not null) return CorrectionValues.NameFor(state);
        if (form.IsAnswer && (field == "chosenRow" || Enumerable.Range(0, context.File.Items.Count)
                .Any(index => field == ItemResultName(index) || field == ItemReasonName(index)))) return field;
        return form.Fields.Any(f => f.Name == field) ? field : null;
    }
}


/// <summary>The checkboxes of the topics step: the agency's active topics plus any the case already has (even retired).</summary>
public static class TopicChoices
{
    private const int MaxChoices = 200;

    public static IReadOnlyList<string> Read(FormState state) =>
        [.. Enumerable.Range(0, MaxChoices).Select(i => state.Text(Name(i))).OfType<string>()];

    /// <summary>The topics offered: those the case has (even retired) and the agency's active ones.</summary>
    public static IReadOnlyList<string> Choices(CaseContext context) =>
        [.. context.File.Topics.Concat(context.ActiveTopics ?? []).Distinct(StringComparer.Ordinal).Take(MaxChoices)];

    /// <summary>The ticked topics: as posted, or the case's own.</summary>
    public static IReadOnlySet<string> Ticked(CaseContext context, FormState state, bool posted) =>
        (posted ? Read(state) : context.File.Topics).ToHashSet(StringComparer.Ordinal);

    public static string Name(int index) => $"topics[{index}]";
}
