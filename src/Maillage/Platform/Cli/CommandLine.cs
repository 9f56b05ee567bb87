using Maillage.Platform.Errors;

namespace Maillage.Platform.Cli;

/// <summary>
/// Administration from the command line, in the same executable and with the same modules as the web application:
/// <c>dotnet run --project src/Maillage -- COMMAND [options]</c>. Each module registers its commands
/// (<see cref="Modules.ModuleBuilder.Command{T}"/>); the usage text is made from them.
/// </summary>
public static class CommandLine
{
    /// <summary>Whether the program's arguments name a command rather than the web host's options.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunAsync(string[] args, Func<WebApplicationBuilder, WebApplicationBuilder> compose, TextWriter? output = null, TextWriter? errors = null)
    {
        output ??= Console.Out;
        errors ??= Console.Error;
        var command = args[0];
        if (!TryParseOptions(args.Skip(1).ToArray(), out var options, out var error))
            options = [];

        // Options with a colon are settings (--Database:Provider=Postgres), as for the web application.
        var settings = options.Where(o => o.Key.Contains(':')).Select(o => $"--{o.Key}={o.Value}").ToArray();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings, ContentRootPath = Startup.ContentRoot(settings) });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        compose(builder);
        await using var app = builder.Build();
        var commands = app.Services.GetServices<CommandDescriptor>().ToList();
        var usage = Usage(commands);

        if (command is "help" or "--help" or "-h")
        {
            await output.WriteLineAsync(usage);
            return 0;
        }
        var descriptor = commands.FirstOrDefault(c => c.Name == command);
        if (descriptor is null)
            return await Fail(errors, usage, $"Unknown command '{command}'.");
        if (error.Length > 0)
            return await Fail(errors, usage, error);
        foreach (var key in options.Keys.Where(k => !descriptor.Options.Contains(k) && !k.Contains(':')))
            return await Fail(errors, usage, $"Unknown option '--{key}' for '{command}'.");
        foreach (var key in descriptor.Options.Where(k => !options.ContainsKey(k)))
            return await Fail(errors, usage, $"'{command}' needs --{key}.");

        try
        {
            Configuration.Settings.Validate(app.Services);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException invalid)
        {
            return await Fail(errors, usage, invalid.Message, showUsage: false);
        }
        await using var scope = app.Services.CreateAsyncScope();
        var handler = (ICommand)scope.ServiceProvider.GetRequiredService(descriptor.Handler);
        try
        {
            return await handler.RunAsync(new CommandContext(app.Services, options, output, errors));
        }
        catch (RuleViolation rule)
        {
            return await Fail(errors, usage, rule.Text.En, showUsage: false);
        }
        catch (CommandFailure failure)
        {
            return await Fail(errors, usage, failure.Message, showUsage: false);
        }
    }

    /// <summary>The usage text, from the registered commands.</summary>
    public static string Usage(IEnumerable<CommandDescriptor> commands)
    {
        var text = new System.Text.StringBuilder("""
            Maillage — administration commands

            Usage: dotnet run --project src/Maillage -- COMMAND [options]
               or: dotnet Maillage.dll COMMAND [options]

            Commands:

            """);
        foreach (var c in commands.Append(new CommandDescriptor("help", "", "show this text", [], typeof(ICommand))))
        {
            var head = $"  {c.Name} {c.Synopsis}".TrimEnd();
            var lines = c.Help.Split('\n');
            if (head.Length < 39) text.AppendLine(head.PadRight(39) + lines[0]);
            else text.AppendLine(head).AppendLine(new string(' ', 39) + lines[0]);
            foreach (var line in lines.Skip(1)) text.AppendLine(new string(' ', 39) + line);
        }
        text.AppendLine().Append("""
            Configuration comes from appsettings.json and environment variables as for the web application
            (e.g. Database__Provider=Postgres ConnectionStrings__Maillage="Host=..."), or --Section:Key=value options.
            """);
        return text.ToString();
    }

    private static bool TryParseOptions(string[] args, out Dictionary<string, string> options, out string error)
    {
        options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length < 3)
            {
                error = $"Unexpected argument '{arg}'.";
                return false;
            }
            var eq = arg.IndexOf('=');
            if (eq > 0)
            {
                options[arg[2..eq]] = arg[(eq + 1)..];
                continue;
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"Option '{arg}' needs a value.";
                return false;
            }
            options[arg[2..]] = args[++i];
        }
        return true;
    }

    private static async Task<int> Fail(TextWriter errors, string usage, string message, bool showUsage = true)
    {
        await errors.WriteLineAsync("Error: " + message);
        if (showUsage)
        {
            await errors.WriteLineAsync();
            await errors.WriteLineAsync(usage);
        }
        return 1;
    }
}

/// <summary>A command of the executable, registered by its module with <see cref="Modules.ModuleBuilder.Command{T}"/>.</summary>
public interface ICommand
{
    Task<int> RunAsync(CommandContext context);
}

/// <summary>What a command is called with: the application's services (a scope's come from its constructor), its options, where to write.</summary>
public sealed record CommandContext(IServiceProvider Application, IReadOnlyDictionary<string, string> Options, TextWriter Output, TextWriter Errors);

/// <summary>A registered command: its name, its line of the usage text, its required options and the type that runs it.</summary>
public sealed record CommandDescriptor(string Name, string Synopsis, string Help, string[] Options, Type Handler);

/// <summary>A command that cannot go on, with a message for the person at the terminal (no usage text follows).</summary>
internal sealed class CommandFailure(string message) : Exception(message);
