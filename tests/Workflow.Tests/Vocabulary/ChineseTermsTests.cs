using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Clock;
using Workflow.Vocabulary;

namespace Workflow.Tests.Vocabulary;

/// <summary>The one vocabulary resource (ADR 0027): every value has its term, no term is shared within an enum.</summary>
public sealed class ChineseTermsTests
{
    /// <summary>Enums of the write side that are not shown to users as words (codes, calendar file kinds).</summary>
    private static readonly Type[] NotVocabulary = [typeof(RefusalKind), typeof(CalendarFileKind), typeof(DayKind)];

    private static IEnumerable<Type> WorkflowEnums() =>
        typeof(ChineseTerms).Assembly.GetTypes().Where(t => t is { IsEnum: true, IsPublic: true });

    [Fact]
    public void every_enum_of_the_write_side_is_vocabulary_or_named_as_not_vocabulary()
    {
        WorkflowEnums().Except(NotVocabulary).Should().BeEquivalentTo(ChineseTerms.VocabularyEnums,
            "a new enum of src/Workflow gets its terms in ChineseTerms, or is listed here as not shown to users");
    }

    [Fact]
    public void every_value_of_every_vocabulary_enum_has_its_term()
    {
        var missing = ChineseTerms.VocabularyEnums
            .SelectMany(type => Enum.GetValues(type).Cast<Enum>())
            .Where(value => !ChineseTerms.Has(value) || string.IsNullOrWhiteSpace(ChineseTerms.Of(value)))
            .Select(value => $"{value.GetType().Name}.{value}");
        missing.Should().BeEmpty();
    }

    [Fact]
    public void no_two_values_of_one_enum_share_a_term()
    {
        foreach (var type in ChineseTerms.VocabularyEnums)
        {
            var terms = Enum.GetValues(type).Cast<Enum>().Select(ChineseTerms.Of).ToList();
            terms.Should().OnlyHaveUniqueItems($"each value of {type.Name} is a different thing and must read differently");
        }
    }

    [Fact]
    public void the_terms_are_chinese_never_the_english_identifier()
    {
        var english = ChineseTerms.VocabularyEnums.SelectMany(type => Enum.GetValues(type).Cast<Enum>())
            .Where(value => ChineseTerms.Of(value) == value.ToString());
        english.Should().BeEmpty();
    }

    [Fact]
    public void a_correction_is_named_by_the_field_it_changes()
    {
        // ApplicantContact corrects the applicant's phone (DisclosureApplication, ApplicationFile): one term, 联系电话.
        ChineseTerms.Of(CorrectableFact.ApplicantContact).Should().Be(ChineseTerms.Field.ApplicantPhone).And.Be("联系电话");
        ChineseTerms.Of(CorrectableFact.ReceivedOn).Should().Be(ChineseTerms.Field.Of("receivedOn"));
        ChineseTerms.Of(CorrectableFact.ApplicantName).Should().Be(ChineseTerms.Field.Of("applicant.name"));
    }

    [Fact]
    public void field_labels_are_distinct_and_unknown_paths_have_none()
    {
        ChineseTerms.Field.ByPath.Values.Should().OnlyHaveUniqueItems();
        ChineseTerms.Field.Of("applicant.phone").Should().Be("联系电话");
        ChineseTerms.Field.Of("nonsense").Should().BeNull();
        ChineseTerms.Field.Of(null).Should().BeNull();
    }

    [Fact]
    public void every_event_is_a_named_step_and_no_two_steps_share_a_name()
    {
        var eventTypes = typeof(IApplicationEvent).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IApplicationEvent).IsAssignableFrom(t)).ToList();
        ChineseTerms.EventTypes.Should().BeEquivalentTo(eventTypes);
        eventTypes.Select(ChineseTerms.StepOf).Should().OnlyHaveUniqueItems()
            .And.NotContain(step => eventTypes.Any(t => t.Name == step));
    }

    [Fact]
    public void item_result_groups_cover_every_result_once_in_table_order()
    {
        ChineseTerms.ItemResultGroups.SelectMany(g => g.Results).Should().OnlyHaveUniqueItems()
            .And.BeEquivalentTo(Enum.GetValues<ItemResult>());
        ChineseTerms.InFull(ItemResult.WithheldStateSecret).Should().Be("不予公开（属于国家秘密）");
        ChineseTerms.InFull(ItemResult.Disclosed).Should().Be("予以公开");
        ChineseTerms.ApplicantTypeLong(ApplicantType.ResearchInstitution).Should().Be("法人或其他组织·科研机构");
        ChineseTerms.ApplicantTypeLong(ApplicantType.NaturalPerson).Should().Be("自然人");
    }

    [Fact]
    public void descriptions_use_the_terms_of_the_values_they_mention()
    {
        var id = Guid.NewGuid();
        var on = new DateOnly(2024, 12, 31);
        ChineseTerms.Describe(new FactCorrected(id, on, CorrectableFact.Channel, "Letter", "Online", "登记错误。", "wang"))
            .Should().Be("更正申请方式：由“信函”改为“网络”，理由：登记错误。");
        ChineseTerms.Describe(new FactCorrected(id, on, CorrectableFact.ApplicantContact, "1", "2", "号码变更", "wang"))
            .Should().StartWith("更正联系电话：");
        ChineseTerms.Describe(new AnswerServed(id, ServiceMethod.Post, on, "wang")).Should().Be("答复于2024-12-31送达（邮寄）。");
        ChineseTerms.Describe(new NoticeIssued(id, NoticeKind.SupplementNotice, "补字〔2024〕1号", on, ServiceMethod.InPerson, "wang"))
            .Should().Be("出具补正告知书（补字〔2024〕1号），送达方式：当面送达（签收）。");
        ChineseTerms.Describe(new ReplyExtended(id, on, 20, "赵敏", "需要调取档案。", "zhao"))
            .Should().Be("经赵敏同意延期答复20个工作日，理由：需要调取档案。");
    }

    [Fact]
    public void a_corrected_value_reads_as_its_term_and_other_text_as_it_is()
    {
        ChineseTerms.OfCorrectedValue(CorrectableFact.ResultRow, nameof(ResultRow.OtherFeeUnpaid)).Should().Be("（六）2.逾期未缴费");
        ChineseTerms.OfCorrectedValue(CorrectableFact.ApplicantType, "Nonsense").Should().Be("Nonsense");
        ChineseTerms.OfCorrectedValue(CorrectableFact.ReceivedOn, "2024-12-31").Should().Be("2024-12-31");
        ChineseTerms.Of(ClockStatus.Paused).Should().Be("暂停计时");
    }

    [Fact]
    public void every_lifecycle_step_has_its_action_term()
    {
        ChineseTerms.StepNamesWithActions.Should().BeEquivalentTo(LifecycleSteps.All.Select(step => step.Name).Append(ApplicationSteps.Register));
        foreach (var step in LifecycleSteps.All)
            ChineseTerms.ActionOf(step.Name).Should().NotBe(step.Name, $"the step {step.Name} has a Chinese action term");
    }
}
