using Marten;
using JasperFx;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;
using Workflow.Calendar;

namespace Workflow.Applications;

/// <summary>Supplies decisions with today's date in China (from the injected <see cref="TimeProvider"/>) and the calendar.</summary>
public sealed class DecisionContextSource(TimeProvider time, CalendarInForce calendars)
{
    public static readonly TimeZoneInfo ChinaStandardTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The calendar in force now (it changes when a notice is imported: ADR 0018).</summary>
    public WorkdayCalendar Calendar => calendars.Current;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), ChinaStandardTime).DateTime);

    public DecisionContext Current() => new(Today, calendars.Current);

    /// <summary>The calendar in force for an application of <paramref name="agencyCode"/> (its and its ancestors' local days off included).</summary>
    public WorkdayCalendar CalendarFor(string? agencyCode) => calendars.For(agencyCode);

    /// <summary>Today and the calendar of the application's agency (its and its ancestors' local days off included).</summary>
    public DecisionContext For(DisclosureApplication? application) =>
        application is null ? Current() : new(Today, calendars.For(application.AgencyCode));
}

/// <summary>
/// The Wolverine handlers of every step after registration: the aggregate handler workflow loads the application
/// with the version the command carries (a stale one fails with a concurrency error), the pure decision returns one
/// event, Wolverine appends it in the same transaction and answers with the updated application.
/// </summary>
public static class ApplicationStepHandler
{
    private const string Id = nameof(IApplicationCommand.ApplicationId);

    public static (UpdatedAggregate, SupplementRequested) Handle(RequestSupplement command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context) =>
        (new(), ApplicationDecisions.Decide(Found(application), command, context.For(application)));

    public static (UpdatedAggregate, SupplementReceived) Handle(RecordSupplement command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context) =>
        (new(), ApplicationDecisions.Decide(Found(application), command, context.For(application)));

    public static (UpdatedAggregate, SupplementLapsed) Handle(RecordSupplementLapsed command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context) =>
        (new(), ApplicationDecisions.Decide(Found(application), command, context.For(application)));

    public static (UpdatedAggregate, ReplyExtended) Handle(ExtendReply command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context) =>
        (new(), ApplicationDecisions.Decide(Found(application), command, context.For(application)));

    public static async Task<(UpdatedAggregate, DueDateSetUnderArticle35)> Handle(SetArticle35DueDate command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context,
        IDocumentSession session, CancellationToken cancellation)
    {
        var state = Found(application);
        // The decision compares with the due date the clock computes on the day the Art. 35 date is set (A8).
        var history = await session.Events.FetchStreamAsync(state.Id, token: cancellation);
        var events = history.Select(e => e.Data).OfType<IApplicationEvent>().ToList();
        var computedDueOn = ReplyPeriod.ComputedDueOn(events, context.CalendarFor(state.AgencyCode), command.SetOn);
        return (new(), ApplicationDecisions.Decide(state, command, context.For(state), computedDueOn));
    }

    public static (UpdatedAggregate, ConsultationSent) Handle(SendConsultation command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context) =>
        (new(), ApplicationDecisions.Decide(Found(application), command, context.For(application)));

    public static (UpdatedAggregate, ConsultationReplied) Handle(RecordConsultationReply command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context) =>
        (new(), ApplicationDecisions.Decide(Found(application), command, context.For(application)));

    public static async Task<(UpdatedAggregate, FeeNoticed)> Handle(NoticeFee command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context,
        IDocumentSession session, CancellationToken cancellation)
    {
        var state = Found(application);
        if (command is { Method: FeeMethod.PerApplication, Quantity: null })
            command = command with { Quantity = await FeeCounting.ApplicationsThisMonthAsync(session, state, cancellation) };
        return (new(), ApplicationDecisions.Decide(state, command, context.For(state)));
    }

    public static (UpdatedAggregate, FeePaid) Handle(RecordFeePaid command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context) =>
        (new(), ApplicationDecisions.Decide(Found(application), command, context.For(application)));

    public static (UpdatedAggregate, FeeLapsed) Handle(RecordFeeLapsed command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context) =>
        (new(), ApplicationDecisions.Decide(Found(application), command, context.For(application)));

    public static (UpdatedAggregate, ApplicationAnswered) Handle(AnswerApplication command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context) =>
        (new(), ApplicationDecisions.Decide(Found(application), command, context.For(application)));

    public static (UpdatedAggregate, AnswerServed) Handle(RecordAnswerServed command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context) =>
        (new(), ApplicationDecisions.Decide(Found(application), command, context.For(application)));

    public static (UpdatedAggregate, ApplicationWithdrawn) Handle(WithdrawApplication command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context) =>
        (new(), ApplicationDecisions.Decide(Found(application), command, context.For(application)));

    public static (UpdatedAggregate, NoticeIssued) Handle(IssueNotice command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context) =>
        (new(), ApplicationDecisions.Decide(Found(application), command, context.For(application)));

    public static (UpdatedAggregate, ReconsiderationFiled) Handle(FileReconsideration command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context) =>
        (new(), ApplicationDecisions.Decide(Found(application), command, context.For(application)));

    public static (UpdatedAggregate, ReconsiderationDecided) Handle(DecideReconsideration command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context) =>
        (new(), ApplicationDecisions.Decide(Found(application), command, context.For(application)));

    public static (UpdatedAggregate, LawsuitFiled) Handle(FileLawsuit command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context) =>
        (new(), ApplicationDecisions.Decide(Found(application), command, context.For(application)));

    public static (UpdatedAggregate, LawsuitDecided) Handle(DecideLawsuit command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context) =>
        (new(), ApplicationDecisions.Decide(Found(application), command, context.For(application)));

    public static (UpdatedAggregate, FactCorrected) Handle(CorrectFact command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context) =>
        (new(), ApplicationDecisions.Decide(Found(application), command, context.For(application)));

    public static async Task<(UpdatedAggregate, TopicsAssigned)> Handle(AssignTopics command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context,
        IDocumentSession session, CancellationToken cancellation)
    {
        var state = Found(application);
        var topics = await Topics.TopicCatalog.LoadAsync(session, state.AgencyCode, cancellation);
        return (new(), ApplicationDecisions.Decide(state, command, topics.ActiveNames, context.Current()));
    }

    public static (UpdatedAggregate, NoteAdded) Handle(AddNote command,
        [WriteAggregate(Id, Required = false)] DisclosureApplication? application, DecisionContextSource context) =>
        (new(), ApplicationDecisions.Decide(Found(application), command, context.For(application)));

    private static DisclosureApplication Found(DisclosureApplication? application) =>
        application ?? throw new CommandRefusedException(Refusals.NotFound());
}

/// <summary>
/// FEE2020 Art. 4 counts applications per applicant and calendar month: this application's rank among the applicant's
/// registrations at the same agency in the month of its receipt (same ID number, or same name when none was given).
/// </summary>
public static class FeeCounting
{
    public static async Task<int> ApplicationsThisMonthAsync(IQuerySession session, DisclosureApplication application,
        CancellationToken cancellation)
    {
        var monthStart = new DateOnly(application.ReceivedOn.Year, application.ReceivedOn.Month, 1);
        var query = session.Events.QueryRawEventDataOnly<ApplicationReceived>()
            .Where(e => e.AgencyCode == application.AgencyCode && e.ReceivedOn >= monthStart && e.ReceivedOn <= application.ReceivedOn);
        var applicant = application.Applicant;
        query = applicant.IdNumber is { Length: > 0 } idNumber
            ? query.Where(e => e.Applicant.IdNumber == idNumber)
            : query.Where(e => e.Applicant.Name == applicant.Name);
        var receipts = await query.ToListAsync(cancellation);
        // Ordered by receipt date; registrations received the same day count in registration order.
        return Math.Max(1, receipts.Count(e => e.ReceivedOn < application.ReceivedOn
                                              || e.RegistrationSequence <= application.RegistrationSequence));
    }
}

/// <summary>
/// The registration book of one agency and year: the last sequence number given out. Optimistic concurrency on this
/// document makes numbers unique when two clerks register at the same moment (the loser retries).
/// </summary>
public sealed class RegistrationBook
{
    public string Id { get; set; } = "";
    public string AgencyCode { get; set; } = "";
    public int Year { get; set; }
    public int LastSequence { get; set; }

    public static string IdFor(string agencyCode, int year) => $"{agencyCode}:{year}";
}

/// <summary>
/// Maps a caller-supplied request id (a portal's id) to the application it registered, so the same request registers
/// once. Inserted in the registration transaction: of two simultaneous duplicates, one insert fails and retries,
/// then finds this entry. <see cref="Request"/> keeps what was registered, so a reuse of the id with different content
/// is refused with what differs instead of silently answering with the first registration.
/// </summary>
public sealed class ExternalRequestEntry
{
    public string Id { get; set; } = "";
    public Guid ApplicationId { get; set; }
    public string RegistrationNumber { get; set; } = "";
    /// <summary>The registered content (absent on entries written before it was kept: those match any content).</summary>
    public RegistrationContent? Request { get; set; }

    public static string IdFor(string agencyCode, string externalRequestId) => $"{agencyCode}:{externalRequestId}";
}

/// <summary>What a registration asked for, without who sent it: the content two requests with one id must share.</summary>
public sealed record RegistrationContent(
    DateOnly ReceivedOn, Channel Channel, ApplicantType ApplicantType, Applicant Applicant, IReadOnlyList<string> Items, RequestedForm RequestedForm)
{
    public static RegistrationContent Of(RegisterApplication command) => new(
        command.ReceivedOn, command.Channel, command.ApplicantType,
        new Applicant(Text(command.Applicant.Name) ?? "", Text(command.Applicant.IdNumber), Text(command.Applicant.Phone),
            Text(command.Applicant.Address), Text(command.Applicant.Email)),
        [.. command.Items.Select(i => Text(i) ?? "")], command.RequestedForm);

    /// <summary>The fields (by their JSON names) whose values differ, in the order of the request.</summary>
    public IReadOnlyList<string> Differences(RegistrationContent other)
    {
        var differences = new List<string>();
        if (ReceivedOn != other.ReceivedOn) differences.Add("receivedOn");
        if (Channel != other.Channel) differences.Add("channel");
        if (ApplicantType != other.ApplicantType) differences.Add("applicantType");
        if (Applicant.Name != other.Applicant.Name) differences.Add("applicant.name");
        if (Applicant.IdNumber != other.Applicant.IdNumber) differences.Add("applicant.idNumber");
        if (Applicant.Phone != other.Applicant.Phone) differences.Add("applicant.phone");
        if (Applicant.Address != other.Applicant.Address) differences.Add("applicant.address");
        if (Applicant.Email != other.Applicant.Email) differences.Add("applicant.email");
        if (!Items.SequenceEqual(other.Items)) differences.Add("items");
        if (RequestedForm != other.RequestedForm) differences.Add("requestedForm");
        return differences;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// Formats registration numbers, e.g. 七星府公开〔2024〕第27号, with the prefix of each agency. The prefix lookup answers
/// null for an agency nobody registered, and registration for it is refused (<see cref="Refusals.UnknownAgency"/>).
/// </summary>
public sealed class RegistrationNumberFormat(Func<string, CancellationToken, Task<string?>> prefixForAgency)
{
    /// <summary>A fixed lookup, for tests and tools: every agency is known.</summary>
    public RegistrationNumberFormat(Func<string, string> prefixForAgency) : this((code, _) => Task.FromResult<string?>(prefixForAgency(code)))
    {
    }

    public Task<string?> PrefixForAsync(string agencyCode, CancellationToken cancellation) => prefixForAgency(agencyCode, cancellation);

    public static string Format(string prefix, int year, int sequence) => $"{prefix}〔{year}〕第{sequence}号";
}

public static class RegisterApplicationHandler
{
    /// <summary>
    /// Two registrations racing for the same number or request id: the loser's transaction rolls back whole (no number
    /// spent, no event, no entry) and Wolverine runs the handler again on fresh data (docs/adr/0021). Full jitter
    /// spreads the retries of many simultaneous losers so they do not collide again in lock step; the ladder is long
    /// enough for a burst of dozens of clerks and portals at one agency. If it is ever exhausted, the caller gets
    /// <see cref="Refusals.Busy"/> (503, retry) from <see cref="ApplicationCommandBus"/>, never a 500.
    /// </summary>
    public static void Configure(HandlerChain chain)
    {
        chain.OnException<ConcurrencyException>()
            .Or<DocumentAlreadyExistsException>()
            .Or<AggregateException>(e => e.InnerExceptions.All(inner => inner is ConcurrencyException or DocumentAlreadyExistsException))
            .RetryWithCooldown(RetryDelays)
            .WithFullJitter();
    }

    public static readonly TimeSpan[] RetryDelays =
    [
        .. new[] { 5, 10, 20, 40, 60, 80, 100, 150, 200, 250, 300, 400, 500, 500, 500 }.Select(ms => TimeSpan.FromMilliseconds(ms)),
    ];

    public static async Task<RegistrationResult> Handle(RegisterApplication command, IDocumentSession session,
        DecisionContextSource context, RegistrationNumberFormat numbers, CancellationToken cancellation)
    {
        var decisionContext = new DecisionContext(context.Today, context.CalendarFor(command.AgencyCode));
        string? externalKey = null;
        if (!string.IsNullOrWhiteSpace(command.ExternalRequestId) && !string.IsNullOrWhiteSpace(command.AgencyCode))
        {
            externalKey = ExternalRequestEntry.IdFor(command.AgencyCode.Trim(), command.ExternalRequestId.Trim());
            var existing = await session.LoadAsync<ExternalRequestEntry>(externalKey, cancellation);
            if (existing is not null)
            {
                var differences = existing.Request?.Differences(RegistrationContent.Of(command)) ?? [];
                if (differences.Count > 0)
                    throw new CommandRefusedException(Refusals.ExternalRequestReused(command.ExternalRequestId.Trim(), existing.RegistrationNumber, differences));
                return new RegistrationResult(existing.ApplicationId, existing.RegistrationNumber, true);
            }
        }

        var applicationId = Guid.CreateVersion7();
        var activeTopics = command.Topics is { Count: > 0 } && !string.IsNullOrWhiteSpace(command.AgencyCode)
            ? (await Topics.TopicCatalog.LoadAsync(session, command.AgencyCode.Trim(), cancellation)).ActiveNames
            : null;
        // Validate before allocating a number so a rejected registration consumes nothing.
        ApplicationDecisions.Register(command, applicationId, "-", 0, decisionContext, activeTopics);

        var agency = command.AgencyCode.Trim();
        var prefix = await numbers.PrefixForAsync(agency, cancellation)
            ?? throw new CommandRefusedException(Refusals.UnknownAgency(agency));
        var year = command.ReceivedOn.Year;
        var bookId = RegistrationBook.IdFor(agency, year);
        var book = await session.LoadAsync<RegistrationBook>(bookId, cancellation);
        if (book is null)
        {
            book = new RegistrationBook { Id = bookId, AgencyCode = agency, Year = year, LastSequence = 1 };
            session.Insert(book);
        }
        else
        {
            book.LastSequence++;
            session.Update(book);
        }

        var number = RegistrationNumberFormat.Format(prefix, year, book.LastSequence);
        var received = ApplicationDecisions.Register(command, applicationId, number, book.LastSequence, decisionContext, activeTopics);
        if (externalKey is not null)
            session.Insert(new ExternalRequestEntry
            {
                Id = externalKey, ApplicationId = applicationId, RegistrationNumber = number, Request = RegistrationContent.Of(command),
            });
        session.Events.StartStream<DisclosureApplication>(applicationId, received);
        return new RegistrationResult(applicationId, number, false);
    }
}
