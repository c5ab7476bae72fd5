using Wolverine;
using Workflow.Applications;

namespace Server.Tests.Support;

/// <summary>Readable given-state builders over the real command pipeline.</summary>
public static class Scenarios
{
    public const string Clerk = "clerk.wang";
    public const string Agency = "qxg";

    public static RegisterApplication Registration(DateOnly receivedOn, string? externalId = null, int items = 1,
        ApplicantType type = ApplicantType.NaturalPerson, Channel channel = Channel.Letter, string agency = Agency) =>
        new(agency, receivedOn, channel, type,
            new Applicant("张三", "520000199001011234", "13800000000", "毕节市七星关区某路1号", null),
            [.. Enumerable.Range(1, items).Select(i => $"征地补偿方案第{i}项")], RequestedForm.Paper, externalId, Clerk);

    public static Task<RegistrationResult> RegisterAsync(this IMessageBus bus, DateOnly receivedOn, string? externalId = null, int items = 1) =>
        bus.InvokeAsync<RegistrationResult>(Registration(receivedOn, externalId, items));

    public static Task<DisclosureApplication> StepAsync(this IMessageBus bus, IApplicationCommand command) =>
        bus.InvokeAsync<DisclosureApplication>(command);
}
