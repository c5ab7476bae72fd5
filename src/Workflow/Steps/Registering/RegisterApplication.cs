using Marten;
using JasperFx;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;
using static Workflow.Applications.StepChecks;

namespace Workflow.Applications;

// 登记: the step that starts an application's stream. Not an ILifecycleStep (there is no application yet to guard);
// its command, rules and handler live here like every other step's.

/// <summary>
/// 登记: register a new application. <see cref="ExternalRequestId"/> makes registration idempotent (a portal's id).
/// <see cref="ReceivedOn"/> is 收到申请之日 as Art. 31 sets it per channel (<see cref="ReceiptDate"/>); the optional
/// <see cref="ArrivedOn"/> is the day the application physically arrived, kept beside it where the two differ.
/// </summary>
public sealed record RegisterApplication(
    string AgencyCode,
    DateOnly ReceivedOn,
    Channel Channel,
    ApplicantType ApplicantType,
    Applicant Applicant,
    IReadOnlyList<string> Items,
    RequestedForm RequestedForm,
    string? ExternalRequestId,
    string Actor,
    DateOnly? ArrivedOn = null,
    IReadOnlyList<string>? Topics = null); // 申请内容分类: optional, names from the agency's topic list

public sealed record RegistrationResult(Guid ApplicationId, string RegistrationNumber, bool AlreadyRegistered);

/// <summary>The rules of registration: what a valid application must contain (Art. 29) and the receipt date (Art. 31).</summary>
public static class RegisteringRules
{
    /// <summary>Art. 29: an application names at least one way to reach the applicant (phone, address or e-mail).</summary>
    public static bool HasContact(string? phone, string? address, string? email) =>
        !string.IsNullOrWhiteSpace(phone) || !string.IsNullOrWhiteSpace(address) || !string.IsNullOrWhiteSpace(email);

    /// <summary>The refusal when <see cref="HasContact"/> fails; its field is the first contact input.</summary>
    public static Refusal NoContact { get; } = Refusals.Invalid("applicant.no-contact", "请至少填写一种联系方式（电话、通信地址或电子邮箱）（《条例》第二十九条）。",
        "At least one contact detail (phone, address or e-mail) is required (Art. 29).", "applicant.phone");

    /// <summary>Validates a registration and builds its first event; the number is allocated by the handler.</summary>
    /// <param name="activeTopics">The agency's active topics (申请内容分类); needed only when the command names topics.</param>
    public static ApplicationReceived Register(RegisterApplication command, Guid applicationId, string registrationNumber,
        int registrationSequence, DecisionContext context, IReadOnlySet<string>? activeTopics = null)
    {
        RequireText(command.AgencyCode, "机关代码", "agency code", 64, "agencyCode");
        RequireActor(command.Actor);
        if (command.ReceivedOn < EarliestReceipt)
            Refuse(Refusals.Invalid("date.too-early",
                $"收到申请日期 {command.ReceivedOn:yyyy-MM-dd} 早于《条例》施行日期（2008-05-01）。",
                $"Receipt date {command.ReceivedOn:yyyy-MM-dd} is before 2008-05-01.", "receivedOn"));
        if (command.ReceivedOn > context.Today) Refuse(Refusals.DateInFuture(command.ReceivedOn, context.Today, "receivedOn"));
        RequireDefined(command.Channel, "申请方式", "channel", "channel");
        var arrivedOn = ReceiptDate.ArrivalToRecord(command, context.Today);
        RequireDefined(command.ApplicantType, "申请人类型", "applicant type", "applicantType");
        RequireDefined(command.RequestedForm, "获取信息的方式", "requested form", "requestedForm");
        if (command.Applicant is null) Refuse(Refusals.Required("申请人", "applicant", "applicant"));
        RequireText(command.Applicant!.Name, "申请人姓名或名称", "applicant name", MaxNameLength, "applicant.name");
        OptionalText(command.Applicant.IdNumber, "身份证明号码", "ID number", 64, "applicant.idNumber");
        OptionalText(command.Applicant.Phone, "联系电话", "phone", 64, "applicant.phone");
        OptionalText(command.Applicant.Address, "通信地址", "address", MaxNameLength, "applicant.address");
        OptionalText(command.Applicant.Email, "电子邮箱", "email", MaxNameLength, "applicant.email");
        if (!HasContact(command.Applicant.Phone, command.Applicant.Address, command.Applicant.Email)) Refuse(NoContact);
        OptionalText(command.ExternalRequestId, "外部申请编号", "external request id", 128, "externalRequestId");
        if (command.Items is null || command.Items.Count == 0 || command.Items.All(string.IsNullOrWhiteSpace))
            Refuse(Refusals.Required("所需政府信息", "requested items", "items"));
        if (command.Items!.Count > MaxItems)
            Refuse(Refusals.Invalid("items.too-many", $"一份申请最多登记 {MaxItems} 项所需信息。", $"At most {MaxItems} items per application.", "items"));
        var items = command.Items.Select((text, index) => (text, index)).Where(i => !string.IsNullOrWhiteSpace(i.text)).Select((item, number) =>
        {
            RequireText(item.text, "所需政府信息", "requested item", MaxTextLength, $"items[{item.index}]");
            return new RequestedItem(number + 1, item.text.Trim());
        }).ToList();

        var topics = command.Topics is { Count: > 0 } ? AssigningTopicsRules.ValidTopics(command.Topics, activeTopics) : null;

        return new ApplicationReceived(applicationId, command.AgencyCode.Trim(), registrationNumber, registrationSequence,
            Blank(command.ExternalRequestId), command.ReceivedOn, command.Channel, command.ApplicantType, Trimmed(command.Applicant), items,
            command.RequestedForm, command.Actor, arrivedOn, topics);
    }

    private static Applicant Trimmed(Applicant a) => new(a.Name.Trim(), Blank(a.IdNumber), Blank(a.Phone), Blank(a.Address), Blank(a.Email));
}

/// <summary>
/// The registration book of one agency and year: the last sequence number given out. Registrations advance it by their
/// draw under its row lock (<see cref="RegistrationBooks"/>, docs/adr/0032, 0036); its optimistic concurrency makes a
/// writer that loaded it, the block import (ADR 0029), lose and retry when a draw came in between.
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
/// Draws the next numbers of a <see cref="RegistrationBook"/> inside the session's open transaction (docs/adr/0032,
/// 0036): one statement creates the book or advances it by <c>count</c>, and takes the row lock that holds until the
/// transaction ends. A registration at the same book in another transaction waits for that commit or rollback and then
/// draws the next numbers, so numbers are unique and gap-free without retries; a rollback returns the numbers with
/// everything else. The document's version changes with every draw, so a writer that loaded the book with optimistic
/// concurrency (the block import, ADR 0029) still loses and retries.
/// </summary>
public static class RegistrationBooks
{
    /// <summary>
    /// Draws <paramref name="count"/> consecutive numbers: answers the first of them and the book's version after the
    /// draw, which <see cref="GuardDraw"/> checks in the write batch.
    /// </summary>
    public static async Task<(int First, Guid Version)> DrawAsync(IDocumentSession session, string agencyCode, int year, int count,
        CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        // The book is written here in SQL, past Marten's document API: make sure its table exists first, as Marten would
        // before its own first write (checked once per database and process).
        await session.Database.EnsureStorageExistsAsync(typeof(RegistrationBook), cancellation);
        var table = TableOf(session);
        await using var draw = new Npgsql.NpgsqlCommand($$"""
            insert into {{table}} as book (id, data, mt_version, mt_dotnet_type, mt_last_modified)
            values (@id, jsonb_build_object('id', @id, 'agencyCode', @agency, 'year', @year, 'lastSequence', @count), gen_random_uuid(), @type, now())
            on conflict (id) do update
              set data = jsonb_set(book.data, '{lastSequence}', to_jsonb((book.data ->> 'lastSequence')::int + @count)),
                  mt_version = gen_random_uuid(), mt_last_modified = now()
            returning (data ->> 'lastSequence')::int, mt_version
            """, session.Connection);
        draw.Parameters.AddWithValue("id", RegistrationBook.IdFor(agencyCode, year));
        draw.Parameters.AddWithValue("agency", agencyCode);
        draw.Parameters.AddWithValue("year", year);
        draw.Parameters.AddWithValue("count", count);
        draw.Parameters.AddWithValue("type", typeof(RegistrationBook).FullName!);
        await using var reader = await draw.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        var last = reader.GetInt32(0);
        return (last - count + 1, reader.GetGuid(1));
    }

    /// <summary>
    /// Queues, in the session's write batch, a check that the book is still as this transaction's draw left it. The draw
    /// runs before the batch, outside what Marten knows of the unit of work; Marten replays a batch that failed for a
    /// reason it deems passing (a deadlock, say) in a new transaction, without the draw, which would commit numbers the
    /// book never gave out. With the check, such a replay fails instead (the book is back at its version before the draw,
    /// or another transaction drew since): <see cref="IsGuardFailure"/> tells that failure, and the registrations are
    /// drawn again.
    /// </summary>
    public static void GuardDraw(IDocumentSession session, string agencyCode, int year, Guid version)
    {
        var table = TableOf(session);
        // An UPDATE that never matches (the check answers 1, never 0) and returns no result set: Marten reads the results of
        // the batch's statements in order, and a SELECT here would hand its row to the next operation. The condition has
        // no column of the updated row, so PostgreSQL evaluates it once, before the scan (an InitPlan and a one-time
        // filter): it fails also when the book's row does not exist (a replay of the book's first draw). The cast stays
        // outside the CASE: inside a branch the planner would fold the constant and fail every commit.
        var id = RegistrationBook.IdFor(agencyCode, year);
        session.QueueSqlCommand($"""
            update {table} set mt_last_modified = mt_last_modified where id = ? and
              (select case when count(*) = 1 then '1' else '{GuardMessage}' end from {table} where id = ? and mt_version = ?)::int = 0
            """, id, id, version);
    }

    private const string GuardMessage = "registration book not as drawn";

    /// <summary>The book's table, written here in SQL (by the draw and its guard).</summary>
    private static string TableOf(IDocumentSession session) => $"{session.DocumentStore.Options.DatabaseSchemaName}.mt_doc_registrationbook";

    /// <summary>The failure of <see cref="GuardDraw"/>'s check: the batch ran without its draw.</summary>
    public static bool IsGuardFailure(Exception failure)
    {
        for (var cause = failure; cause is not null; cause = cause.InnerException)
            if (cause is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.InvalidTextRepresentation } postgres
                && postgres.MessageText.Contains(GuardMessage, StringComparison.Ordinal))
                return true;
        return false;
    }
}

/// <summary>
/// A registration validated and waiting for its number: what <see cref="RegistrationGroups"/> needs to number it and
/// build its first event with the same day, calendar and topics it was validated with.
/// </summary>
public sealed record PendingRegistration(RegisterApplication Command, Guid ApplicationId, DecisionContext Context,
    IReadOnlySet<string>? ActiveTopics, string Prefix)
{
    public string AgencyCode => Command.AgencyCode.Trim();

    public int Year => Command.ReceivedOn.Year;

    public string BookId => RegistrationBook.IdFor(AgencyCode, Year);
}

/// <summary>
/// Registrations at one registration book committed in groups (docs/adr/0036): the registrations waiting for the book
/// while a group commits are numbered together in the next transaction, with one draw of as many numbers and one commit.
/// Numbers stay unique, gap-free and in commit order; a failed group is committed again one registration at a time, so
/// a registration fails only for its own reason (a request id taken meanwhile, say), which Wolverine's retry policy of
/// <see cref="RegisterApplicationHandler"/> then handles as before.
/// </summary>
public sealed class RegistrationGroups
{
    private readonly IDocumentStore store;
    private readonly GroupCommit<PendingRegistration, RegistrationResult> groups;

    public RegistrationGroups(IDocumentStore store, int maxGroupSize = 32)
    {
        this.store = store;
        // A database outage (server down or unreachable) is every registration's failure alike: answered to the group at
        // once. A conflict between transactions is not, and the group is then committed one registration at a time.
        groups = new GroupCommit<PendingRegistration, RegistrationResult>((_, group) => CommitAsync(group), maxGroupSize,
            DatabaseOutage.IsOutage);
    }

    /// <summary>How many registrations wait for the book of <paramref name="agencyCode"/> and <paramref name="year"/>.</summary>
    public int CountWaiting(string agencyCode, int year) => groups.CountWaiting(RegistrationBook.IdFor(agencyCode, year));

    /// <summary>Numbers and commits <paramref name="registration"/> with the others waiting for its book.</summary>
    public Task<RegistrationResult> RegisterAsync(PendingRegistration registration, CancellationToken cancellation) =>
        groups.SubmitAsync(registration.BookId, registration, cancellation);

    private async Task<IReadOnlyList<RegistrationResult>> CommitAsync(IReadOnlyList<PendingRegistration> group)
    {
        // Not the caller's cancellation: the transaction serves every registration of the group.
        await using var session = store.LightweightSession();
        await session.BeginTransactionAsync(CancellationToken.None);
        var first = group[0];
        var (sequence, bookVersion) = await RegistrationBooks.DrawAsync(session, first.AgencyCode, first.Year, group.Count, CancellationToken.None);
        var results = new List<RegistrationResult>(group.Count);
        foreach (var registration in group)
        {
            var (received, entry) = RegisterApplicationHandler.Numbered(registration.Command, registration.ApplicationId,
                registration.Context, registration.ActiveTopics, registration.Prefix, sequence++);
            if (entry is not null) session.Insert(entry);
            session.Events.StartStream<DisclosureApplication>(received.ApplicationId, received);
            results.Add(new RegistrationResult(received.ApplicationId, received.RegistrationNumber, false));
        }
        RegistrationBooks.GuardDraw(session, first.AgencyCode, first.Year, bookVersion);
        try
        {
            await session.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception failure) when (RegistrationBooks.IsGuardFailure(failure))
        {
            // Nothing was committed; the registrations draw again (one by one, or through the handler's retry policy).
            throw new ConcurrencyException("The write batch of a registration group was replayed without its draw of the registration book.",
                typeof(RegistrationBook), RegistrationBook.IdFor(first.AgencyCode, first.Year));
        }
        return results;
    }
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
    /// Two registrations racing for the same number or request id, or a registration group's batch replayed without its
    /// draw (docs/adr/0036): the loser's transaction rolls back whole (no number spent, no event, no entry) and Wolverine
    /// runs the handler again on fresh data (docs/adr/0021). Full jitter spreads the retries of many simultaneous losers
    /// so they do not collide again in lock step; the ladder is long enough for a burst of dozens of clerks and portals at
    /// one agency. If it is ever exhausted, the caller gets <see cref="Refusals.Busy"/> (503, retry) from
    /// <see cref="ApplicationCommandBus"/>, never a 500.
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
        DecisionContextSource context, RegistrationNumberFormat numbers, RegistrationGroups groups, CancellationToken cancellation)
    {
        var externalKey = ExternalKeyOf(command);
        if (externalKey is not null && await session.LoadAsync<ExternalRequestEntry>(externalKey, cancellation) is { } existing)
            return AlreadyRegistered(existing, command);

        var agency = string.IsNullOrWhiteSpace(command.AgencyCode) ? null : command.AgencyCode.Trim();
        var activeTopics = command.Topics is { Count: > 0 } && agency is not null
            ? (await Topics.TopicCatalog.LoadAsync(session, agency, cancellation)).ActiveNames
            : null;
        var prefix = agency is null ? null : await numbers.PrefixForAsync(agency, cancellation);
        var applicationId = Guid.CreateVersion7();
        // Validated before a number is drawn; the number is drawn in the transaction that commits the registration, under
        // the book's row lock from the draw to the commit, together with the registrations waiting for the same book
        // (docs/adr/0021, 0032, 0036): unique, gap-free, in commit order.
        var decisionContext = ContextFor(command, context);
        RefuseIfInvalid(command, applicationId, decisionContext, activeTopics, prefix);
        return await groups.RegisterAsync(new PendingRegistration(command, applicationId, decisionContext, activeTopics, prefix!), cancellation);
    }

    /// <summary>The key of the command's external request entry, or null when it names no request id (or no agency).</summary>
    public static string? ExternalKeyOf(RegisterApplication command) =>
        !string.IsNullOrWhiteSpace(command.ExternalRequestId) && !string.IsNullOrWhiteSpace(command.AgencyCode)
            ? ExternalRequestEntry.IdFor(command.AgencyCode.Trim(), command.ExternalRequestId.Trim())
            : null;

    /// <summary>A request id seen before: the same registration again, or a refusal when the content differs.</summary>
    public static RegistrationResult AlreadyRegistered(ExternalRequestEntry existing, RegisterApplication command)
    {
        var differences = existing.Request?.Differences(RegistrationContent.Of(command)) ?? [];
        if (differences.Count > 0)
            throw new CommandRefusedException(Refusals.ExternalRequestReused(command.ExternalRequestId!.Trim(), existing.RegistrationNumber, differences));
        return new RegistrationResult(existing.ApplicationId, existing.RegistrationNumber, true);
    }

    /// <summary>What a registration writes: its first event, its request's entry (if any) and its book, new or advanced.</summary>
    public sealed record Registration(ApplicationReceived Received, ExternalRequestEntry? Entry, RegistrationBook Book, bool NewBook);

    /// <summary>
    /// The registration decided once its inputs are loaded, for the block importer (docs/adr/0029; the handler numbers
    /// through <see cref="RegistrationGroups"/>, ADR 0036): validated before a number is taken, so a rejected one
    /// consumes nothing; refused for an agency without a prefix (unknown); then numbered from <paramref name="book"/> (the
    /// agency's book of the receipt year, null when it has none yet), which is advanced in place. Gap-free numbers hold
    /// because the book is written in the same transaction (ADR 0021).
    /// </summary>
    public static Registration Decide(RegisterApplication command, Guid applicationId, DecisionContextSource context,
        IReadOnlySet<string>? activeTopics, string? prefix, RegistrationBook? book)
    {
        var decisionContext = ContextFor(command, context);
        RefuseIfInvalid(command, applicationId, decisionContext, activeTopics, prefix);
        var agency = command.AgencyCode.Trim();
        var year = command.ReceivedOn.Year;
        var newBook = book is null;
        book ??= new RegistrationBook { Id = RegistrationBook.IdFor(agency, year), AgencyCode = agency, Year = year, LastSequence = 0 };
        book.LastSequence++;
        var (received, entry) = Numbered(command, applicationId, decisionContext, activeTopics, prefix!, book.LastSequence);
        return new Registration(received, entry, book, newBook);
    }

    /// <summary>
    /// One registration's today and calendar, read once: its validation and its numbering judge by the same day even when
    /// the registration waited for its turn across midnight.
    /// </summary>
    private static DecisionContext ContextFor(RegisterApplication command, DecisionContextSource context) =>
        new(context.Today, context.CalendarFor(command.AgencyCode));

    /// <summary>Refuses a registration that is invalid (Art. 29, 31) or for an agency without a prefix (unknown), before any number is taken.</summary>
    public static void RefuseIfInvalid(RegisterApplication command, Guid applicationId, DecisionContext decisionContext,
        IReadOnlySet<string>? activeTopics, string? prefix)
    {
        RegisteringRules.Register(command, applicationId, "-", 0, decisionContext, activeTopics);
        if (prefix is null) throw new CommandRefusedException(Refusals.UnknownAgency(command.AgencyCode.Trim()));
    }

    /// <summary>The registration's first event and its request's entry (if any), with the number of <paramref name="sequence"/>.</summary>
    public static (ApplicationReceived Received, ExternalRequestEntry? Entry) Numbered(RegisterApplication command, Guid applicationId,
        DecisionContext decisionContext, IReadOnlySet<string>? activeTopics, string prefix, int sequence)
    {
        var number = RegistrationNumberFormat.Format(prefix, command.ReceivedOn.Year, sequence);
        var received = RegisteringRules.Register(command, applicationId, number, sequence, decisionContext, activeTopics);
        var externalKey = ExternalKeyOf(command);
        var entry = externalKey is null ? null : new ExternalRequestEntry
        {
            Id = externalKey, ApplicationId = applicationId, RegistrationNumber = number, Request = RegistrationContent.Of(command),
        };
        return (received, entry);
    }
}
