using JasperFx;
using Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddWorkflow();

var app = builder.Build();
app.MapWorkflowEndpoints();

return await app.RunJasperFxCommands(args);

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
