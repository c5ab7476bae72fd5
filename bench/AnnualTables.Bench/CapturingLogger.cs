using Marten;
using Marten.Services;
using Npgsql;

namespace AnnualTablesBench;

/// <summary>Records the SQL a session sends, to show what serving a table reads.</summary>
public sealed class CapturingLogger : IMartenSessionLogger
{
    public List<string> Commands { get; } = [];

    public void LogSuccess(NpgsqlCommand command) => Commands.Add(command.CommandText);
    public void LogFailure(NpgsqlCommand command, Exception ex) => Commands.Add(command.CommandText);
    public void LogSuccess(NpgsqlBatch batch) => Commands.AddRange(batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText));
    public void LogFailure(NpgsqlBatch batch, Exception ex) => Commands.AddRange(batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText));
    public void LogFailure(Exception ex, string message) { }
    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }
    public void OnBeforeExecute(NpgsqlCommand command) { }
    public void OnBeforeExecute(NpgsqlBatch batch) { }
}
