using Marten;
using Workflow.Applications;

namespace Server.Accounts;

/// <summary>
/// An administrative organ that handles disclosure applications (a people's government, or one of its departments).
/// Agencies form a tree through <see cref="ParentCode"/>: a government's office sees its departments' applications.
/// </summary>
public sealed class Agency
{
    /// <summary>Short stable code, the document id (e.g. <c>qxg</c>). Lower case ASCII letters, digits, '-' and '.'.</summary>
    public string Code { get; set; } = "";
    /// <summary>The full name for display, e.g. 毕节市七星关区人民政府.</summary>
    public string Name { get; set; } = "";
    public string? ParentCode { get; set; }
    /// <summary>The registration-number prefix, e.g. 七星府公开 in 七星府公开〔2024〕第27号.</summary>
    public string RegistrationPrefix { get; set; } = "";
}

/// <summary>
/// Reads and extends the agency tree. Small (an office has tens of agencies), so every query loads the whole tree:
/// always current, no cache to invalidate.
/// </summary>
public sealed class AgencyDirectory(IDocumentStore store)
{
    public async Task<IReadOnlyList<Agency>> ListAsync(CancellationToken cancellation = default)
    {
        await using var session = store.QuerySession();
        var agencies = await session.Query<Agency>().ToListAsync(cancellation);
        return [.. agencies.OrderBy(a => a.Code, StringComparer.Ordinal)];
    }

    public async Task<Agency?> FindAsync(string code, CancellationToken cancellation = default)
    {
        // Something that cannot be a code is no agency; it is not sent to the database (a NUL would make PostgreSQL fail).
        if (!IsCode(code.Trim())) return null;
        await using var session = store.QuerySession();
        return await session.LoadAsync<Agency>(code.Trim(), cancellation);
    }

    /// <summary>The one rule of what an agency code is: 1-40 lower-case ASCII letters, digits, '-' and '.'.</summary>
    public static bool IsCode(string code) =>
        code.Length is > 0 and <= 40 && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.');

    /// <summary>The agency and all its descendants; empty when the agency does not exist.</summary>
    public async Task<IReadOnlySet<string>> SubtreeOf(string code, CancellationToken cancellation = default) =>
        Subtree(await ListAsync(cancellation), code.Trim());

    /// <summary>Code → name, for display.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(CancellationToken cancellation = default) =>
        (await ListAsync(cancellation)).ToDictionary(a => a.Code, a => a.Name);

    // An agency is only ever added (AddAsync inserts, nothing updates or deletes one), so a prefix once read stays true
    // for the life of the process; an unknown code is asked again each time (another process may add it).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> knownPrefixes = new(StringComparer.Ordinal);

    /// <summary>The prefix for registration numbers, or null for an agency nobody registered. Read once per agency and process.</summary>
    public async Task<string?> RegistrationPrefixAsync(string code, CancellationToken cancellation = default)
    {
        code = code.Trim();
        if (knownPrefixes.TryGetValue(code, out var known)) return known;
        var prefix = (await FindAsync(code, cancellation))?.RegistrationPrefix;
        if (prefix is not null) knownPrefixes[code] = prefix;
        return prefix;
    }

    /// <summary>Adds an agency; its parent must exist. Without a prefix, the prefix is the name followed by 公开.</summary>
    public async Task<(Agency? Agency, Refusal? Refusal)> AddAsync(string code, string name, string? parentCode, string? prefix,
        CancellationToken cancellation = default)
    {
        code = Normalize(code);
        name = name.Trim();
        parentCode = string.IsNullOrWhiteSpace(parentCode) ? null : Normalize(parentCode);
        if (!IsCode(code))
            return (null, Refusals.Invalid("agency.code-invalid",
                "机关代码只能由小写英文字母、数字、“-”和“.”组成，且不超过 40 个字符。",
                "An agency code is 1-40 characters of lower-case letters, digits, '-' and '.'."));
        if (name.Length is 0 or > 100) return (null, Refusals.Required("机关名称", "agency name"));
        if ((StrictJson.TextRefusal(name, "机关名称", "agency name", null) ?? StrictJson.TextRefusal(prefix, "登记号前缀", "registration prefix", null)) is { } unacceptable)
            return (null, unacceptable);

        var exists = Refusals.Invalid("agency.exists", $"机关代码“{code}”已存在。", $"Agency '{code}' already exists.");
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<Agency>(code, cancellation) is not null) return (null, exists);
        if (parentCode is not null && (!IsCode(parentCode) || await session.LoadAsync<Agency>(parentCode, cancellation) is null))
            return (null, Refusals.UnknownAgency(parentCode));

        var agency = new Agency
        {
            Code = code,
            Name = name,
            ParentCode = parentCode,
            RegistrationPrefix = string.IsNullOrWhiteSpace(prefix) ? $"{name}公开" : prefix.Trim(),
        };
        session.Insert(agency); // insert, not store: two administrators adding the same code cannot overwrite each other
        try
        {
            await session.SaveChangesAsync(cancellation);
        }
        catch (Exception exception) when (StoreConflicts.IsDuplicate(exception))
        {
            return (null, exists); // added by another process between the check above and this insert: the check's answer
        }
        return (agency, null);
    }

    public static IReadOnlySet<string> Subtree(IEnumerable<Agency> agencies, string code)
    {
        var children = agencies.Where(a => a.ParentCode is not null).ToLookup(a => a.ParentCode!, a => a.Code);
        var all = agencies.Select(a => a.Code).ToHashSet();
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (!all.Contains(code)) return result;
        var pending = new Stack<string>([code]);
        while (pending.TryPop(out var next))
        {
            if (!result.Add(next)) continue; // a cycle cannot be built through AddAsync, but never loop on bad data
            foreach (var child in children[next]) pending.Push(child);
        }
        return result;
    }

    public static string Normalize(string code) => code.Trim().ToLowerInvariant();
}
