using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Server.Accounts;
using Server.Tests.Support;
using Workflow.Applications;
using static Server.Tests.Support.Scenarios;

namespace Server.Tests.Accounts;

public sealed class PersonalDataInLogs(AppFixture app) : IntegrationContext(app)
{
    [Fact]
    public async Task registering_and_signing_in_log_user_names_but_no_applicant_data_or_passwords()
    {
        var staff = await App.CreateStaffAsync("clerk.li", TestAgencies.Government, StaffRole.Registrar);
        App.Logs.Clear();

        var client = App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        await client.PostAsJsonAsync(TokenEndpoints.TokenPath, new { userName = staff.UserName, password = "Wrong-password-1" });
        await App.IssueTokenAsync(staff.UserName, staff.Password);
        await Bus.InvokeAsync<RegistrationResult>(Registration(new DateOnly(2024, 11, 4)));
        await client.GetAsync("/signin?returnUrl=/search?name=张三");

        var logs = App.Logs.Lines;
        logs.Should().Contain(line => line.Contains("clerk.li"));
        logs.Should().NotContain(line => line.Contains("张三") || line.Contains("520000199001011234") || line.Contains("13800000000")
            || line.Contains(staff.Password) || line.Contains("Wrong-password-1"));
    }
}
