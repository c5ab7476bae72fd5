using Server;
using Server.Accounts;
using Server.Commands;

// The content root is the application's own folder, whatever folder the user typed the command in: that folder
// stays the working directory, so relative paths given to `import` or `report --out` are the user's (docs/adr/0017).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ApplicationFolder.ContentRoot });
builder.AddWorkflow();
if (WorkflowCommandLine.IsDataCommand(args))
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
app.UseMiddleware<Server.ServerTiming>(); // first: it times everything after it
app.UseStaffAccounts();
app.MapWorkflowEndpoints();

return await WorkflowCommandLine.RunAsync(app, args);

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
