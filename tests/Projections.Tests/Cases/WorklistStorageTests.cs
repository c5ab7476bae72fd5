using Marten;
using Projections.Cases;
using Projections.Tests.Support;

namespace Projections.Tests.Cases;

/// <summary>
/// The worklist's table (docs/adr/0034): its filter and order members are columns, and its indexes are the ones its
/// queries read: the primary key, the three composite indexes led by the agency, and the three columns of the 临期/逾期
/// counts. Every append writes a row here, so an index that no query reads is a cost on every command.
/// </summary>
public sealed class WorklistStorageTests(AnnualAppFixture app) : AnnualContext(app)
{
    [Fact]
    public async Task the_filter_and_order_members_are_columns()
    {
        var columns = await ReadAsync(
            "select column_name from information_schema.columns where table_schema = @schema and table_name = 'mt_doc_worklistentry'");

        columns.Should().Contain(["agency_code", "clock_known", "sort_due_on", "received_on", "running_due_on", "runs_from",
            "awaiting_service", "clock_status", "paused_overdue", "paused_due_soon", "registration_number", "handler"]);
        ProjectionRegistration.WorklistColumnsWithoutIndex.Should().HaveCount(9);
    }

    [Fact]
    public async Task the_indexes_are_the_ones_its_queries_read()
    {
        var indexes = await ReadAsync(
            "select indexdef from pg_indexes where schemaname = @schema and tablename = 'mt_doc_worklistentry'");

        indexes.Should().HaveCount(7);
        foreach (var dueCountColumn in new[] { "running_due_on", "runs_from", "clock_status" })
            indexes.Should().ContainSingle(i => i.EndsWith($"({dueCountColumn})"));
        indexes.Should().ContainSingle(i => i.Contains("pkey_mt_doc_worklistentry_id"));
        indexes.Should().ContainSingle(i => i.Contains("mt_doc_worklistentry_idx_urgency")
            && i.Contains("(agency_code, clock_known, sort_due_on, received_on, registration_number)"));
        indexes.Should().ContainSingle(i => i.Contains("mt_doc_worklistentry_idx_agency_handler") && i.Contains("(agency_code, handler)"));
        indexes.Should().ContainSingle(i => i.Contains("mt_doc_worklistentry_idx_agency_awaiting") && i.Contains("(agency_code, awaiting_service)"));
    }

    [Fact]
    public async Task a_registration_fills_the_columns_from_its_row()
    {
        var id = await RegisterAsync(D(2024, 12, 2));

        var row = await ReadAsync(
            "select agency_code || '|' || received_on || '|' || registration_number || '|' || clock_known from {0}.mt_doc_worklistentry where id = @id",
            id);

        await using var session = App.Store.QuerySession();
        var entry = await session.LoadAsync<WorklistEntry>(id);
        entry.Should().NotBeNull();
        row.Should().Equal($"{entry!.AgencyCode}|2024-12-02|{entry.RegistrationNumber}|{entry.ClockKnown}");
    }

    private async Task<List<string>> ReadAsync(string sql, Guid? id = null)
    {
        await using var connection = App.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = string.Format(sql, App.Store.Options.DatabaseSchemaName);
        command.Parameters.AddWithValue("schema", App.Store.Options.DatabaseSchemaName);
        if (id is { } value) command.Parameters.AddWithValue("id", value);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
