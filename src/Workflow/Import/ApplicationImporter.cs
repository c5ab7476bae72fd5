using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Queue = System.Threading.Channels.Channel;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Applications;

namespace Workflow.Import;

public sealed record ImportLineError(int LineNumber, string Reference, string Code, string Chinese, string English);

public sealed record ImportSummary(int Lines, int Registered, int StepsApplied, int AlreadyPresent, IReadOnlyList<ImportLineError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>How long the import took (zero when not measured).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Blocks whose commit failed and that were sent again line by line through the bus (docs/adr/0029).</summary>
    public int BlocksReplayed { get; init; }
}

/// <summary>Where an import stands: lines handled so far (of <see cref="TotalLines"/> when known) and cases started or found.</summary>
public sealed record ImportProgress(int Lines, long? TotalLines, int Cases, TimeSpan Elapsed)
{
    public double CasesPerSecond => Elapsed.TotalSeconds > 0 ? Cases / Elapsed.TotalSeconds : 0;

    public double LinesPerSecond => Elapsed.TotalSeconds > 0 ? Lines / Elapsed.TotalSeconds : 0;

    /// <summary>The time left at the rate so far, when the total is known and something was done.</summary>
    public TimeSpan? Remaining => TotalLines is { } total && Lines > 0 && LinesPerSecond > 0
        ? TimeSpan.FromSeconds(Math.Max(0, total - Lines) / LinesPerSecond)
        : null;
}

/// <summary>How an import runs: cases in parallel (each case's lines stay in file order), progress reports.</summary>
public sealed record ImportOptions
{
    /// <summary>
    /// With <see cref="PerLine"/>: cases handled at once, each case's lines one after the other, in file order. The
    /// block path writes one block at a time (registration numbers and the fee count follow the file's order).
    /// </summary>
    public int Parallelism { get; init; } = 8;

    /// <summary>
    /// Lines read and checked against the store together (one query per block finds the cases already imported); on
    /// the block path, also the lines decided in memory and committed in one transaction.
    /// </summary>
    public int BlockSize { get; init; } = 1000;

    /// <summary>Every line as its own command through the bus (the fallback of the block path, docs/adr/0029).</summary>
    public bool PerLine { get; init; }

    /// <summary>For tests: runs before each block's commit, after its decisions (e.g. a concurrent registration).</summary>
    public Func<CancellationToken, Task>? BeforeBlockCommit { get; init; }

    public IProgress<ImportProgress>? Progress { get; init; }

    /// <summary>How often <see cref="Progress"/> hears, besides once at the end.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The file's number of lines, when the caller counted them (for the ETA).</summary>
    public long? TotalLines { get; init; }
}

/// <summary>
/// Loads historical applications (an office's 登记台账) from JSON lines, one lifecycle step per line, each through the
/// same commands as the UI: a bad line is reported with its number and reason and the good lines are kept.
///
/// Every line has <c>ref</c> (the office's own case reference, unique in the file) and <c>step</c>: <c>register</c>
/// or one of <see cref="ApplicationSteps.Commands"/>; the other fields are the command's fields in camelCase, without
/// <c>applicationId</c>, <c>version</c> and <c>actor</c>, which the importer supplies.
///
/// Importing the same file twice changes nothing: a registration carries the external request id
/// <c>import:&lt;ref&gt;</c> (unless the line gives <c>externalRequestId</c>), so it registers once, and the k-th step
/// line of a reference is skipped when that application's stream already has more than k events.
///
/// Speed (docs/adr/0025): cases go to <see cref="ImportOptions.Parallelism"/> workers by reference, so one case's lines
/// are sent in file order while other cases proceed, each worker through its own <see cref="ApplicationCommandBus"/>
/// (every command still goes through its decision, one transaction each). Lines are read in blocks; one query per
/// block finds the registrations already in the store and their stream lengths, so a second run sends no command for
/// them at all.
/// </summary>
public sealed partial class ApplicationImporter(IServiceScopeFactory scopes, IDocumentStore store, DecisionContextSource context,
    RegistrationNumberFormat numbers)
{
    private sealed class CaseProgress(Guid id, int eventsBefore)
    {
        public Guid Id { get; } = id;
        public int EventsBefore { get; } = eventsBefore;
        public int StepLines { get; set; }
        /// <summary>The stream's version as far as this import knows (committed, except while a block is staged).</summary>
        public int Version { get; set; } = eventsBefore;
        public bool Broken { get; set; }

        // The block path (docs/adr/0029): the case folded in memory, kept while its lines keep coming.
        public DisclosureApplication? State { get; set; }
        public List<IApplicationEvent>? History { get; set; }

        public CaseProgress Copy() => new(Id, EventsBefore)
        {
            StepLines = StepLines, Version = Version, Broken = Broken, State = State, History = History is null ? null : [.. History],
        };
    }

    /// <summary>A line read and checked for shape, on its way to the worker of its reference.</summary>
    private sealed record ImportLine(int LineNumber, string Reference, string Step, JsonObject Json, RegisterApplication? Registration, string? ExternalKey)
    {
        /// <summary>For a registration already in the store: its entry and its stream's length (found by the block's query).</summary>
        public (ExternalRequestEntry Entry, int StreamLength)? Known { get; set; }
    }

    private sealed class Counters
    {
        public int Lines;
        public int Handled;
        public int Registered;
        public int Applied;
        public int Present;
        public int Cases;
        public readonly ConcurrentBag<ImportLineError> Errors = [];
    }

    public Task<ImportSummary> ImportAsync(TextReader reader, string actor, CancellationToken cancellation = default) =>
        ImportAsync(reader, actor, new ImportOptions(), cancellation);

    public Task<ImportSummary> ImportAsync(TextReader reader, string actor, ImportOptions options, CancellationToken cancellation = default) =>
        options.PerLine ? ImportPerLineAsync(reader, actor, options, cancellation) : ImportInBlocksAsync(reader, actor, options, cancellation);

    /// <summary>Every line one command through <see cref="ApplicationCommandBus"/>, cases in parallel (the path before ADR 0029).</summary>
    private async Task<ImportSummary> ImportPerLineAsync(TextReader reader, string actor, ImportOptions options, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var counters = new Counters();
        var parallelism = Math.Max(1, options.Parallelism);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var queues = Enumerable.Range(0, parallelism)
            .Select(_ => Queue.CreateBounded<ImportLine>(new BoundedChannelOptions(options.BlockSize) { SingleReader = true, SingleWriter = true }))
            .ToArray();
        var workers = queues.Select(queue => Task.Run(async () =>
        {
            try
            {
                await WorkAsync(queue.Reader, actor, counters, stop.Token);
            }
            catch
            {
                await stop.CancelAsync(); // the reader stops waiting for this worker's queue; the failure surfaces below
                throw;
            }
        }, stop.Token)).ToArray();
        var reporter = options.Progress is null ? Task.CompletedTask : ReportAsync(options, counters, clock, stop.Token);

        try
        {
            var block = new List<ImportLine>(options.BlockSize);
            for (var lineNumber = 1; await reader.ReadLineAsync(cancellation) is { } line; lineNumber++)
            {
                if (Read(lineNumber, line, actor, counters) is { } read) block.Add(read);
                if (block.Count >= options.BlockSize)
                {
                    await DispatchAsync(block, queues, stop.Token);
                    block.Clear();
                }
            }
            await DispatchAsync(block, queues, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellation.IsCancellationRequested)
        {
            // A worker failed: its exception is the one to report (Task.WhenAll below).
        }
        finally
        {
            foreach (var queue in queues) queue.Writer.TryComplete();
        }
        try
        {
            await Task.WhenAll(workers);
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
        await StopReportingAsync(stop, reporter);
        return Summarise(options, counters, clock);
    }

    /// <summary>Ends the progress reporter of either mode (it stops on <paramref name="stop"/>).</summary>
    private static async Task StopReportingAsync(CancellationTokenSource stop, Task reporter)
    {
        await stop.CancelAsync();
        try
        {
            await reporter;
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The last progress line and the summary of either mode, errors by line number.</summary>
    private static ImportSummary Summarise(ImportOptions options, Counters counters, Stopwatch clock)
    {
        options.Progress?.Report(Snapshot(options, counters, clock));
        var errors = counters.Errors.OrderBy(e => e.LineNumber).ToList();
        return new ImportSummary(counters.Lines, counters.Registered, counters.Applied, counters.Present, errors) { Elapsed = clock.Elapsed };
    }

    /// <summary>Parses a line; a line that cannot be a step is reported here and goes no further.</summary>
    private static ImportLine? Read(int lineNumber, string line, string actor, Counters counters)
    {
        if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith("//", StringComparison.Ordinal)) return null;
        Interlocked.Increment(ref counters.Lines);
        ImportLine? Fail(ImportLineError error)
        {
            counters.Errors.Add(error);
            Interlocked.Increment(ref counters.Handled);
            return null;
        }

        // The same gate as the HTTP API: duplicate keys, NUL, lone surrogates, control and bidi characters refused.
        var (parsed, unreadable) = StrictJson.Parse(line);
        if (unreadable is not null)
            return Fail(unreadable.Code == "payload.not-json"
                ? new(lineNumber, "", "line.not-json", "该行不是有效的 JSON 对象。", unreadable.English)
                : Error(lineNumber, "", unreadable));
        if (parsed is not JsonObject json)
            return Fail(new(lineNumber, "", "line.not-json", "该行不是有效的 JSON 对象。", "The line is not a JSON object."));

        var reference = json["ref"]?.GetValueKind() == JsonValueKind.String ? json["ref"]!.GetValue<string>().Trim() : "";
        var step = json["step"]?.GetValueKind() == JsonValueKind.String ? json["step"]!.GetValue<string>().Trim() : "";
        if (reference.Length == 0 || step.Length == 0)
            return Fail(new(lineNumber, reference, "line.ref-or-step-missing", "每行都需要 ref（案件编号）和 step（办理步骤）。",
                "Every line needs 'ref' and 'step'."));
        json.Remove("ref");
        json.Remove("step");
        if (step != ApplicationSteps.Register) return new ImportLine(lineNumber, reference, step, json, null, null);

        if (json["externalRequestId"] is null) json["externalRequestId"] = $"import:{reference}";
        var (registration, refusal) = ApplicationSteps.ReadRegistration(json, actor);
        // A registration that cannot be read is reported by the worker of its reference, after a duplicate check.
        var externalKey = registration is null ? null : RegisterApplicationHandler.ExternalKeyOf(registration);
        return new ImportLine(lineNumber, reference, step, json, refusal is null ? registration : null, externalKey);
    }

    /// <summary>Finds the block's registrations already in the store (one query), then hands each line to its reference's worker.</summary>
    private async Task DispatchAsync(List<ImportLine> block, System.Threading.Channels.Channel<ImportLine>[] queues, CancellationToken cancellation)
    {
        if (block.Count == 0) return;
        await FindKnownAsync(block, cancellation);
        foreach (var line in block)
            await queues[WorkerOf(line.Reference, queues.Length)].Writer.WriteAsync(line, cancellation);
    }

    /// <summary>Marks the block's registrations already in the store, with their streams' lengths (two queries at most).</summary>
    private async Task FindKnownAsync(List<ImportLine> block, CancellationToken cancellation)
    {
        var keys = block.Where(l => l.ExternalKey is not null).Select(l => l.ExternalKey!).Distinct().ToArray();
        if (keys.Length == 0) return;
        await using var session = store.QuerySession();
        var entries = (await session.LoadManyAsync<ExternalRequestEntry>(cancellation, keys)).ToDictionary(e => e.Id, StringComparer.Ordinal);
        if (entries.Count == 0) return;
        var lengths = await StreamLengthsAsync(session, entries.Values.Select(e => e.ApplicationId).Distinct().ToArray(), cancellation);
        foreach (var line in block)
            if (line.ExternalKey is not null && entries.TryGetValue(line.ExternalKey, out var entry))
                line.Known = (entry, lengths.GetValueOrDefault(entry.ApplicationId));
    }

    private async Task<Dictionary<Guid, int>> StreamLengthsAsync(IQuerySession session, Guid[] ids, CancellationToken cancellation)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var command = session.Connection!.CreateCommand();
        command.CommandText = $"select id, version from {schema}.mt_streams where id = any(@ids)";
        command.Parameters.Add(new Npgsql.NpgsqlParameter("ids", ids));
        var lengths = new Dictionary<Guid, int>();
        await using var rows = await command.ExecuteReaderAsync(cancellation);
        while (await rows.ReadAsync(cancellation)) lengths[rows.GetGuid(0)] = (int)rows.GetInt64(1);
        return lengths;
    }

    /// <summary>A stable worker per reference (FNV-1a of its characters), so one case's lines keep their order.</summary>
    private static int WorkerOf(string reference, int workers)
    {
        var hash = 2166136261u;
        foreach (var c in reference) hash = (hash ^ c) * 16777619u;
        return (int)(hash % (uint)workers);
    }

    private async Task WorkAsync(ChannelReader<ImportLine> lines, string actor, Counters counters, CancellationToken cancellation)
    {
        await using var scope = scopes.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetRequiredService<ApplicationCommandBus>();
        var cases = new Dictionary<string, CaseProgress>(StringComparer.Ordinal);
        await foreach (var line in lines.ReadAllAsync(cancellation))
        {
            await HandleAsync(line, commands, cases, actor, counters, cancellation);
            Interlocked.Increment(ref counters.Handled);
        }
    }

    private async Task HandleAsync(ImportLine line, ApplicationCommandBus commands, Dictionary<string, CaseProgress> cases, string actor,
        Counters counters, CancellationToken cancellation)
    {
        var (lineNumber, reference, step, json) = (line.LineNumber, line.Reference, line.Step, line.Json);
        if (step == ApplicationSteps.Register)
        {
            if (cases.ContainsKey(reference))
            {
                counters.Errors.Add(new(lineNumber, reference, "line.duplicate-register", $"案件 {reference} 在文件中重复登记。",
                    $"Reference {reference} is registered twice in the file."));
                return;
            }
            var registration = line.Registration;
            if (registration is null)
            {
                var (_, refusal) = ApplicationSteps.ReadRegistration(json, actor);
                counters.Errors.Add(Error(lineNumber, reference, refusal!));
                return;
            }
            if (line.Known is { } known)
            {
                var (entry, streamLength) = known;
                // The same answer the registration handler gives for a request id it has seen: the content must match.
                if (ReuseRefusal(entry, registration) is { } reused)
                {
                    counters.Errors.Add(Error(lineNumber, reference, reused));
                    return;
                }
                cases[reference] = new CaseProgress(entry.ApplicationId, streamLength);
                Interlocked.Increment(ref counters.Present);
                Interlocked.Increment(ref counters.Cases);
                return;
            }
            var outcome = await commands.RegisterAsync(registration, cancellation);
            if (!outcome.Succeeded)
            {
                counters.Errors.Add(Error(lineNumber, reference, outcome.Refusal!));
                return;
            }
            var result = outcome.Result!;
            var eventsBefore = result.AlreadyRegistered ? await StreamLengthAsync(result.ApplicationId, cancellation) : 1;
            cases[reference] = new CaseProgress(result.ApplicationId, eventsBefore);
            if (result.AlreadyRegistered) Interlocked.Increment(ref counters.Present);
            else Interlocked.Increment(ref counters.Registered);
            Interlocked.Increment(ref counters.Cases);
            return;
        }

        if (!cases.TryGetValue(reference, out var progress))
        {
            counters.Errors.Add(new(lineNumber, reference, "line.unregistered-ref", $"案件 {reference} 尚未登记（register 行应在前）。",
                $"Reference {reference} has no earlier register line."));
            return;
        }
        progress.StepLines++;
        if (progress.Broken)
        {
            counters.Errors.Add(new(lineNumber, reference, "line.after-failed-step", $"案件 {reference} 的前一步骤未能导入，本行跳过。",
                $"An earlier step of {reference} failed; this line was skipped."));
            return;
        }
        if (progress.EventsBefore > progress.StepLines)
        {
            Interlocked.Increment(ref counters.Present);
            return;
        }

        json["version"] = progress.Version;
        var (command, invalid) = ApplicationSteps.Read(step, json, progress.Id, actor);
        if (invalid is not null)
        {
            progress.Broken = true;
            counters.Errors.Add(Error(lineNumber, reference, invalid));
            return;
        }
        var stepOutcome = await commands.SendAsync(command!, cancellation);
        if (!stepOutcome.Succeeded)
        {
            progress.Broken = true;
            counters.Errors.Add(Error(lineNumber, reference, stepOutcome.Refusal!));
            return;
        }
        progress.Version = stepOutcome.Application!.Version;
        Interlocked.Increment(ref counters.Applied);
    }

    private static async Task ReportAsync(ImportOptions options, Counters counters, Stopwatch clock, CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(options.ProgressInterval);
        while (await timer.WaitForNextTickAsync(cancellation)) options.Progress!.Report(Snapshot(options, counters, clock));
    }

    private static ImportProgress Snapshot(ImportOptions options, Counters counters, Stopwatch clock) =>
        new(Volatile.Read(ref counters.Handled), options.TotalLines, Volatile.Read(ref counters.Cases), clock.Elapsed);

    private async Task<int> StreamLengthAsync(Guid id, CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        var state = await session.Events.FetchStreamStateAsync(id, cancellation);
        return (int)(state?.Version ?? 0);
    }

    private static Refusal? ReuseRefusal(ExternalRequestEntry entry, RegisterApplication registration)
    {
        try
        {
            RegisterApplicationHandler.AlreadyRegistered(entry, registration);
            return null;
        }
        catch (CommandRefusedException refused)
        {
            return refused.Refusal;
        }
    }

    private static ImportLineError Error(int lineNumber, string reference, Refusal refusal) =>
        new(lineNumber, reference, refusal.Code, refusal.Chinese, refusal.English);
}
