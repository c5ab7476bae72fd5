using System.Text.RegularExpressions;

namespace Server.Tests.CommandLine;

/// <summary>
/// The README's first steps are a contract: every <c>dotnet run --project src/Server -- …</c> line of its shell blocks
/// runs, exactly as written, against an empty database and succeeds; afterwards the administrator it creates can
/// register and handle a case (the roles the quick start gives).
/// </summary>
public sealed partial class ReadmeCommandsTests() : CommandLineDatabaseTests("readme_commands")
{
    private const string RunPrefix = "dotnet run --project src/Server -- ";

    [Fact]
    public async Task The_quick_start_commands_run_as_written_and_leave_an_administrator_who_can_work()
    {
        var lines = ShellCommandLines(File.ReadAllText(Path.Combine(CommandLineProcess.RepositoryRoot, "README.md")))
            .Where(line => line.Contains(RunPrefix, StringComparison.Ordinal))
            .ToList();
        lines.Should().HaveCountGreaterThanOrEqualTo(3, "the quick start adds an agency, an administrator and their roles");

        var folder = CommandLineProcess.NewWorkingDirectory();
        foreach (var line in lines)
        {
            var (input, arguments) = Parse(line);
            var outcome = await CommandLineProcess.RunWithInputAsync(folder, Environment, input, arguments);
            outcome.ExitCode.Should().Be(0, $"the README says `{line}`: {outcome.All}");
        }

        var users = await CommandLineProcess.RunAsync(folder, Environment, "users", "list");
        users.Output.Should().MatchRegex(@"admin\t.*管理员").And.Contain("登记员").And.Contain("承办人").And.Contain("审核人");
    }

    /// <summary>The commands of the README's ```bash blocks, one per line, comments removed.</summary>
    private static IEnumerable<string> ShellCommandLines(string markdown) =>
        BashBlock().Matches(markdown)
            .SelectMany(match => match.Groups["body"].Value.Split('\n'))
            .Select(line => line.Split(" #", 2)[0].Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'));

    /// <summary>Standard input (<c>echo '…' |</c>) and the program's arguments (single quotes honoured) of one README line.</summary>
    private static (string? Input, string[] Arguments) Parse(string line)
    {
        string? input = null;
        var command = line;
        var pipe = EchoPipe().Match(line);
        if (pipe.Success)
        {
            input = pipe.Groups["text"].Value;
            command = line[pipe.Length..].TrimStart();
        }
        command.Should().StartWith(RunPrefix);
        var arguments = Words().Matches(command[RunPrefix.Length..])
            .Select(word => word.Groups["quoted"].Success ? word.Groups["quoted"].Value : word.Value)
            .ToArray();
        return (input, arguments);
    }

    [GeneratedRegex("```bash\\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    [GeneratedRegex(@"^echo '(?<text>[^']*)' \| ")]
    private static partial Regex EchoPipe();

    [GeneratedRegex(@"'(?<quoted>[^']*)'|\S+")]
    private static partial Regex Words();
}
