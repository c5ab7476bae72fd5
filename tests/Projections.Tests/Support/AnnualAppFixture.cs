using JasperFx.CommandLine;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Projections.Annual;
using Server.Database;
using Wolverine;
using Workflow.Testing;
using Workflow.Applications;

namespace Projections.Tests.Support;

/// <summary>
/// One application host per test run on a real PostgreSQL (ConnectionStrings__Workflow, or a temporary private
/// cluster), with the async daemon running and a fake clock at 2024-12-20 10:00 in China — as Server.Tests does.
/// </summary>
public sealed class AnnualAppFixture() : WorkflowHostFixture("projections")
{
    public AnnualTablesRebuild Rebuild => new(Store, Services.GetService<JasperFx.Events.Daemon.IProjectionCoordinator>());

    protected override Task SeedAsync() => AddAgenciesAsync(Services.GetRequiredService<Server.Accounts.AgencyDirectory>());

    /// <summary>The agencies these tests register for: the seeds' offices and the generator's government and departments.</summary>
    private static async Task AddAgenciesAsync(Server.Accounts.AgencyDirectory agencies)
    {
        (string Code, string Name, string? Parent)[] all =
        [
            ("qxg", "毕节市七星关区人民政府", null),
            ("lengshuitan", "永州市冷水滩区人民政府", null),
            ("junshan", "岳阳市君山区人民政府", null),
            ("ameng", "砚山县阿猛镇人民政府", null),
            ("suifenhe", "绥芬河市人民政府", null),
            ("gov", "某县人民政府", null),
            ("gov-edu", "某县教育局", "gov"),
            ("gov-land", "某县自然资源局", "gov"),
        ];
        foreach (var (code, name, parent) in all)
        {
            var (_, refusal) = await agencies.AddAsync(code, name, parent, $"{code}公开");
            if (refusal is not null) throw new InvalidOperationException(refusal.English);
        }
    }

    /// <summary>Waits for the async daemon; with no event at all there is nothing to wait for (Marten's wait would time out).</summary>
    public Task CatchUpAsync() => ProjectionCatchUp.WaitAsync(Store, TimeSpan.FromSeconds(60));

    /// <summary>Tables 三 and 四 as the reader serves them, after the daemon has caught up.</summary>
    public async Task<AnnualTables> TablesAsync(int year, params string[] agencies)
    {
        await CatchUpAsync();
        await using var session = Store.QuerySession();
        return await new AnnualTableReader(session).LoadAsync(agencies, year);
    }

}

[CollectionDefinition(Name)]
public sealed class AnnualCollection : ICollectionFixture<AnnualAppFixture>
{
    public const string Name = "annual-integration";
}

/// <summary>Base for DB-backed projection tests: resets all Marten data first; readable steps over the real commands.</summary>
[Collection(AnnualCollection.Name)]
public abstract class AnnualContext(AnnualAppFixture app) : IAsyncLifetime
{
    public const string Clerk = "clerk.li";
    public const string Agency = "qxg";

    protected AnnualAppFixture App { get; } = app;

    public Task InitializeAsync() => App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected async Task<Guid> RegisterAsync(DateOnly receivedOn, ApplicantType type = ApplicantType.NaturalPerson,
        Channel channel = Channel.Letter, string agency = Agency, int items = 1)
    {
        var outcome = await App.Commands.RegisterAsync(new RegisterApplication(agency, receivedOn, channel, type,
            new Applicant("王五", null, "13900000000", null, null),
            [.. Enumerable.Range(1, items).Select(i => $"所需信息{i}")], RequestedForm.Paper, null, Clerk));
        outcome.Refusal.Should().BeNull();
        return outcome.Result!.ApplicationId;
    }

    /// <summary>Sends one step with the application's current version; the step must succeed.</summary>
    protected async Task StepAsync(Guid id, Func<int, IApplicationCommand> step)
    {
        int version;
        await using (var session = App.Store.QuerySession())
            version = (int)(await session.Events.FetchStreamStateAsync(id))!.Version;
        var outcome = await App.Commands.SendAsync(step(version));
        outcome.Refusal.Should().BeNull(because: "the step {0} is valid", step(version).GetType().Name);
    }

    protected Task AnswerAsync(Guid id, DateOnly on, params ItemResult[] results) => AnswerAsync(id, on, null, results);

    protected Task AnswerAsync(Guid id, DateOnly on, ResultRow? chosen, params ItemResult[] results) =>
        StepAsync(id, v => new AnswerApplication(id, v, on,
            [.. results.Select((r, i) => new ItemAnswer(i + 1, r, r is ItemResult.Disclosed or ItemResult.AlreadyProactivelyDisclosed ? null : "理由"))],
            chosen, $"答复〔{on.Year}〕{on.DayNumber}号", ServiceMethod.Post, on, Clerk));

    protected Task CorrectAsync(Guid id, CorrectableFact fact, string value) =>
        StepAsync(id, v => new CorrectFact(id, v, DateOnly.FromDateTime(AnnualAppFixture.Now.Date), fact, value, "登记有误", Clerk));

    protected static DateOnly D(int year, int month, int day) => new(year, month, day);
}
