using JasperFx;
using Server;
using Server.Accounts;

var builder = WebApplication.CreateBuilder(args);
builder.AddWorkflow();

var app = builder.Build();
app.UseStaffAccounts();
app.MapWorkflowEndpoints();

return await app.RunJasperFxCommands(UsersCommand.JoinRepeatedRoleFlags(args));

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
