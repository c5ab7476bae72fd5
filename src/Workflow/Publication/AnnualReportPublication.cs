using System.Security.Cryptography;
using System.Text;
using Marten;
using Workflow.Applications;

namespace Workflow.Publication;

/// <summary>公开年报: publish the year's tables 三 and 四 of one agency (domain A16). <see cref="Layout"/>: a layout code, default by year.</summary>
public sealed record PublishAnnualReport(string AgencyCode, int Year, string? Layout, string Actor);

/// <summary>
/// The tables of one agency and year as published: a frozen snapshot of the counts with the drill-down behind every
/// cell, so later changes can be listed cell by cell with their applications (A16). Publishing again appends another
/// event to the same stream; the latest one is the publication in force. Stored as <c>annual_report_published</c>
/// (the type's name): publications written while the type lived in the Projections assembly read back as this type.
/// </summary>
public sealed record AnnualReportPublished(
    string AgencyCode,
    int Year,
    DateOnly PublishedOn,
    string Layout,
    string Actor,
    PublishedDisclosureCounts Disclosure,
    PublishedReviewCounts Reviews,
    int? CountingRulesVersion = null, // null: published before the version was recorded (version 1 of the counting rules)
    string? Paragraph = null,         // 依申请公开 paragraph as published (null: published before the text was frozen)
    string? FeeStatement = null);     // the fee statement (section 六, or the pre-2019 fee section) as published

public sealed record PublicationResult(Guid StreamId, int Publications, DateOnly PublishedOn);

/// <summary>Identity of the publication stream of one agency and year.</summary>
public static class AnnualReportStream
{
    /// <summary>A deterministic name-based Guid (RFC 9562 version 8 layout over SHA-256) of "annual-report:{agency}:{year}".</summary>
    public static Guid IdFor(string agencyCode, int year)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"annual-report:{agencyCode.Trim()}:{year}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }
}

/// <summary>
/// A year's figures and text as the read side holds them at the moment of publishing: the tables in the chosen layout,
/// the counting rules they were counted by, the 依申请公开 paragraph in the wording in force and the fee statement.
/// </summary>
public sealed record AnnualReportSnapshot(
    string Layout,
    PublishedDisclosureCounts Disclosure,
    PublishedReviewCounts Reviews,
    int CountingRulesVersion,
    string Paragraph,
    string FeeStatement);

/// <summary>
/// What publishing needs from the read side, implemented there (Projections): the write side never references the
/// read side's assembly, the read side answers through this interface (ADR 0028).
/// </summary>
public interface IAnnualReportSnapshots
{
    /// <summary>
    /// Whether the annual figures include every event recorded so far. A quick check, never a wait: callers that want
    /// to wait for the daemon do so before sending the command (see <c>AnnualReportPipeline.PublishAsync</c> in Server).
    /// </summary>
    Task<bool> IncludesEveryRecordedEventAsync(CancellationToken cancellation);

    /// <summary>
    /// The year of one agency as it reads now in <paramref name="layout"/> (null: the year's layout), or the refusal
    /// when the read side cannot give one to publish (an unknown layout, figures counted by outdated rules).
    /// </summary>
    Task<(AnnualReportSnapshot? Snapshot, Refusal? Refusal)> TakeAsync(string agencyCode, int year, string? layout, CancellationToken cancellation);
}

/// <summary>The rules of publishing a year (A16), pure: command + today (+ the read side's snapshot) → refusal or event.</summary>
public static class PublicationDecisions
{
    /// <summary>What makes a publication command invalid whatever the figures say: no actor, no agency, a year outside 2008 … this year.</summary>
    public static Refusal? Refuse(PublishAnnualReport command, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(command.Actor)) return Refusals.Required("经办人", "actor");
        if (string.IsNullOrWhiteSpace(command.AgencyCode)) return Refusals.Required("机关代码", "agency code");
        if (command.Year < StepChecks.EarliestReceipt.Year || command.Year > today.Year)
            return Refusals.Invalid("publication.year", $"年度 {command.Year} 无效：应在2008年至本年度之间。",
                $"Year {command.Year} must be between 2008 and the current year.");
        return null;
    }

    /// <summary>
    /// The figures have not yet counted every recorded event: a publication now could miss a step just recorded. Nothing is
    /// wrong with the request; sending it again in a moment succeeds (503 with Retry-After over HTTP).
    /// </summary>
    public static Refusal FiguresBehind { get; } = new("publication.projection-behind", "年报统计仍在更新，请稍后再发布。",
        "The annual statistics are still catching up; publish again in a moment.", RefusalKind.Unavailable);

    /// <summary>
    /// Another publication of the same year was committed after this one read the stream (two approvers at once, or a
    /// double click whose two requests overlapped): nothing was stored. Not retried: the one that won is the publication
    /// in force, and publishing again is an explicit act (docs/adr/0020) the user decides on after seeing it (docs/adr/0039).
    /// </summary>
    public static Refusal PublishedMeanwhile(int year, long publicationsSeen) => new("publication.concurrent",
        $"{year}年度年报刚刚已由他人（或重复提交）发布，本次发布未保存。请刷新查看当前发布情况，如仍需再次发布请重新操作。",
        $"Another publication of {year} was committed while this one ran (it saw {publicationsSeen} publication(s)); nothing was stored.",
        RefusalKind.Conflict);

    /// <summary>
    /// Whether <paramref name="next"/> would publish exactly what the publication in force published, the same day (only
    /// who clicked may differ): a repeat (a double click, a form sent twice), not a second publication. It would record
    /// nothing new and list the year as published twice, so it is refused; a republication on another day, in another
    /// layout, or after any figure or word changed is an explicit act and stays allowed (docs/adr/0020, 0039).
    /// <paramref name="json"/>: the store's serializer, so the comparison is of the facts as stored, not of references;
    /// compared as JSON values, because the database gives an object's keys back in its own order.
    /// </summary>
    public static bool Repeats(AnnualReportPublished next, AnnualReportPublished? inForce, Func<object, string> json) =>
        inForce is not null
        && System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(json(next with { Actor = inForce.Actor })),
            System.Text.Json.Nodes.JsonNode.Parse(json(inForce)));

    /// <summary>The publication in force already published exactly this today (see <see cref="Repeats"/>): nothing stored.</summary>
    public static Refusal AlreadyPublished(int year, long publications) => new("publication.repeated",
        $"{year}年度年报今天已按相同内容发布（第 {publications} 次发布），无需重复发布。",
        $"The {year} report was already published today with exactly this content (publication {publications}); nothing was stored.",
        RefusalKind.Conflict);

    /// <summary>What the store throws when a publication lost the race for the stream's next version.</summary>
    public static bool IsConcurrentPublication(Exception exception) => exception switch
    {
        JasperFx.ConcurrencyException => true,                                   // the expected version was passed meanwhile
        JasperFx.Events.ExistingStreamIdCollisionException => true,              // two first publications started the stream
        Marten.Exceptions.ExistingStreamIdCollisionException => true,
        JasperFx.DocumentAlreadyExistsException => true,                         // … or inserted its seal
        AggregateException aggregate => aggregate.InnerExceptions.All(IsConcurrentPublication),
        _ => false,
    };

    /// <summary>The publication of a valid command: the snapshot frozen as it reads today.</summary>
    public static AnnualReportPublished Decide(PublishAnnualReport command, DateOnly today, AnnualReportSnapshot snapshot) =>
        Refuse(command, today) is { } refusal
            ? throw new CommandRefusedException(refusal)
            : new AnnualReportPublished(command.AgencyCode.Trim(), command.Year, today, snapshot.Layout, command.Actor.Trim(),
                snapshot.Disclosure, snapshot.Reviews, snapshot.CountingRulesVersion, snapshot.Paragraph, snapshot.FeeStatement);
}

/// <summary>
/// Publishes a year's tables: refuses at once when the annual figures are behind the events (no wait inside the write),
/// takes the read side's snapshot and appends <see cref="AnnualReportPublished"/> to the agency-year's stream.
/// </summary>
public static class PublishAnnualReportHandler
{
    public static async Task<PublicationResult> Handle(PublishAnnualReport command, IDocumentSession session,
        IAnnualReportSnapshots snapshots, DecisionContextSource context, CancellationToken cancellation)
    {
        var today = context.Today;
        if (PublicationDecisions.Refuse(command, today) is { } invalid) throw new CommandRefusedException(invalid);
        if (!await snapshots.IncludesEveryRecordedEventAsync(cancellation)) throw new CommandRefusedException(PublicationDecisions.FiguresBehind);
        var (snapshot, refusal) = await snapshots.TakeAsync(command.AgencyCode.Trim(), command.Year, command.Layout, cancellation);
        if (refusal is not null) throw new CommandRefusedException(refusal);

        var published = PublicationDecisions.Decide(command, today, snapshot!);
        var streamId = AnnualReportStream.IdFor(published.AgencyCode, published.Year);
        // The publication is decided on the stream as read here: the first one starts the stream, a later one is
        // appended with the version it expects after it. A publication committed in between makes this one fail in the
        // database (and the stream seal with it), so the hash chain never gets two links for one version (docs/adr/0039).
        var state = await session.Events.FetchStreamStateAsync(streamId, cancellation);
        var publications = state?.Version ?? 0;
        if (publications > 0)
        {
            var inForce = (await session.Events.FetchStreamAsync(streamId, publications, fromVersion: publications, token: cancellation))
                .Select(e => e.Data).OfType<AnnualReportPublished>().LastOrDefault();
            var json = session.DocumentStore.Options.Serializer();
            if (PublicationDecisions.Repeats(published, inForce, json.ToJson))
                throw new CommandRefusedException(PublicationDecisions.AlreadyPublished(command.Year, publications));
        }
        if (publications == 0) session.Events.StartStream(streamId, published);
        else session.Events.Append(streamId, publications + 1, published);
        try
        {
            // Saved here rather than by Wolverine after the handler, so that losing the race is a refusal every caller
            // (API, 年报 page, command line) answers as such, not an exception each of them would have to know.
            await session.SaveChangesAsync(cancellation);
        }
        catch (Exception conflict) when (PublicationDecisions.IsConcurrentPublication(conflict))
        {
            throw new CommandRefusedException(PublicationDecisions.PublishedMeanwhile(command.Year, publications));
        }
        return new PublicationResult(streamId, (int)publications + 1, today);
    }
}
