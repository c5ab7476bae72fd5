using Marten;
using Projections.Annual.Publication;
using Projections.Annual.Section;
using Projections.Tables;
using Projections.Tests.Support;
using Workflow.Applications;
using Workflow.Publication;

namespace Projections.Tests.Section;

/// <summary>
/// The 依申请公开 part of a year's report through the real commands and daemon: topics per year with drill-down, the
/// fee figures of section 六, and the paragraph whose every number equals the table cells it corresponds to.
/// </summary>
public sealed class ApplicationSectionTests(AnnualAppFixture app) : AnnualContext(app)
{
    private async Task<Guid> RegisterWithTopicsAsync(DateOnly on, Channel channel, params string[] topics)
    {
        var outcome = await App.Commands.RegisterAsync(new RegisterApplication(Agency, on, channel, ApplicantType.NaturalPerson,
            new Applicant("王五", null, "13900000000", null, null), ["所需信息"], RequestedForm.Paper, null, Clerk, Topics: topics));
        outcome.Refusal.Should().BeNull();
        return outcome.Result!.ApplicationId;
    }

    private async Task<ApplicationSection> SectionAsync(int year, string? layout = null)
    {
        await App.CatchUpAsync();
        await using var session = App.Store.QuerySession();
        return await new ApplicationSectionReader(session).LoadAsync([Agency], "七星关区", year, layout);
    }

    /// <summary>Every figure that names cells equals their sum; every figure's drill-down has as many ids as its value (counts).</summary>
    private static void FiguresMatchTheirCells(ApplicationSection section)
    {
        foreach (var figure in section.Figures.Values)
        {
            if (figure.CellKeys.Count > 0)
                figure.Value.Should().Be(figure.CellKeys.Sum(key => (section.Report.FindCell(key) ?? throw new KeyNotFoundException(key)).Value!.Value),
                    $"the figure {figure.Name} must equal its cells {string.Join(", ", figure.CellKeys)}");
            if (!figure.IsMoney) figure.Ids.Should().HaveCount((int)figure.Value, $"{figure.Name} drills down to its applications");
        }
    }

    [Fact]
    public async Task topics_count_per_receipt_year_largest_first_with_drill_down_and_a_later_assignment_moves_them()
    {
        var land1 = await RegisterWithTopicsAsync(D(2024, 3, 4), Channel.Letter, "征地和房屋拆迁");
        var land2 = await RegisterWithTopicsAsync(D(2024, 3, 5), Channel.Online, "征地和房屋拆迁", "社会保障");
        var later = await RegisterAsync(D(2024, 3, 6));
        await StepAsync(later, v => new AssignTopics(later, v, D(2024, 3, 8), ["数据统计"], Clerk));
        await RegisterWithTopicsAsync(D(2023, 3, 6), Channel.Letter, "教育");

        var section = await SectionAsync(2024);
        section.Topics.Select(t => (t.Topic, t.Count)).Should().Equal(("征地和房屋拆迁", 2), ("数据统计", 1), ("社会保障", 1));
        section.Topics[0].Ids.Should().BeEquivalentTo([land1, land2]);
        section.Figures["topic:数据统计"].Ids.Should().Equal(later);

        await StepAsync(later, v => new AssignTopics(later, v, D(2024, 3, 9), ["社会保障"], Clerk));
        (await SectionAsync(2024)).Topics.Select(t => (t.Topic, t.Count)).Should().Equal(("征地和房屋拆迁", 2), ("社会保障", 2));
        (await SectionAsync(2023)).Topics.Select(t => t.Topic).Should().Equal("教育");
    }

    [Fact]
    public async Task the_paragraph_states_every_figure_of_the_2021_tables_and_the_fees_of_section_six()
    {
        var disclosed = await RegisterWithTopicsAsync(D(2024, 3, 4), Channel.Letter, "征地和房屋拆迁");
        await AnswerAsync(disclosed, D(2024, 3, 20), ItemResult.Disclosed);
        var feeCase = await RegisterWithTopicsAsync(D(2024, 6, 3), Channel.Online, "数据统计");
        await StepAsync(feeCase, v => new NoticeFee(feeCase, v, D(2024, 6, 5), FeeMethod.PerPage, 120, null, Clerk));
        await StepAsync(feeCase, v => new RecordFeePaid(feeCase, v, D(2024, 6, 7), 100m, Clerk));
        await AnswerAsync(feeCase, D(2024, 6, 17), ItemResult.NotHeldDoesNotExist);
        await StepAsync(feeCase, v => new FileReconsideration(feeCase, v, D(2024, 7, 1), "毕节市人民政府", null, Clerk));
        await StepAsync(feeCase, v => new DecideReconsideration(feeCase, v, 1, D(2024, 7, 15), ReviewDecision.Withdrawn, "撤回", Clerk));
        await RegisterAsync(D(2024, 11, 4), channel: Channel.InPerson);

        var section = await SectionAsync(2024);
        FiguresMatchTheirCells(section);
        section.Fees.Should().BeEquivalentTo(new { NoticesIssued = 1, AmountCollected = 100m });
        section.Fees.AmountNoticed.Should().BePositive();

        await using var session = App.Store.QuerySession();
        var text = await new ApplicationSectionReader(session).NarrativeAsync(section);
        text.Edited.Should().BeFalse();
        text.Text.Should().StartWith("2024年，共收到政府信息公开申请3件，其中当面申请1件，信函申请1件，网上申请1件。")
            .And.Contain("本年度办结2件，其中予以公开1件，无法提供1件；结转下年度继续办理1件。")
            .And.Contain("行政复议1件（其他结果1件，其中申请人撤回1件）").And.Contain("未发生行政诉讼。")
            .And.Contain("主要涉及：征地和房屋拆迁（1件）、数据统计（1件）等方面的信息。")
            .And.Contain($"发出信息处理费收费通知1件，金额{section.Figures["fees.noticed"].Text}元，实际收取信息处理费100元。")
            .And.NotContain("部分公开").And.NotContain("{");
        foreach (var name in SectionNarrative.PlaceholdersOf(text.Template))
            section.Figures.Should().ContainKey(name);
    }

    [Fact]
    public async Task every_placeholder_of_the_default_text_matches_its_cell_in_each_layout()
    {
        var a = await RegisterAsync(D(2020, 6, 1), channel: Channel.Fax);
        await StepAsync(a, v => new ExtendReply(a, v, D(2020, 6, 20), 20, "主任", "需调档", Clerk));
        await AnswerAsync(a, D(2020, 7, 20), ItemResult.WithheldStateSecret);
        await StepAsync(a, v => new FileLawsuit(a, v, D(2020, 8, 3), "七星关区人民法院", null, null, Clerk));
        var b = await RegisterAsync(D(2020, 6, 2), channel: Channel.Email);
        await StepAsync(b, v => new WithdrawApplication(b, v, D(2020, 6, 5), "撤回", Clerk));

        foreach (var layout in TableLayouts.All)
        {
            var section = await SectionAsync(2020, layout.Code);
            FiguresMatchTheirCells(section);
            var text = SectionNarrative.Render(SectionNarrative.DefaultTemplate(section), section);
            text.Should().Contain("共收到政府信息公开申请2件，其中网上申请1件，传真申请1件。")
                .And.Contain("本年度办结2件，其中不予公开1件，其他处理1件。").And.Contain("经批准延期答复后办结1件。")
                .And.Contain("行政诉讼1件（尚未审结1件）").And.Contain("未发生行政复议。")
                .And.Contain("未收取依申请提供政府信息的费用。").And.NotContain("信息处理费");
        }
    }

    [Fact]
    public async Task staff_edit_the_wording_keeping_the_figures_linked_and_every_version_is_recorded()
    {
        var id = await RegisterWithTopicsAsync(D(2024, 3, 4), Channel.Letter, "教育");
        var section = await SectionAsync(2024);
        await using (var session = App.Store.LightweightSession())
        {
            (await ApplicationSectionReader.SaveEditAsync(session, section, "本年度共受理申请{received}件，涉及{nothing}。", "clerk.li", DateTimeOffset.UnixEpoch))
                .Should().BeEquivalentTo(new { Code = "narrative.unknown-figure" });
            (await ApplicationSectionReader.SaveEditAsync(session, section, "本年度共受理申请{received}件，均依法办理。", "clerk.li",
                new DateTimeOffset(2024, 12, 20, 2, 0, 0, TimeSpan.Zero))).Should().BeNull();
        }
        await RegisterAsync(D(2024, 3, 5));
        var after = await SectionAsync(2024);
        await using (var session = App.Store.QuerySession())
        {
            var text = await new ApplicationSectionReader(session).NarrativeAsync(after);
            text.Edited.Should().BeTrue();
            text.Text.Should().Be("本年度共受理申请2件，均依法办理。", "the edited wording keeps the figure linked to the tables");
            text.LastEdit!.EditedBy.Should().Be("clerk.li");
        }
        await using (var session = App.Store.LightweightSession())
            await ApplicationSectionReader.ResetAsync(session, after, "clerk.wang", new DateTimeOffset(2024, 12, 20, 3, 0, 0, TimeSpan.Zero));
        await using (var session = App.Store.QuerySession())
        {
            (await new ApplicationSectionReader(session).NarrativeAsync(after)).Edited.Should().BeFalse();
            var edits = await session.LoadAsync<NarrativeEdits>(NarrativeEdits.IdFor(after.TableId, 2024));
            edits!.Versions.Select(v => v.EditedBy).Should().Equal("clerk.li", "clerk.wang");
        }
        id.Should().NotBeEmpty();
    }

    [Fact]
    public async Task publishing_a_year_freezes_its_paragraph_and_fee_statement_with_the_tables()
    {
        var first = await RegisterAsync(D(2024, 3, 4), channel: Channel.Letter);
        await AnswerAsync(first, D(2024, 3, 20), ItemResult.Disclosed);
        var atPublication = await SectionAsync(2024);
        string paragraphAtPublication;
        await using (var session = App.Store.QuerySession())
            paragraphAtPublication = (await new ApplicationSectionReader(session).NarrativeAsync(atPublication)).Text;

        await App.Bus.InvokeAsync<PublicationResult>(new PublishAnnualReport(Agency, 2024, null, "head.zhao"));
        await RegisterAsync(D(2024, 11, 4), channel: Channel.InPerson);
        var now = await SectionAsync(2024);

        await using var query = App.Store.QuerySession();
        var publication = (await new PublicationStatusReader(query).LoadAsync(Agency, 2024)).Publication!;
        publication.Paragraph.Should().Be(paragraphAtPublication).And.Contain("共收到政府信息公开申请1件");
        publication.FeeStatement.Should().Be(SectionDocument.FeeStatement(atPublication));
        (await new ApplicationSectionReader(query).NarrativeAsync(now)).Text.Should().Contain("共收到政府信息公开申请2件",
            "the current paragraph follows the tables; the published one stays as it was");

        var published = SectionDocument.AsPublished(publication, "七星关区")!;
        published.Title.Should().Contain("发布稿");
        published.Blocks.OfType<SectionParagraph>().First().Text.Should().Be(paragraphAtPublication);
        published.Blocks.OfType<SectionParagraph>().Last().Text.Should().Be(publication.FeeStatement);
        SectionDocument.AsPublished(publication with { Paragraph = null }, "七星关区").Should().BeNull("publications made before the text was frozen have tables only");
    }
}
