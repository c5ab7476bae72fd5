
namespace Server.Tests.CommandLine;

/// <summary>The <c>topics</c> command: an administrator lists, adds and retires an agency's 申请内容分类 from the shell.</summary>
public sealed class TopicsCommandTests() : CommandLineDatabaseTests("cli_topics")
{
    [Fact]
    public async Task Topics_are_listed_with_the_defaults_added_retired_and_refused_with_a_reason()
    {
        var folder = CommandLineProcess.NewWorkingDirectory();
        await AddAgencyAsync(folder, "tp", "分类测试县人民政府");

        var list = await CommandLineProcess.RunAsync(folder, Environment, "topics", "list", "--agency", "tp");
        list.ExitCode.Should().Be(0, list.All);
        list.Output.Should().Contain("征地和房屋拆迁").And.Contain("数据统计");

        var added = await CommandLineProcess.RunAsync(folder, Environment, "topics", "add", "-a", "tp", "-n", "林权纠纷", "-b", "admin.zhang");
        added.ExitCode.Should().Be(0, added.All);
        added.Output.Should().Contain("已新增分类“林权纠纷”");

        var retired = await CommandLineProcess.RunAsync(folder, Environment, "topics", "retire", "--agency", "tp", "--name", "林权纠纷");
        retired.ExitCode.Should().Be(0, retired.All);
        retired.Output.Should().MatchRegex(@"林权纠纷（\d{4}-\d{2}-\d{2} 停用）");

        var again = await CommandLineProcess.RunAsync(folder, Environment, "topics", "retire", "--agency", "tp", "--name", "林权纠纷");
        again.ExitCode.Should().Be(1);
        again.Errors.Should().Contain("topic.unknown");
        (await CommandLineProcess.RunAsync(folder, Environment, "topics", "list", "--agency", "nope")).Errors.Should().Contain("agency.unknown");
    }
}
