using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Projections.Integrity;
using Server.Accounts;
using Server.Demo;
using Server.Tests.Support;
using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Import;

namespace Server.Tests.Import;

/// <summary>
/// docs/adr/0029: the importer decides blocks of cases in memory and commits each block in one transaction. It must
/// write exactly what the per-line import through the bus writes (the same events, data and registration numbers, the
/// same errors), count the fee of cases registered earlier in the same uncommitted block, replay a block whose commit
/// fails through the bus, write nothing on a second run, and leave every chain intact.
/// </summary>
public sealed class BlockImport(AppFixture app) : IntegrationContext(app)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(WorkflowHostFixtureNow());

    private static DateTime WorkflowHostFixtureNow() =>
        TimeZoneInfo.ConvertTime(Workflow.Testing.WorkflowHostFixture.Now, DecisionContextSource.ChinaStandardTime).DateTime;

    private async Task<ImportSummary> ImportAsync(string text, ImportOptions options)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationImporter>().ImportAsync(new StringReader(text), "import", options);
    }

    private async Task AddDemoAgenciesAsync()
    {
        var directory = App.Services.GetRequiredService<AgencyDirectory>();
        foreach (var agency in DemoPlan.Agencies)
        {
            var (_, refusal) = await directory.AddAsync(agency.Code, agency.Name, agency.ParentCode, agency.RegistrationPrefix);
            refusal.Should().BeNull();
        }
    }

    /// <summary>The demo's lifecycle mix as import lines (as bench/Import.Bench writes them), with bad lines among them.</summary>
    private static string LedgerWithBadLines(int cases)
    {
        var text = new StringBuilder();
        var index = 0;
        foreach (var demo in DemoPlan.Ledger(cases, Today, WorkdayCalendar.Official))
        {
            index++;
            var reference = $"L-{index:0000}";
            text.AppendLine(Line(reference, ApplicationSteps.Register, demo.Registration with { ExternalRequestId = null }));
            foreach (var step in demo.Steps)
            {
                var command = step.Command(Guid.Empty, 0);
                text.AppendLine(Line(reference, ApplicationSteps.StepOf(command.GetType()), command));
            }
            if (index == 3) text.AppendLine("not json");
            if (index == 5) text.AppendLine(Line(reference, ApplicationSteps.Register, demo.Registration with { ExternalRequestId = null }));
            if (index == 7) text.AppendLine($$"""{"ref":"{{reference}}","step":"answer","answeredOn":"2009-01-05","items":[{"itemNumber":1,"result":"disclosed"}],"replyDocumentNumber":"x"}""");
            if (index == 9) text.AppendLine("""{"ref":"nobody","step":"note","notedOn":"2024-04-01","text":"x"}""");
            if (index == 11)
                text.AppendLine(Line("L-bad-agency", ApplicationSteps.Register, demo.Registration with { ExternalRequestId = null, AgencyCode = "nowhere" }));
            if (index == 13)
                text.AppendLine(Line("L-no-contact", ApplicationSteps.Register,
                    demo.Registration with { ExternalRequestId = null, Applicant = new Applicant("无联系方式", null, null, null, null) }));
        }
        return text.ToString();
    }

    private static string Line(string reference, string step, object command)
    {
        var fields = JsonSerializer.SerializeToNode(command, command.GetType(), ApplicationSteps.Json)!.AsObject();
        var line = new JsonObject { ["ref"] = reference, ["step"] = step };
        foreach (var (name, value) in fields.ToList())
        {
            if (name is "applicationId" or "version" or "actor" || value is null) continue;
            fields.Remove(name);
            line[name] = value;
        }
        return line.ToJsonString();
    }

    /// <summary>Every stream's events by the case's reference: type and data, the application id written as the reference.</summary>
    private async Task<Dictionary<string, List<string>>> StreamsAsync()
    {
        await using var session = Store.QuerySession();
        var references = (await session.Query<ExternalRequestEntry>().ToListAsync())
            .ToDictionary(e => e.ApplicationId, e => e.Id[(e.Id.IndexOf(":import:", StringComparison.Ordinal) + ":import:".Length)..]);
        var serializer = Store.Options.Serializer();
        var events = await session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync();
        return events.GroupBy(e => e.StreamId).ToDictionary(
            g => references[g.Key],
            g => g.Select(e => $"{e.EventTypeName} {serializer.ToJson(e.Data).Replace(g.Key.ToString(), references[g.Key])}").ToList());
    }

    private async Task<long> EventCountAsync()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }

    private async Task<bool> IntactAsync() => (await App.Services.GetRequiredService<IntegrityVerifier>().VerifyAllAsync()).Intact;

    [Fact]
    public async Task a_block_import_writes_exactly_what_the_per_line_import_writes_and_a_rerun_writes_nothing()
    {
        var ledger = LedgerWithBadLines(60);
        await AddDemoAgenciesAsync();
        var perLine = await ImportAsync(ledger, new ImportOptions { PerLine = true, Parallelism = 1 });
        var expected = await StreamsAsync();
        (await IntactAsync()).Should().BeTrue();

        await App.ResetAsync();
        await AddDemoAgenciesAsync();
        var inBlocks = await ImportAsync(ledger, new ImportOptions { BlockSize = 37 });
        var written = await StreamsAsync();

        inBlocks.BlocksReplayed.Should().Be(0);
        (inBlocks.Lines, inBlocks.Registered, inBlocks.StepsApplied, inBlocks.AlreadyPresent)
            .Should().Be((perLine.Lines, perLine.Registered, perLine.StepsApplied, perLine.AlreadyPresent));
        inBlocks.Errors.Select(e => (e.LineNumber, e.Reference, e.Code, e.Chinese))
            .Should().Equal(perLine.Errors.Select(e => (e.LineNumber, e.Reference, e.Code, e.Chinese)));
        inBlocks.Errors.Select(e => e.Code).Should().Contain(["line.not-json", "line.duplicate-register", "line.unregistered-ref", "agency.unknown",
            "applicant.no-contact"]);
        inBlocks.Errors.Should().Contain(e => e.Reference == "L-0007", "the answer after the case's own steps is refused by its decision");
        written.Keys.Should().BeEquivalentTo(expected.Keys);
        foreach (var (reference, stream) in expected)
            written[reference].Should().Equal(stream, $"case {reference} has the same events, data and registration number");
        written.Values.SelectMany(e => e).Select(e => e.Split(' ')[0]).Distinct().Count()
            .Should().BeGreaterThan(12, "the ledger's lifecycle mix reaches many kinds of steps");
        (await IntactAsync()).Should().BeTrue();

        var events = await EventCountAsync();
        var again = await ImportAsync(ledger, new ImportOptions { BlockSize = 37 });

        (again.Registered, again.StepsApplied).Should().Be((0, 0));
        again.AlreadyPresent.Should().Be(inBlocks.Registered + inBlocks.StepsApplied + inBlocks.AlreadyPresent);
        (await EventCountAsync()).Should().Be(events, "a second import writes nothing");
    }

    private static string Registration(int i, string receivedOn) =>
        $$"""{"ref":"F-{{i:D2}}","step":"register","agencyCode":"qxg","receivedOn":"{{receivedOn}}","channel":"letter","applicantType":"naturalPerson","applicant":{"name":"同一申请人","idNumber":"520101199001011234","phone":"13800000000"},"items":["某村征地补偿方案"],"requestedForm":"paper"}""";

    [Fact]
    public async Task the_fee_count_includes_the_applicants_cases_registered_earlier_in_the_same_uncommitted_block()
    {
        // Eleven applications of one applicant in March: the eleventh is the first that pays (FEE2020 Art. 4). The first
        // block commits six; the other five and the fee notice are decided in the second block, before its commit.
        var lines = Enumerable.Range(1, 11).Select(i => Registration(i, $"2024-03-{i + 3:D2}")).ToList();
        lines.Add("""{"ref":"F-11","step":"fee-notice","noticedOn":"2024-03-20","method":"perApplication"}""");

        var summary = await ImportAsync(string.Join('\n', lines), new ImportOptions { BlockSize = 6 });

        summary.Errors.Should().BeEmpty();
        summary.StepsApplied.Should().Be(1);
        await using var session = Store.QuerySession();
        var fee = (await session.Events.QueryRawEventDataOnly<FeeNoticed>().ToListAsync()).Single();
        (fee.Quantity, fee.ProposedAmount).Should().Be((11, 100m));
    }

    [Fact]
    public async Task a_block_whose_book_a_concurrent_registration_advanced_is_replayed_through_the_bus_and_nothing_is_lost_or_doubled()
    {
        const int cases = 12;
        var text = new StringBuilder();
        for (var i = 1; i <= cases; i++)
        {
            text.AppendLine(Registration(i, "2024-05-06").Replace("同一申请人", $"申请人{i}").Replace("520101199001011234", $"5201011990010112{i:D2}"));
            text.AppendLine($$"""{"ref":"F-{{i:D2}}","step":"note","notedOn":"2024-05-07","text":"备注{{i}}"}""");
        }
        var concurrent = 0;
        Task RegisterBeside(CancellationToken cancellation)
        {
            // A clerk registers at the same agency and year while the first block is about to commit.
            if (Interlocked.Increment(ref concurrent) != 1) return Task.CompletedTask;
            return App.Commands.RegisterAsync(new RegisterApplication(TestAgencies.Government, new DateOnly(2024, 5, 6), Channel.InPerson,
                ApplicantType.NaturalPerson, new Applicant("窗口申请人", null, "13900000000", null, null), ["某项目批复"], RequestedForm.Paper, null,
                "clerk"), cancellation);
        }

        var summary = await ImportAsync(text.ToString(), new ImportOptions { BlockSize = 10, BeforeBlockCommit = RegisterBeside });

        summary.BlocksReplayed.Should().Be(1);
        summary.Errors.Should().BeEmpty();
        (summary.Registered, summary.StepsApplied).Should().Be((cases, cases));
        await using var session = Store.QuerySession();
        var received = await session.Events.QueryRawEventDataOnly<ApplicationReceived>().ToListAsync();
        received.Should().HaveCount(cases + 1);
        received.Select(r => r.RegistrationSequence).Should().BeEquivalentTo(Enumerable.Range(1, cases + 1), "numbers stay unique and gap-free");
        (await session.Events.QueryRawEventDataOnly<NoteAdded>().ToListAsync()).Should().HaveCount(cases, "every note once");
        (await IntactAsync()).Should().BeTrue();
    }

    [Fact]
    public void every_handler_that_loads_more_than_its_stream_is_decided_by_the_importer_through_its_pure_part()
    {
        // A handler's parameters beyond the command, the folded application and the decision context are inputs the
        // block importer must supply: such a step must be one StepDecisions handles explicitly.
        var plain = new[] { typeof(DisclosureApplication), typeof(DecisionContextSource) };
        foreach (var step in LifecycleSteps.All)
        {
            var handler = step.CommandType.Assembly.GetType($"Workflow.Applications.{step.CommandType.Name}Handler")!;
            handler.Should().NotBeNull($"{step.CommandType.Name} has a handler");
            var handle = handler.GetMethod("Handle")!;
            var more = handle.GetParameters().Skip(1).Where(p => !plain.Contains(p.ParameterType)).ToList();
            if (more.Count > 0)
                StepDecisions.WithInputs.Should().Contain(step.CommandType, $"{handler.Name}.Handle takes {string.Join(", ", more.Select(p => p.Name))}");
        }
        new StepDecisions(App.Services.GetRequiredService<DecisionContextSource>()).Should().NotBeNull("every other step's rules have the plain Decide");
    }
}
