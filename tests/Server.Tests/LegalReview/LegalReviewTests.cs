using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Projections.Integrity;
using Projections.LegalReview;
using Projections.Tables;
using Workflow.Applications;
using Workflow.Clock;
using static Server.Tests.Support.Scenarios;

namespace Server.Tests.LegalReview;

public sealed class LegalReviewTests(LegalReviewFixture app) : LegalReviewContext(app)
{
    private static readonly DateOnly Received = new(2024, 11, 4);

    private LegalReviewReader Reader => App.Services.CreateScope().ServiceProvider.GetRequiredService<LegalReviewReader>();

    private IntegrityVerifier Verifier => App.Services.GetRequiredService<IntegrityVerifier>();

    private static readonly IReadOnlySet<string> Visible = new HashSet<string> { Agency };

    /// <summary>
    /// A case recorded step by step on its business dates (10:00 China time each day):
    /// 11-04 received; 11-06 补正 notice; 11-12 supplement received; 11-15 receipt date corrected to 11-05 (recorded 11-15);
    /// 12-18 answered and served.
    /// </summary>
    private async Task<Guid> RecordCaseAsync()
    {
        At(Received);
        var id = (await App.Bus.RegisterAsync(Received)).ApplicationId;
        At(new(2024, 11, 6));
        var state = await App.Bus.StepAsync(new RequestSupplement(id, 1, new(2024, 11, 6), new(2024, 11, 20), "请明确所需信息的文号", Clerk));
        At(new(2024, 11, 12));
        state = await App.Bus.StepAsync(new RecordSupplement(id, state.Version, new(2024, 11, 12), "已补充文号", Clerk));
        At(new(2024, 11, 15));
        state = await App.Bus.StepAsync(new CorrectFact(id, state.Version, new(2024, 11, 15), CorrectableFact.ReceivedOn, "2024-11-05", "登记时误录收件日期", "head.li"));
        At(new(2024, 12, 18));
        await App.Bus.StepAsync(new AnswerApplication(id, state.Version + 0, new(2024, 12, 18),
            [new ItemAnswer(1, ItemResult.Disclosed, null)], null, "七星府公开复〔2024〕9号", ServiceMethod.Post, new(2024, 12, 18), "head.li"));
        At(new(2024, 12, 20));
        return id;
    }

    [Fact]
    public async Task record_times_come_from_the_host_time_provider()
    {
        var id = await RecordCaseAsync();
        await using var session = App.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        events.Select(e => e.Timestamp.ToOffset(TimeSpan.FromHours(8)).Date.ToString("MM-dd"))
            .Should().Equal("11-04", "11-06", "11-12", "11-15", "12-18");
    }

    [Fact]
    public async Task history_shows_every_event_with_business_date_record_time_actor_clock_and_the_correction_in_full()
    {
        var id = await RecordCaseAsync();

        var response = await (await App.ClientAsync()).GetAsync($"/api/applications/{id}/history");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var history = (await Reader.HistoryAsync(id, Visible))!;
        history.Entries.Should().HaveCount(5);
        history.Entries.Select(e => e.Step).Should().Equal("收到申请", "补正告知", "收到补正材料", "更正记录", "作出答复");
        history.Entries[1].Clock!.Status.Should().Be(ClockStatus.AwaitingSupplement);
        history.Entries[2].Clock!.DueOn.Should().Be(new DateOnly(2024, 12, 10));
        history.Entries[3].RecordedAt.Should().Be(new DateTimeOffset(2024, 11, 15, 10, 0, 0, TimeSpan.FromHours(8)));
        var correction = history.Entries[3].Correction!;
        correction.Should().BeEquivalentTo(new { Fact = "收到申请日期", OldValue = "2024-11-04", NewValue = "2024-11-05", Reason = "登记时误录收件日期", CorrectedBy = "head.li" });
        history.Entries[4].Documents.Should().ContainSingle().Which.DocumentNumber.Should().Be("七星府公开复〔2024〕9号");
        history.Entries[4].Actor.Should().Be("head.li");
        var json = await response.Content.ReadAsStringAsync();
        json.Should().Contain("七星府公开复〔2024〕9号").And.Contain("recordedAt");
    }

    [Fact]
    public async Task another_agencys_application_is_not_found_on_every_endpoint()
    {
        var id = await RecordCaseAsync();
        App.Staff.VisibleAgencies = new HashSet<string> { "other" };
        using var client = await App.ClientAsync();

        foreach (var path in new[] { "history", "findings", "as-of", "export.html", "export.pdf" })
            (await client.GetAsync($"/api/applications/{id}/{path}")).StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        (await client.GetAsync($"/api/reports/{Agency}/2024/as-of")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    /// <summary>The replayed table takes its scope from the same pipeline as the live one: an unknown format is a 400, not a failure.</summary>
    [Fact]
    public async Task the_year_table_as_of_a_moment_refuses_an_unknown_format_like_the_live_table()
    {
        await RecordCaseAsync();
        using var client = await App.ClientAsync();

        var replayed = await client.GetAsync($"/api/reports/{Agency}/2024/as-of?format=1999&asOf=2024-11-30");
        var live = await client.GetAsync($"/api/reports/{Agency}/2024?format=1999");

        replayed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        live.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await replayed.Content.ReadAsStringAsync()).Should().Contain("report.format");
        (await live.Content.ReadAsStringAsync()).Should().Contain("report.format");
    }

    [Fact]
    public async Task findings_endpoint_reports_the_late_answer_under_article_33()
    {
        var id = await RecordCaseAsync();

        var findings = await (await App.ClientAsync()).GetFromJsonAsync<JsonElement>($"/api/applications/{id}/findings");

        var codes = findings.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToList();
        codes.Should().Contain(ComplianceReview.AnsweredLate);
        findings.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("code").GetString() == ComplianceReview.AnsweredLate)
            .GetProperty("article").GetString().Should().Be("《条例》第三十三条");
    }

    [Fact]
    public async Task as_of_replay_folds_only_events_recorded_by_then()
    {
        var id = await RecordCaseAsync();

        // 2024-11-10: received and 补正 notice recorded; the supplement was not yet in.
        var before = (await Reader.CaseAsOfAsync(id, Visible, Moment(2024, 11, 10)))!;
        before.EventsKnown.Should().Be(2);
        before.File.Status.Should().Be(ApplicationStatus.AwaitingSupplement);
        before.Clock!.Status.Should().Be(ClockStatus.AwaitingSupplement);

        // 2024-11-30 (a Saturday): restarted on 11-12; counted Nov 13-15, 18-22, 25-29 = 13 working days; due 12-10.
        var middle = (await Reader.CaseAsOfAsync(id, Visible, Moment(2024, 11, 30)))!;
        middle.EventsKnown.Should().Be(4);
        middle.File.Status.Should().Be(ApplicationStatus.InProgress);
        middle.File.ReceivedOn.Should().Be(new DateOnly(2024, 11, 5)); // the correction was recorded on 11-15
        middle.Clock!.WorkingDaysUsed.Should().Be(13);
        middle.Clock.WorkingDaysLeft.Should().Be(7);
        middle.Clock.DueOn.Should().Be(new DateOnly(2024, 12, 10));

        // A moment the same day but before the correction was recorded (11-15 09:00) still shows the old receipt date.
        var beforeCorrection = (await Reader.CaseAsOfAsync(id, Visible, new DateTimeOffset(2024, 11, 15, 9, 0, 0, TimeSpan.FromHours(8))))!;
        beforeCorrection.File.ReceivedOn.Should().Be(Received);

        var response = await (await App.ClientAsync()).GetFromJsonAsync<JsonElement>($"/api/applications/{id}/as-of?asOf=2024-11-30");
        response.GetProperty("eventsKnown").GetInt32().Should().Be(4);
    }

    [Fact]
    public async Task an_open_case_read_as_of_a_moment_the_calendar_cannot_count_to_says_so_in_chinese()
    {
        var open = (await App.Bus.RegisterAsync(new DateOnly(2024, 12, 2))).ApplicationId;

        var farFuture = (await Reader.CaseAsOfAsync(open, Visible, new DateTimeOffset(9999, 12, 30, 0, 0, 0, TimeSpan.Zero)))!;

        farFuture.Clock.Should().BeNull();
        farFuture.ClockProblem.Should().MatchRegex(@"\p{IsCJKUnifiedIdeographs}").And.NotContain("calendar");
    }

    [Fact]
    public async Task annual_table_as_of_replays_events_recorded_by_then()
    {
        await RecordCaseAsync();
        At(new(2024, 12, 19));
        await App.Bus.RegisterAsync(new DateOnly(2024, 12, 19));
        At(new(2024, 12, 20));

        var november = await Reader.AnnualTablesAsOfAsync([Agency], 2024, Moment(2024, 11, 30));
        var column = november.Tables.Disclosure.Column(ApplicantType.NaturalPerson);
        (column.NewlyReceived, column.ResultTotal(), column.CarriedOver).Should().Be((1, 0, 1));

        var now = await Reader.AnnualTablesAsOfAsync([Agency], 2024, Moment(2024, 12, 20));
        column = now.Tables.Disclosure.Column(ApplicantType.NaturalPerson);
        (column.NewlyReceived, column.Result(ResultRow.Disclosed), column.CarriedOver).Should().Be((2, 1, 1));
        now.EventsReplayed.Should().Be(6);

        var json = await (await App.ClientAsync()).GetFromJsonAsync<JsonElement>($"/api/reports/{Agency}/2024/as-of?asOf=2024-11-30");
        json.GetProperty("eventsReplayed").GetInt32().Should().Be(4);
        json.GetProperty("report").ValueKind.Should().Be(JsonValueKind.Object);
    }

    [Fact]
    public async Task an_untouched_store_verifies_and_the_endpoint_says_so()
    {
        await RecordCaseAsync();
        await App.Services.GetRequiredService<ChainDigestPublisher>().PublishAsync();

        var report = await Verifier.VerifyAllAsync();

        report.Intact.Should().BeTrue(report.FirstBreak?.Message);
        report.EventsChecked.Should().Be(5);
        report.DigestsChecked.Should().Be(1);
        var json = await (await App.ClientAsync()).GetFromJsonAsync<JsonElement>("/api/integrity");
        json.GetProperty("intact").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task changing_one_stored_event_with_sql_is_found_and_named()
    {
        var id = await RecordCaseAsync();
        await ExecuteAsync($"update workflow.mt_events set data = jsonb_set(data, '{{whatToSupplement}}', '\"改过的内容\"') where stream_id = '{id}' and version = 2");

        var report = await Verifier.VerifyAllAsync();

        report.Intact.Should().BeFalse();
        report.FirstBreak!.Should().BeEquivalentTo(new
        {
            Kind = IntegrityBreakKind.EventHashMismatch, StreamId = (Guid?)id, Version = (long?)2, RegistrationNumber = "qxg公开〔2024〕第1号",
        });
        var json = await (await App.ClientAsync()).GetFromJsonAsync<JsonElement>("/api/integrity");
        json.GetProperty("intact").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task a_rewritten_chain_that_matches_the_tampered_events_is_caught_by_the_digest()
    {
        var id = await RecordCaseAsync();
        await App.Services.GetRequiredService<ChainDigestPublisher>().PublishAsync();
        await ExecuteAsync($"update workflow.mt_events set data = jsonb_set(data, '{{replyDocumentNumber}}', '\"伪造〔2024〕1号\"') where stream_id = '{id}' and version = 5");
        await ForgeSealAsync(id);

        var report = await Verifier.VerifyAllAsync();

        report.Intact.Should().BeFalse();
        report.Breaks.Should().NotContain(b => b.Kind == IntegrityBreakKind.EventHashMismatch, "the forger rewrote the chain consistently");
        report.FirstBreak!.Kind.Should().Be(IntegrityBreakKind.SealDiffersFromDigest);
        report.FirstBreak.StreamId.Should().Be(id);
        report.FirstBreak.Version.Should().Be(5);
    }

    [Fact]
    public async Task tampering_with_a_seal_is_detected()
    {
        var id = await RecordCaseAsync();
        await App.Services.GetRequiredService<ChainDigestPublisher>().PublishAsync();
        await ExecuteAsync($"update workflow.mt_doc_streamseal set data = jsonb_set(data, '{{links,4,hash}}', '\"00\"') where id = '{id}'");

        var report = await Verifier.VerifyAllAsync();

        report.Breaks.Select(b => b.Kind).Should().Contain([IntegrityBreakKind.EventHashMismatch, IntegrityBreakKind.SealDiffersFromDigest]);
    }

    [Fact]
    public async Task export_html_contains_every_event_the_findings_and_the_chain_check()
    {
        var id = await RecordCaseAsync();

        var response = await (await App.ClientAsync()).GetAsync($"/api/applications/{id}/export.html");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await response.Content.ReadAsStringAsync();
        Regex.Matches(html, "data-version=\"(\\d+)\"").Select(m => m.Groups[1].Value).Should().Equal("1", "2", "3", "4", "5");
        html.Should().Contain("@page").And.Contain("补正告知").And.Contain("逾期答复").And.Contain("《条例》第三十三条")
            .And.Contain("校验通过").And.Contain("登记时误录收件日期");
        // Its print stylesheet applies under the Content-Security-Policy: the <style> carries the header's nonce.
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = Regex.Match(html, "<style nonce=\"([^\"]+)\">").Groups[1].Value;
        nonce.Should().NotBeEmpty();
        policy.Should().Contain($"'nonce-{nonce}'");
    }

    [Fact]
    public async Task export_pdf_prints_through_chromium_or_answers_503()
    {
        var id = await RecordCaseAsync();

        var response = await (await App.ClientAsync()).GetAsync($"/api/applications/{id}/export.pdf");

        if (File.Exists("/usr/bin/chromium"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            System.Text.Encoding.ASCII.GetString(bytes, 0, 5).Should().Be("%PDF-");
        }
        else
        {
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await response.Content.ReadAsStringAsync()).Should().Contain("Chromium");
        }
    }

    private static DateTimeOffset Moment(int year, int month, int day) =>
        new(new DateTime(year, month, day, 23, 59, 59), TimeSpan.FromHours(8));

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        (await command.ExecuteNonQueryAsync()).Should().BeGreaterThan(0);
    }

    /// <summary>What a forger with database access would do: recompute the stream's chain from the tampered rows.</summary>
    private async Task ForgeSealAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select version, type, data::text, timestamp from workflow.mt_events where stream_id = '{id}' order by version", connection);
        var seal = new StreamSeal { Id = id };
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var recordedAt = reader.GetFieldValue<DateTimeOffset>(3);
                var content = StreamSealProjection.ContentOf(id, reader.GetInt64(0), reader.GetString(1), reader.GetString(2), recordedAt);
                seal.Links.Add(new SealLink(reader.GetInt64(0), EventChain.Hash(content, seal.HeadHash), recordedAt));
            }
        }
        await using var session = App.Store.LightweightSession();
        session.Store(seal);
        await session.SaveChangesAsync();
    }
}
