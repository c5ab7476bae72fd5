using Wolverine.Marten;
using Wolverine.Persistence;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>答复: one result per requested item. <see cref="ChosenRow"/> is staff's pick between mixed non-disclosure rows (A9).</summary>
public sealed record AnswerApplication(
    Guid ApplicationId, int Version, DateOnly AnsweredOn, IReadOnlyList<ItemAnswer> Items, ResultRow? ChosenRow,
    string ReplyDocumentNumber, ServiceMethod? ServiceMethod, DateOnly? ServedOn, string Actor) : IApplicationCommand;

public sealed class AnsweringRules : LifecycleStep<AnswerApplication>
{
    public override string Name => "answer";

    public override int Order => 110;

    public override StepAuthority Authority => StepAuthority.OfficeDecision;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanAnswer(state, context);

    public static Refusal? CanAnswer(DisclosureApplication state, DecisionContext context)
    {
        if (Open(state) is { } closed) return closed;
        if (state.Status == ApplicationStatus.AwaitingSupplement)
            return Refusals.Rule("answer.awaiting-supplement", "正在等待申请人补正，请先登记补正材料或逾期不补正。",
                "A supplement is awaited; record it or its lapse first.");
        if (state.FeeOutstanding)
            return Refusals.Rule("answer.fee-outstanding", "收费通知尚未缴费，请先登记缴费或逾期未缴费。",
                "A fee is outstanding; record payment or its lapse first.");
        return null;
    }

    public static ApplicationAnswered Decide(DisclosureApplication state, AnswerApplication command, DecisionContext context)
    {
        Require(CanAnswer(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.AnsweredOn, "answeredOn", context);
        RequireText(command.ReplyDocumentNumber, "答复书文号", "reply document number", 128, "replyDocumentNumber");
        if (command.Items is null || command.Items.Count == 0) Refuse(Refusals.Required("各项办理结果", "item results", "items"));
        // JSON null elements pass the nullable annotations of the list itself; refuse them before reading any item.
        if (command.Items!.Any(item => item is null))
            Refuse(Refusals.Invalid("answer.item-missing", "办理结果中有空项，请为每项所需信息填写办理结果。", "An item result is null.", "items"));
        for (var i = 0; i < command.Items!.Count; i++)
        {
            RequireDefined(command.Items[i].Result, "办理结果", "item result", $"items[{i}].result");
            OptionalText(command.Items[i].Reason, "理由", "reason", MaxTextLength, $"items[{i}].reason");
        }
        var answered = command.Items.Select(i => i.ItemNumber).OrderBy(n => n).ToList();
        if (!answered.SequenceEqual(state.ItemNumbers.OrderBy(n => n)))
            Refuse(Refusals.Invalid("answer.items-mismatch",
                $"每项所需信息都应有且只有一个办理结果（本申请共 {state.ItemNumbers.Length} 项）。",
                $"Every requested item needs exactly one result ({state.ItemNumbers.Length} items).", "items"));
        var unclear = IndexOf(command.Items, i => i.Result == ItemResult.StillUnclearAfterSupplement);
        if (unclear >= 0 && !state.SupplementEverReceived)
            Refuse(Refusals.Rule("answer.unclear-without-supplement", "“补正后申请内容仍不明确”仅适用于已收到补正材料的申请。",
                "'Still unclear after supplement' requires a received supplement.", $"items[{unclear}].result"));
        var unexplained = IndexOf(command.Items, i => i.Result != ItemResult.Disclosed && i.Result != ItemResult.AlreadyProactivelyDisclosed
                                                      && string.IsNullOrWhiteSpace(i.Reason));
        if (unexplained >= 0)
            Refuse(Refusals.Invalid("answer.reason-required", "不予公开、部分公开、无法提供或不予处理的，应当说明理由（《条例》第三十六条）。",
                "A reason is required for every item that is not fully disclosed (Art. 36).", $"items[{unexplained}].reason"));
        var results = command.Items.Select(i => i.Result).ToList();
        if (command.ChosenRow is { } chosen && !OutcomeRules.ChoosableRows(results).Contains(chosen))
            Refuse(Refusals.Invalid("answer.row-not-choosable", "所选统计类别不在本次答复涉及的类别之中。",
                "The chosen table row is not one of the rows this answer involves.", "chosenRow"));
        if (command.ServiceMethod is { } method) RequireDefined(method, "送达方式", "service method", "serviceMethod");
        if (command.ServiceMethod is not null && command.ServedOn is null)
            Refuse(Refusals.Invalid("answer.service-date-missing", "填写送达方式时应同时填写送达日期；尚未送达的请在送达后登记。",
                "A service method needs a served date; record service once it happened.", "servedOn"));
        if (command.ServedOn is { } served)
        {
            if (command.ServiceMethod is null) Refuse(Refusals.Required("送达方式", "service method", "serviceMethod"));
            if (served < command.AnsweredOn) Refuse(Refusals.DateBefore("答复日期", "the answer date", served, command.AnsweredOn, "servedOn"));
            if (served > context.Today) Refuse(Refusals.DateInFuture(served, context.Today, "servedOn"));
        }
        var row = OutcomeRules.DeriveRow(results, command.ChosenRow);
        return new ApplicationAnswered(state.Id, command.AnsweredOn,
            [.. command.Items.OrderBy(i => i.ItemNumber).Select(i => i with { Reason = i.Reason?.Trim() })],
            row, command.ChosenRow is not null && OutcomeRules.ChoosableRows(results).Count > 0,
            command.ReplyDocumentNumber.Trim(), command.ServiceMethod, command.ServedOn, command.Actor);
    }

    private static int IndexOf(IReadOnlyList<ItemAnswer> items, Func<ItemAnswer, bool> predicate)
    {
        for (var i = 0; i < items.Count; i++)
            if (predicate(items[i])) return i;
        return -1;
    }
}

public static class AnswerApplicationHandler
{
    public static (UpdatedAggregate, ApplicationAnswered) Handle(AnswerApplication command,
        [WriteAggregate(nameof(AnswerApplication.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context) =>
        (new(), AnsweringRules.Decide(application, command, context.For(application)));
}
