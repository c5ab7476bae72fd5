using Marten;
using Wolverine.Marten;
using Wolverine.Persistence;
using Workflow.Clock;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

/// <summary>
/// 收费通知. <see cref="Quantity"/> is the page count (per page) or, per application, the applicant's count of
/// applications to this agency in the calendar month of receipt including this one — left empty, the handler counts it
/// from the registrations. The system proposes the amount under the 2020 rules; staff may confirm a lower one.
/// </summary>
public sealed record NoticeFee(Guid ApplicationId, int Version, DateOnly NoticedOn, FeeMethod Method, int? Quantity, decimal? ConfirmedAmount, string Actor) : IApplicationCommand;

public sealed class NoticingFeeRules : LifecycleStep<NoticeFee>
{
    public override string Name => "fee-notice";

    public override int Order => 80;

    public override StepAuthority Authority => StepAuthority.CaseWork;

    public override Refusal? Guard(DisclosureApplication state, DecisionContext context) => CanNoticeFee(state, context);

    public static Refusal? CanNoticeFee(DisclosureApplication state, DecisionContext context) =>
        Open(state) ?? (state.FeeNoticedOn is not null
            ? Refusals.Rule("fee.already-noticed", "本申请已发出收费通知，同一申请只能按一种方式计收一次。",
                "A fee was already noticed for this application.")
            : null);

    public static FeeNoticed Decide(DisclosureApplication state, NoticeFee command, DecisionContext context)
    {
        Require(CanNoticeFee(state, context));
        RequireActor(command.Actor);
        RequireDate(state, command.NoticedOn, "noticedOn", context);
        RequireDefined(command.Method, "计收方式", "fee method", "method");
        var quantity = command.Quantity ?? throw new CommandRefusedException(Refusals.Required("计费数量（页数或当月申请件数）", "fee quantity", "quantity"));
        if (quantity < 1 || quantity > 100_000)
            Refuse(Refusals.Invalid("fee.quantity", "计费数量应为 1 至 100000 之间的整数。", "The fee quantity must be between 1 and 100000.", "quantity"));
        var proposed = FeeSchedule.Propose(command.Method, quantity);
        var amount = command.ConfirmedAmount ?? proposed;
        if (amount <= 0)
            Refuse(Refusals.Rule("fee.free", "按《政府信息公开信息处理费管理办法》计算本申请不收费，无需发出收费通知。",
                "Under the 2020 fee rules this application is free of charge; no fee notice is needed.", command.ConfirmedAmount is null ? "quantity" : "confirmedAmount"));
        if (amount > proposed)
            Refuse(Refusals.Rule("fee.above-schedule", $"确认金额 {amount} 元高于按规定计算的 {proposed} 元。",
                $"The confirmed amount {amount} exceeds the scheduled {proposed} yuan.", "confirmedAmount"));
        return new FeeNoticed(state.Id, command.NoticedOn, command.Method, quantity, proposed, amount, command.Actor);
    }
}

public static class NoticeFeeHandler
{
    public static async Task<(UpdatedAggregate, FeeNoticed)> Handle(NoticeFee command,
        [WriteAggregate(nameof(NoticeFee.ApplicationId), OnMissing = OnMissing.ThrowException)] DisclosureApplication application, DecisionContextSource context,
        IDocumentSession session, CancellationToken cancellation)
    {
        var count = CountsApplications(command) ? await FeeCounting.ApplicationsThisMonthAsync(session, application, cancellation) : 0;
        return (new(), Decide(application, command, count, context));
    }

    /// <summary>Whether the quantity is the applicant's count of applications this month, left for the handler to count.</summary>
    public static bool CountsApplications(NoticeFee command) => command is { Method: FeeMethod.PerApplication, Quantity: null };

    /// <summary>
    /// The decision once the applicant's applications this month are counted (when <see cref="CountsApplications"/>;
    /// otherwise the count is ignored). The block importer calls it too (docs/adr/0029).
    /// </summary>
    public static FeeNoticed Decide(DisclosureApplication application, NoticeFee command, int applicationsThisMonth, DecisionContextSource context) =>
        NoticingFeeRules.Decide(application, CountsApplications(command) ? command with { Quantity = applicationsThisMonth } : command,
            context.For(application));
}

/// <summary>
/// FEE2020 Art. 4 counts applications per applicant and calendar month: this application's rank among the applicant's
/// registrations at the same agency in the month of its receipt (same ID number, or same name when none was given).
/// </summary>
public static class FeeCounting
{
    public static async Task<int> ApplicationsThisMonthAsync(IQuerySession session, DisclosureApplication application,
        CancellationToken cancellation) =>
        Rank(await session.Events.QueryRawEventDataOnly<ApplicationReceived>().Where(SameApplicantAndMonth(application)).ToListAsync(cancellation),
            application);

    /// <summary>
    /// The registrations that count: same agency, received in the application's month up to its receipt date, same
    /// applicant (ID number, or name when none). An expression, so the store's query and the block importer's count of
    /// registrations not yet committed (docs/adr/0029) apply the same test.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<ApplicationReceived, bool>> SameApplicantAndMonth(DisclosureApplication application)
    {
        var monthStart = new DateOnly(application.ReceivedOn.Year, application.ReceivedOn.Month, 1);
        var (agency, receivedOn, applicant) = (application.AgencyCode, application.ReceivedOn, application.Applicant);
        if (applicant.IdNumber is { Length: > 0 } idNumber)
            return e => e.AgencyCode == agency && e.ReceivedOn >= monthStart && e.ReceivedOn <= receivedOn && e.Applicant.IdNumber == idNumber;
        var name = applicant.Name;
        return e => e.AgencyCode == agency && e.ReceivedOn >= monthStart && e.ReceivedOn <= receivedOn && e.Applicant.Name == name;
    }

    /// <summary>The application's rank among <paramref name="receipts"/> (those <see cref="SameApplicantAndMonth"/> selects).</summary>
    public static int Rank(IEnumerable<ApplicationReceived> receipts, DisclosureApplication application) =>
        // Ordered by receipt date; registrations received the same day count in registration order.
        Math.Max(1, receipts.Count(e => e.ReceivedOn < application.ReceivedOn || e.RegistrationSequence <= application.RegistrationSequence));
}

