using System.Globalization;
using Wolverine.Marten;
using Wolverine.Persistence;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>更正: a recorded fact was wrong; the correction is a new event with the old value, the new one and why.</summary>
public sealed record CorrectFact(Guid ApplicationId, int Version, DateOnly CorrectedOn, CorrectableFact Fact, string NewValue, string Reason, string Actor) : IApplicationCommand;

public sealed class CorrectingRules : LifecycleStep<CorrectFact>
{
    public override string Name => "correction";

    public override int Order => 180;

    public override StepAuthority Authority => StepAuthority.OfficeDecision;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanCorrect(state, context);

    /// <summary>Always possible: a record may be corrected open or closed (which facts, <see cref="Decide"/> checks).</summary>
    public static Refusal? CanCorrect(DisclosureApplication state, DecisionContext context) => null;

    public static FactCorrected Decide(DisclosureApplication state, CorrectFact command, DecisionContext context)
    {
        Require(CanCorrect(state, context));
        RequireActor(command.Actor);
        RequireDefined(command.Fact, "更正事项", "fact", "fact");
        if (command.CorrectedOn > context.Today) Refuse(Refusals.DateInFuture(command.CorrectedOn, context.Today, "correctedOn"));
        RequireText(command.Reason, "更正理由", "reason", MaxTextLength, "reason");
        RequireText(command.NewValue, "更正后的值", "new value", MaxNameLength, "newValue");
        var newValue = command.NewValue.Trim();
        string oldValue;
        switch (command.Fact)
        {
            case CorrectableFact.ReceivedOn:
                if (!DateOnly.TryParseExact(newValue, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    Refuse(Refusals.Invalid("correction.date-format", "日期格式应为 yyyy-MM-dd。", "Dates must be yyyy-MM-dd.", "newValue"));
                if (date > context.Today) Refuse(Refusals.DateInFuture(date, context.Today, "newValue"));
                if (date < EarliestReceipt)
                    Refuse(Refusals.Invalid("date.too-early", "收到申请日期早于2008-05-01。", "Receipt date before 2008-05-01.", "newValue"));
                if (state.EarliestStepOn is { } earliestStep && date > earliestStep)
                    Refuse(Refusals.Rule("correction.receipt-after-steps",
                        $"更正后的收到日期 {date:yyyy-MM-dd} 晚于已登记的办理步骤（{earliestStep:yyyy-MM-dd}）。",
                        $"The corrected receipt date {date:yyyy-MM-dd} is after a recorded step ({earliestStep:yyyy-MM-dd}).", "newValue"));
                oldValue = state.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                newValue = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                break;
            case CorrectableFact.Channel:
                newValue = ParseEnum<Channel>(newValue, "申请方式", "channel", "newValue").ToString();
                oldValue = state.Channel.ToString();
                break;
            case CorrectableFact.ApplicantType:
                newValue = ParseEnum<ApplicantType>(newValue, "申请人类型", "applicant type", "newValue").ToString();
                oldValue = state.ApplicantType.ToString();
                break;
            case CorrectableFact.ApplicantName:
                oldValue = state.Applicant.Name;
                break;
            case CorrectableFact.ApplicantIdNumber:
                oldValue = state.Applicant.IdNumber ?? "";
                break;
            case CorrectableFact.ApplicantContact:
                oldValue = state.Applicant.Phone ?? "";
                break;
            case CorrectableFact.ResultRow:
                if (state.Closure is null)
                    Refuse(Refusals.Rule("correction.row-open", "申请尚未办结，没有可更正的办理结果。",
                        "The application is not closed; there is no result to correct.", "fact"));
                newValue = ParseEnum<ResultRow>(newValue, "办理结果", "result row", "newValue").ToString();
                oldValue = state.Row!.Value.ToString();
                break;
            default:
                throw new CommandRefusedException(Refusals.Invalid("correction.fact", "不支持更正该事项。", "That fact cannot be corrected.", "fact"));
        }
        if (oldValue == newValue)
            Refuse(Refusals.Invalid("correction.unchanged", "更正后的值与原值相同。", "The new value equals the old one.", "newValue"));
        return new FactCorrected(state.Id, command.CorrectedOn, command.Fact, oldValue, newValue, command.Reason.Trim(), command.Actor);
    }
}

public static class CorrectFactHandler
{
    public static (UpdatedAggregate, FactCorrected) Handle(CorrectFact command,
        [WriteAggregate(nameof(CorrectFact.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context) =>
        (new(), CorrectingRules.Decide(application, command, context.For(application)));
}
