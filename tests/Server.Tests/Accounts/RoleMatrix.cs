using Server.Accounts;
using Workflow.Applications;
using static Server.Accounts.StaffRole;

namespace Server.Tests.Accounts;

/// <summary>Every role × every command, against a table written out here independently of <see cref="CommandPermissions"/>.</summary>
public sealed class RoleMatrix
{
    private static readonly StaffRole[] CaseWork = [CaseHandler, Approver];

    /// <summary>The expected table, from the roles of the issue: who may send each command.</summary>
    private static readonly IReadOnlyDictionary<Type, StaffRole[]> Expected = new Dictionary<Type, StaffRole[]>
    {
        [typeof(RegisterApplication)] = [Registrar],
        [typeof(RequestSupplement)] = CaseWork,
        [typeof(RecordSupplement)] = CaseWork,
        [typeof(SendConsultation)] = CaseWork,
        [typeof(RecordConsultationReply)] = CaseWork,
        [typeof(NoticeFee)] = CaseWork,
        [typeof(RecordFeePaid)] = CaseWork,
        [typeof(RecordAnswerServed)] = CaseWork,
        [typeof(WithdrawApplication)] = CaseWork,
        [typeof(IssueNotice)] = CaseWork,
        [typeof(AddNote)] = CaseWork,
        [typeof(AssignTopics)] = [Registrar, CaseHandler, Approver], // 申请内容分类: whoever registers or handles the case
        [typeof(FileReconsideration)] = CaseWork,
        [typeof(DecideReconsideration)] = CaseWork,
        [typeof(FileLawsuit)] = CaseWork,
        [typeof(DecideLawsuit)] = CaseWork,
        [typeof(ExtendReply)] = [Approver],
        [typeof(AnswerApplication)] = [Approver],
        [typeof(SetArticle35DueDate)] = [Approver],
        [typeof(CorrectFact)] = [Approver],
        [typeof(RecordSupplementLapsed)] = [Approver],
        [typeof(RecordFeeLapsed)] = [Approver],
    };

    public static TheoryData<StaffRole, Type> EveryRoleAndCommand()
    {
        var data = new TheoryData<StaffRole, Type>();
        foreach (var role in Enum.GetValues<StaffRole>())
            foreach (var command in CommandPermissions.CommandTypes) data.Add(role, command);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRoleAndCommand))]
    public void a_role_may_send_exactly_the_commands_of_its_row(StaffRole role, Type command)
    {
        Expected.Should().ContainKey(command, "every command needs a row in the expected table (and in CommandPermissions)");
        var staff = StaffMember.Of("someone", "qxg", role);

        CommandPermissions.MaySend(staff, command).Should().Be(Expected[command].Contains(role),
            $"{role.ChineseName()} × {command.Name}");
    }

    [Fact]
    public void every_command_of_the_workflow_is_in_the_table_and_someone_may_send_it()
    {
        CommandPermissions.CommandTypes.Should().BeEquivalentTo(Expected.Keys);
        CommandPermissions.CommandTypes.Should().OnlyContain(command => CommandPermissions.RolesFor(command).Count > 0);
    }

    [Fact]
    public void legal_counsel_and_administrators_act_on_no_application()
    {
        foreach (var command in CommandPermissions.CommandTypes)
        {
            CommandPermissions.MaySend(StaffMember.Of("counsel", "qxg", LegalCounsel), command).Should().BeFalse();
            CommandPermissions.MaySend(StaffMember.Of("admin", "qxg", Administrator), command).Should().BeFalse();
        }
    }

    [Fact]
    public void nobody_signed_out_and_no_unknown_command()
    {
        CommandPermissions.MaySend(StaffMember.Anonymous, typeof(RegisterApplication)).Should().BeFalse();
        CommandPermissions.RolesFor(typeof(string)).Should().BeEmpty();
    }

    [Fact]
    public void a_user_with_several_roles_may_send_the_union()
    {
        var smallOffice = StaffMember.Of("one.person.office", "qxg", Registrar, CaseHandler);
        CommandPermissions.MaySend<RegisterApplication>(smallOffice).Should().BeTrue();
        CommandPermissions.MaySend<RequestSupplement>(smallOffice).Should().BeTrue();
        CommandPermissions.MaySend<AnswerApplication>(smallOffice).Should().BeFalse();
    }

    [Theory]
    [InlineData("登记员", Registrar)]
    [InlineData("承办人", CaseHandler)]
    [InlineData("审核人", Approver)]
    [InlineData("负责人", Approver)]
    [InlineData("法律顾问", LegalCounsel)]
    [InlineData("管理员", Administrator)]
    [InlineData("Registrar", Registrar)]
    [InlineData("legalcounsel", LegalCounsel)]
    public void roles_are_accepted_by_chinese_or_english_name(string text, StaffRole expected)
    {
        StaffRoleNames.TryParse(text, out var role).Should().BeTrue();
        role.Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("局长")]
    [InlineData("3")]
    public void unknown_role_names_are_refused(string text) => StaffRoleNames.TryParse(text, out _).Should().BeFalse();

    [Fact]
    public void the_command_line_takes_repeated_or_comma_separated_roles()
    {
        UsersCommand.ParseRoles(["管理员", "登记员,承办人"], out var unknown).Should().Equal(Administrator, Registrar, CaseHandler);
        unknown.Should().BeNull();
        UsersCommand.ParseRoles(["管理员", "局长"], out unknown).Should().BeEmpty();
        unknown.Should().Be("局长");
    }

    [Fact]
    public void repeated_role_flags_are_joined_for_the_command_line_parser()
    {
        UsersCommand.JoinRepeatedRoleFlags(["users", "add", "--role", "管理员", "--name", "wang", "--role", "登记员"])
            .Should().Equal("users", "add", "--name", "wang", "--role", "管理员", "登记员");
        string[] single = ["users", "add", "--role", "管理员"];
        UsersCommand.JoinRepeatedRoleFlags(single).Should().BeSameAs(single);
    }
}
