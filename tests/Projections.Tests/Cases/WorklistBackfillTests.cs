using Marten;
using Microsoft.Extensions.DependencyInjection;
using Projections.Cases;
using Projections.Tests.Support;
using Workflow.Applications;

namespace Projections.Tests.Cases;

/// <summary>
/// <see cref="WorklistProjection.BackfillAsync"/> and <see cref="WorklistProjection.RederiveAsync"/> on PostgreSQL:
/// the backfill's query (<see cref="WorklistEntry.OnWorklist"/> as SQL) finds exactly the applications
/// <see cref="WorklistEntry.Belongs"/> keeps, and both derive the rows the inline projection stores.
/// </summary>
public sealed class WorklistBackfillTests(AnnualAppFixture app) : AnnualContext(app)
{
    [Fact]
    public async Task the_backfill_creates_the_rows_of_exactly_the_applications_on_the_worklist()
    {
        var (onWorklist, off) = await CasesInEveryStateAsync();
        var stored = await RowsAsync();
        stored.Keys.Should().BeEquivalentTo(onWorklist, "the inline projection keeps these");
        await using (var session = App.Store.LightweightSession())
        {
            session.DeleteWhere<WorklistEntry>(e => e.AgencyCode == Agency); // as in a database from before the worklist rows
            await session.SaveChangesAsync();
        }

        var created = await WorklistProjection.BackfillAsync(App.Store, [Agency], CalendarFor, CancellationToken.None);

        created.Should().Be(onWorklist.Length);
        var rows = await RowsAsync();
        rows.Keys.Should().BeEquivalentTo(onWorklist).And.NotContain(off);
        await using var query = App.Store.QuerySession();
        var files = await query.Query<ApplicationFile>().ToListAsync();
        rows.Keys.Should().BeEquivalentTo(files.Where(WorklistEntry.Belongs).Select(f => f.Id), "SQL and memory apply one rule");
        rows.Should().BeEquivalentTo(stored, "the backfill derives the rows the projection derives");
        (await WorklistProjection.BackfillAsync(App.Store, [Agency], CalendarFor, CancellationToken.None)).Should().Be(0, "nothing is missing any more");
    }

    [Fact]
    public async Task a_row_left_over_for_a_closed_case_does_not_hide_a_missing_one()
    {
        var (onWorklist, off) = await CasesInEveryStateAsync();
        var stored = await RowsAsync();
        var missing = onWorklist[0];
        await using (var session = App.Store.LightweightSession())
        {
            session.Delete<WorklistEntry>(missing);
            // The same number of rows as before: a stray row of a case off the worklist stands in for the deleted one.
            session.Store(new WorklistEntry { Id = off[0], AgencyCode = Agency, RegistrationNumber = "stray" });
            await session.SaveChangesAsync();
        }

        (await WorklistProjection.BackfillAsync(App.Store, [Agency], CalendarFor, CancellationToken.None)).Should().Be(1);

        (await RowsAsync())[missing].Should().BeEquivalentTo(stored[missing]);
    }

    [Fact]
    public async Task re_deriving_restores_every_row_and_deletes_a_row_of_an_application_off_the_worklist()
    {
        var (onWorklist, off) = await CasesInEveryStateAsync();
        var stored = await RowsAsync();
        await using (var session = App.Store.LightweightSession())
        {
            foreach (var row in (await RowsAsync()).Values) // copies: stored keeps the rows as the projection wrote them
            {
                row.SortDueOn = new DateOnly(2000, 1, 1);
                row.CalendarVersion = "stale";
                session.Store(row);
            }
            // A row left behind for a withdrawn application (e.g. written with an older rule).
            var template = stored.Values.First();
            session.Store(new WorklistEntry { Id = off[0], AgencyCode = Agency, RegistrationNumber = template.RegistrationNumber });
            // And one for an application that has no events at all (a row restored from elsewhere, a stream archived).
            session.Store(new WorklistEntry { Id = Guid.CreateVersion7(), AgencyCode = Agency, RegistrationNumber = "no-events" });
            await session.SaveChangesAsync();
        }

        int count;
        await using (var session = App.Store.LightweightSession())
        {
            count = await WorklistProjection.RederiveAsync(session, [Agency], CalendarFor, CancellationToken.None);
            await session.SaveChangesAsync();
        }

        count.Should().Be(onWorklist.Length + 2);
        var rows = await RowsAsync();
        rows.Keys.Should().BeEquivalentTo(onWorklist, "the rows of the withdrawn application and of the one without events are deleted");
        rows.Should().BeEquivalentTo(stored);
    }

    /// <summary>
    /// An open case, one awaiting a 补正, an answer not yet served, an answer served at once, one served later and a
    /// withdrawal: the ids on the worklist and off it.
    /// </summary>
    private async Task<(Guid[] OnWorklist, Guid[] Off)> CasesInEveryStateAsync()
    {
        var open = await RegisterAsync(D(2024, 12, 2));
        var supplement = await RegisterAsync(D(2024, 12, 2));
        await StepAsync(supplement, v => new RequestSupplement(supplement, v, D(2024, 12, 3), D(2024, 12, 18), "请补正身份证明", Clerk));
        var unserved = await RegisterAsync(D(2024, 12, 2));
        await StepAsync(unserved, v => Answer(unserved, v, null));
        var served = await RegisterAsync(D(2024, 12, 2));
        await StepAsync(served, v => Answer(served, v, D(2024, 12, 10)));
        var servedLater = await RegisterAsync(D(2024, 12, 2));
        await StepAsync(servedLater, v => Answer(servedLater, v, null));
        await StepAsync(servedLater, v => new RecordAnswerServed(servedLater, v, ServiceMethod.Post, D(2024, 12, 12), Clerk));
        var withdrawn = await RegisterAsync(D(2024, 12, 2));
        await StepAsync(withdrawn, v => new WithdrawApplication(withdrawn, v, D(2024, 12, 5), "申请人撤回", Clerk));
        return ([open, supplement, unserved], [withdrawn, served, servedLater]);
    }

    private static AnswerApplication Answer(Guid id, int version, DateOnly? servedOn) =>
        new(id, version, D(2024, 12, 10), [new ItemAnswer(1, ItemResult.Disclosed, null)], null, $"答复〔2024〕{id.ToString()[..4]}号",
            servedOn is null ? null : ServiceMethod.Post, servedOn, Clerk);

    private Workflow.Calendar.WorkdayCalendar CalendarFor(string? agency) =>
        App.Services.GetRequiredService<DecisionContextSource>().CalendarFor(agency);

    private async Task<Dictionary<Guid, WorklistEntry>> RowsAsync()
    {
        await using var session = App.Store.QuerySession();
        return (await session.Query<WorklistEntry>().ToListAsync()).ToDictionary(e => e.Id);
    }
}
