using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Workflow.Applications;

namespace Workflow.Import;

public sealed record ImportLineError(int LineNumber, string Reference, string Code, string Chinese, string English);

public sealed record ImportSummary(int Lines, int Registered, int StepsApplied, int AlreadyPresent, IReadOnlyList<ImportLineError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
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
/// </summary>
public sealed class ApplicationImporter(ApplicationCommandBus commands, IDocumentStore store)
{
    private sealed class CaseProgress(Guid id, int eventsBefore)
    {
        public Guid Id { get; } = id;
        public int EventsBefore { get; } = eventsBefore;
        public int StepLines { get; set; }
        public int Version { get; set; } = eventsBefore;
        public bool Broken { get; set; }
    }

    public async Task<ImportSummary> ImportAsync(TextReader reader, string actor, CancellationToken cancellation = default)
    {
        var cases = new Dictionary<string, CaseProgress>(StringComparer.Ordinal);
        var errors = new List<ImportLineError>();
        int lines = 0, registered = 0, applied = 0, present = 0;

        for (var lineNumber = 1; await reader.ReadLineAsync(cancellation) is { } line; lineNumber++)
        {
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith("//", StringComparison.Ordinal)) continue;
            lines++;
            // The same gate as the HTTP API: duplicate keys, NUL, lone surrogates, control and bidi characters refused.
            var (parsed, unreadable) = StrictJson.Parse(line);
            if (unreadable is not null)
            {
                errors.Add(unreadable.Code == "payload.not-json"
                    ? new(lineNumber, "", "line.not-json", "该行不是有效的 JSON 对象。", unreadable.English)
                    : Error(lineNumber, "", unreadable));
                continue;
            }
            if (parsed is not JsonObject json)
            {
                errors.Add(new(lineNumber, "", "line.not-json", "该行不是有效的 JSON 对象。", "The line is not a JSON object."));
                continue;
            }

            var reference = json["ref"]?.GetValueKind() == JsonValueKind.String ? json["ref"]!.GetValue<string>().Trim() : "";
            var step = json["step"]?.GetValueKind() == JsonValueKind.String ? json["step"]!.GetValue<string>().Trim() : "";
            if (reference.Length == 0 || step.Length == 0)
            {
                errors.Add(new(lineNumber, reference, "line.ref-or-step-missing", "每行都需要 ref（案件编号）和 step（办理步骤）。",
                    "Every line needs 'ref' and 'step'."));
                continue;
            }
            json.Remove("ref");
            json.Remove("step");

            if (step == ApplicationSteps.Register)
            {
                if (cases.ContainsKey(reference))
                {
                    errors.Add(new(lineNumber, reference, "line.duplicate-register", $"案件 {reference} 在文件中重复登记。",
                        $"Reference {reference} is registered twice in the file."));
                    continue;
                }
                if (json["externalRequestId"] is null) json["externalRequestId"] = $"import:{reference}";
                var (registration, refusal) = ApplicationSteps.ReadRegistration(json, actor);
                if (refusal is not null)
                {
                    errors.Add(Error(lineNumber, reference, refusal));
                    continue;
                }
                var outcome = await commands.RegisterAsync(registration!, cancellation);
                if (!outcome.Succeeded)
                {
                    errors.Add(Error(lineNumber, reference, outcome.Refusal!));
                    continue;
                }
                var result = outcome.Result!;
                var eventsBefore = result.AlreadyRegistered ? await StreamLengthAsync(result.ApplicationId, cancellation) : 1;
                cases[reference] = new CaseProgress(result.ApplicationId, eventsBefore);
                if (result.AlreadyRegistered) present++;
                else registered++;
                continue;
            }

            if (!cases.TryGetValue(reference, out var progress))
            {
                errors.Add(new(lineNumber, reference, "line.unregistered-ref", $"案件 {reference} 尚未登记（register 行应在前）。",
                    $"Reference {reference} has no earlier register line."));
                continue;
            }
            progress.StepLines++;
            if (progress.Broken)
            {
                errors.Add(new(lineNumber, reference, "line.after-failed-step", $"案件 {reference} 的前一步骤未能导入，本行跳过。",
                    $"An earlier step of {reference} failed; this line was skipped."));
                continue;
            }
            if (progress.EventsBefore > progress.StepLines)
            {
                present++;
                continue;
            }

            json["version"] = progress.Version;
            var (command, invalid) = ApplicationSteps.Read(step, json, progress.Id, actor);
            if (invalid is not null)
            {
                progress.Broken = true;
                errors.Add(Error(lineNumber, reference, invalid));
                continue;
            }
            var stepOutcome = await commands.SendAsync(command!, cancellation);
            if (!stepOutcome.Succeeded)
            {
                progress.Broken = true;
                errors.Add(Error(lineNumber, reference, stepOutcome.Refusal!));
                continue;
            }
            progress.Version = stepOutcome.Application!.Version;
            applied++;
        }
        return new ImportSummary(lines, registered, applied, present, errors);
    }

    private async Task<int> StreamLengthAsync(Guid id, CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        var state = await session.Events.FetchStreamStateAsync(id, cancellation);
        return (int)(state?.Version ?? 0);
    }

    private static ImportLineError Error(int lineNumber, string reference, Refusal refusal) =>
        new(lineNumber, reference, refusal.Code, refusal.Chinese, refusal.English);
}
