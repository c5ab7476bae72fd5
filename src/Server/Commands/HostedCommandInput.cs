using JasperFx.CommandLine;

namespace Server.Commands;

/// <summary>
/// The input of every command that works on the application's data: it is handed the application's own host.
/// It deliberately does not derive from JasperFx's <c>NetCoreInput</c>, whose host flags (-e, -v, -a, -c, -l …)
/// collide with the commands' own short flags and cannot act on a host that is already built (docs/adr/0017).
/// </summary>
public abstract class HostedCommandInput : IHostBuilderInput
{
    [IgnoreOnCommandLine]
    public IHostBuilder HostBuilder { get; set; } = null!;

    public IHost BuildHost() => HostBuilder.Build();
}
