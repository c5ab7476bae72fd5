using Server;

namespace Server.Tests.CommandLine;

/// <summary>
/// The Wolverine handler code is generated ahead of time and committed (docs/adr/0015): the app loads it in static
/// mode and carries no compiler. This test regenerates it into a scratch folder and fails when the committed copy
/// differs, naming the one command that brings it up to date.
/// </summary>
public sealed class GeneratedCodeTests
{
    public const string RegenerateCommand = "dotnet run --project src/Server -- codegen write";

    [Fact]
    public async Task The_committed_handler_code_is_what_codegen_writes_today()
    {
        var scratch = CommandLineProcess.NewWorkingDirectory();
        var outcome = await CommandLineProcess.RunAsync(scratch,
            new Dictionary<string, string?> { [$"{WorkflowHost.GeneratedCodeFolderKey.Replace(":", "__")}"] = scratch },
            "codegen", "write");
        outcome.ExitCode.Should().Be(0, outcome.All);

        var committed = Path.Combine(CommandLineProcess.RepositoryRoot, "src", "Server", "Internal", "Generated");
        var expected = Files(scratch);
        expected.Should().NotBeEmpty("codegen writes the handler adapters");
        var actual = Files(committed);

        var stale = expected.Keys.Union(actual.Keys)
            .Where(file => !expected.TryGetValue(file, out var fresh) || !actual.TryGetValue(file, out var kept) || fresh != kept)
            .Order(StringComparer.Ordinal)
            .ToList();
        stale.Should().BeEmpty($"the committed generated code is stale; run `{RegenerateCommand}` and commit src/Server/Internal/Generated");
    }

    private static Dictionary<string, string> Files(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .ToDictionary(file => Path.GetRelativePath(folder, file).Replace('\\', '/'), file => File.ReadAllText(file).ReplaceLineEndings("\n"))
            : [];
}
