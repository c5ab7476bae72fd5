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

    [Fact]
    public async Task five_failures_lock_the_account_for_fifteen_minutes_even_against_the_right_password()
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);
        for (var attempt = 1; attempt <= 4; attempt++)
            (await Accounts.SignInAsync(staff.UserName, "Wrong-password-1")).Refusal!.Code.Should().Be("signin.failed");

        var fifth = await Accounts.SignInAsync(staff.UserName, "Wrong-password-1");
        fifth.Refusal!.Code.Should().Be("signin.locked");
        fifth.Refusal.Chinese.Should().Contain("锁定").And.Contain("10:15").And.Contain("15 分钟");
        (await Accounts.SignInAsync(staff.UserName, staff.Password)).Refusal!.Code.Should().Be("signin.locked");

        App.Clock.Advance(TimeSpan.FromMinutes(14));
        (await Accounts.SignInAsync(staff.UserName, staff.Password)).Succeeded.Should().BeFalse();
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        (await Accounts.SignInAsync(staff.UserName, staff.Password)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task a_success_resets_the_count_of_failures()
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);
        for (var attempt = 1; attempt <= 4; attempt++) await Accounts.SignInAsync(staff.UserName, "Wrong-password-1");
        (await Accounts.SignInAsync(staff.UserName, staff.Password)).Succeeded.Should().BeTrue();

        for (var attempt = 1; attempt <= 4; attempt++)
            (await Accounts.SignInAsync(staff.UserName, "Wrong-password-1")).Refusal!.Code.Should().Be("signin.failed");
    }

    [Fact]
    public async Task a_password_reset_lifts_the_lock()
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);
        for (var attempt = 1; attempt <= 5; attempt++) await Accounts.SignInAsync(staff.UserName, "Wrong-password-1");

        var newPassword = StaffSessions.NewPassword();
        (await Accounts.ResetPasswordAsync(staff.UserName, newPassword)).Should().BeNull();

        (await Accounts.SignInAsync(staff.UserName, staff.Password)).Succeeded.Should().BeFalse();
        (await Accounts.SignInAsync(staff.UserName, newPassword)).Succeeded.Should().BeTrue();
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
