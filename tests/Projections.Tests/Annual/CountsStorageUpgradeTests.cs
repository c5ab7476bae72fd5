using Projections.Annual;
using Projections.Annual.Publication;
using Projections.Tests.Support;
using Wolverine;
using Workflow.Applications;
using Workflow.Publication;

namespace Projections.Tests.Annual;

/// <summary>
/// docs/adr/0024: a store built by the previous release (yearly flows, no count documents) says so — the 年报 page
/// shows the notice and publication is refused — until <c>rebuildtables</c> has built the counts.
/// </summary>
public sealed class CountsStorageUpgradeTests(AnnualAppFixture app) : AnnualContext(app)
{
    [Fact]
    public async Task A_store_whose_counts_are_stored_as_dictionaries_says_so_until_rebuilt_as_cells()
    {
        var id = await RegisterAsync(D(2023, 3, 1));
        await AnswerAsync(id, D(2023, 3, 10), ItemResult.Disclosed);
        await App.CatchUpAsync();

        // What the release before the cell arrays left (ADR 0024 addendum 2): storage 1.
        await using (var write = App.Store.LightweightSession())
        {
            write.Store(new AnnualCountingState { RulesVersion = CountingRules.Current, Storage = 1 });
            await write.SaveChangesAsync();
        }
        await using (var session = App.Store.QuerySession())
            (await AnnualCountingState.OutdatedVersionAsync(session)).Should().Be(AnnualCountingState.StorageOutdated);

        await App.Rebuild.RebuildAsync();
        await using (var session = App.Store.QuerySession())
        {
            (await AnnualCountingState.OutdatedVersionAsync(session)).Should().BeNull();
            (await session.LoadAsync<AnnualCountingState>(AnnualCountingState.DocumentId))!.Storage.Should().Be(AnnualCountingState.CurrentStorage);
        }
    }

    [Fact]
    public async Task A_store_built_before_the_count_documents_cannot_publish_until_rebuilt()
    {
        var id = await RegisterAsync(D(2023, 3, 1));
        await AnswerAsync(id, D(2023, 3, 10), ItemResult.Disclosed);
        await App.CatchUpAsync();

        // What the previous release left: its state record (current rules, no storage version) and no counts.
        await using (var write = App.Store.LightweightSession())
        {
            write.Store(new AnnualCountingState { RulesVersion = CountingRules.Current });
            write.DeleteWhere<AnnualCounts>(c => true);
            await write.SaveChangesAsync();
        }
        await using (var session = App.Store.QuerySession())
        {
            var outdated = await AnnualCountingState.OutdatedVersionAsync(session);
            outdated.Should().Be(AnnualCountingState.StorageOutdated);
            AnnualCountingState.OutdatedRefusal(outdated!.Value).Chinese.Should().Contain("rebuildtables");
        }
        var refused = () => App.Bus.InvokeAsync<PublicationResult>(new PublishAnnualReport(Agency, 2023, null, "head.zhao"));
        (await refused.Should().ThrowAsync<CommandRefusedException>()).Which.Refusal.Code.Should().Be("publication.storage-outdated");

        await App.Rebuild.RebuildAsync();
        await using (var session = App.Store.QuerySession())
        {
            (await AnnualCountingState.OutdatedVersionAsync(session)).Should().BeNull("the rebuild stored the counts");
            (await new AnnualTableReader(session).LoadCountsAsync([Agency], 2023)).Disclosure.ResultTotal().Should().Be(1);
        }
    }
}
