using System.Diagnostics;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Topics;

namespace Workflow.Import;

// The block path (docs/adr/0029): many cases per session and transaction, below the bus, through the same decisions.
public sealed partial class ApplicationImporter
{
    /// <summary>A line of a block that must go through the bus because the block path does not model it (rare).</summary>
    private sealed class NeedsBus(string why) : Exception(why);

    /// <summary>What one block decided and writes, applied to the run's state only once it is committed.</summary>
    private sealed class Block(IDocumentSession session)
    {
        public IDocumentSession Session { get; } = session;
        public Dictionary<string, CaseProgress> Cases { get; } = new(StringComparer.Ordinal);
        public Dictionary<Guid, string> ReferenceOf { get; } = [];
        /// <summary>Per case: the stream's committed version at the block's start, whether the block starts it, and its new events.</summary>
        public Dictionary<Guid, (int Committed, bool Starts, List<IApplicationEvent> Events)> Writes { get; } = [];
        public Dictionary<string, (RegistrationBook Book, bool IsNew)> Books { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, ExternalRequestEntry> Entries { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, AgencyTopicList> Topics { get; } = new(StringComparer.Ordinal);
        /// <summary>The block's registrations, not yet in the store: the fee count must see them too (ADR 0025, addendum item 4).</summary>
        public List<ApplicationReceived> Receipts { get; } = [];
        public Dictionary<Guid, (DisclosureApplication State, List<IApplicationEvent> History)> Loaded { get; } = [];
        public List<ImportLineError> Errors { get; } = [];
        public int Registered, Applied, Present, Cases_;
    }

    private async Task<ImportSummary> ImportInBlocksAsync(TextReader reader, string actor, ImportOptions options, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var counters = new Counters();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var reporter = options.Progress is null ? Task.CompletedTask : ReportAsync(options, counters, clock, stop.Token);
        var cases = new Dictionary<string, CaseProgress>(StringComparer.Ordinal);
        var prefixes = new Dictionary<string, string?>(StringComparer.Ordinal);
        var decisions = new StepDecisions(context);
        var replayed = 0;
        List<CaseProgress> folded = [];
        await using var scope = scopes.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<ApplicationCommandBus>();

        async Task RunAsync(List<ImportLine> lines)
        {
            if (lines.Count == 0) return;
            await FindKnownAsync(lines, cancellation);
            if (!await TryBlockAsync(lines, actor, options, cases, prefixes, decisions, counters, folded, cancellation))
            {
                // Nothing of the block was written: its lines go through the bus one by one, as before ADR 0029, so what
                // is stored and what is reported is what the per-line import gives.
                replayed++;
                foreach (var line in lines)
                {
                    await HandleAsync(line, bus, cases, actor, counters, cancellation);
                    if (cases.TryGetValue(line.Reference, out var progress)) (progress.State, progress.History) = (null, null);
                }
            }
            Interlocked.Add(ref counters.Handled, lines.Count);
        }

        try
        {
            var block = new List<ImportLine>(options.BlockSize);
            for (var lineNumber = 1; await reader.ReadLineAsync(cancellation) is { } line; lineNumber++)
            {
                if (Read(lineNumber, line, actor, counters) is { } read) block.Add(read);
                if (block.Count >= options.BlockSize)
                {
                    await RunAsync(block);
                    block = new List<ImportLine>(options.BlockSize);
                }
            }
            await RunAsync(block);
        }
        finally
        {
            await StopReportingAsync(stop, reporter);
        }
        return Summarise(options, counters, clock) with { BlocksReplayed = replayed };
    }

    /// <summary>
    /// Decides the block's lines in file order in memory and commits them in one transaction. False when the commit
    /// failed (a concurrent writer took a number, a request id or a version) or the block holds what only the bus
    /// handles: then nothing of it was written and the run's state is as before.
    /// </summary>
    private async Task<bool> TryBlockAsync(List<ImportLine> lines, string actor, ImportOptions options, Dictionary<string, CaseProgress> cases,
        Dictionary<string, string?> prefixes, StepDecisions decisions, Counters counters, List<CaseProgress> folded, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var block = new Block(session);
        try
        {
            await PrepareAsync(block, lines, cases, cancellation);
            foreach (var line in lines)
                await DecideAsync(block, line, actor, cases, prefixes, decisions, cancellation);
        }
        catch (NeedsBus)
        {
            return false;
        }

        foreach (var (id, (committed, starts, events)) in block.Writes)
        {
            if (events.Count == 0) continue;
            if (starts) session.Events.StartStream<DisclosureApplication>(id, [.. events]);
            else session.Events.Append(id, committed + events.Count, [.. events]);
        }
        foreach (var (book, isNew) in block.Books.Values)
        {
            if (isNew) session.Insert(book);
            else session.Update(book);
        }
        foreach (var entry in block.Entries.Values) session.Insert(entry);
        if (options.BeforeBlockCommit is { } beforeCommit) await beforeCommit(cancellation);
        try
        {
            await session.SaveChangesAsync(cancellation);
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            return false;
        }

        // Committed: the block's cases become the run's, and only they keep their folded state (memory stays bounded).
        foreach (var progress in folded) (progress.State, progress.History) = (null, null);
        folded.Clear();
        foreach (var (reference, progress) in block.Cases)
        {
            cases[reference] = progress;
            if (progress.State is not null) folded.Add(progress);
        }
        foreach (var error in block.Errors) counters.Errors.Add(error);
        Interlocked.Add(ref counters.Registered, block.Registered);
        Interlocked.Add(ref counters.Applied, block.Applied);
        Interlocked.Add(ref counters.Present, block.Present);
        Interlocked.Add(ref counters.Cases, block.Cases_);
        return true;
    }

    /// <summary>One query for the books the block's registrations number from, one for the streams it continues but does not hold.</summary>
    private async Task PrepareAsync(Block block, List<ImportLine> lines, Dictionary<string, CaseProgress> cases, CancellationToken cancellation)
    {
        var bookIds = lines
            .Where(l => l is { Registration: { } r, Known: null } && !string.IsNullOrWhiteSpace(r.AgencyCode))
            .Select(l => RegistrationBook.IdFor(l.Registration!.AgencyCode.Trim(), l.Registration.ReceivedOn.Year))
            .Distinct().ToArray();
        if (bookIds.Length > 0)
            foreach (var book in await block.Session.LoadManyAsync<RegistrationBook>(cancellation, bookIds))
                block.Books[book.Id] = (book, false);

        // A stream needs folding when a step line of the block may apply to it: the k-th step line of a case applies
        // when its stream had at most k events before the run.
        var stepLines = lines.Where(l => l.Step != ApplicationSteps.Register)
            .GroupBy(l => l.Reference).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var known = new Dictionary<string, (ExternalRequestEntry Entry, int StreamLength)>(StringComparer.Ordinal);
        foreach (var line in lines)
            if (line.Known is { } found) known.TryAdd(line.Reference, found);
        var toLoad = new HashSet<Guid>();
        foreach (var (reference, count) in stepLines)
        {
            if (cases.TryGetValue(reference, out var progress))
            {
                if (progress is { Broken: false, State: null } && progress.StepLines + count >= progress.EventsBefore) toLoad.Add(progress.Id);
            }
            else if (known.TryGetValue(reference, out var found) && count >= found.StreamLength)
                toLoad.Add(found.Entry.ApplicationId);
        }
        if (toLoad.Count == 0) return;
        var ids = toLoad.ToArray();
        var events = await block.Session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(ids)).OrderBy(e => e.Sequence).ToListAsync(cancellation);
        var aggregator = OptionsOf(block).Projections.AggregatorFor<DisclosureApplication>();
        foreach (var stream in events.GroupBy(e => e.StreamId))
        {
            var history = stream.ToList();
            var state = await aggregator.BuildAsync(history, block.Session, null, cancellation);
            if (state is not null) block.Loaded[stream.Key] = (state, [.. history.Select(e => e.Data).OfType<IApplicationEvent>()]);
        }
    }

    private async Task DecideAsync(Block block, ImportLine line, string actor, Dictionary<string, CaseProgress> cases,
        Dictionary<string, string?> prefixes, StepDecisions decisions, CancellationToken cancellation)
    {
        var (lineNumber, reference, step, json) = (line.LineNumber, line.Reference, line.Step, line.Json);
        void Fail(Refusal refusal) => block.Errors.Add(Error(lineNumber, reference, refusal));

        if (step == ApplicationSteps.Register)
        {
            if (block.Cases.ContainsKey(reference) || cases.ContainsKey(reference))
            {
                block.Errors.Add(new(lineNumber, reference, "line.duplicate-register", $"案件 {reference} 在文件中重复登记。",
                    $"Reference {reference} is registered twice in the file."));
                return;
            }
            var registration = line.Registration;
            if (registration is null)
            {
                Fail(ApplicationSteps.ReadRegistration(json, actor).Refusal!);
                return;
            }
            if (line.Known is var (entry, streamLength))
            {
                if (ReuseRefusal(entry, registration) is { } reused)
                {
                    Fail(reused);
                    return;
                }
                Stage(block, reference, new CaseProgress(entry.ApplicationId, streamLength));
                block.Present++;
                block.Cases_++;
                return;
            }
            // A request id registered earlier in this block under another reference: two references on one stream.
            if (line.ExternalKey is not null && block.Entries.ContainsKey(line.ExternalKey)) throw new NeedsBus("request id reused in the block");

            var agency = string.IsNullOrWhiteSpace(registration.AgencyCode) ? null : registration.AgencyCode.Trim();
            IReadOnlySet<string>? activeTopics = null;
            if (registration.Topics is { Count: > 0 } && agency is not null) activeTopics = (await TopicsAsync(block, agency, cancellation)).ActiveNames;
            string? prefix = null;
            if (agency is not null && !prefixes.TryGetValue(agency, out prefix))
                prefixes[agency] = prefix = await numbers.PrefixForAsync(agency, cancellation);
            var bookId = agency is null ? null : RegistrationBook.IdFor(agency, registration.ReceivedOn.Year);
            (RegistrationBook Book, bool IsNew)? held = bookId is not null && block.Books.TryGetValue(bookId, out var found) ? found : null;
            RegisterApplicationHandler.Registration registered;
            try
            {
                registered = RegisterApplicationHandler.Decide(registration, Guid.CreateVersion7(), context, activeTopics, prefix, held?.Book);
            }
            catch (CommandRefusedException refused)
            {
                Fail(refused.Refusal);
                return;
            }
            block.Books[registered.Book.Id] = (registered.Book, held?.IsNew ?? registered.NewBook);
            if (registered.Entry is not null) block.Entries[registered.Entry.Id] = registered.Entry;
            var received = registered.Received;
            block.Receipts.Add(received);
            var progress = new CaseProgress(received.ApplicationId, 1) { Version = 0, History = [] };
            Stage(block, reference, progress, starts: true);
            await FoldAsync(block, progress, received, cancellation);
            block.Registered++;
            block.Cases_++;
            return;
        }

        if (!block.Cases.TryGetValue(reference, out var current))
        {
            if (!cases.TryGetValue(reference, out var committed))
            {
                block.Errors.Add(new(lineNumber, reference, "line.unregistered-ref", $"案件 {reference} 尚未登记（register 行应在前）。",
                    $"Reference {reference} has no earlier register line."));
                return;
            }
            current = committed.Copy();
            Stage(block, reference, current);
        }
        current.StepLines++;
        if (current.Broken)
        {
            block.Errors.Add(new(lineNumber, reference, "line.after-failed-step", $"案件 {reference} 的前一步骤未能导入，本行跳过。",
                $"An earlier step of {reference} failed; this line was skipped."));
            return;
        }
        if (current.EventsBefore > current.StepLines)
        {
            block.Present++;
            return;
        }

        json["version"] = current.Version;
        var (command, invalid) = ApplicationSteps.Read(step, json, current.Id, actor);
        if (invalid is not null)
        {
            current.Broken = true;
            Fail(invalid);
            return;
        }
        if (current.State is null)
        {
            // Folded by PrepareAsync; its version must be the one this run knows, or someone else wrote to the case.
            if (!block.Loaded.TryGetValue(current.Id, out var loaded) || loaded.State.Version != current.Version)
                throw new NeedsBus("the stream is not the one this import knows");
            (current.State, current.History) = (loaded.State, [.. loaded.History]);
        }

        IApplicationEvent decided;
        try
        {
            var state = current.State;
            decided = await decisions.DecideAsync(state, command!, new StepInputs(
                () => current.History!,
                () => ApplicationsThisMonthAsync(block, state, cancellation),
                agency => TopicsAsync(block, agency, cancellation)));
        }
        catch (CommandRefusedException refused)
        {
            current.Broken = true;
            Fail(refused.Refusal);
            return;
        }
        catch (CalendarYearNotLoadedException missingYear)
        {
            current.Broken = true;
            Fail(ApplicationCommandBus.CalendarRefusal(missingYear));
            return;
        }
        await FoldAsync(block, current, decided, cancellation);
        block.Applied++;
    }

    /// <summary>The case joins the block; one stream under two references is left to the bus.</summary>
    private static void Stage(Block block, string reference, CaseProgress progress, bool starts = false)
    {
        if (block.ReferenceOf.TryGetValue(progress.Id, out var other) && other != reference) throw new NeedsBus("two references on one stream");
        block.ReferenceOf[progress.Id] = reference;
        block.Cases[reference] = progress;
        if (!block.Writes.ContainsKey(progress.Id)) block.Writes[progress.Id] = (progress.Version, starts, []);
    }

    /// <summary>Adds the decided event to the case: its new events, its history, and its state folded by Marten's own live aggregation.</summary>
    private async Task FoldAsync(Block block, CaseProgress progress, IApplicationEvent decided, CancellationToken cancellation)
    {
        var options = OptionsOf(block);
        var @event = ((Marten.Events.EventGraph)options.Events).BuildEvent(decided);
        @event.StreamId = progress.Id;
        @event.Version = progress.Version + 1;
        var state = await options.Projections.AggregatorFor<DisclosureApplication>()
            .BuildAsync([@event], block.Session, progress.State, cancellation);
        progress.State = state;
        progress.Version++;
        progress.State!.Version = progress.Version;
        progress.History!.Add(decided);
        block.Writes[progress.Id].Events.Add(decided);
    }

    /// <summary>
    /// FEE2020 Art. 4's count as the handler makes it (<see cref="FeeCounting"/>), over the registrations committed and
    /// those of this block not yet committed.
    /// </summary>
    private static async Task<int> ApplicationsThisMonthAsync(Block block, DisclosureApplication application, CancellationToken cancellation)
    {
        var sameApplicant = FeeCounting.SameApplicantAndMonth(application);
        var committed = await block.Session.Events.QueryRawEventDataOnly<ApplicationReceived>().Where(sameApplicant).ToListAsync(cancellation);
        var test = sameApplicant.Compile();
        return FeeCounting.Rank(committed.Concat(block.Receipts.Where(test)), application);
    }

    private static StoreOptions OptionsOf(Block block) => ((Marten.Internal.IMartenSession)block.Session).Options;

    private static async Task<AgencyTopicList> TopicsAsync(Block block, string agency, CancellationToken cancellation)
    {
        if (!block.Topics.TryGetValue(agency, out var topics))
            block.Topics[agency] = topics = await TopicCatalog.LoadAsync(block.Session, agency, cancellation);
        return topics;
    }
}
