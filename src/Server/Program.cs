using JasperFx;
using Server;
using Server.Accounts;

var builder = WebApplication.CreateBuilder(args);
builder.AddWorkflow();
if (CommandLine.IsDataCommand(args))
{
    // report, import, demo, verify … start the host for its services, not to serve pages: a random loopback port
    // keeps them from clashing with the running application on its port.
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    // The command's own output is what the user reads; the host's start-up chatter is not.
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
    });
}

var app = builder.Build();
app.UseStaffAccounts();
app.MapWorkflowEndpoints();

return await app.RunJasperFxCommands(UsersCommand.JoinRepeatedRoleFlags(args));

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;

internal static class CommandLine
{
    /// <summary>A command other than JasperFx's default <c>run</c> (no command, or only flags, means run the app).</summary>
    public static bool IsDataCommand(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') && !string.Equals(args[0], "run", StringComparison.OrdinalIgnoreCase);
}
