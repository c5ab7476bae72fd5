using Marten;
using Marten.Schema;
using Workflow.Applications;

namespace Workflow.Topics;

/// <summary>One topic (申请内容分类) of an agency's list: retired topics stay, so old applications keep their names.</summary>
public sealed record TopicEntry(string Name, DateOnly AddedOn, string AddedBy, DateOnly? RetiredOn = null, string? RetiredBy = null)
{
    public bool IsActive => RetiredOn is null;
}

/// <summary>
/// An agency's own list of topics (申请内容分类) that staff pick from at registration or later. An agency nobody has
/// edited uses <see cref="Defaults"/>; the first change stores the defaults with it. Topics are never deleted:
/// retiring one hides it from new choices and keeps it for history and for the years that counted it.
/// </summary>
public sealed class AgencyTopicList
{
    public const int MaxTopicLength = 40;
    public const int MaxTopicsPerApplication = 10;

    /// <summary>
    /// The default list: the topic words annual reports use most (the seeds' own words included: 征地和房屋拆迁,
    /// 数据统计, 危房改造, 社会保障 from 七星关区 2018; 房屋搬迁, 安置方案, 疫情政策咨询, 教育 from 冷水滩区 2022).
    /// </summary>
    public static readonly IReadOnlyList<string> Defaults =
    [
        "征地和房屋拆迁", "房屋征收", "房屋搬迁", "安置方案", "危房改造", "社会保障", "数据统计", "教育", "医疗卫生",
        "疫情政策咨询", "规划建设", "财政资金", "行政执法", "环境保护", "其他",
    ];

    public string Id { get; set; } = "";
    public List<TopicEntry> Topics { get; set; } = [];

    /// <summary>
    /// The stored version (Marten's optimistic concurrency): a change is saved only over the version it was made on, so
    /// two administrators changing the list at once never overwrite each other (docs/adr/0039). Empty: never stored.
    /// </summary>
    [Version]
    public Guid StoredVersion { get; set; }

    public static AgencyTopicList DefaultFor(string agencyCode) => new()
    {
        Id = agencyCode,
        Topics = [.. Defaults.Select(name => new TopicEntry(name, new DateOnly(2008, 5, 1), "system"))],
    };

    public IReadOnlySet<string> ActiveNames => Topics.Where(t => t.IsActive).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Adds a topic, or brings a retired one back. Refuses blanks, over-long names and active duplicates.</summary>
    public AgencyTopicList Add(string name, DateOnly today, string actor)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0) throw new CommandRefusedException(Refusals.Required("分类名称", "topic name", "name"));
        if (trimmed.Length > MaxTopicLength) throw new CommandRefusedException(Refusals.TooLong("分类名称", "topic name", MaxTopicLength, "name"));
        // The API's JSON gate refuses such text too; this is the rule itself, for the topics page as well.
        if (StrictJson.TextRefusal(trimmed, "分类名称", "topic name", "name") is { } unacceptable)
            throw new CommandRefusedException(unacceptable);
        var existing = Topics.FindIndex(t => t.Name == trimmed);
        if (existing >= 0 && Topics[existing].IsActive)
            throw new CommandRefusedException(Refusals.Invalid("topic.exists", $"分类“{trimmed}”已在列表中。", $"Topic '{trimmed}' is already listed."));
        var entry = new TopicEntry(trimmed, today, actor);
        var topics = Topics.ToList();
        if (existing >= 0) topics[existing] = entry;
        else topics.Add(entry);
        return new AgencyTopicList { Id = Id, Topics = topics, StoredVersion = StoredVersion };
    }

    /// <summary>Retires an active topic: it stays in the list (and on the applications that have it), unchosen from now.</summary>
    public AgencyTopicList Retire(string name, DateOnly today, string actor)
    {
        var trimmed = (name ?? "").Trim();
        var existing = Topics.FindIndex(t => t.Name == trimmed && t.IsActive);
        if (existing < 0)
            throw new CommandRefusedException(Refusals.Invalid("topic.unknown", $"列表中没有在用的分类“{trimmed}”。", $"No active topic '{trimmed}'."));
        var topics = Topics.ToList();
        topics[existing] = topics[existing] with { RetiredOn = today, RetiredBy = actor };
        return new AgencyTopicList { Id = Id, Topics = topics, StoredVersion = StoredVersion };
    }
}

/// <summary>Reads and changes agencies' topic lists in the document store (administrators change them).</summary>
public sealed class TopicCatalog(IDocumentStore store, DecisionContextSource context)
{
    public async Task<AgencyTopicList> ForAgencyAsync(string agencyCode, CancellationToken cancellation = default)
    {
        await using var session = store.QuerySession();
        return await LoadAsync(session, agencyCode, cancellation);
    }

    public static async Task<AgencyTopicList> LoadAsync(IQuerySession session, string agencyCode, CancellationToken cancellation) =>
        await session.LoadAsync<AgencyTopicList>(agencyCode, cancellation) ?? AgencyTopicList.DefaultFor(agencyCode);

    public Task<(AgencyTopicList? List, Refusal? Refusal)> AddAsync(string agencyCode, string name, string actor, CancellationToken cancellation = default) =>
        ChangeAsync(agencyCode, list => list.Add(name, context.Today, actor), cancellation);

    public Task<(AgencyTopicList? List, Refusal? Refusal)> RetireAsync(string agencyCode, string name, string actor, CancellationToken cancellation = default) =>
        ChangeAsync(agencyCode, list => list.Retire(name, context.Today, actor), cancellation);

    /// <summary>How often a change is made again on fresh data after another change was saved first.</summary>
    public const int Attempts = 20;

    /// <summary>
    /// Makes <paramref name="change"/> on the list as stored and saves it over exactly that version. When another change
    /// was saved in between (another topic added at the same moment), the change is made again on the fresh list: that is
    /// not the user's conflict, and every change answered as saved is kept. A refusal on the fresh list (the same topic
    /// added by someone else meanwhile) is the answer.
    /// </summary>
    private async Task<(AgencyTopicList? List, Refusal? Refusal)> ChangeAsync(string agencyCode,
        Func<AgencyTopicList, AgencyTopicList> change, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(agencyCode)) return (null, Refusals.Required("机关代码", "agency code"));
        // A list never stored has an empty version: the first change inserts it.
        return await VersionedDocumentChange.SaveAsync(store, async session =>
        {
            var current = await LoadAsync(session, agencyCode.Trim(), cancellation);
            return (current, current.StoredVersion != Guid.Empty);
        }, change, Attempts, cancellation);
    }
}
