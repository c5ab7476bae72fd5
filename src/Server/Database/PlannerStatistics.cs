using Marten;
using Npgsql;

namespace Server.Database;

/// <summary>
/// PostgreSQL's planner statistics of the workflow's tables, refreshed after a bulk write (docs/adr/0035). Autovacuum
/// analyses a table only on its next round (a minute apart by default) after enough of it changed; until then the planner
/// believes a freshly filled table is still nearly empty, and the worklist sorts every row of an agency for a page
/// instead of reading a range of its index (measured on 10,000 open cases: page 100 in 54 ms against 1.4 ms).
/// </summary>
public static class PlannerStatistics
{
    /// <summary>
    /// Runs <c>ANALYZE</c> on every table of the store's schema. Not only those <c>pg_stat_user_tables</c> shows as
    /// changed: a backend reports its changes to the statistics system at most once a second and an idle one up to ten
    /// seconds late, so right after a bulk write the tables it filled can still look unchanged.
    /// </summary>
    /// <returns>The tables analysed.</returns>
    public static async Task<IReadOnlyList<string>> RefreshAsync(IDocumentStore store, CancellationToken cancellation = default)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        return await RefreshAsync(connection, store.Options.DatabaseSchemaName, cancellation);
    }

    /// <summary>Runs <c>ANALYZE</c> on every table of <paramref name="schema"/> (see the store's overload for why every one).</summary>
    public static async Task<IReadOnlyList<string>> RefreshAsync(NpgsqlConnection connection, string schema, CancellationToken cancellation = default)
    {
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select format('%I.%I', schemaname, tablename) from pg_tables where schemaname = $1 order by tablename",
            connection))
        {
            list.Parameters.Add(new NpgsqlParameter { Value = schema });
            await using var reader = await list.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation)) tables.Add(reader.GetString(0));
        }
        if (tables.Count == 0) return tables;
        // The names come from the catalog, quoted by format('%I'): nothing of a user's input reaches this statement.
        await using var analyze = new NpgsqlCommand($"analyze {string.Join(", ", tables)}", connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync(cancellation);
        return tables;
    }
}
