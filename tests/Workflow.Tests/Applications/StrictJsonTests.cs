using Workflow.Applications;

namespace Workflow.Tests.Applications;

/// <summary>The one text and payload gate: JSON read from clients, and commands built in the app (web forms). Pure.</summary>
public sealed class StrictJsonTests
{
    [Theory]
    [InlineData("""{"version":1,"text":"a","version":5}""", "version")]
    [InlineData("""{"version":1,"text":"a","Version":5}""", "version")]
    [InlineData("""{"applicant":{"name":"甲","NAME":"乙"}}""", "applicant.name")]
    public void a_key_given_twice_is_refused_even_in_another_case_because_the_reader_matches_names_ignoring_case(string json, string field)
    {
        var (parsed, refusal) = StrictJson.Parse(json);

        parsed.Should().BeNull();
        refusal!.Code.Should().Be("payload.duplicate-key");
        refusal.Chinese.Should().Contain($"“{field}”出现了不止一次");
        refusal.Field.Should().Be(field);
    }

    [Fact]
    public void different_keys_pass()
    {
        StrictJson.Parse("""{"version":1,"text":"a","versions":[1]}""").Refusal.Should().BeNull();
    }

    [Fact]
    public void a_command_built_in_the_app_is_held_to_the_text_rule_and_the_refusal_names_its_api_field()
    {
        var note = new AddNote(Guid.NewGuid(), 1, new DateOnly(2024, 12, 2), "已电话\u0007联系", "clerk.wang");

        var refusal = StrictJson.CheckText(note, ApplicationSteps.Json);

        refusal!.Code.Should().Be("field.invalid-text");
        refusal.Chinese.Should().Contain("“text”").And.Contain("控制字符（U+0007）");
        refusal.English.Should().Contain("'text'");
        refusal.Field.Should().Be("text");
    }

    [Fact]
    public void nested_text_of_a_registration_is_named_by_its_path()
    {
        var registration = new RegisterApplication("qxg", new DateOnly(2024, 12, 2), Channel.Letter, ApplicantType.NaturalPerson,
            new Applicant("赵\u202e六", null, "13800000000", null, null), ["征地补偿方案"], RequestedForm.Paper, null, "clerk.wang");

        var refusal = StrictJson.CheckText(registration, ApplicationSteps.Json);

        refusal!.Code.Should().Be("field.invalid-text");
        refusal.Chinese.Should().Contain("“applicant.name”").And.Contain("U+202E");
        refusal.Field.Should().Be("applicant.name");
    }

    [Fact]
    public void a_lone_surrogate_in_a_command_is_refused_not_thrown()
    {
        var note = new AddNote(Guid.NewGuid(), 1, new DateOnly(2024, 12, 2), "半个\ud800字", "clerk.wang");

        StrictJson.CheckText(note, ApplicationSteps.Json)!.Code.Should().Be("field.invalid-text");
    }

    [Fact]
    public void ordinary_text_with_line_breaks_and_tabs_passes()
    {
        var note = new AddNote(Guid.NewGuid(), 1, new DateOnly(2024, 12, 2), "第一行\n第二行\t（附件）", "clerk.wang");

        StrictJson.CheckText(note, ApplicationSteps.Json).Should().BeNull();
    }
}
