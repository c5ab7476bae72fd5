using Server.Accounts;
using Server.Components.Registration;
using Workflow.Applications;

namespace Server.Tests.Pages;

/// <summary>The registration form's one conversion to <see cref="RegisterApplication"/> and where refusals land. Pure.</summary>
public sealed class RegistrationFormTests
{
    private static readonly StaffMember Registrar = StaffMember.Of("li.dengji", "qxg", StaffRole.Registrar);

    private static RegistrationForm Valid() => new()
    {
        AgencyCode = "qxg", ReceivedOn = "2024-12-31", Channel = "Letter", ApplicantType = "NaturalPerson", RequestedForm = "Paper",
        Applicant = new ApplicantForm { Name = " 李四 ", Phone = "13800000000" },
        Items = new() { [0] = "", [2] = " 2024年征地补偿标准 " },
        Topics = [new TopicChoice { Name = "教育", Selected = false }, new TopicChoice { Name = "社会保障", Selected = true }],
    };

    [Fact]
    public void a_complete_form_becomes_the_command_with_trimmed_text_the_filled_items_and_the_ticked_topics()
    {
        var errors = new Dictionary<string, string>();

        var command = Valid().ToCommand(Registrar, (path, message) => errors[path] = message);

        errors.Should().BeEmpty();
        command.Should().NotBeNull();
        command!.ReceivedOn.Should().Be(new DateOnly(2024, 12, 31));
        command.Channel.Should().Be(Channel.Letter);
        command.Applicant.Name.Should().Be("李四");
        command.Items.Should().Equal("2024年征地补偿标准");
        command.Topics.Should().Equal("社会保障");
        command.Actor.Should().Be("li.dengji");
    }

    [Fact]
    public void what_the_form_can_tell_is_refused_by_field_path_in_chinese()
    {
        var form = Valid();
        form.ReceivedOn = "2024-02-30";
        form.Channel = "Pigeon";
        form.Applicant = new ApplicantForm { Name = "李四" };
        form.Items = [];
        var errors = new Dictionary<string, string>();

        form.ToCommand(Registrar, (path, message) => errors[path] = message).Should().BeNull();

        errors.Should().ContainKey("receivedOn").WhoseValue.Should().Contain("收到申请日期").And.Contain("有效日期");
        errors.Should().ContainKey("channel").WhoseValue.Should().Be("“申请方式”的选项无效，请重新选择。");
        errors.Should().ContainKey("applicant.phone").WhoseValue.Should().Contain("联系方式");
        errors.Should().ContainKey("items");
    }

    [Fact]
    public void a_refusal_lands_on_the_field_it_names_or_else_on_the_field_its_code_is_about()
    {
        RegistrationForm.FieldOf(new Refusal("field.too-long", "“联系电话”不能超过 64 个字符。", "too long", RefusalKind.Invalid, "applicant.phone"))
            .Should().Be("applicant.phone");
        RegistrationForm.FieldOf(Refusals.DateInFuture(new DateOnly(2025, 1, 6), new DateOnly(2024, 12, 31))).Should().Be("receivedOn");
        RegistrationForm.FieldOf(Refusals.Busy()).Should().BeNull("a refusal about no field shows above the form");
    }
}
