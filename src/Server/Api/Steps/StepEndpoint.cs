using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Server.Accounts;
using Workflow.Applications;
using Workflow.Vocabulary;

namespace Server.Api.Steps;

/// <summary>A step's typed route, as the endpoint file of the step declares it (found by <see cref="StepEndpoints"/>).</summary>
public interface IStepEndpoint
{
    ILifecycleStep Step { get; }

    /// <summary>What the step does, in Chinese and English, for the API reference.</summary>
    string Summary { get; }

    /// <summary>A body that the step accepts in the right state (camelCase, as sent): shown in the OpenAPI document.</summary>
    object Example { get; }

    RouteHandlerBuilder Map(RouteGroupBuilder applications);
}

/// <summary>
/// <c>POST /api/applications/{id}/{step name}</c> for one step: the body is the step's command without
/// <c>applicationId</c> (from the route) and <c>actor</c> (the signed-in user), read by the same strict reader as the
/// <c>/steps/{step}</c> alias, the web forms and the importer; the same access checks and status codes.
/// </summary>
public abstract class StepEndpoint<TCommand> : IStepEndpoint where TCommand : IApplicationCommand
{
    public ILifecycleStep Step => LifecycleSteps.Of<TCommand>();

    /// <summary>The step's term (<see cref="ChineseTerms.ActionOf"/>) and what it does in English.</summary>
    public string Summary => $"{ChineseTerms.ActionOf(Step.Name)} / {Description}";

    /// <summary>What the step does, in English, for the API reference (its Chinese term comes from the vocabulary).</summary>
    public abstract string Description { get; }

    public abstract object Example { get; }

    public RouteHandlerBuilder Map(RouteGroupBuilder applications)
    {
        var name = Step.Name;
        return applications.MapPost($"/{{id:guid}}/{name}",
                (Guid id, HttpRequest request, ICurrentStaff staff, ApplicationAccess access, ApplicationCommandBus commands, CancellationToken cancellation) =>
                    ApplicationApi.SendStepAsync(id, name, request, staff, access, commands, cancellation))
            .WithName(typeof(TCommand).Name)
            .WithSummary(Summary)
            .Accepts<TCommand>("application/json")
            .Produces<StepResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithMetadata(new StepExample(JsonSerializer.SerializeToNode(Example)!));
    }
}

/// <summary>What a step answers when it was recorded: the application's new version and status.</summary>
public sealed record StepResult(Guid ApplicationId, int Version, ApplicationStatus Status);

/// <summary>The example body of a step's route (endpoint metadata read by <see cref="StepEndpoints.Describe"/>).</summary>
public sealed record StepExample(JsonNode Body);

public static class StepEndpoints
{
    /// <summary>Every step's endpoint, found from the types of this folder; a test checks that every step has one.</summary>
    public static IReadOnlyList<IStepEndpoint> All { get; } =
    [
        .. typeof(IStepEndpoint).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IStepEndpoint).IsAssignableFrom(t))
            .Select(t => (IStepEndpoint)Activator.CreateInstance(t)!)
            .OrderBy(e => e.Step.Order),
    ];

    public static void MapStepEndpoints(this RouteGroupBuilder applications)
    {
        foreach (var endpoint in All) endpoint.Map(applications);
    }

    /// <summary>
    /// The OpenAPI document's view of the commands as the API reads them: without <c>applicationId</c> and <c>actor</c>
    /// (the server sets them), enums as their camelCase names, and each step's example body.
    /// </summary>
    public static void Describe(OpenApiOptions options)
    {
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo.Type;
            if (typeof(IApplicationCommand).IsAssignableFrom(type))
                foreach (var serverSet in new[] { "applicationId", "actor" })
                {
                    schema.Properties?.Remove(serverSet);
                    schema.Required?.Remove(serverSet);
                }
            var enumType = Nullable.GetUnderlyingType(type) ?? type;
            if (enumType.IsEnum)
            {
                schema.Type = JsonSchemaType.String | (enumType != type ? JsonSchemaType.Null : 0);
                schema.Format = null;
                schema.Enum = [.. Enum.GetNames(enumType).Select(n => (JsonNode)JsonValue.Create(JsonNamingPolicy.CamelCase.ConvertName(n))!)];
            }
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var example = context.Description.ActionDescriptor.EndpointMetadata.OfType<StepExample>().FirstOrDefault();
            if (example is not null && operation.RequestBody?.Content is { } content)
                foreach (var media in content.Values) media.Example = example.Body.DeepClone();
            return Task.CompletedTask;
        });
    }
}
