using System.Reflection;

namespace Server;

/// <summary>
/// Where the application's own files are, independent of the folder the user runs a command from
/// (docs/adr/0017). Run from a source checkout (<c>dotnet run --project src/Server</c>) it is the project folder,
/// as it always was, so appsettings.json, the generated code and the private database's data folder are found
/// where they were; run from a published folder it is the folder of the program.
/// </summary>
public static class ApplicationFolder
{
    /// <summary>The project folder this assembly was built from (an assembly attribute written by Server.csproj).</summary>
    public static string? SourceProject { get; } = typeof(ApplicationFolder).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(attribute => attribute.Key == "ProjectDirectory")?.Value is { Length: > 0 } folder
        && File.Exists(Path.Combine(folder, "Server.csproj"))
            ? folder
            : null;

    public static string ContentRoot => SourceProject ?? AppContext.BaseDirectory;

    /// <summary>Where <c>codegen write</c> puts Wolverine's pre-generated handler code, compiled into this assembly.</summary>
    public static string GeneratedCode => Path.Combine(SourceProject ?? AppContext.BaseDirectory, "Internal", "Generated");
}
