using Projections.Tables;

namespace Projections.Annual.Section;

/// <summary>One part of the 依申请公开 document in reading order.</summary>
public abstract record SectionBlock;

public sealed record SectionHeading(string Text) : SectionBlock;

public sealed record SectionParagraph(string Text) : SectionBlock;

/// <summary>A table grid with its counting-rule footnotes (the title is the heading before it).</summary>
public sealed record SectionTable(RenderedTable Table) : SectionBlock;

/// <summary>
/// The 依申请公开 part of one year's report, ready to paste into the agency's full report: in the official section
/// numbering of the year's format (2019/2021: 三 with the paragraph and table 三, 四 with table 四, 六 with the fee
/// statement; pre-2019: the statistics table's 依申请公开 part after the paragraph, and the fees). Both the HTML and the
/// DOCX renderers walk these blocks, so the two downloads say the same.
/// </summary>
public sealed record SectionDocument(string Title, IReadOnlyList<SectionBlock> Blocks)
{
    public const string OtherMattersHeading = "六、其他需要报告的事项";

    public static SectionDocument Build(ApplicationSection section, SectionNarrativeText narrative) =>
        Build(section.Report, narrative.Text, FeeStatement(section));

    /// <summary>
    /// The part as it was published: the tables from the publication's frozen counts and its frozen paragraph and fee
    /// statement; null for a publication made before the text was frozen with the tables.
    /// </summary>
    public static SectionDocument? AsPublished(Workflow.Publication.AnnualReportPublished published, string agencyName)
    {
        if (published.Paragraph is null || published.FeeStatement is null) return null;
        var report = RenderedReport.Build(TableLayouts.ByCode(published.Layout), agencyName, published.Year,
            Publication.PublishedCounts.Thaw(published.Disclosure), Publication.PublishedCounts.Thaw(published.Reviews));
        var document = Build(report, published.Paragraph, published.FeeStatement);
        return document with { Title = $"{document.Title}（{published.PublishedOn:yyyy年M月d日}发布稿）" };
    }

    private static SectionDocument Build(RenderedReport report, string paragraph, string fees)
    {
        var blocks = new List<SectionBlock>();
        if (report.LayoutCode == TableLayouts.CodeLegacy)
        {
            blocks.Add(new SectionHeading("依申请公开政府信息情况"));
            blocks.Add(new SectionParagraph(paragraph));
            foreach (var table in report.Tables)
            {
                blocks.Add(new SectionHeading(table.Title));
                blocks.Add(new SectionTable(table));
            }
            blocks.Add(new SectionHeading("政府信息公开收费情况"));
            blocks.Add(new SectionParagraph(fees));
        }
        else
        {
            var applications = report.Tables.Single(t => t.Key == "applications");
            var reviews = report.Tables.Single(t => t.Key == "reviews");
            blocks.Add(new SectionHeading(applications.Title));
            blocks.Add(new SectionParagraph(paragraph));
            blocks.Add(new SectionTable(applications));
            blocks.Add(new SectionHeading(reviews.Title));
            blocks.Add(new SectionTable(reviews));
            blocks.Add(new SectionHeading(OtherMattersHeading));
            blocks.Add(new SectionParagraph(fees));
        }
        return new SectionDocument($"{report.AgencyName}{report.Year}年政府信息公开工作年度报告（依申请公开部分）", blocks);
    }

    /// <summary>The fee statement: the same sentence as the paragraph's, for the year (信息处理费 from 2021).</summary>
    public static string FeeStatement(ApplicationSection section) =>
        $"{section.Year}年度" + SectionNarrative.Render(SectionNarrative.FeeSentenceTemplate(section), section);
}
