
namespace Server.Tests.CommandLine;

/// <summary>
/// Relative paths are the user's: run from the folder the user is in, <c>import late.jsonl</c> reads that folder's
/// file and <c>report … --out 表.xlsx</c> writes into it (they used to resolve against src/Server).
/// </summary>
public sealed class CommandLinePathsTests() : CommandLineDatabaseTests("cli_paths")
{
    [Fact]
    public async Task Import_reads_and_report_writes_relative_to_the_folder_the_command_runs_in()
    {
        var folder = CommandLineProcess.NewWorkingDirectory();
        await AddAgencyAsync(folder, "paths", "路径测试县人民政府", "路径府公开");

        await File.WriteAllLinesAsync(Path.Combine(folder, "late.jsonl"),
        [
            """{"ref":"2024-001","step":"register","agencyCode":"paths","receivedOn":"2024-03-04","channel":"letter","applicantType":"naturalPerson","applicant":{"name":"张三","phone":"13800000000","idNumber":null,"address":null,"email":null},"items":["某村征地补偿方案"],"requestedForm":"paper","externalRequestId":null}""",
            """{"ref":"2024-001","step":"answer","answeredOn":"2024-03-20","items":[{"itemNumber":1,"result":"disclosed","reason":null}],"replyDocumentNumber":"路径府公开复〔2024〕1号","serviceMethod":"post","servedOn":"2024-03-20","chosenRow":null}""",
        ]);

        var import = await CommandLineProcess.RunAsync(folder, Environment, "import", "late.jsonl");
        import.ExitCode.Should().Be(0, import.Output + import.Errors);
        import.Output.Should().Contain("2 lines").And.Contain("0 errors");

        var report = await CommandLineProcess.RunAsync(folder, Environment, "report", "--agency", "paths", "--year", "2024", "--out", "表.xlsx");
        report.ExitCode.Should().Be(0, report.All);
        File.Exists(Path.Combine(folder, "表.xlsx")).Should().BeTrue("the file goes where the user is: " + report.All);
        File.Exists(Path.Combine(ApplicationFolder.ContentRoot, "表.xlsx")).Should().BeFalse();

        var subfolder = Directory.CreateDirectory(Path.Combine(folder, "out")).FullName;
        var nested = await CommandLineProcess.RunAsync(subfolder, Environment, "report", "-a", "paths", "-y", "2024", "-o", "../表.json");
        nested.ExitCode.Should().Be(0, nested.All);
        File.ReadAllText(Path.Combine(folder, "表.json")).Should().Contain("\"agency\"");

        var nowhere = await CommandLineProcess.RunAsync(folder, Environment, "report", "-a", "paths", "-y", "2024", "-o", "no-such-folder/表.xlsx");
        nowhere.ExitCode.Should().Be(1, nowhere.All);
        nowhere.All.Should().Contain("输出文件所在的文件夹不存在").And.NotContain("Exception");
    }

    [Fact]
    public async Task With_no_command_the_app_starts_with_the_host_flags_the_user_gives_and_stops_cleanly_on_SIGTERM()
    {
        var port = CommandLineProcess.FreeLoopbackPort();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = CommandLineProcess.NewWorkingDirectory(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { CommandLineProcess.ServerAssembly, "--urls", $"http://127.0.0.1:{port}" }) start.ArgumentList.Add(argument);
        start.Environment["ConnectionStrings__Workflow"] = Database.ConnectionString;
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var healthy = false;
            for (var attempt = 0; attempt < 600 && !healthy && !process.HasExited; attempt++)
            {
                try
                {
                    healthy = (await client.GetAsync("/health")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                }
                if (!healthy) await Task.Delay(100);
            }
            healthy.Should().BeTrue("the app answers /health on the address given with --urls");
        }
        finally
        {
            if (!process.HasExited) System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        }
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        process.ExitCode.Should().Be(0, await output);
    }

    [Fact]
    public async Task A_missing_file_is_named_as_the_user_typed_it_and_with_its_full_path()
    {
        var folder = CommandLineProcess.NewWorkingDirectory();

        var outcome = await CommandLineProcess.RunAsync(folder, Environment, "import", "nowhere.jsonl");

        outcome.ExitCode.Should().NotBe(0);
        outcome.Errors.Should().Contain("找不到文件：nowhere.jsonl").And.Contain(Path.Combine(folder, "nowhere.jsonl"));
    }
}
