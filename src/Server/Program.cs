using Server.Database;

var builder = WebApplication.CreateBuilder(args);

// With no ConnectionStrings:Workflow configured, this starts a private PostgreSQL (docs/adr/0004).
// Not `await using`: WebApplicationFactory ends this method early while the app lives on; the host stops
// the server instead (AddWorkflowDatabase), and a watchdog stops it if this process dies.
var database = await WorkflowDatabase.StartAsync(
    builder.Configuration,
    builder.Environment.ContentRootPath,
    temporary: builder.Configuration.GetValue<bool>(WorkflowDatabase.TemporaryKey));
builder.Services.AddWorkflowDatabase(database);

var app = builder.Build();
app.Logger.LogInformation("Database: {Database}", database.Description);
app.MapGet("/", () => "ok");
await app.RunAsync();
