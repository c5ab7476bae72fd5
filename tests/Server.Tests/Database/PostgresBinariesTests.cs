using Server.Database;

namespace Server.Tests.Database;

public sealed class PostgresBinariesTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("workflow-pg-binaries-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void Finds_the_installed_PostgreSQL()
    {
        var binaries = PostgresBinaries.Locate();

        File.Exists(binaries.InitDb).Should().BeTrue();
        File.Exists(binaries.PgCtl).Should().BeTrue();
        File.Exists(binaries.Postgres).Should().BeTrue();
    }

    [Fact]
    public void An_explicit_folder_without_the_programs_gives_a_clear_bilingual_message()
    {
        var search = new PostgresBinarySearch { BinDirectory = _scratch, SearchPath = false, AskPgConfig = false, VersionedInstallRoots = [] };

        var locate = () => PostgresBinaries.Locate(search);

        var message = locate.Should().Throw<PostgresBinariesNotFoundException>().Which.Message;
        message.Should().Contain(PostgresBinarySearch.BinDirectoryVariable).And.Contain(_scratch);
        ShouldExplainTheWaysOut(message);
    }

    [Fact]
    public void Nothing_found_anywhere_gives_a_clear_bilingual_message()
    {
        var search = new PostgresBinarySearch { BinDirectory = null, SearchPath = false, AskPgConfig = false, VersionedInstallRoots = [_scratch] };

        var locate = () => PostgresBinaries.Locate(search);

        var message = locate.Should().Throw<PostgresBinariesNotFoundException>().Which.Message;
        message.Should().Contain("PostgreSQL was not found").And.Contain("未在本机找到 PostgreSQL");
        ShouldExplainTheWaysOut(message);
    }

    [Fact]
    public void The_environment_variable_is_the_default_explicit_folder()
    {
        var variable = Environment.GetEnvironmentVariable(PostgresBinarySearch.BinDirectoryVariable);

        new PostgresBinarySearch().BinDirectory.Should().Be(string.IsNullOrEmpty(variable) ? null : variable);
    }

    [Fact]
    public void Prefers_the_highest_version_under_the_versioned_install_root()
    {
        foreach (var version in new[] { "9.6", "13", "16", "README" })
        {
            var bin = Directory.CreateDirectory(Path.Combine(_scratch, version, "bin")).FullName;
            foreach (var program in new[] { "initdb", "pg_ctl", "postgres" })
            {
                var path = Path.Combine(bin, program);
                File.WriteAllText(path, "#!/bin/sh\n");
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
        }

        var search = new PostgresBinarySearch { BinDirectory = null, SearchPath = false, AskPgConfig = false, VersionedInstallRoots = [_scratch] };

        PostgresBinaries.Locate(search).BinDirectory.Should().Be(Path.Combine(_scratch, "16", "bin"));
    }

    private static void ShouldExplainTheWaysOut(string message) =>
        message.Should()
            .Contain("apt-get install postgresql")
            .And.Contain("ConnectionStrings:Workflow")
            .And.Contain("ConnectionStrings__Workflow")
            .And.Contain("请任选其一")
            .And.Contain("安装 PostgreSQL")
            .And.Contain("连接字符串");
}
