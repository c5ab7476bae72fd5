using System.Text.Json;
using System.Text.Json.Serialization;
using JasperFx.CommandLine;
using Projections.Integrity;
using Workflow.Applications;

namespace Server.LegalReview;

public sealed class VerifyInput : Server.Commands.HostedCommandInput
{
    [Description("Publish a new chain digest when the check passes")]
    public bool PublishDigestFlag { get; set; }

    [Description("Print the report as JSON")]
    public bool JsonFlag { get; set; }
}

[Description("Verify the hash chain of every application stream and every chain digest; exits non-zero on a break")]
public sealed class VerifyCommand : JasperFxAsyncCommand<VerifyInput>
{
    public VerifyCommand()
    {
        Usage("Verify every chain and digest");
    }

    public override async Task<bool> Execute(VerifyInput input)
    {
        using var host = input.BuildHost();
        await host.StartAsync();
        try
        {
            var report = await host.Services.GetRequiredService<IntegrityVerifier>().VerifyAllAsync();
            if (input.JsonFlag)
            {
                Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions
                {
                    WriteIndented = true, Converters = { new JsonStringEnumConverter() },
                    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                }));
            }
            else
            {
                Console.WriteLine(report.Intact
                    ? $"OK: {report.StreamsChecked} streams, {report.EventsChecked} events, {report.DigestsChecked} digests verified."
                    : $"BROKEN: {report.Breaks.Count} break(s). First: {report.FirstBreak!.Message}");
                foreach (var broken in report.Breaks)
                    Console.WriteLine($"  [{broken.Kind}] stream {broken.StreamId} version {broken.Version} {broken.RegistrationNumber} {broken.DigestId}: {broken.Message}");
                Console.WriteLine(report.ChineseSummary);
            }
            if (report.Intact && input.PublishDigestFlag)
            {
                try
                {
                    var digest = await host.Services.GetRequiredService<ChainDigestPublisher>().PublishAsync();
                    Console.WriteLine($"Digest {digest.Id} ({digest.CreatedAt:O}) over {digest.Leaves.Count} streams: {digest.Hash}");
                }
                catch (CommandRefusedException refused)
                {
                    // Another publisher (the app's schedule, say) published the same sequence a moment earlier.
                    Console.WriteLine($"{refused.Refusal.Chinese} / {refused.Refusal.English}");
                }
            }
            return report.Intact;
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
