using System.Diagnostics;

namespace Server.Tests.CommandLine;

/// <summary>What a command printed and how it ended.</summary>
public sealed record CommandOutcome(int ExitCode, string Output, string Errors)
{
    public string All => Output + Errors;
}

/// <summary>
/// Runs the built application as a user does (<c>dotnet Server.dll &lt;command&gt; …</c>), in a folder the test chooses,
/// so that what is tested is the real command line: argument parsing, exit codes, standard output and error, the
/// working directory.
/// </summary>
public static class CommandLineProcess
{
    public static string ServerAssembly => typeof(Program).Assembly.Location;

    /// <summary>The repository the tests were built from (two levels above the Server project).</summary>
    public static string RepositoryRoot =>
        Path.GetFullPath(Path.Combine(ApplicationFolder.SourceProject ?? throw new InvalidOperationException("Built outside a checkout."), "..", ".."));

    public static Task<CommandOutcome> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment,
        params string[] arguments) => RunWithInputAsync(workingDirectory, environment, null, arguments);

    /// <summary>Runs the program with <paramref name="input"/> on its standard input (as <c>echo … |</c> does).</summary>
    public static async Task<CommandOutcome> RunWithInputAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment,
        string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerAssembly);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The command must not pick up a database from the test run's environment unless the test gives one.
        start.Environment.Remove("ConnectionStrings__Workflow");
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        if (input is not null) await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', arguments)}' did not finish in 3 minutes.");
        }
        return new CommandOutcome(process.ExitCode, await output, await errors);
    }

    /// <summary>A loopback port free at the moment of asking.</summary>
    public static int FreeLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string NewWorkingDirectory()
    {
        var folder = Path.Combine(Path.GetTempPath(), "workflow-cli-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
