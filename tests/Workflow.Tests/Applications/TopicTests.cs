using Workflow.Applications;
using Workflow.Topics;

namespace Workflow.Tests.Applications;

/// <summary>申请内容分类: the agency's topic list and assigning topics at registration and later.</summary>
public sealed class TopicTests : DecisionSpec
{
    private static readonly IReadOnlySet<string> Active = AgencyTopicList.DefaultFor("qxg").ActiveNames;

    private static TopicsAssigned Assign(DisclosureApplication state, params string[] topics) =>
        AssigningTopicsRules.Decide(state, new AssignTopics(Id, state.Version, D(4, 1), topics, Clerk), Active, Context());

    private static Refusal Refused(Action act) => act.Should().Throw<CommandRefusedException>().Which.Refusal;

    [Fact]
    public void topics_are_assigned_trimmed_deduplicated_in_the_order_given()
    {
        var assigned = Assign(Given().State, " 社会保障 ", "征地和房屋拆迁", "社会保障");
        assigned.Should().Be(new TopicsAssigned(Id, D(4, 1), assigned.Topics, Clerk));
        assigned.Topics.Should().Equal("社会保障", "征地和房屋拆迁");
        Fold(Received(), assigned).Topics.Should().Equal("社会保障", "征地和房屋拆迁");
    }

    [Fact]
    public void a_topic_not_in_the_agencys_active_list_is_refused_naming_it()
    {
        var refusal = Refused(() => Assign(Given().State, "社会保障", "征地拆迁"));
        refusal.Code.Should().Be("topics.unknown");
        refusal.Chinese.Should().Contain("征地拆迁").And.NotContain("社会保障");
    }

    [Fact]
    public void an_unchanged_set_is_refused_and_an_empty_set_clears()
    {
        var state = Fold(Received(), Assign(Given().State, "教育"));
        Refused(() => Assign(state, "教育")).Code.Should().Be("topics.unchanged");
        var cleared = Assign(state, []);
        cleared.Topics.Should().BeEmpty();
        Fold(Received(), Assign(Given().State, "教育"), cleared).Topics.Should().BeEmpty();
    }

    [Fact]
    public void topics_may_be_set_on_a_closed_application_but_not_in_the_future_or_before_receipt()
    {
        var closed = Given(AnsweredOn(D(3, 20), D(3, 20))).State;
        Assign(closed, "教育").Topics.Should().Equal("教育");
        Refused(() => AssigningTopicsRules.Decide(closed, new AssignTopics(Id, 2, Today.AddDays(1), ["教育"], Clerk), Active, Context()))
            .Code.Should().Be("date.in-future");
        Refused(() => AssigningTopicsRules.Decide(closed, new AssignTopics(Id, 2, ReceivedOn.AddDays(-1), ["教育"], Clerk), Active, Context()))
            .Code.Should().Be("date.before-receipt");
    }

    [Fact]
    public void topics_do_not_bound_a_later_receipt_date_correction()
    {
        var state = Fold(Received(), Assign(Given().State, "教育"));
        state.EarliestStepOn.Should().BeNull();
    }

    [Fact]
    public void more_than_ten_topics_are_refused()
    {
        var many = AgencyTopicList.Defaults.Take(11).ToArray();
        Refused(() => Assign(Given().State, many)).Code.Should().Be("topics.too-many");
    }

    [Fact]
    public void registration_carries_topics_validated_against_the_list_and_stays_valid_without()
    {
        var command = new RegisterApplication("qxg", ReceivedOn, Channel.Letter, ApplicantType.NaturalPerson,
            new Applicant("张三", null, "13800000000", null, null), ["征地补偿方案"], RequestedForm.Paper, null, Clerk);
        RegisteringRules.Register(command, Id, "n", 1, Context()).Topics.Should().BeNull();
        RegisteringRules.Register(command with { Topics = ["征地和房屋拆迁"] }, Id, "n", 1, Context(), Active).Topics
            .Should().Equal("征地和房屋拆迁");
        Refused(() => RegisteringRules.Register(command with { Topics = ["没有的分类"] }, Id, "n", 1, Context(), Active))
            .Code.Should().Be("topics.unknown");
        var received = RegisteringRules.Register(command with { Topics = ["教育", "教育"] }, Id, "n", 1, Context(), Active);
        DisclosureApplication.Create(received).Topics.Should().Equal("教育");
    }

    [Fact]
    public void the_list_adds_retires_and_brings_back_topics_keeping_history()
    {
        var list = AgencyTopicList.DefaultFor("qxg");
        list.ActiveNames.Should().Contain(["征地和房屋拆迁", "数据统计", "危房改造", "社会保障", "房屋搬迁", "安置方案", "疫情政策咨询", "教育"]);
        var added = list.Add(" 林权纠纷 ", D(5, 1), "admin");
        added.ActiveNames.Should().Contain("林权纠纷");
        Refused(() => added.Add("林权纠纷", D(5, 2), "admin")).Code.Should().Be("topic.exists");
        Refused(() => added.Add("  ", D(5, 2), "admin")).Code.Should().Be("field.required");
        var retired = added.Retire("林权纠纷", D(6, 1), "admin");
        retired.ActiveNames.Should().NotContain("林权纠纷");
        retired.Topics.Single(t => t.Name == "林权纠纷").Should().Be(new TopicEntry("林权纠纷", D(5, 1), "admin", D(6, 1), "admin"));
        Refused(() => retired.Retire("林权纠纷", D(6, 2), "admin")).Code.Should().Be("topic.unknown");
        retired.Add("林权纠纷", D(7, 1), "admin").ActiveNames.Should().Contain("林权纠纷");
        list.Topics.Should().HaveCount(AgencyTopicList.Defaults.Count, "changes return a new list");
    }
}
