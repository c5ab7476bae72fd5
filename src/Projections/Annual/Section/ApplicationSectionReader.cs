using Marten;
using Marten.Schema;
using Projections.Tables;
using Workflow.Applications;

namespace Projections.Annual.Section;

/// <summary>One version of the staff-edited wording: the template with its placeholders, who saved it and when.</summary>
public sealed record NarrativeVersion(string Template, string EditedBy, DateTimeOffset EditedAt);

/// <summary>
/// The edited wording of the 依申请公开 paragraph of one table (agency or tree) and year. Every save is kept: the last
/// version is in force, the earlier ones are the record of who changed the wording and when (docs/adr/0023).
/// </summary>
public sealed class NarrativeEdits
{
    public string Id { get; set; } = "";
    public List<NarrativeVersion> Versions { get; set; } = [];

    /// <summary>
    /// The stored version of the document (Marten's optimistic concurrency), not of the wording: a save is stored only over
    /// the document it added its version to, so parallel saves never drop one another (docs/adr/0039). Empty: never stored.
    /// </summary>
    [Version]
    public Guid StoredVersion { get; set; }

    public static string IdFor(string tableId, int year) => $"{tableId}:{year}";

    /// <summary>The edit in force: the last version, unless that one is a reset to the generated wording (empty template).</summary>
    public NarrativeVersion? Current => Versions.Count == 0 || Versions[^1].Template.Length == 0 ? null : Versions[^1];
}

/// <summary>The paragraph as it will be published: the template in force, its text, and whether staff edited it.</summary>
public sealed record SectionNarrativeText(string Template, string Text, bool Edited, NarrativeVersion? LastEdit, string DefaultTemplate);

/// <summary>Serves the 依申请公开 part of a year's report (tables, topics, fees, the paragraph) from the statistics of the applications counting in the year.</summary>
public sealed class ApplicationSectionReader(IQuerySession session)
{
    public const int MaxTemplateLength = 8000;

    public async Task<ApplicationSection> LoadAsync(IReadOnlyCollection<string> agencyCodes, string agencyName, int year,
        string? layoutCode = null, CancellationToken cancellation = default)
    {
        if (agencyCodes.Count == 0) throw new ArgumentException("At least one agency is needed.", nameof(agencyCodes));
        // The flows of the applications that count in the year, folded in memory (docs/adr/0024).
        var statistics = await new AnnualTableReader(session).CountingInAsync(agencyCodes, year, cancellation);
        var flows = AnnualContribution.FromStatistics(statistics).Values;
        var tableId = AnnualTableBuilder.TableId(agencyCodes);
        var tables = AnnualTableBuilder.Build(tableId, year, flows);
        var layout = layoutCode is null ? TableLayouts.ForYear(year) : TableLayouts.ByCode(layoutCode);
        var report = RenderedReport.Build(layout, agencyName, year, tables.Disclosure, tables.Reviews);
        return ApplicationSection.Build(tableId, year, tables, report, flows);
    }

    /// <summary>The paragraph: staff's last edit when there is one, else the default wording; figures filled in.</summary>
    public async Task<SectionNarrativeText> NarrativeAsync(ApplicationSection section, CancellationToken cancellation = default)
    {
        var edits = await session.LoadAsync<NarrativeEdits>(NarrativeEdits.IdFor(section.TableId, section.Year), cancellation);
        var defaultTemplate = SectionNarrative.DefaultTemplate(section);
        var template = edits?.Current?.Template ?? defaultTemplate;
        return new SectionNarrativeText(template, SectionNarrative.Render(template, section), edits?.Current is not null,
            edits?.Current, defaultTemplate);
    }

    /// <summary>
    /// Records staff's wording (a template). Refused when blank, too long, or naming a figure the section does not have;
    /// an empty <paramref name="template"/> is not a reset: <see cref="ResetAsync"/> records the return to the default.
    /// </summary>
    public static async Task<Refusal?> SaveEditAsync(IDocumentSession session, ApplicationSection section, string template,
        string actor, DateTimeOffset now, CancellationToken cancellation = default)
    {
        if (string.IsNullOrWhiteSpace(actor)) return Refusals.Required("经办人", "actor");
        if (string.IsNullOrWhiteSpace(template)) return Refusals.Required("段落文字", "paragraph text", "template");
        if (template.Length > MaxTemplateLength) return Refusals.TooLong("段落文字", "paragraph text", MaxTemplateLength, "template");
        // The API's JSON gate refuses such text too; this is the rule itself, for the narrative page as well.
        if (StrictJson.TextRefusal(template, "段落文字", "paragraph text", "template") is { } unacceptable) return unacceptable;
        var unknown = SectionNarrative.UnknownPlaceholders(template, section);
        if (unknown.Count > 0)
            return Refusals.Invalid("narrative.unknown-figure",
                $"段落中的数字占位符不存在：{string.Join("、", unknown.Select(u => "{" + u + "}"))}。数字请使用已有的占位符，以保证与统计表一致。",
                $"Unknown figure placeholders: {string.Join(", ", unknown)}.");
        return await AppendAsync(session, section, template.Trim(), actor, now, cancellation);
    }

    /// <summary>
    /// Goes back to the generated wording; recorded like an edit (an empty template marks the reset). Null, or the
    /// refusal when the document stayed contended through every attempt (nothing stored).
    /// </summary>
    public static Task<Refusal?> ResetAsync(IDocumentSession session, ApplicationSection section, string actor, DateTimeOffset now,
        CancellationToken cancellation = default) => AppendAsync(session, section, null, actor, now, cancellation);

    /// <summary>How often a save is made again on the fresh document after another save was stored first.</summary>
    public const int Attempts = 20;

    /// <summary>
    /// Adds one version to the stored document and saves it over exactly the version it was loaded at; when another save
    /// was stored in between, the version is added again to the fresh document (every save is kept, docs/adr/0023). Each
    /// attempt uses its own session of <paramref name="session"/>'s store: a failed save leaves nothing behind in it.
    /// </summary>
    private static async Task<Refusal?> AppendAsync(IDocumentSession session, ApplicationSection section, string? template, string actor,
        DateTimeOffset now, CancellationToken cancellation)
    {
        var id = NarrativeEdits.IdFor(section.TableId, section.Year);
        var (_, refusal) = await VersionedDocumentChange.SaveAsync(session.DocumentStore, async attemptSession =>
            await attemptSession.LoadAsync<NarrativeEdits>(id, cancellation) is { } stored
                ? (stored, true)
                : (new NarrativeEdits { Id = id }, false),
            edits =>
            {
                edits.Versions.Add(new NarrativeVersion(template ?? "", actor, now));
                return edits;
            }, Attempts, cancellation);
        return refusal;
    }
}
