using System.Text;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Projections.Cases;
using Projections.Integrity;
using Server.Commands;
using Server.Tests.Support;
using Workflow.Applications;
using Workflow.Import;

namespace Server.Tests.Import;

/// <summary>
/// docs/adr/0025: the importer sends cases in parallel and skips known registrations with one query per block. Nothing
/// may be lost or written twice, each case's lines must still apply in file order, bad lines are reported as before
/// (by line number, in order), a rerun writes nothing, and the chains verify.
/// </summary>
public sealed class ParallelImport(AppFixture app) : IntegrationContext(app)
{
    private const int Cases = 30;

    private async Task<ImportSummary> ImportAsync(string text, ImportOptions options)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationImporter>().ImportAsync(new StringReader(text), "import", options);
    }

    private static string Register(int i) =>
        $$"""{"ref":"2024-{{i:D3}}","step":"register","agencyCode":"qxg","receivedOn":"2024-03-{{1 + i % 28:D2}}","channel":"letter","applicantType":"naturalPerson","applicant":{"name":"申请人{{i}}","phone":"13800000000"},"items":["某村征地补偿方案"],"requestedForm":"paper"}""";

    private static string Note(int i) =>
        $$"""{"ref":"2024-{{i:D3}}","step":"note","notedOn":"2024-04-01","text":"第{{i}}件的备注"}""";

    private static string Answer(int i) =>
        $$"""{"ref":"2024-{{i:D3}}","step":"answer","answeredOn":"2024-04-02","items":[{"itemNumber":1,"result":"disclosed"}],"replyDocumentNumber":"qxg复〔2024〕{{i}}号","serviceMethod":"post","servedOn":"2024-04-02"}""";

    /// <summary>Every register line first, then every note, then every answer: one case's lines lie far apart.</summary>
    private static string Ledger(bool withAnswers)
    {
        var text = new StringBuilder();
        for (var i = 1; i <= Cases; i++) text.AppendLine(Register(i));
        for (var i = 1; i <= Cases; i++) text.AppendLine(Note(i));
        if (withAnswers)
            for (var i = 1; i <= Cases; i++) text.AppendLine(Answer(i));
        return text.ToString();
    }

    private async Task<long> EventCountAsync()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }

    [Fact]
    public async Task cases_in_parallel_are_each_registered_once_with_every_step_in_order_and_a_rerun_writes_nothing()
    {
        var reports = new List<ImportProgress>();
        var options = new ImportOptions
        {
            Parallelism = 4, BlockSize = 7, TotalLines = Cases * 3,
            Progress = new SynchronousProgress(p => { lock (reports) reports.Add(p); }),
        };

        var summary = await ImportAsync(Ledger(withAnswers: true), options);

        summary.Errors.Should().BeEmpty();
        (summary.Lines, summary.Registered, summary.StepsApplied, summary.AlreadyPresent).Should().Be((Cases * 3, Cases, Cases * 2, 0));
        await using (var session = Store.QuerySession())
        {
            var files = await session.Query<ApplicationFile>().ToListAsync();
            files.Should().HaveCount(Cases);
            files.Should().OnlyContain(f => f.StreamVersion == 3 && f.Status == ApplicationStatus.Closed && f.Notes == 1,
                "each case got its register, note and answer, in that order");
            files.Select(f => f.RegistrationNumber).Should().OnlyHaveUniqueItems();
            files.Select(f => f.RegistrationNumber).Should().BeEquivalentTo(
                Enumerable.Range(1, Cases).Select(n => RegistrationNumberFormat.Format("qxg公开", 2024, n)), "numbers stay gap-free");
        }
        (await App.Services.GetRequiredService<IntegrityVerifier>().VerifyAllAsync()).Intact.Should().BeTrue();
        reports.Should().NotBeEmpty();
        reports[^1].Should().BeEquivalentTo(new { Lines = Cases * 3, TotalLines = (long?)(Cases * 3), Cases }, o => o.ExcludingMissingMembers());

        var events = await EventCountAsync();
        var again = await ImportAsync(Ledger(withAnswers: true), options with { Progress = null });

        again.Errors.Should().BeEmpty();
        (again.Registered, again.StepsApplied, again.AlreadyPresent).Should().Be((0, 0, Cases * 3));
        (await EventCountAsync()).Should().Be(events, "a second import writes nothing");
    }

    [Fact]
    public async Task a_rerun_of_a_longer_file_applies_only_the_lines_after_what_is_stored()
    {
        var options = new ImportOptions { Parallelism = 3, BlockSize = 10 };
        (await ImportAsync(Ledger(withAnswers: false), options)).Errors.Should().BeEmpty();

        var summary = await ImportAsync(Ledger(withAnswers: true), options);

        summary.Errors.Should().BeEmpty();
        (summary.Registered, summary.StepsApplied, summary.AlreadyPresent).Should().Be((0, Cases, Cases * 2));
        await using var session = Store.QuerySession();
        (await session.Query<ApplicationFile>().ToListAsync()).Should().OnlyContain(f => f.StreamVersion == 3 && f.Status == ApplicationStatus.Closed);
    }

    [Fact]
    public async Task bad_lines_are_reported_in_file_order_and_a_case_stops_at_its_failed_step()
    {
        var lines = new[]
        {
            Register(1),                                          // 1 fine
            "not json",                                           // 2 line.not-json
            """{"step":"note","notedOn":"2024-04-01","text":"x"}""", // 3 line.ref-or-step-missing
            Note(2),                                              // 4 line.unregistered-ref (registered below)
            Register(2),                                          // 5 fine
            Register(1),                                          // 6 line.duplicate-register
            Answer(1).Replace("2024-04-02", "2024-01-02"),        // 7 refused by the decision: answered before received
            Note(1),                                              // 8 line.after-failed-step
            Note(2),                                              // 9 fine
            Register(3).Replace("\"qxg\"", "\"nowhere\""),        // 10 agency.unknown
        };

        var summary = await ImportAsync(string.Join('\n', lines), new ImportOptions { Parallelism = 3, BlockSize = 4 });

        summary.Errors.Select(e => e.LineNumber).Should().Equal(2, 3, 4, 6, 7, 8, 10);
        summary.Errors.Select(e => e.Code).Should().StartWith(["line.not-json", "line.ref-or-step-missing", "line.unregistered-ref", "line.duplicate-register"]);
        summary.Errors.Single(e => e.LineNumber == 8).Code.Should().Be("line.after-failed-step");
        summary.Errors.Single(e => e.LineNumber == 10).Code.Should().Be("agency.unknown");
        (summary.Registered, summary.StepsApplied).Should().Be((2, 1));
    }

    [Fact]
    public void a_progress_line_gives_lines_cases_per_second_and_the_time_left_at_that_rate()
    {
        var line = ImportCommand.ProgressLine(new ImportProgress(500, 1000, 100, TimeSpan.FromSeconds(10)));

        line.Should().Contain("500/1000 lines").And.Contain("10 cases/s").And.Contain("ETA 0:10").And.Contain("（50%）");
        ImportCommand.ProgressLine(new ImportProgress(0, null, 0, TimeSpan.Zero)).Should().Contain("0/? lines").And.Contain("ETA ?");
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
