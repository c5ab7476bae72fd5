using System.Text.Json.Nodes;

namespace Projections.Integrity;

/// <summary>One stream's head as a digest saw it.</summary>
public sealed record DigestLeaf(Guid StreamId, long Version, string Hash);

/// <summary>
/// A periodic digest over every stream's head hash (docs/adr/0010): a Merkle root of the heads, chained to the previous
/// digest. Its <see cref="Hash"/> is the value to print, sign or publish outside the system; once it is out, rewriting
/// events and seals consistently is no longer enough to hide a change.
/// </summary>
public sealed class ChainDigest
{
    public string Id { get; set; } = "";
    public long Sequence { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<DigestLeaf> Leaves { get; set; } = [];
    public string MerkleRoot { get; set; } = "";
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";

    public static string IdFor(long sequence) => $"digest-{sequence:D8}";

    public static ChainDigest Create(long sequence, DateTimeOffset createdAt, IEnumerable<DigestLeaf> leaves, string previousHash)
    {
        var ordered = leaves.OrderBy(l => l.StreamId).ToList();
        var root = MerkleTree.Root(ordered);
        var digest = new ChainDigest
        {
            Id = IdFor(sequence), Sequence = sequence, CreatedAt = EventChain.TruncateToMicroseconds(createdAt),
            Leaves = ordered, MerkleRoot = root, PreviousHash = previousHash,
        };
        digest.Hash = digest.ComputeHash();
        return digest;
    }

    public string ComputeHash() => EventChain.Sha256Hex(new JsonArray(
        "chain-digest-v1", Sequence, EventChain.Timestamp(CreatedAt), Leaves.Count, MerkleRoot, PreviousHash).ToJsonString());
}

/// <summary>A plain binary Merkle tree over digest leaves (the last node is paired with itself on odd levels).</summary>
public static class MerkleTree
{
    public static string Root(IReadOnlyList<DigestLeaf> leaves)
    {
        if (leaves.Count == 0) return EventChain.Sha256Hex("merkle-empty");
        var level = leaves.Select(l => EventChain.Sha256Hex($"leaf:{l.StreamId:D}:{l.Version}:{l.Hash}")).ToList();
        while (level.Count > 1)
        {
            var next = new List<string>((level.Count + 1) / 2);
            for (int i = 0; i < level.Count; i += 2)
                next.Add(EventChain.Sha256Hex($"node:{level[i]}:{(i + 1 < level.Count ? level[i + 1] : level[i])}"));
            level = next;
        }
        return level[0];
    }
}
