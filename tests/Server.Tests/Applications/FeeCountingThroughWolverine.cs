using Server.Tests.Support;
using Workflow.Applications;
using static Server.Tests.Support.Scenarios;

namespace Server.Tests.Applications;

/// <summary>FEE2020 Art. 4: per-application fees are progressive over the applicant's applications in a calendar month.</summary>
public sealed class FeeCountingThroughWolverine(AppFixture app) : IntegrationContext(app)
{
    [Fact]
    public async Task the_eleventh_application_of_the_month_is_proposed_at_100_yuan_and_the_first_is_free()
    {
        var ids = new List<Guid>();
        for (var day = 1; day <= 11; day++)
            ids.Add((await Bus.RegisterAsync(new DateOnly(2024, 11, day))).ApplicationId);
        // Another applicant and another month do not count.
        await Bus.InvokeAsync<RegistrationResult>(Registration(new DateOnly(2024, 11, 5)) with
        {
            Applicant = new Applicant("李四", "520000198002021111", "13900000000", null, null),
        });
        await Bus.RegisterAsync(new DateOnly(2024, 10, 31));

        var eleventh = await App.Commands.SendAsync(new NoticeFee(ids[10], 1, new DateOnly(2024, 11, 12), FeeMethod.PerApplication, null, null, Clerk));
        var first = await App.Commands.SendAsync(new NoticeFee(ids[0], 1, new DateOnly(2024, 11, 12), FeeMethod.PerApplication, null, null, Clerk));

        eleventh.Succeeded.Should().BeTrue(eleventh.Refusal?.English);
        await using var session = Store.QuerySession();
        var noticed = (await session.Events.FetchStreamAsync(ids[10])).Select(e => e.Data).OfType<FeeNoticed>().Single();
        noticed.Quantity.Should().Be(11);
        noticed.ProposedAmount.Should().Be(100m);
        first.Refusal!.Code.Should().Be("fee.free");
    }
}
