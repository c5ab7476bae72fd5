using System.Text.RegularExpressions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Projections.Cases;
using Server.Tests.Support;
using Workflow.Import;

namespace Server.Tests.Api;

/// <summary>
/// Every JSON example in README.md and docs/ runs exactly as written, read from the files at test time: what the
/// documentation shows is a contract (the README's import example once failed on both lines).
/// </summary>
public sealed partial class DocumentedExamples(AppFixture app) : IntegrationContext(app)
{
    [GeneratedRegex(@"```json\s*\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Workflow.sln"))) return folder.FullName;
        throw new InvalidOperationException("Repository root (Workflow.sln) not found above " + AppContext.BaseDirectory);
    }

    public static IEnumerable<object[]> Examples()
    {
        var root = RepositoryRoot();
        var files = new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var index = 0;
            foreach (Match block in JsonBlock().Matches(text))
                yield return [Path.GetRelativePath(root, file), index++, block.Groups[1].Value];
        }
    }

    [Fact]
    public void the_readme_has_its_import_example() =>
        Examples().Should().Contain(e => (string)e[0] == "README.md" && ((string)e[2]).Contains("\"step\":\"register\""));

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task every_json_example_runs_as_written(string file, int index, string example)
    {
        var lines = example.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().OnlyContain(l => l.Contains("\"ref\"") && l.Contains("\"step\""),
            $"example {index} of {file} is an import file (JSON Lines); a new kind of example needs its own executor here");

        using var scope = App.Services.CreateScope();
        var summary = await scope.ServiceProvider.GetRequiredService<ApplicationImporter>().ImportAsync(new StringReader(example), "import");

        summary.Errors.Should().BeEmpty($"example {index} of {file} imports as written");
        summary.Lines.Should().Be(lines.Length);
        await using var session = Store.QuerySession();
        var registered = lines.Count(l => l.Contains("\"step\":\"register\""));
        (await session.Query<ApplicationFile>().CountAsync()).Should().Be(registered);
        summary.StepsApplied.Should().Be(lines.Length - registered);

        var again = await scope.ServiceProvider.GetRequiredService<ApplicationImporter>().ImportAsync(new StringReader(example), "import");
        again.Errors.Should().BeEmpty();
        again.AlreadyPresent.Should().Be(lines.Length, "the README promises that importing a file twice changes nothing");
    }
}
