using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Projections.Integrity;

/// <summary>One link of a stream's chain: the hash of the event at <see cref="Version"/> and everything before it.</summary>
public sealed record SealLink(long Version, string Hash, DateTimeOffset RecordedAt);

/// <summary>
/// The hash chain of one application stream, kept in the same transaction as every append (docs/adr/0010).
/// Links are only ever added; the head is the hash a <see cref="ChainDigest"/> publishes.
/// </summary>
public sealed class StreamSeal
{
    public Guid Id { get; set; }
    public List<SealLink> Links { get; set; } = [];

    public long HeadVersion => Links.Count == 0 ? 0 : Links[^1].Version;
    public string HeadHash => Links.Count == 0 ? EventChain.GenesisHash : Links[^1].Hash;
}

/// <summary>
/// The inline projection that extends <see cref="StreamSeal"/> for every appended event. Marten 9's default append mode
/// (QuickWithServerTimestamps) assigns versions in the database, so inline projections see <c>IEvent.Version = 0</c>;
/// the seal therefore counts versions itself (its own head + 1), which holds because every append of this system goes
/// through the aggregate handler workflow with an expected version (a racing append fails and rolls the seal back with
/// it). The record timestamp is fixed here, truncated to PostgreSQL's microseconds, and is what Marten then stores,
/// because this append mode writes <c>IEvent.Timestamp</c> as given.
/// </summary>
public sealed class StreamSealProjection(StoreOptions options) : IProjection
{
    public const string Name = "StreamSeal";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var serializer = options.Serializer();
        // One round trip for the seals of every appended stream, none for a stream this transaction starts: its seal
        // cannot exist yet (Marten refuses to start a stream id twice, and the new seal is inserted, not upserted, so
        // a stray seal under that id fails the transaction instead of being overwritten). docs/adr/0025.
        // The case file's projection, which runs first in the same save, usually read them already in its batch
        // (docs/adr/0031); they are taken from there, or read here.
        var started = Cases.AppendReads.StartedStreams(operations);
        var appendedTo = Cases.AppendReads.AppendedTo(events, started);
        var seals = Cases.AppendReads.TakeSeals(events) is { } read
            ? read.Values.ToDictionary(s => s.Id)
            : appendedTo.Length == 0
                ? new Dictionary<Guid, StreamSeal>()
                : (await operations.LoadManyAsync<StreamSeal>(cancellation, appendedTo)).ToDictionary(s => s.Id);
        foreach (var @event in events)
        {
            if (!seals.TryGetValue(@event.StreamId, out var seal))
            {
                seal = new StreamSeal { Id = @event.StreamId };
                seals[@event.StreamId] = seal;
            }

            var version = seal.HeadVersion + 1;
            // Another append to this stream committed after this command loaded the application: the seal already has
            // the link for this version. That is the same optimistic-concurrency conflict Marten reports for the
            // stream (the caller saw a stale version), so it is raised as one: the transaction rolls back with the
            // seal untouched and the caller gets a 409, never a half-written chain or a 500.
            if (@event.Version > 0 && @event.Version < version)
                throw new JasperFx.ConcurrencyException(
                    $"Stream {@event.StreamId} is already sealed up to version {seal.HeadVersion}; an append for version {@event.Version} lost the race.",
                    new InvalidOperationException("Concurrent append to a sealed stream."));
            if (@event.Version > 0 && @event.Version != version)
                throw new InvalidOperationException(
                    $"Stream {@event.StreamId}: the seal expected version {version} but the event has version {@event.Version}.");

            var recordedAt = @event.Timestamp == default ? options.Events.TimeProvider.GetUtcNow() : @event.Timestamp;
            recordedAt = EventChain.TruncateToMicroseconds(recordedAt);
            @event.Timestamp = recordedAt;

            var content = ContentOf(@event.StreamId, version, @event.EventTypeName, serializer.ToJson(@event.Data), recordedAt);
            seal.Links.Add(new SealLink(version, EventChain.Hash(content, seal.HeadHash), recordedAt));
        }

        foreach (var seal in seals.Values)
        {
            if (started.Contains(seal.Id)) operations.Insert(seal);
            else operations.Store(seal);
        }
    }

    /// <summary>
    /// The hashed content of an event. The business date and the actor are read from the JSON data (every application
    /// event serialises <c>businessDate</c> and <c>actor</c>), so sealing and verifying derive them the same way.
    /// </summary>
    public static ChainedEventContent ContentOf(Guid streamId, long version, string eventTypeName, string dataJson, DateTimeOffset recordedAt)
    {
        string businessDate = "", actor = "";
        if (System.Text.Json.Nodes.JsonNode.Parse(dataJson) is System.Text.Json.Nodes.JsonObject data)
        {
            businessDate = data["businessDate"]?.ToString() ?? "";
            actor = data["actor"]?.ToString() ?? "";
        }
        return new ChainedEventContent(streamId, version, eventTypeName, businessDate, actor, dataJson, recordedAt);
    }
}
