using System.Text.Json.Nodes;
using Marten;
using Npgsql;

namespace Projections.Integrity;

/// <summary>What kind of break the verifier found.</summary>
public enum IntegrityBreakKind
{
    StreamNotSealed,       // 事件流没有哈希链
    EventHashMismatch,     // 事件内容与哈希链不符（事件被改动）
    EventWithoutSealLink,  // 事件没有对应的链节
    SealLinkWithoutEvent,  // 链节没有对应的事件（事件被删除）
    DigestAltered,         // 摘要本身被改动
    DigestChainBroken,     // 摘要之间的链接断开
    SealDiffersFromDigest, // 哈希链与已发布的摘要不符（链被重写）
}

/// <summary>One break: where it is and what it means, in English (logs, API) and Chinese (the case file).</summary>
public sealed record IntegrityBreak(
    IntegrityBreakKind Kind, Guid? StreamId, long? Version, string? RegistrationNumber, string? DigestId, string Message, string ChineseMessage);

/// <summary>The outcome of a verification run.</summary>
public sealed record IntegrityReport(
    bool Intact, DateTimeOffset CheckedAt, int StreamsChecked, int EventsChecked, int DigestsChecked,
    IntegrityBreak? FirstBreak, IReadOnlyList<IntegrityBreak> Breaks, string? LatestDigestHash, DateTimeOffset? LatestDigestAt)
{
    public string ChineseSummary => Intact
        ? $"校验通过：{StreamsChecked}个事件流、{EventsChecked}个事件、{DigestsChecked}份摘要均未发现改动。"
        : $"校验未通过：发现{Breaks.Count}处异常，第一处：{FirstBreak!.ChineseMessage}";
}

/// <summary>A stored event row as the verifier reads it from mt_events.</summary>
public sealed record StoredEventRow(Guid StreamId, long Version, string EventTypeName, string DataJson, DateTimeOffset RecordedAt);

/// <summary>The pure check of rows against seals and digests (the verifier only loads them).</summary>
public static class IntegrityCheck
{
    public static IReadOnlyList<IntegrityBreak> Check(
        IReadOnlyList<StoredEventRow> rows, IReadOnlyDictionary<Guid, StreamSeal> seals, IReadOnlyList<ChainDigest> digests,
        bool checkDigestChain, out int streams)
    {
        var breaks = new List<IntegrityBreak>();
        var registrationNumbers = new Dictionary<Guid, string?>();
        var byStream = rows.GroupBy(r => r.StreamId).OrderBy(g => g.Key).ToList();
        streams = byStream.Count;
        foreach (var stream in byStream)
        {
            var events = stream.OrderBy(r => r.Version).ToList();
            var number = registrationNumbers[stream.Key] = RegistrationNumberOf(events[0]);
            if (!seals.TryGetValue(stream.Key, out var seal))
            {
                breaks.Add(new(IntegrityBreakKind.StreamNotSealed, stream.Key, events[0].Version, number, null,
                    $"Stream {stream.Key} ({number}) has no hash chain.", $"{number}（{stream.Key}）没有哈希链。"));
                continue;
            }

            var previous = EventChain.GenesisHash;
            for (int i = 0; i < events.Count; i++)
            {
                var row = events[i];
                var hash = EventChain.Hash(StreamSealProjection.ContentOf(row.StreamId, row.Version, row.EventTypeName, row.DataJson, row.RecordedAt), previous);
                if (i >= seal.Links.Count)
                {
                    breaks.Add(new(IntegrityBreakKind.EventWithoutSealLink, row.StreamId, row.Version, number, null,
                        $"Event {row.Version} of {number} ({row.StreamId}) is not in the hash chain.",
                        $"{number}第{row.Version}个事件不在哈希链中（可能是绕过系统写入的）。"));
                    break;
                }
                var link = seal.Links[i];
                if (link.Version != row.Version || link.Hash != hash)
                {
                    breaks.Add(new(IntegrityBreakKind.EventHashMismatch, row.StreamId, row.Version, number, null,
                        $"Event {row.Version} of {number} ({row.StreamId}) does not match its hash chain: it was changed after it was recorded.",
                        $"{number}第{row.Version}个事件与哈希链不符：该事件在记录后被改动。"));
                    break;
                }
                previous = hash;
            }
            if (seal.Links.Count > events.Count && breaks.All(b => b.StreamId != stream.Key))
            {
                var missing = seal.Links[events.Count].Version;
                breaks.Add(new(IntegrityBreakKind.SealLinkWithoutEvent, stream.Key, missing, number, null,
                    $"Event {missing} of {number} ({stream.Key}) is in the hash chain but missing from the event store: it was deleted.",
                    $"{number}第{missing}个事件在哈希链中有记录，但已从事件库中删除。"));
            }
        }

        string previousDigest = EventChain.GenesisHash;
        foreach (var digest in digests.OrderBy(d => d.Sequence))
        {
            if (digest.Hash != digest.ComputeHash() || digest.MerkleRoot != MerkleTree.Root(digest.Leaves.OrderBy(l => l.StreamId).ToList()))
                breaks.Add(new(IntegrityBreakKind.DigestAltered, null, null, null, digest.Id,
                    $"Digest {digest.Id} does not match its own content: it was altered.", $"摘要{digest.Id}与其内容不符：摘要被改动。"));
            else if (checkDigestChain && digest.PreviousHash != previousDigest)
                breaks.Add(new(IntegrityBreakKind.DigestChainBroken, null, null, null, digest.Id,
                    $"Digest {digest.Id} does not follow the previous digest: a digest was removed or replaced.",
                    $"摘要{digest.Id}与上一份摘要衔接不上：有摘要被删除或替换。"));
            previousDigest = digest.Hash;

            foreach (var leaf in digest.Leaves)
            {
                if (!seals.TryGetValue(leaf.StreamId, out var seal)) continue; // a stream outside this check, or reported above
                var link = seal.Links.FirstOrDefault(l => l.Version == leaf.Version);
                if (link is null || link.Hash != leaf.Hash)
                {
                    var number = registrationNumbers.GetValueOrDefault(leaf.StreamId);
                    breaks.Add(new(IntegrityBreakKind.SealDiffersFromDigest, leaf.StreamId, leaf.Version, number, digest.Id,
                        $"The hash chain of {number} ({leaf.StreamId}) at version {leaf.Version} differs from digest {digest.Id} of {digest.CreatedAt:u}: the chain was rewritten.",
                        $"{number}的哈希链（第{leaf.Version}个事件处）与{digest.CreatedAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}的摘要{digest.Id}不符：哈希链被重写。"));
                }
            }
        }
        return breaks;
    }

    private static string? RegistrationNumberOf(StoredEventRow first) =>
        JsonNode.Parse(first.DataJson) is JsonObject data ? data["registrationNumber"]?.ToString() : null;
}

/// <summary>
/// 完整性校验: recomputes every stream's hash chain from the rows in mt_events, compares it with the seals, and checks
/// every digest and the seals against the digests. Names the first broken event (stream, version, registration number).
/// </summary>
public sealed class IntegrityVerifier(IDocumentStore store, TimeProvider time)
{
    public async Task<IntegrityReport> VerifyAllAsync(CancellationToken cancellation = default) => await VerifyAsync(null, cancellation);

    /// <summary>One stream only (for a case file): its chain, and its heads in every digest.</summary>
    public async Task<IntegrityReport> VerifyStreamAsync(Guid streamId, CancellationToken cancellation = default) =>
        await VerifyAsync(streamId, cancellation);

    private async Task<IntegrityReport> VerifyAsync(Guid? streamId, CancellationToken cancellation)
    {
        var rows = await ReadRowsAsync(streamId, cancellation);
        await using var session = store.QuerySession();
        var seals = streamId is { } id
            ? (await session.LoadAsync<StreamSeal>(id, cancellation) is { } one ? [one] : [])
            : await session.Query<StreamSeal>().ToListAsync(cancellation);
        var digests = await session.Query<ChainDigest>().OrderBy(d => d.Sequence).ToListAsync(cancellation);
        if (streamId is { } only)
            foreach (var digest in digests) digest.Leaves = [.. digest.Leaves.Where(l => l.StreamId == only)];

        var breaks = IntegrityCheck.Check(rows, seals.ToDictionary(s => s.Id), digests, checkDigestChain: true, out var streams);
        // A stream-only check must not report digests "altered" because their leaves were filtered above.
        if (streamId is not null) breaks = [.. breaks.Where(b => b.Kind != IntegrityBreakKind.DigestAltered)];
        var latest = digests.LastOrDefault();
        return new IntegrityReport(breaks.Count == 0, time.GetUtcNow(), streams, rows.Count, digests.Count,
            breaks.FirstOrDefault(), breaks, latest?.Hash, latest?.CreatedAt);
    }

    private string TombstoneTypeName => store is DocumentStore concrete
        ? concrete.Options.Events is Marten.Events.EventGraph events ? events.EventMappingFor(typeof(JasperFx.Events.Tombstone)).EventTypeName : "tombstone"
        : "tombstone";

    private async Task<IReadOnlyList<StoredEventRow>> ReadRowsAsync(Guid? streamId, CancellationToken cancellation)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        // Marten's tombstones are not application events: when an append fails after the database handed out event
        // sequence numbers (a concurrency conflict, a duplicate registration), Marten fills the gap in the sequence
        // with placeholder rows of type "tombstone", in a separate transaction, so the async daemon does not wait for
        // the missing numbers. They carry no data, belong to no application and are never sealed; reading them as an
        // unsealed stream made every concurrent conflict look like tampering. Their stream id is NOT a constant:
        // JasperFx.Events.Tombstone.StreamId is a new Guid in every process, so the app's tombstones and those of an
        // import beside it land in different streams, and a verifier in another process knows neither id. A stream
        // is Marten's tombstone stream when every row in it is a tombstone; only those rows are left out. A tombstone
        // row in an application's stream, or any other row written into a tombstone stream, is still checked (and so
        // reported as a break).
        await using var command = new NpgsqlCommand(
            $"select stream_id, version, type, data::text, timestamp from {schema}.mt_events"
            + $" where stream_id not in (select stream_id from {schema}.mt_events group by stream_id having bool_and(type = @tombstoneType))"
            + (streamId is null ? "" : " and stream_id = @stream") + " order by stream_id, version", connection);
        command.Parameters.AddWithValue("tombstoneType", TombstoneTypeName);
        if (streamId is { } id) command.Parameters.AddWithValue("stream", id);
        var rows = new List<StoredEventRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            rows.Add(new StoredEventRow(reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        return rows;
    }
}

/// <summary>Publishes a <see cref="ChainDigest"/> over the current head of every stream.</summary>
public sealed class ChainDigestPublisher(IDocumentStore store, TimeProvider time)
{
    public async Task<ChainDigest> PublishAsync(CancellationToken cancellation = default)
    {
        await using var session = store.LightweightSession();
        var seals = await session.Query<StreamSeal>().ToListAsync(cancellation);
        var previous = (await session.Query<ChainDigest>().OrderByDescending(d => d.Sequence).Take(1).ToListAsync(cancellation)).FirstOrDefault();
        var digest = ChainDigest.Create((previous?.Sequence ?? 0) + 1, time.GetUtcNow(),
            seals.Where(s => s.Links.Count > 0).Select(s => new DigestLeaf(s.Id, s.HeadVersion, s.HeadHash)),
            previous?.Hash ?? EventChain.GenesisHash);
        session.Insert(digest); // insert: two publishers racing for one sequence → one fails, nothing is overwritten
        try
        {
            await session.SaveChangesAsync(cancellation);
        }
        catch (JasperFx.DocumentAlreadyExistsException)
        {
            // Not retried on the next sequence: the digest that won covers the same heads a moment earlier, and a second
            // one now would add nothing but a link. The caller is told, and nothing of this one was stored.
            throw new Workflow.Applications.CommandRefusedException(DigestPublishedMeanwhile(digest.Sequence));
        }
        return digest;
    }

    /// <summary>Another digest took the same sequence number first (two publishers at once): nothing was stored (HTTP 409).</summary>
    public static Workflow.Applications.Refusal DigestPublishedMeanwhile(long sequence) => new("digest.concurrent",
        $"第 {sequence} 号完整性摘要刚刚已由另一次发布生成，本次未保存。请刷新查看最新摘要。",
        $"Chain digest {sequence} was published by another request at the same moment; nothing was stored.",
        Workflow.Applications.RefusalKind.Conflict);
}
