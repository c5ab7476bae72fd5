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

/// <summary>
/// No compiler at run time (ADR 0015): the running app loads no Roslyn assembly and no lock file of the product's
/// projects (src/, tests/) names one. BenchmarkDotNet, outside Workflow.sln, compiles its benchmarks and keeps Roslyn.
/// </summary>
[Collection(Support.IntegrationCollection.Name)]
public sealed class NoRoslynAtRunTime(Support.AppFixture app)
{
    [Fact]
    public async Task The_running_app_has_loaded_no_compiler_and_no_project_restores_one()
    {
        using var client = app.CreateClient();
        (await client.GetAsync("/health")).IsSuccessStatusCode.Should().BeTrue();

        AppDomain.CurrentDomain.GetAssemblies().Select(assembly => assembly.GetName().Name)
            .Should().NotContain(name => name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || name == "JasperFx.RuntimeCompiler");
        var lockFiles = new[] { "src", "tests" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(CommandLineProcess.RepositoryRoot, folder), "packages.lock.json", SearchOption.AllDirectories))
            .ToList();
        lockFiles.Should().HaveCount(6, "every project of Workflow.sln has its lock file");
        foreach (var lockFile in lockFiles)
            File.ReadAllText(lockFile).Should().NotContain("Microsoft.CodeAnalysis").And.NotContain("JasperFx.RuntimeCompiler", lockFile);
    }
}
