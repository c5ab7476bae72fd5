using JasperFx.Events;
using Marten;
using Workflow.Applications;

namespace Workflow;

/// <summary>The write side's part of the Marten configuration: event types, the live write model, its documents.</summary>
public static class WorkflowStoreConfiguration
{
    public static StoreOptions ConfigureWorkflow(this StoreOptions options)
    {
        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        options.Events.AddEventTypes(ApplicationEventTypes.All);
        // Registered up front so its stored name (annual_report_published) maps to this type before the first append,
        // also for publications written while the type lived in the Projections assembly (ADR 0028).
        options.Events.AddEventType<Publication.AnnualReportPublished>();

        // The write model is folded live from the stream for every command (never stored, never stale).
        options.Projections.LiveStreamAggregation<DisclosureApplication>();

        options.Schema.For<RegistrationBook>().UseOptimisticConcurrency(true);
        options.Schema.For<ExternalRequestEntry>();

        // The calendar's history and the deadlines its changes moved (ADR 0018).
        options.Schema.For<Calendar.CalendarChange>().Index(c => c.Year);
        options.Schema.For<Calendar.MovedDeadline>().Index(m => m.AgencyCode).Index(m => m.ChangeId);
        options.Schema.For<Topics.AgencyTopicList>();
        return options;
    }
}

public static class ApplicationEventTypes
{
    /// <summary>Every event type of an application stream, registered up front so Marten knows them before first use.</summary>
    public static readonly Type[] All = typeof(IApplicationEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IApplicationEvent).IsAssignableFrom(t))
        .OrderBy(t => t.Name)
        .ToArray();
}
