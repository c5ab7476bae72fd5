using Marten;
using Marten.Exceptions;
using JasperFx;
using Projections.Cases;
using Server.Tests.Support;
using Workflow.Applications;
using static Server.Tests.Support.Scenarios;

namespace Server.Tests.Applications;

public sealed class LifecycleThroughWolverine(AppFixture app) : IntegrationContext(app)
{
    private ApplicationCommandBus Commands => App.Commands;

    private static readonly DateOnly Received = new(2024, 11, 4);

    [Fact]
    public async Task registration_starts_a_stream_with_a_number_and_an_inline_case_file()
    {
        var result = await Bus.RegisterAsync(Received);

        result.RegistrationNumber.Should().Be("qxg公开〔2024〕第1号");
        await using var session = Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(result.ApplicationId);
        events.Should().ContainSingle().Which.Data.Should().BeOfType<ApplicationReceived>();
        var file = await session.LoadAsync<ApplicationFile>(result.ApplicationId);
        file!.RegistrationNumber.Should().Be(result.RegistrationNumber);
        file.StreamVersion.Should().Be(1);
        file.Applicant.Name.Should().Be("张三");
    }

    [Fact]
    public async Task the_whole_journey_supplement_extension_and_partial_answer()
    {
        var id = (await Bus.RegisterAsync(Received, items: 2)).ApplicationId;
        var state = await Bus.StepAsync(new RequestSupplement(id, 1, new(2024, 11, 6), new(2024, 11, 20), "请明确所需信息的文号", Clerk));
        state.Status.Should().Be(ApplicationStatus.AwaitingSupplement);
        state = await Bus.StepAsync(new RecordSupplement(id, state.Version, new(2024, 11, 12), "已补充文号", Clerk));
        state = await Bus.StepAsync(new ExtendReply(id, state.Version, new(2024, 12, 5), 20, "办公室主任李四", "需调取档案", "head.li"));
        state = await Bus.StepAsync(new AnswerApplication(id, state.Version, new(2024, 12, 18),
            [new ItemAnswer(1, ItemResult.Disclosed, null), new ItemAnswer(2, ItemResult.WithheldThirdPartyRights, "涉及第三方个人信息")],
            null, "七星府公开复〔2024〕3号", ServiceMethod.Post, new(2024, 12, 18), "head.li"));

        state.Status.Should().Be(ApplicationStatus.Closed);
        state.Row.Should().Be(ResultRow.PartlyDisclosed);
        state.Version.Should().Be(5);
        await using var session = Store.QuerySession();
        var file = await session.LoadAsync<ApplicationFile>(id);
        file!.Row.Should().Be(ResultRow.PartlyDisclosed);
        file.StreamVersion.Should().Be(5);
        file.ExtensionDays.Should().Be(20);
    }

    [Fact]
    public async Task a_refused_command_appends_nothing_and_changes_no_projection()
    {
        var id = (await Bus.RegisterAsync(Received)).ApplicationId;
        var state = await Bus.StepAsync(new ExtendReply(id, 1, new(2024, 11, 20), 20, "主任", "理由", "head.li"));

        var second = () => Bus.StepAsync(new ExtendReply(id, state.Version, new(2024, 11, 21), 5, "主任", "再次延期", "head.li"));

        (await second.Should().ThrowAsync<CommandRefusedException>()).Which.Refusal.Code.Should().Be("extension.second");
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamAsync(id)).Should().HaveCount(2);
        (await session.LoadAsync<ApplicationFile>(id))!.StreamVersion.Should().Be(2);
    }

    [Fact]
    public async Task a_stale_version_is_a_conflict_and_appends_nothing()
    {
        var id = (await Bus.RegisterAsync(Received)).ApplicationId;
        await Bus.StepAsync(new AddNote(id, 1, Received, "电话确认收到", Clerk));

        var stale = () => Bus.StepAsync(new AddNote(id, 1, Received, "另一位同事的备注", "clerk.zhao"));

        await stale.Should().ThrowAsync<ConcurrencyException>();
        var outcome = await Commands.SendAsync(new AddNote(id, 1, Received, "另一位同事的备注", "clerk.zhao"));
        outcome.Refusal!.Code.Should().Be("version.stale");
        outcome.Refusal.Chinese.Should().Contain("已被他人更新");
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamAsync(id)).Should().HaveCount(2);
    }

    [Fact]
    public async Task an_unknown_application_is_not_found()
    {
        var outcome = await Commands.SendAsync(new AddNote(Guid.CreateVersion7(), 1, Received, "x", Clerk));
        outcome.Refusal!.Kind.Should().Be(RefusalKind.NotFound);
    }

    [Fact]
    public async Task the_same_portal_request_raced_from_two_tasks_registers_once()
    {
        var first = Task.Run(() => Bus.RegisterAsync(Received, externalId: "portal-2024-0001"));
        var second = Task.Run(() => Bus.RegisterAsync(Received, externalId: "portal-2024-0001"));
        var results = await Task.WhenAll(first, second);

        results.Select(r => r.ApplicationId).Distinct().Should().ContainSingle();
        results.Count(r => r.AlreadyRegistered).Should().Be(1);
        await using var session = Store.QuerySession();
        (await session.Query<ApplicationFile>().CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task concurrent_registrations_get_distinct_consecutive_numbers()
    {
        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(() => Bus.RegisterAsync(Received))).ToList();
        var results = await Task.WhenAll(tasks);

        results.Select(r => r.RegistrationNumber).Should().OnlyHaveUniqueItems();
        await using var session = Store.QuerySession();
        var sequences = (await session.Query<ApplicationFile>().ToListAsync()).Select(f => f.RegistrationNumber).ToList();
        sequences.Should().BeEquivalentTo(Enumerable.Range(1, 8).Select(n => $"qxg公开〔2024〕第{n}号"));
    }

    [Fact]
    public async Task forty_simultaneous_registrations_at_one_agency_are_all_taken_with_gap_free_numbers()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            App.Commands.RegisterAsync(Registration(Received, externalId: i % 4 == 0 ? $"portal-{i / 8}" : null)))));

        outcomes.Should().OnlyContain(o => o.Succeeded, "a conflict is retried, never answered as a failure");
        var numbers = outcomes.Where(o => !o.Result!.AlreadyRegistered).Select(o => o.Result!.RegistrationNumber).ToList();
        numbers.Should().OnlyHaveUniqueItems();
        await using var session = Store.QuerySession();
        var stored = (await session.Query<ApplicationFile>().ToListAsync()).Select(f => f.RegistrationNumber).ToList();
        stored.Should().BeEquivalentTo(Enumerable.Range(1, stored.Count).Select(n => $"qxg公开〔2024〕第{n}号"), "numbers have no gaps");
        stored.Should().BeEquivalentTo(numbers);
        var book = await session.LoadAsync<RegistrationBook>(RegistrationBook.IdFor(Agency, 2024));
        book!.LastSequence.Should().Be(stored.Count);
    }

    [Fact]
    public async Task a_request_id_reused_with_different_content_is_a_conflict_that_names_what_differs()
    {
        var first = await Commands.RegisterAsync(Registration(Received, externalId: "portal-2024-0007"));
        var same = await Commands.RegisterAsync(Registration(Received, externalId: "portal-2024-0007") with { Actor = "another.clerk" });
        var changed = Registration(Received.AddDays(1), externalId: "portal-2024-0007", items: 2);
        var different = await Commands.RegisterAsync(changed with { Applicant = changed.Applicant with { Phone = "13900000000" } });

        same.Result.Should().Be(first.Result! with { AlreadyRegistered = true });
        different.Refusal!.Kind.Should().Be(RefusalKind.Conflict);
        different.Refusal.Code.Should().Be("external-request.mismatch");
        different.Refusal.English.Should().Contain("receivedOn, applicant.phone, items").And.Contain(first.Result!.RegistrationNumber);
        different.Refusal.Chinese.Should().Contain("portal-2024-0007");
        await using var session = Store.QuerySession();
        (await session.Query<ApplicationFile>().CountAsync()).Should().Be(1);
    }
}
