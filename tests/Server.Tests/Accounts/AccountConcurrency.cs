using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Server.Accounts;
using Server.Tests.Support;

namespace Server.Tests.Accounts;

/// <summary>
/// Staff accounts written by several hands at once (docs/adr/0037): a sign-in never undoes an administrator's reset,
/// disable or role change, administrators never overwrite each other unseen, the history and the account agree, and
/// adding the same user or agency twice at once is refused like adding it twice in turn.
/// </summary>
public sealed class AccountConcurrency(AppFixture app) : IntegrationContext(app)
{
    private StaffAccounts Accounts => App.Services.GetRequiredService<StaffAccounts>();

    private AgencyDirectory Agencies => App.Services.GetRequiredService<AgencyDirectory>();

    [Fact]
    public async Task sign_ins_running_during_resets_and_role_changes_never_undo_them()
    {
        var staff = await App.CreateStaffAsync("clerk.race", TestAgencies.Government, StaffRole.Registrar);
        var password = staff.Password;
        StaffRole[][] roleSets = [[StaffRole.Registrar, StaffRole.CaseHandler], [StaffRole.Approver], [StaffRole.LegalCounsel, StaffRole.Registrar]];
        const int iterations = 12;

        for (var i = 0; i < iterations; i++)
        {
            var next = StaffSessions.NewPassword();
            var roles = roleSets[i % roleSets.Length];
            var signIns = Enumerable.Range(0, 4).Select(_ => Task.Run(() => Accounts.SignInAsync(staff.UserName, password))).ToList();
            var reset = Task.Run(() => Accounts.ResetPasswordAsync(staff.UserName, next));
            var setRoles = Task.Run(() => Accounts.SetRolesAsync(staff.UserName, roles));
            await Task.WhenAll([.. signIns, reset, setRoles]);

            (await reset).Should().BeNull("iteration {0}: the reset is done", i);
            (await setRoles).Should().BeNull("iteration {0}: the role change is done", i);
            var stored = (await Accounts.FindAsync(staff.UserName))!;
            new PasswordHasher<StaffUser>().VerifyHashedPassword(stored, stored.PasswordHash, next)
                .Should().NotBe(PasswordVerificationResult.Failed, "iteration {0}: the stored hash is the reset's", i);
            stored.Roles.Should().Equal(roles.Order(), "iteration {0}: the stored roles are the last change's", i);
            (await Accounts.SignInAsync(staff.UserName, password)).Succeeded.Should().BeFalse("iteration {0}: the old password no longer works", i);
            (await Accounts.SignInAsync(staff.UserName, next)).Succeeded.Should().BeTrue("iteration {0}: the new password works", i);
            password = next;
        }

        var history = await Accounts.HistoryAsync(staff.UserName);
        history.Count(change => change.Kind == StaffAccountChangeKind.PasswordReset).Should().Be(iterations, "one entry per reset, none for a retried write");
        history.Count(change => change.Kind == StaffAccountChangeKind.RolesChanged).Should().Be(iterations);
        history.Last(change => change.Kind == StaffAccountChangeKind.RolesChanged).RolesAfter.Should().Equal(roleSets[(iterations - 1) % roleSets.Length].Order());
    }

    [Fact]
    public async Task a_disable_during_sign_ins_stays_done_and_ends_sign_in()
    {
        for (var i = 0; i < 8; i++)
        {
            var staff = await App.CreateStaffAsync($"clerk.off{i}", TestAgencies.Government, StaffRole.Registrar);
            var signIns = Enumerable.Range(0, 4).Select(_ => Task.Run(() => Accounts.SignInAsync(staff.UserName, staff.Password))).ToList();
            var disable = Task.Run(() => Accounts.DisableAsync(staff.UserName));
            await Task.WhenAll([.. signIns, disable]);

            (await disable).Should().BeNull();
            var stored = (await Accounts.FindAsync(staff.UserName))!;
            stored.Disabled.Should().BeTrue("iteration {0}: the disable is kept", i);
            (await Accounts.SignInAsync(staff.UserName, staff.Password)).Refusal!.Code.Should().Be("signin.disabled");
            (await Accounts.HistoryAsync(staff.UserName)).Select(change => change.Kind)
                .Should().Equal(StaffAccountChangeKind.Added, StaffAccountChangeKind.Disabled);
        }
    }

    [Fact]
    public async Task two_administrators_saving_roles_they_saw_at_once_one_wins_the_other_is_refused_with_a_conflict()
    {
        for (var i = 0; i < 10; i++)
        {
            var staff = await App.CreateStaffAsync($"clerk.roles{i}", TestAgencies.Government, StaffRole.Registrar);
            IReadOnlyList<StaffRole> seen = [StaffRole.Registrar];
            var first = Task.Run(() => Accounts.SetRolesAsync(staff.UserName, [StaffRole.Registrar, StaffRole.CaseHandler], seen: seen));
            var second = Task.Run(() => Accounts.SetRolesAsync(staff.UserName, [StaffRole.Registrar, StaffRole.Approver], seen: seen));
            var refusals = await Task.WhenAll(first, second);

            refusals.Count(refusal => refusal is null).Should().Be(1, "iteration {0}: exactly one administrator's change is saved", i);
            var conflict = refusals.Single(refusal => refusal is not null)!;
            conflict.Code.Should().Be("user.changed");
            conflict.Kind.Should().Be(Workflow.Applications.RefusalKind.Conflict);
            conflict.Chinese.Should().Contain("已被他人修改");
            var winner = refusals[0] is null ? new[] { StaffRole.Registrar, StaffRole.CaseHandler } : [StaffRole.Registrar, StaffRole.Approver];
            (await Accounts.FindAsync(staff.UserName))!.Roles.Should().Equal(winner);
            var history = await Accounts.HistoryAsync(staff.UserName);
            history.Should().HaveCount(2);
            history[1].RolesAfter.Should().Equal(winner, "the history records what the account holds");
        }
    }

    [Fact]
    public async Task an_administrator_saving_roles_after_someone_else_changed_them_is_refused_and_nothing_changes()
    {
        var staff = await App.CreateStaffAsync("clerk.stale", TestAgencies.Government, StaffRole.Registrar);
        (await Accounts.SetRolesAsync(staff.UserName, [StaffRole.Approver], seen: [StaffRole.Registrar])).Should().BeNull();

        var stale = await Accounts.SetRolesAsync(staff.UserName, [StaffRole.Registrar, StaffRole.CaseHandler], seen: [StaffRole.Registrar]);

        stale!.Code.Should().Be("user.changed");
        stale.Chinese.Should().Contain("审核人", "the refusal says what the roles are now");
        (await Accounts.FindAsync(staff.UserName))!.Roles.Should().Equal(StaffRole.Approver);
    }

    [Fact]
    public async Task grant_and_revoke_apply_to_the_roles_as_they_are_when_written()
    {
        var staff = await App.CreateStaffAsync("clerk.grant", TestAgencies.Government, StaffRole.Registrar);
        StaffRole[] granted = [StaffRole.CaseHandler, StaffRole.Approver, StaffRole.LegalCounsel, StaffRole.Administrator];

        var results = await Task.WhenAll(granted.Select(role => Task.Run(() => Accounts.GrantAsync(staff.UserName, [role]))));

        results.Should().AllSatisfy(result => result.Refusal.Should().BeNull());
        (await Accounts.FindAsync(staff.UserName))!.Roles.Should().Equal(Enum.GetValues<StaffRole>(), "no grant is lost");
        var revoked = await Accounts.RevokeAsync(staff.UserName, [StaffRole.Administrator]);
        revoked.Roles.Should().Equal(StaffRole.Registrar, StaffRole.CaseHandler, StaffRole.Approver, StaffRole.LegalCounsel);
    }

    [Fact]
    public async Task adding_the_same_user_ten_times_at_once_adds_it_once_and_refuses_the_rest_as_existing()
    {
        for (var round = 0; round < 3; round++)
        {
            var name = $"twin.{round}";
            var password = StaffSessions.NewPassword();
            var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
                Task.Run(() => Accounts.AddAsync(name, "双胞胎", TestAgencies.Government, [StaffRole.Registrar], password))));

            attempts.Count(attempt => attempt.Refusal is null).Should().Be(1);
            attempts.Where(attempt => attempt.Refusal is not null).Should().AllSatisfy(attempt => attempt.Refusal!.Code.Should().Be("user.exists"));
            (await Accounts.HistoryAsync(name)).Should().ContainSingle();
        }
    }

    [Fact]
    public async Task adding_the_same_agency_ten_times_at_once_adds_it_once_and_refuses_the_rest_as_existing()
    {
        for (var round = 0; round < 3; round++)
        {
            var code = $"twin-{round}";
            var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
                Task.Run(() => Agencies.AddAsync(code, "双胞胎局", TestAgencies.Government, null))));

            attempts.Count(attempt => attempt.Refusal is null).Should().Be(1);
            attempts.Where(attempt => attempt.Refusal is not null).Should().AllSatisfy(attempt => attempt.Refusal!.Code.Should().Be("agency.exists"));
            await using var session = Store.QuerySession();
            (await session.Query<Agency>().CountAsync(agency => agency.Code == code)).Should().Be(1);
        }
    }
}
