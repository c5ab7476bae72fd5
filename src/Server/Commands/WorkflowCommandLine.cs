using System.Reflection;
using JasperFx;
using JasperFx.CommandLine;
using JasperFx.CommandLine.Parsing;
using Server.Accounts;

namespace Server.Commands;

/// <summary>
/// The command line's front door (docs/adr/0017). JasperFx parses and runs the commands; this class answers what a
/// user expects of any command line before JasperFx sees the arguments: <c>&lt;command&gt; --help</c>, <c>-h</c> and
/// <c>help &lt;command&gt;</c> print the usage and exit 0; an unknown command or flag is one clear line and exit 2;
/// nothing is printed that the user did not ask for (JasperFx's assembly-scanning chatter is avoided by registering
/// the command assemblies here, silently).
/// </summary>
public static class WorkflowCommandLine
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    private static readonly string[] HelpWords = ["help", "-h", "--help", "-?", "?"];

    /// <summary>A command other than the default <c>run</c> (no command, or only flags, means run the app).</summary>
    public static bool IsDataCommand(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') && !string.Equals(args[0], "run", StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs the command named by <paramref name="args"/> against the already built application host.</summary>
    public static async Task<int> RunAsync(IHost app, string[] args)
    {
        args = UsersCommand.JoinRepeatedRoleFlags(args);
        var (executor, factory) = BuildExecutor(app);
        var commands = Catalogue(factory);

        if (args.Length == 0 || (args[0].StartsWith('-') && !IsHelpWord(args[0])))
        {
            // No command: run the application. Its flags (--urls, --environment, --contentRoot, --Key=value) were
            // read by the host builder as configuration; JasperFx's run command would refuse them as unknown.
            await app.RunAsync();
            return Succeeded;
        }

        if (IsHelpWord(args[0]))
        {
            if (args.Length == 1)
            {
                PrintOverview(commands);
                return Succeeded;
            }
            return await HelpAsync(executor, commands, args[1]);
        }

        var name = args[0].ToLowerInvariant();
        if (!commands.TryGetValue(name, out var commandType))
        {
            Console.Error.WriteLine($"未知的命令：{args[0]}。运行 help 查看全部命令。 / Unknown command '{args[0]}'. Run 'help' for the list of commands.");
            return UsageError;
        }
        if (args.Skip(1).Any(IsHelpFlag)) return await HelpAsync(executor, commands, name);

        var problem = CommandSyntax.For(commandType).FindProblem(args.Skip(1).ToArray());
        if (problem is not null)
        {
            Console.Error.WriteLine($"{problem.Chinese}运行 {name} --help 查看用法。 / {problem.English} Run '{name} --help' for its usage.");
            return UsageError;
        }

        return await executor.ExecuteAsync([name, .. args.Skip(1)]);
    }

    /// <summary>Every command by name, JasperFx's own (run, codegen, projections, db-apply, …) and this app's.</summary>
    public static IReadOnlyDictionary<string, Type> Catalogue(CommandFactory factory) =>
        factory.AllCommandTypes().ToDictionary(CommandFactory.CommandNameFor, type => type, StringComparer.OrdinalIgnoreCase);

    internal static (CommandExecutor Executor, CommandFactory Factory) BuildExecutor(IHost? app)
    {
        CommandFactory? configured = null;
        var executor = CommandExecutor.For(factory =>
        {
            foreach (var assembly in CommandAssemblies()) factory.RegisterCommands(assembly);
            factory.ConfigureRun = run =>
            {
                if (run.Input is IHostBuilderInput input && app is not null) input.HostBuilder = new BuiltHost(app);
            };
            configured = factory;
        });
        return (executor, configured!);
    }

    /// <summary>
    /// The assemblies JasperFx would scan (marked <see cref="JasperFxAssemblyAttribute"/>), found through this
    /// application's references instead of a scan that announces every assembly it looks at.
    /// </summary>
    private static IEnumerable<Assembly> CommandAssemblies()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>([typeof(WorkflowCommandLine).Assembly, typeof(JasperFxAssemblyAttribute).Assembly]);
        var found = new List<Assembly>();
        while (pending.TryDequeue(out var assembly))
        {
            if (!seen.Add(assembly.GetName().Name!)) continue;
            if (assembly == typeof(WorkflowCommandLine).Assembly || assembly.GetCustomAttribute<JasperFxAssemblyAttribute>() is not null)
                found.Add(assembly);
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (seen.Contains(reference.Name!) || IsFrameworkAssembly(reference.Name!)) continue;
                try
                {
                    pending.Enqueue(Assembly.Load(reference));
                }
                catch (Exception exception) when (exception is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    // A reference that is not deployed holds no command of ours.
                }
            }
        }
        return found;
    }

    private static bool IsFrameworkAssembly(string name) =>
        name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal)
        || name is "mscorlib" or "netstandard";

    private static bool IsHelpWord(string argument) => HelpWords.Contains(argument, StringComparer.OrdinalIgnoreCase);

    private static bool IsHelpFlag(string argument) => argument is "-h" or "--help" or "-?";

    private static async Task<int> HelpAsync(CommandExecutor executor, IReadOnlyDictionary<string, Type> commands, string name)
    {
        if (!commands.ContainsKey(name))
        {
            Console.Error.WriteLine($"未知的命令：{name}。运行 help 查看全部命令。 / Unknown command '{name}'. Run 'help' for the list of commands.");
            return UsageError;
        }
        await executor.ExecuteAsync(["help", name.ToLowerInvariant()]);
        return Succeeded;
    }

    private static void PrintOverview(IReadOnlyDictionary<string, Type> commands)
    {
        Console.WriteLine("用法 / usage: dotnet run --project src/Server -- <命令 command> [参数 flags]");
        Console.WriteLine("不带命令时启动系统。 / With no command, the application starts.");
        Console.WriteLine();
        var width = commands.Keys.Max(name => name.Length) + 2;
        foreach (var (name, type) in commands.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {name.PadRight(width)}{CommandFactory.DescriptionFor(type)}");
        Console.WriteLine();
        Console.WriteLine("每个命令的用法 / a command's usage: <命令> --help, <命令> -h, help <命令>");
    }

    /// <summary>Hands the application's already built host to a command (JasperFx's own wrapper is internal).</summary>
    private sealed class BuiltHost(IHost host) : IHostBuilder
    {
        public IDictionary<object, object> Properties { get; } = new Dictionary<object, object>();

        public IHost Build() => host;

        public IHostBuilder ConfigureHostConfiguration(Action<Microsoft.Extensions.Configuration.IConfigurationBuilder> configureDelegate) => this;

        public IHostBuilder ConfigureAppConfiguration(Action<HostBuilderContext, Microsoft.Extensions.Configuration.IConfigurationBuilder> configureDelegate) => this;

        public IHostBuilder ConfigureServices(Action<HostBuilderContext, IServiceCollection> configureDelegate) => this;

        public IHostBuilder UseServiceProviderFactory<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory) where TContainerBuilder : notnull =>
            throw new NotSupportedException("The application host is already built.");

        public IHostBuilder UseServiceProviderFactory<TContainerBuilder>(Func<HostBuilderContext, IServiceProviderFactory<TContainerBuilder>> factory) where TContainerBuilder : notnull =>
            throw new NotSupportedException("The application host is already built.");

        public IHostBuilder ConfigureContainer<TContainerBuilder>(Action<HostBuilderContext, TContainerBuilder> configureDelegate) =>
            throw new NotSupportedException("The application host is already built.");
    }
}

/// <summary>A usage problem in one sentence, Chinese for the user and English for logs.</summary>
public sealed record UsageProblem(string Chinese, string English);

/// <summary>
/// The flags and arguments a command accepts, read from its input type by JasperFx's own naming rules
/// (<see cref="InputParser.ToFlagAliases"/>), so that an unknown flag is refused before the command runs.
/// </summary>
public sealed class CommandSyntax
{
    private readonly List<FlagSyntax> flags = [];
    private readonly int positionalArguments;
    private readonly bool repeatablePositional;

    private CommandSyntax(Type inputType)
    {
        var members = inputType.GetProperties().Where(property => property.CanWrite).Cast<MemberInfo>()
            .Concat(inputType.GetFields(BindingFlags.Public | BindingFlags.Instance))
            .Where(member => member.GetCustomAttribute<IgnoreOnCommandLineAttribute>() is null);
        foreach (var member in members)
        {
            var type = member is PropertyInfo property ? property.PropertyType : ((FieldInfo)member).FieldType;
            if (member.Name.EndsWith("Flag", StringComparison.Ordinal) || member.GetCustomAttribute<FlagAliasAttribute>() is not null)
            {
                var aliases = InputParser.ToFlagAliases(member);
                var isDictionary = typeof(IDictionary<string, string?>).IsAssignableFrom(type);
                flags.Add(new FlagSyntax(aliases.LongForm, aliases.LongFormOnly ? null : aliases.ShortForm,
                    TakesValue: type != typeof(bool), IsDictionary: isDictionary)
                {
                    IsEnumerableValue = !isDictionary && type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type),
                    ValueType = Nullable.GetUnderlyingType(type) ?? type,
                });
            }
            else
            {
                positionalArguments++;
                repeatablePositional |= type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type);
            }
        }
    }

    public IReadOnlyList<FlagSyntax> Flags => flags;

    public static CommandSyntax For(Type commandType)
    {
        var inputType = commandType.GetInterfaces()
            .Where(type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IJasperFxCommand<>))
            .Select(type => type.GetGenericArguments()[0])
            .FirstOrDefault() ?? throw new ArgumentException($"{commandType} is not a JasperFx command.", nameof(commandType));
        return new CommandSyntax(inputType);
    }

    /// <summary>The first unknown flag, missing flag value or surplus argument, or null when the arguments fit.</summary>
    public UsageProblem? FindProblem(IReadOnlyList<string> arguments)
    {
        var positional = 0;
        for (var index = 0; index < arguments.Count; index++)
        {
            var argument = arguments[index];
            if (IsFlagToken(argument))
            {
                var matching = flags.Where(candidate => candidate.Matches(argument)).ToList();
                if (matching.Count == 0)
                    return new UsageProblem($"未知的参数：{argument}。", $"Unknown flag '{argument}'.");
                if (matching.Count > 1)
                {
                    // JasperFx's own host flags share letters (-v is --verbose and --env-variable): ask for the long form.
                    var longForms = string.Join(" / ", matching.Select(candidate => candidate.LongForm));
                    return new UsageProblem($"参数 {argument} 有歧义，请写全：{longForms}。", $"Flag '{argument}' is ambiguous: write {longForms}.");
                }
                var flag = matching[0];
                if (!flag.TakesValue) continue;
                if (index + 1 >= arguments.Count || IsFlagToken(arguments[index + 1]))
                    return new UsageProblem($"参数 {argument} 缺少取值。", $"Flag '{argument}' needs a value.");
                index++;
                if (ValueProblem(flag, argument, arguments[index]) is { } wrongValue) return wrongValue;
                // An enumerable flag (e.g. --role 管理员 登记员) takes every value up to the next flag.
                while (flag.IsEnumerableValue && index + 1 < arguments.Count && !IsFlagToken(arguments[index + 1])) index++;
                continue;
            }
            positional++;
            if (positional > positionalArguments && !repeatablePositional)
                return new UsageProblem($"多余的参数：{argument}。", $"Unexpected argument '{argument}'.");
        }
        return null;
    }

    /// <summary>
    /// A value JasperFx could not convert to the flag's type (it would stop with a <c>FormatException</c>'s stack trace):
    /// a whole number, a date (yyyy-MM-dd) or a number, as the flag needs.
    /// </summary>
    private static UsageProblem? ValueProblem(FlagSyntax flag, string argument, string value)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var (fits, chinese) = flag.ValueType switch
        {
            var t when t == typeof(int) => (int.TryParse(value, System.Globalization.NumberStyles.Integer, culture, out _), "整数"),
            var t when t == typeof(long) => (long.TryParse(value, System.Globalization.NumberStyles.Integer, culture, out _), "整数"),
            var t when t == typeof(decimal) || t == typeof(double) => (decimal.TryParse(value, System.Globalization.NumberStyles.Number, culture, out _), "数字"),
            var t when t == typeof(DateOnly) => (DateOnly.TryParseExact(value, "yyyy-MM-dd", culture, System.Globalization.DateTimeStyles.None, out _), "日期（如 2024-01-31）"),
            _ => (true, ""),
        };
        return fits ? null : new UsageProblem($"参数 {argument} 的取值“{value}”应为{chinese}。", $"Flag '{argument}' needs {(chinese == "整数" ? "a whole number" : chinese == "数字" ? "a number" : "a date (yyyy-MM-dd)")}, not '{value}'.");
    }

    /// <summary>A flag, not a negative number or a lone dash.</summary>
    private static bool IsFlagToken(string argument) =>
        argument.Length > 1 && argument[0] == '-' && !char.IsDigit(argument[1]);

    public sealed record FlagSyntax(string LongForm, string? ShortForm, bool TakesValue, bool IsDictionary)
    {
        /// <summary>Enumerable flags (not strings) take several values.</summary>
        public bool IsEnumerableValue { get; init; }

        /// <summary>The type the value converts to (nullable unwrapped).</summary>
        public Type ValueType { get; init; } = typeof(string);

        public bool Matches(string argument) =>
            IsDictionary
                ? argument.StartsWith(LongForm + ":", StringComparison.OrdinalIgnoreCase)
                : string.Equals(argument, LongForm, StringComparison.OrdinalIgnoreCase) || string.Equals(argument, ShortForm, StringComparison.Ordinal);
    }
}
