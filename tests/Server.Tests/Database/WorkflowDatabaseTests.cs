using Microsoft.Extensions.Configuration;
using Server.Database;

namespace Server.Tests.Database;

[Collection(PrivatePostgresCollection.Name)]
public sealed class WorkflowDatabaseTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(value => new KeyValuePair<string, string?>(value.Key, value.Value)))
            .Build();

    [Fact]
    public async Task A_configured_connection_string_is_used_as_is_and_never_printed_with_its_password()
    {
        const string configured = "Host=db.example;Port=5433;Database=flows;Username=app;Password=s3cret";

        await using var database = await WorkflowDatabase.StartAsync(
            Configuration(("ConnectionStrings:Workflow", configured)), "/nonexistent/content-root", temporary: false);

        database.IsPrivate.Should().BeFalse();
        database.ConnectionString.Should().Be(configured);
        database.Description.Should().Contain("db.example:5433").And.Contain("flows").And.NotContain("s3cret");
        database.ToString().Should().NotContain("s3cret");
    }

    [Fact]
    public async Task Without_a_connection_string_a_temporary_private_server_is_started_and_removed()
    {
        string dataDirectory;
        await using (var database = await WorkflowDatabase.StartAsync(
            Configuration(("ConnectionStrings:Workflow", "  ")), "/nonexistent/content-root", temporary: true))
        {
            database.IsPrivate.Should().BeTrue();
            database.Description.Should().Contain("private PostgreSQL").And.Contain("temporary");
            (await PrivatePostgresTests.QueryAsync(database.ConnectionString, "SELECT current_database()")).Should().Be("workflow");
            dataDirectory = database.PrivateServer!.DataDirectory;
        }

        Directory.Exists(dataDirectory).Should().BeFalse();
        ProcessTable.WithArgument(dataDirectory).Should().BeEmpty();
    }

    [Fact]
    public async Task The_configured_data_folder_is_used_for_the_persistent_server()
    {
        var chosen = WorkflowDatabase.NewTemporaryDataDirectory();
        try
        {
            await using var database = await WorkflowDatabase.StartAsync(
                Configuration((WorkflowDatabase.DataDirectoryKey, chosen)), "/nonexistent/content-root", temporary: false);

            database.PrivateServer!.DataDirectory.Should().Be(chosen);
            database.PrivateServer.IsTemporary.Should().BeFalse();
        }
        finally
        {
            Directory.Delete(chosen, recursive: true);
        }
    }

    [Fact]
    public void The_default_data_folder_is_per_content_root_and_reachable_by_postgres_when_root()
    {
        var first = WorkflowDatabase.DefaultDataDirectory("/srv/app-one");

        first.Should().Be(WorkflowDatabase.DefaultDataDirectory("/srv/app-one/"));
        first.Should().NotBe(WorkflowDatabase.DefaultDataDirectory("/srv/app-two"));
        Path.GetFileName(first).Should().MatchRegex("^[0-9a-f]{16}$");
        if (Environment.UserName == "root")
        {
            first.Should().StartWith("/var/lib/workflow/postgresql/");
        }
    }

    [Fact]
    public void Temporary_folders_left_by_killed_processes_are_removed_after_an_hour()
    {
        var abandoned = Directory.CreateDirectory(WorkflowDatabase.NewTemporaryDataDirectory()).FullName;
        var recent = Directory.CreateDirectory(WorkflowDatabase.NewTemporaryDataDirectory()).FullName;
        Directory.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-2));

        var next = WorkflowDatabase.NewTemporaryDataDirectory();

        Directory.Exists(abandoned).Should().BeFalse();
        Directory.Exists(recent).Should().BeTrue();
        next.Should().StartWith(WorkflowDatabase.TemporaryDataRoot);
        Directory.Delete(recent);
    }
}
