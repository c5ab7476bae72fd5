using System.Text.Json.Serialization;
using JasperFx;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Exceptions;
using Projections;
using Server.Database;
using Weasel.Core;
using Wolverine;
using Wolverine.Marten;
using Workflow;
using Workflow.Applications;
using Workflow.Calendar;

namespace Server;

/// <summary>The composition root: Marten, Wolverine, the calendar and the database, wired in one visible place.</summary>
public static class WorkflowHost
{
    public const string SchemaName = "workflow";

    public static async Task<WebApplicationBuilder> AddWorkflowAsync(this WebApplicationBuilder builder)
    {
        // With no ConnectionStrings:Workflow configured, this starts a private PostgreSQL (docs/adr/0004). Not
        // `await using`: WebApplicationFactory leaves Program early while the app lives on; the host stops the server
        // in its last shutdown step (AddWorkflowDatabase), and a watchdog stops it if this process dies.
        var database = await WorkflowDatabase.StartAsync(builder.Configuration, builder.Environment.ContentRootPath,
            temporary: builder.Configuration.GetValue<bool>(WorkflowDatabase.TemporaryKey));
        builder.Services.AddWorkflowDatabase(database);
        Console.WriteLine($"Database: {database.Description}");

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => WorkdayCalendar.Official);
        builder.Services.AddSingleton<DecisionContextSource>();
        builder.Services.AddScoped<ApplicationCommandBus>();
        builder.Services.AddScoped<Workflow.Import.ApplicationImporter>();
        builder.Services.AddScoped<Server.Cases.CaseReader>();
        builder.Services.AddSingleton(new RegistrationNumberFormat(AgencyDirectory.RegistrationPrefix(builder.Configuration)));

        builder.Services.AddMarten(options =>
            {
                options.Connection(database.ConnectionString);
                options.DatabaseSchemaName = SchemaName;
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;

                options.ConfigureWorkflow();
                options.ConfigureProjections();

                // Loud failures: a projection that cannot apply an event stops, it never skips (brief: trust the tables).
                options.Projections.Errors.SkipApplyErrors = false;
                options.Projections.Errors.SkipSerializationErrors = false;
                options.Projections.Errors.SkipUnknownEvents = false;
                options.Projections.RebuildErrors.SkipApplyErrors = false;
                options.Projections.RebuildErrors.SkipSerializationErrors = false;
                options.Projections.RebuildErrors.SkipUnknownEvents = false;
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(DaemonMode.Solo)
            .IntegrateWithWolverine();

        builder.Host.UseWolverine(options =>
        {
            options.Discovery.IncludeAssembly(typeof(ApplicationStepHandler).Assembly);
            options.Discovery.IncludeAssembly(typeof(Projections.Annual.AnnualTableReader).Assembly);
            options.Policies.AutoApplyTransactions();
            options.UseRuntimeCompilation();
        });

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        return builder;
    }
}

/// <summary>Agency names and registration-number prefixes, from configuration (section <c>Agencies</c>).</summary>
public static class AgencyDirectory
{
    public static Func<string, string> RegistrationPrefix(IConfiguration configuration) =>
        code => configuration[$"Agencies:{code}:RegistrationPrefix"] is { Length: > 0 } prefix ? prefix : $"{code}公开";
}
