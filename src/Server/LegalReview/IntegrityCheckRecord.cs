using Marten;
using Projections.Integrity;

namespace Server.LegalReview;

/// <summary>
/// The latest run of the integrity check started from the legal-review page: who ran it, when, and what it found. One
/// document, replaced by each run (the chain digests keep the history; this is what the page shows next).
/// </summary>
public sealed class IntegrityCheckRecord
{
    public const string LatestId = "latest";

    public string Id { get; set; } = LatestId;
    public DateTimeOffset CheckedAt { get; set; }
    public string CheckedBy { get; set; } = "";
    public bool Intact { get; set; }
    public int StreamsChecked { get; set; }
    public int EventsChecked { get; set; }
    public int DigestsChecked { get; set; }
    public string ChineseSummary { get; set; } = "";
    /// <summary>Every break, in Chinese, first one first.</summary>
    public List<string> Breaks { get; set; } = [];

    public static IntegrityCheckRecord From(IntegrityReport report, string checkedBy) => new()
    {
        CheckedAt = report.CheckedAt,
        CheckedBy = checkedBy,
        Intact = report.Intact,
        StreamsChecked = report.StreamsChecked,
        EventsChecked = report.EventsChecked,
        DigestsChecked = report.DigestsChecked,
        ChineseSummary = report.ChineseSummary,
        Breaks = [.. report.Breaks.Select(b => b.ChineseMessage)],
    };
}

/// <summary>Registers <see cref="IntegrityCheckRecord"/> with Marten.</summary>
public sealed class IntegrityCheckRecordStorage : IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options) => options.Schema.For<IntegrityCheckRecord>();
}
