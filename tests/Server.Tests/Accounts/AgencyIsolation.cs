using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Server.Accounts;
using Server.Tests.Support;
using Workflow.Applications;
using static Server.Tests.Support.Scenarios;

namespace Server.Tests.Accounts;

public sealed class AgencyIsolation(AppFixture app) : IntegrationContext(app)
{
    private static readonly DateOnly Received = new(2024, 11, 4);

    private AgencyDirectory Agencies => App.Services.GetRequiredService<AgencyDirectory>();

    private async Task<Guid> RegisterForAsync(string agency) =>
        (await Bus.InvokeAsync<RegistrationResult>(Registration(Received, agency: agency))).ApplicationId;

    private async Task<StaffMember> StaffOfAsync(string agency, params StaffRole[] roles) =>
        StaffMember.Of($"user.{agency}", agency, roles) with { VisibleAgencies = await Agencies.SubtreeOf(agency) };

    [Fact]
    public async Task the_subtree_of_a_government_holds_its_departments_and_nothing_else()
    {
        (await Agencies.SubtreeOf(TestAgencies.Government)).Should().BeEquivalentTo([TestAgencies.Government, TestAgencies.Department]);
        (await Agencies.SubtreeOf(TestAgencies.Department)).Should().BeEquivalentTo([TestAgencies.Department]);
        (await Agencies.SubtreeOf("nowhere")).Should().BeEmpty();
        (await Agencies.NamesAsync())[TestAgencies.Department].Should().Be("七星关区自然资源局");
    }

    [Fact]
    public async Task registration_numbers_use_the_prefix_of_the_agency_document()
    {
        var result = await Bus.InvokeAsync<RegistrationResult>(Registration(Received, agency: TestAgencies.Department));

        result.RegistrationNumber.Should().Be("七星自然资源公开〔2024〕第1号");
    }

    [Fact]
    public async Task registering_for_an_unknown_agency_is_refused_in_chinese_and_english()
    {
        var outcome = await App.Commands.RegisterAsync(Registration(Received, agency: "nowhere"));

        outcome.Refusal!.Code.Should().Be("agency.unknown");
        outcome.Refusal.Chinese.Should().Contain("未找到机关“nowhere”");
        outcome.Refusal.English.Should().Be("Unknown agency 'nowhere'.");
    }

    [Fact]
    public async Task a_user_of_another_agency_loads_nothing()
    {
        var id = await RegisterForAsync(TestAgencies.Government);
        await using var session = Store.QuerySession();

        var stranger = new ApplicationAccess(await StaffOfAsync(TestAgencies.OtherGovernment, StaffRole.Approver), session);
        var own = new ApplicationAccess(await StaffOfAsync(TestAgencies.Government, StaffRole.Approver), session);

        (await stranger.LoadVisibleAsync(id)).Should().BeNull();
        (await own.LoadVisibleAsync(id))!.AgencyCode.Should().Be(TestAgencies.Government);
        (await new ApplicationAccess(StaffMember.Anonymous, session).LoadVisibleAsync(id)).Should().BeNull();
    }

    [Fact]
    public async Task an_application_whose_agency_the_process_knows_is_checked_without_a_load_and_still_hidden_from_strangers()
    {
        var id = await RegisterForAsync(TestAgencies.Government);
        var agencies = new ApplicationAgencies();
        await using (var session = Store.QuerySession())
        {
            // The first check loads the case file and remembers its agency.
            (await new ApplicationAccess(await StaffOfAsync(TestAgencies.Government, StaffRole.Approver), session, agencies).IsVisibleAsync(id))
                .Should().BeTrue();
        }
        agencies.AgencyOf(id).Should().Be(TestAgencies.Government);

        // Without a session at all: any load would throw, so these answers come from what the process knows.
        var own = new ApplicationAccess(await StaffOfAsync(TestAgencies.Government, StaffRole.Approver), null!, agencies);
        var stranger = new ApplicationAccess(await StaffOfAsync(TestAgencies.OtherGovernment, StaffRole.Approver), null!, agencies);
        (await own.IsVisibleAsync(id)).Should().BeTrue();
        (await own.CheckAsync(new AddNote(id, 1, Received, "记录", "user"))).Should().BeNull();
        (await stranger.IsVisibleAsync(id)).Should().BeFalse("an application of another agency does not exist for them");
        (await stranger.CheckAsync(new AddNote(id, 1, Received, "记录", "user")))!.StatusCode.Should().Be(404);
        (await new ApplicationAccess(StaffMember.Anonymous, null!, agencies).IsVisibleAsync(id)).Should().BeFalse();
    }

    [Fact]
    public async Task an_unknown_application_is_not_remembered_and_stays_not_found()
    {
        var agencies = new ApplicationAgencies();
        await using var session = Store.QuerySession();
        var own = new ApplicationAccess(await StaffOfAsync(TestAgencies.Government, StaffRole.Approver), session, agencies);
        var unknown = Guid.CreateVersion7();

        (await own.IsVisibleAsync(unknown)).Should().BeFalse();
        agencies.AgencyOf(unknown).Should().BeNull();
    }

    [Fact]
    public void the_remembered_agencies_are_bounded()
    {
        var agencies = new ApplicationAgencies();
        var first = Guid.CreateVersion7();
        agencies.Remember(first, "a");
        for (var i = 1; i < ApplicationAgencies.Limit; i++) agencies.Remember(Guid.CreateVersion7(), "a");
        agencies.AgencyOf(first).Should().Be("a", "the limit is not reached yet");

        var last = Guid.CreateVersion7();
        agencies.Remember(last, "b");

        agencies.AgencyOf(first).Should().BeNull("reaching the limit empties what was remembered");
        agencies.AgencyOf(last).Should().Be("b");
    }

    [Fact]
    public async Task a_government_office_sees_its_departments_applications_but_a_department_not_the_governments()
    {
        var governments = await RegisterForAsync(TestAgencies.Government);
        var departments = await RegisterForAsync(TestAgencies.Department);
        var others = await RegisterForAsync(TestAgencies.OtherGovernment);
        await using var session = Store.QuerySession();

        var office = new ApplicationAccess(await StaffOfAsync(TestAgencies.Government, StaffRole.LegalCounsel), session);
        var department = new ApplicationAccess(await StaffOfAsync(TestAgencies.Department, StaffRole.CaseHandler), session);

        (await office.LoadVisibleAsync(departments)).Should().NotBeNull();
        (await department.LoadVisibleAsync(governments)).Should().BeNull();
        (await office.VisibleFiles().Select(f => f.Id).ToListAsync()).Should().BeEquivalentTo([governments, departments]);
        (await department.VisibleFiles().Select(f => f.Id).ToListAsync()).Should().BeEquivalentTo([departments]);
        others.Should().NotBeEmpty();
    }

    [Fact]
    public async Task a_command_on_an_invisible_application_is_404_and_on_a_visible_one_without_the_role_403()
    {
        var id = await RegisterForAsync(TestAgencies.Government);
        var extend = new ExtendReply(id, 1, Received.AddDays(10), 20, "主任", "需调取档案", "ignored");
        await using var session = Store.QuerySession();

        var stranger = new ApplicationAccess(await StaffOfAsync(TestAgencies.OtherGovernment, StaffRole.Approver), session);
        var counsel = new ApplicationAccess(await StaffOfAsync(TestAgencies.Government, StaffRole.LegalCounsel), session);
        var approver = new ApplicationAccess(await StaffOfAsync(TestAgencies.Government, StaffRole.Approver), session);

        (await stranger.CheckAsync(extend))!.StatusCode.Should().Be(404);
        (await stranger.CheckAsync(extend))!.Refusal.Code.Should().Be("application.not-found");
        (await stranger.CheckAsync(extend with { ApplicationId = Guid.NewGuid() }))!.Should().Be(await stranger.CheckAsync(extend));
        (await counsel.CheckAsync(extend))!.StatusCode.Should().Be(403);
        (await approver.CheckAsync(extend)).Should().BeNull();
    }

    [Fact]
    public async Task a_registrar_registers_only_for_the_agencies_they_see()
    {
        await using var session = Store.QuerySession();
        var registrar = new ApplicationAccess(await StaffOfAsync(TestAgencies.Government, StaffRole.Registrar), session);
        var handler = new ApplicationAccess(await StaffOfAsync(TestAgencies.Government, StaffRole.CaseHandler), session);

        registrar.CheckRegistration(Registration(Received, agency: TestAgencies.Department)).Should().BeNull();
        registrar.CheckRegistration(Registration(Received, agency: TestAgencies.OtherGovernment))!.StatusCode.Should().Be(403);
        handler.CheckRegistration(Registration(Received))!.Refusal.Code.Should().Be("role.forbidden");
    }

    [Fact]
    public async Task through_http_the_current_staff_sees_the_agency_subtree()
    {
        var office = await App.BearerClientAsync(TestAgencies.Government, StaffRole.LegalCounsel);
        var department = await App.BearerClientAsync(TestAgencies.Department, StaffRole.CaseHandler);

        (await office.MeAsync()).VisibleAgencies
            .Should().Equal(TestAgencies.Government, TestAgencies.Department);
        (await department.MeAsync()).VisibleAgencies
            .Should().Equal(TestAgencies.Department);
    }

    [Fact]
    public async Task agencies_need_a_known_parent_and_a_unique_well_formed_code()
    {
        (await Agencies.AddAsync("new-dept", "某局", "nowhere", null)).Refusal!.Code.Should().Be("agency.unknown");
        (await Agencies.AddAsync(TestAgencies.Government, "重复", null, null)).Refusal!.Code.Should().Be("agency.exists");
        (await Agencies.AddAsync("有中文", "某局", null, null)).Refusal!.Code.Should().Be("agency.code-invalid");
        var (agency, _) = await Agencies.AddAsync("QXG-JYJ", "七星关区教育局", TestAgencies.Government, null);
        agency!.Code.Should().Be("qxg-jyj");
        agency.RegistrationPrefix.Should().Be("七星关区教育局公开");
    }
}
