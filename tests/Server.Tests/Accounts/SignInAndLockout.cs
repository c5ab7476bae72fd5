using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Server.Accounts;
using Server.Tests.Support;

namespace Server.Tests.Accounts;

public sealed class SignInAndLockout(AppFixture app) : IntegrationContext(app)
{
    private StaffAccounts Accounts => App.Services.GetRequiredService<StaffAccounts>();

    [Fact]
    public async Task the_password_is_stored_only_as_an_identity_hash()
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);

        await using var session = Store.QuerySession();
        var user = await session.LoadAsync<StaffUser>("clerk.li");
        user!.PasswordHash.Should().NotBeNullOrEmpty().And.NotContain(staff.Password);
        new PasswordHasher<StaffUser>().VerifyHashedPassword(user, user.PasswordHash, staff.Password)
            .Should().Be(PasswordVerificationResult.Success);
        user.Roles.Should().Equal(StaffRole.Registrar);
    }

    [Fact]
    public async Task sign_in_succeeds_with_the_password_and_ignores_user_name_case()
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);

        var outcome = await Accounts.SignInAsync("Clerk.Li", staff.Password);

        outcome.Succeeded.Should().BeTrue();
        outcome.User!.UserName.Should().Be("clerk.li");
    }

    [Fact]
    public async Task a_wrong_password_and_an_unknown_user_get_the_same_answer()
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);

        var wrong = await Accounts.SignInAsync(staff.UserName, staff.Password + "x");
        var unknown = await Accounts.SignInAsync("nobody.here", staff.Password);

        wrong.Refusal.Should().Be(unknown.Refusal);
        wrong.Refusal!.Chinese.Should().Be("用户名或密码错误。");
    }

    private SignInGuard Guard => App.Services.GetRequiredService<SignInGuard>();

    [Fact]
    public async Task five_failures_from_one_client_throttle_that_client_for_fifteen_minutes_but_not_the_clerk_elsewhere()
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);
        for (var attempt = 1; attempt <= 4; attempt++)
            (await Guard.SignInAsync(staff.UserName, "Wrong-password-1", "10.0.0.66", default)).Refusal!.Code.Should().Be("signin.failed");

        var fifth = await Guard.SignInAsync(staff.UserName, "Wrong-password-1", "10.0.0.66", default);
        fifth.Refusal!.Code.Should().Be("signin.throttled");
        fifth.Refusal.Chinese.Should().Contain("10:15").And.Contain("15 分钟");
        (await Guard.SignInAsync(staff.UserName, staff.Password, "10.0.0.66", default)).Refusal!.Code.Should().Be("signin.throttled");
        (await Guard.SignInAsync(staff.UserName, staff.Password, "10.0.0.7", default)).Succeeded.Should().BeTrue("a stranger cannot lock the clerk out");

        App.Clock.Advance(TimeSpan.FromMinutes(14));
        (await Guard.SignInAsync(staff.UserName, staff.Password, "10.0.0.66", default)).Succeeded.Should().BeFalse();
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        (await Guard.SignInAsync(staff.UserName, staff.Password, "10.0.0.66", default)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task throttling_answers_the_same_for_a_known_and_an_unknown_name()
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);
        SignInOutcome known = null!, unknown = null!;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            known = await Guard.SignInAsync(staff.UserName, "Wrong-password-1", "10.0.0.8", default);
            unknown = await Guard.SignInAsync("nobody.here", "Wrong-password-1", "10.0.0.9", default);
        }

        known.Refusal.Should().Be(unknown.Refusal);
        known.LockedUntil.Should().Be(unknown.LockedUntil);
    }

    [Fact]
    public async Task a_client_guessing_many_names_is_throttled_as_a_whole()
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);
        for (var name = 1; name <= 20; name++) await Guard.SignInAsync($"guess.{name}", "Wrong-password-1", "10.0.0.10", default);

        (await Guard.SignInAsync(staff.UserName, staff.Password, "10.0.0.10", default)).Refusal!.Code.Should().Be("signin.throttled");
        (await Guard.SignInAsync(staff.UserName, staff.Password, "10.0.0.11", default)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task a_success_resets_the_count_of_failures()
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);
        for (var attempt = 1; attempt <= 4; attempt++) await Guard.SignInAsync(staff.UserName, "Wrong-password-1", "10.0.0.12", default);
        (await Guard.SignInAsync(staff.UserName, staff.Password, "10.0.0.12", default)).Succeeded.Should().BeTrue();

        for (var attempt = 1; attempt <= 4; attempt++)
            (await Guard.SignInAsync(staff.UserName, "Wrong-password-1", "10.0.0.12", default)).Refusal!.Code.Should().Be("signin.failed");
    }

    [Fact]
    public async Task failures_never_lock_the_account_itself()
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);
        for (var attempt = 1; attempt <= 10; attempt++) await Accounts.SignInAsync(staff.UserName, "Wrong-password-1");

        (await Accounts.SignInAsync(staff.UserName, staff.Password)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task a_disabled_user_cannot_sign_in()
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);
        (await Accounts.DisableAsync(staff.UserName)).Should().BeNull();

        var outcome = await Accounts.SignInAsync(staff.UserName, staff.Password);

        outcome.Refusal!.Code.Should().Be("signin.disabled");
        outcome.Refusal.Chinese.Should().Contain("停用");
    }

    [Theory]
    [InlineData("short-1A")]
    [InlineData("alllowercaseletters")]
    [InlineData("Clerk.Li-2024-password")]
    public async Task weak_passwords_are_refused(string password)
    {
        var (user, refusal) = await Accounts.AddAsync("clerk.li", null, TestAgencies.Government, [StaffRole.Registrar], password);

        user.Should().BeNull();
        refusal!.Code.Should().StartWith("password.");
    }

    [Fact]
    public async Task users_need_a_known_agency_a_role_and_a_unique_name()
    {
        var password = StaffSessions.NewPassword();
        (await Accounts.AddAsync("clerk.li", null, "nowhere", [StaffRole.Registrar], password)).Refusal!.Code.Should().Be("agency.unknown");
        (await Accounts.AddAsync("clerk.li", null, TestAgencies.Government, [], password)).Refusal!.Code.Should().Be("user.no-role");
        (await Accounts.AddAsync("clerk.li", null, TestAgencies.Government, [StaffRole.Registrar], password)).Refusal.Should().BeNull();
        (await Accounts.AddAsync("Clerk.Li", null, TestAgencies.Government, [StaffRole.Approver], password)).Refusal!.Code.Should().Be("user.exists");
        (await Accounts.ListAsync()).Should().ContainSingle(u => u.UserName == "clerk.li");
    }
}
