using System.Text.Json.Serialization;
using JasperFx;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Exceptions;
using Projections;
using Server.Accounts;
using Server.Database;
using Server.LegalReview;
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

    /// <summary>Where <c>codegen write</c> writes (default <see cref="ApplicationFolder.GeneratedCode"/>); the staleness test writes elsewhere.</summary>
    public const string GeneratedCodeFolderKey = "Codegen:OutputFolder";

    public static WebApplicationBuilder AddWorkflow(this WebApplicationBuilder builder)
    {
        // With no ConnectionStrings:Workflow configured, a private PostgreSQL is started (docs/adr/0004) — lazily, when
        // the store is first built, so commands that need no database never start one. It is stopped in the host's
        // last shutdown step, and a watchdog stops it if this process dies.
        var launcher = new WorkflowDatabaseLauncher(builder.Configuration, builder.Environment.ContentRootPath,
            temporary: builder.Configuration.GetValue<bool>(WorkflowDatabase.TemporaryKey));
        builder.Services.AddLazyWorkflowDatabase(launcher);

        builder.Services.AddSingleton(TimeProvider.System);
        // The calendar in force: the shipped years and Calendar:Folder, plus the changes recorded in the database (ADR 0018).
        // WorkdayCalendar is resolved afresh for each scope, so a recorded change takes effect without a restart.
        builder.Services.AddSingleton(services => new CalendarInForce(CalendarConfiguration.Load(builder.Configuration),
            async cancellation => (await services.GetRequiredService<AgencyDirectory>().ListAsync(cancellation))
                .ToDictionary(a => a.Code, a => a.ParentCode)));
        builder.Services.AddTransient(services => services.GetRequiredService<CalendarInForce>().Current);
        builder.Services.AddHostedService<Server.Calendar.CalendarLoader>();
        builder.Services.AddScoped<Server.Calendar.CalendarRecorder>();
        builder.Services.AddSingleton<DecisionContextSource>();
        builder.Services.AddScoped<ApplicationCommandBus>();
        builder.Services.AddScoped<Workflow.Import.ApplicationImporter>();
        builder.Services.AddScoped<Workflow.Topics.TopicCatalog>();
        builder.Services.AddScoped<Server.Cases.CaseReader>();
        // Registration numbers use the prefix of the Agency document; an unknown agency is refused (agency.unknown).
        builder.Services.AddSingleton(services => new RegistrationNumberFormat(services.GetRequiredService<AgencyDirectory>().RegistrationPrefixAsync));
        // Registrations at one book are numbered and committed in groups, in this process (docs/adr/0036).
        builder.Services.AddSingleton(services => new RegistrationGroups(services.GetRequiredService<IDocumentStore>()));
        builder.AddStaffAccounts();
        builder.Services.AddLegalReview();
        builder.Services.AddScoped<Projections.Annual.Publication.PublicationStatusReader>();
        // The report pipeline (scope → reader → renderer) that the API, the pages, the report command and legal review share.
        builder.Services.AddScoped<Server.Reports.AnnualReportPipeline>();
        builder.Services.AddSingleton<Workflow.Publication.IAnnualReportSnapshots, Projections.Annual.Publication.AnnualReportSnapshots>();
        builder.Services.AddSingleton(services => new Projections.Annual.AnnualTablesRebuild(
            services.GetRequiredService<IDocumentStore>(), services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>()));
        builder.Services.AddOpenApi(Server.Api.Steps.StepEndpoints.Describe);
        builder.Services.AddRazorComponents();
        // Razor pages write Chinese as it is, not as &#x…; references (the string-built pages never encoded it either).
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        builder.Services.AddMarten(services =>
            {
                var options = new StoreOptions();
                var database = services.GetRequiredService<WorkflowDatabase>();
                services.GetRequiredService<ILoggerFactory>().CreateLogger("Workflow.Database")
                    .LogInformation("Database: {Database}", database.Description);
                options.Connection(PooledConnectionString(database.ConnectionString));
                options.DatabaseSchemaName = SchemaName;
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;

                options.ConfigureWorkflow();
                options.ConfigureProjections(() => services.GetRequiredService<CalendarInForce>().Current,
                    agency => services.GetRequiredService<CalendarInForce>().For(agency));
                options.ConfigureAccounts();

                // Loud failures: a projection that cannot apply an event stops, it never skips (brief: trust the tables).
                options.Projections.Errors.SkipApplyErrors = false;
                options.Projections.Errors.SkipSerializationErrors = false;
                options.Projections.Errors.SkipUnknownEvents = false;
                options.Projections.RebuildErrors.SkipApplyErrors = false;
                options.Projections.RebuildErrors.SkipSerializationErrors = false;
                options.Projections.RebuildErrors.SkipUnknownEvents = false;
                return options;
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(DaemonMode.Solo)
            .IntegrateWithWolverine();
        // One daemon per database: the app and every command-line host elect one through an advisory lock (docs/adr/0022).
        Projections.LeaderElectedProjectionCoordinator.Register(builder.Services);

        builder.Host.UseWolverine(options =>
        {
            // One assembly holds every handler: the write side (docs/adr/0028). The read side answers the handlers through
            // interfaces the write side defines (IAnnualReportSnapshots), registered above.
            options.Discovery.IncludeAssembly(typeof(IApplicationCommand).Assembly);
            options.Policies.AutoApplyTransactions();
            // Wolverine is this app's in-process mediator only (every command is InvokeAsync'd, nothing is published,
            // scheduled or queued): no node agents, no control queue, no durable inbox/outbox polling (docs/adr/0025).
            options.Durability.Mode = DurabilityMode.MediatorOnly;
            // A failed invocation is its caller's to report: ApplicationCommandBus turns the user's reasons (a refusal, a
            // stale version) into an answer and logs it in English without the command's content, and anything else
            // propagates to the request or command that logs it as an error. Wolverine's own "Invocation of … failed!"
            // logged every refusal as an error with the whole command — applicants' names, numbers and addresses.
            options.Policies.MessageFailureLogLevel(Microsoft.Extensions.Logging.LogLevel.Debug);
            // No Roslyn at run time (docs/adr/0015): the handler adapters are generated ahead of time by
            // `dotnet run --project src/Server -- codegen write`, committed under src/Server/Internal/Generated and
            // compiled into this assembly; a test fails when they are stale.
            options.ApplicationAssembly = typeof(WorkflowHost).Assembly;
            options.CodeGeneration.TypeLoadMode = JasperFx.CodeGeneration.TypeLoadMode.Static;
            options.CodeGeneration.GeneratedCodeOutputPath = builder.Configuration[GeneratedCodeFolderKey] ?? ApplicationFolder.GeneratedCode;
        });

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        return builder;
    }

    /// <summary>
    /// The connection string Marten's pool uses: no <c>DISCARD ALL</c> when a connection goes back to the pool
    /// (docs/adr/0025). Nothing in the app leaves session state on a pooled connection (no SET, temporary tables,
    /// prepared statements or session advisory locks: the daemon leader's lock has its own unpooled connection), so
    /// the reset only cost every checkout a statement. Open transactions are still rolled back by Npgsql on return.
    /// </summary>
    public static string PooledConnectionString(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
}
