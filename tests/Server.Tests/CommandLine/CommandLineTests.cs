using Server.Commands;

namespace Server.Tests.CommandLine;

/// <summary>
/// The command line answers as users expect (issue: a fresh machine builds and starts it): help on every command, one
/// clear line and exit 2 for an unknown command or flag, no start-up chatter, unique short flags.
/// </summary>
public sealed class CommandLineTests
{
    /// <summary>This application's own commands, as the README lists them.</summary>
    private static readonly string[] OwnCommandNames = ["clock", "report", "import", "verify", "rebuildtables", "demo", "users", "agencies", "calendar", "topics"];

    public static TheoryData<string> OwnCommands => new(OwnCommandNames);

    [Theory]
    [MemberData(nameof(OwnCommands))]
    public async Task Every_command_prints_its_usage_for_help_h_and_help_command(string command)
    {
        var folder = CommandLineProcess.NewWorkingDirectory();
        foreach (var arguments in new[] { new[] { command, "--help" }, [command, "-h"], ["help", command] })
        {
            var outcome = await CommandLineProcess.RunAsync(folder, null, arguments);
            outcome.ExitCode.Should().Be(0, $"'{string.Join(' ', arguments)}' asks for the usage: {outcome.All}");
            outcome.Output.Should().Contain(command).And.Contain("--", "the usage lists the command's flags");
            outcome.All.Should().NotContain("Searching").And.NotContain("Invalid usage");
        }
    }

    [Theory]
    [MemberData(nameof(OwnCommands))]
    public async Task An_unknown_flag_is_one_clear_line_and_exit_2(string command)
    {
        var outcome = await CommandLineProcess.RunAsync(CommandLineProcess.NewWorkingDirectory(), null, command, "--no-such-flag", "1");

        outcome.ExitCode.Should().Be(WorkflowCommandLine.UsageError);
        outcome.Output.Should().BeEmpty();
        outcome.Errors.Trim().Split('\n').Should().ContainSingle()
            .Which.Should().Contain("未知的参数：--no-such-flag").And.Contain("Unknown flag '--no-such-flag'").And.Contain($"{command} --help");
    }

    [Theory]
    [InlineData("report", "--year", "abc", "整数")]
    [InlineData("calendar", "--year", "2147483648", "整数")]
    [InlineData("import", "--parallel", "八", "整数")]
    public async Task A_flag_value_of_the_wrong_kind_is_one_clear_line_and_exit_2_not_a_stack_trace(string command, string flag, string value, string kind)
    {
        var outcome = await CommandLineProcess.RunAsync(CommandLineProcess.NewWorkingDirectory(), null, command, flag, value);

        outcome.ExitCode.Should().Be(WorkflowCommandLine.UsageError, outcome.All);
        outcome.Errors.Trim().Split('\n').Should().ContainSingle()
            .Which.Should().Contain($"参数 {flag} 的取值“{value}”应为{kind}").And.Contain($"Flag '{flag}' needs a whole number");
        outcome.All.Should().NotContain("Exception");
    }

    [Fact]
    public async Task An_unknown_command_is_one_clear_line_and_exit_2()
    {
        var outcome = await CommandLineProcess.RunAsync(CommandLineProcess.NewWorkingDirectory(), null, "reprot", "--year", "2024");

        outcome.ExitCode.Should().Be(WorkflowCommandLine.UsageError);
        outcome.Errors.Trim().Should().Be("未知的命令：reprot。运行 help 查看全部命令。 / Unknown command 'reprot'. Run 'help' for the list of commands.");
    }

    [Fact]
    public async Task Help_lists_every_command_and_the_built_in_ones_answer_help_too()
    {
        var folder = CommandLineProcess.NewWorkingDirectory();
        var overview = await CommandLineProcess.RunAsync(folder, null, "help");
        overview.ExitCode.Should().Be(0);
        foreach (var command in OwnCommandNames.Concat(["codegen", "projections", "db-apply"]))
            overview.Output.Should().Contain($"  {command} ");

        foreach (var builtIn in new[] { "codegen", "projections", "db-apply" })
        {
            var help = await CommandLineProcess.RunAsync(folder, null, builtIn, "--help");
            help.ExitCode.Should().Be(0, help.All);
            help.All.Should().NotContain("Searching");
        }
    }

    [Fact]
    public async Task A_short_flag_shared_by_two_flags_is_refused_with_the_long_forms()
    {
        // JasperFx's own host flags give -v to both --verbose and --env-variable; the front door does not guess.
        var outcome = await CommandLineProcess.RunAsync(CommandLineProcess.NewWorkingDirectory(), null, "codegen", "preview", "-v");

        outcome.ExitCode.Should().Be(WorkflowCommandLine.UsageError);
        outcome.Errors.Should().Contain("有歧义").And.Contain("--verbose").And.Contain("--env-variable");
    }

    [Fact]
    public void The_short_flags_of_each_own_command_are_unique()
    {
        var (_, factory) = WorkflowCommandLine.BuildExecutor(null);
        var own = WorkflowCommandLine.Catalogue(factory).Where(pair => pair.Value.Assembly == typeof(Program).Assembly).ToList();
        own.Select(pair => pair.Key).Should().Contain(OwnCommandNames);

        foreach (var (name, type) in own)
        {
            var shortForms = CommandSyntax.For(type).Flags.Where(flag => flag.ShortForm is not null).Select(flag => flag.ShortForm).ToList();
            shortForms.Should().OnlyHaveUniqueItems($"'{name}' must not give one letter to two flags");
        }
    }

    [Theory]
    [InlineData("--agency")]
    [InlineData("-a")]
    public void Flags_are_recognised_by_their_long_and_short_forms(string flag)
    {
        var syntax = CommandSyntax.For(typeof(ReportCommand));

        syntax.FindProblem([flag, "qxg", "--year", "2024", "-t"]).Should().BeNull();
        syntax.FindProblem([flag]).Should().NotBeNull().And.Subject.As<UsageProblem>().English.Should().Contain("needs a value");
        syntax.FindProblem(["surplus"]).Should().NotBeNull();
    }
}
