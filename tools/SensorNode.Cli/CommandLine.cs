using System.CommandLine;
using System.CommandLine.Parsing;
using SensorNode.Cli.Faults;

namespace SensorNode.Cli;

/// <summary>
/// The <c>sensornode</c> program's grammar (System.CommandLine): one root command, one <see cref="Command"/> per
/// command built in its own file (<c>XxxCommand.Build()</c>), the same option names meaning the same thing everywhere
/// (<see cref="CliOption"/>). Parsing, help (<c>-h</c>/<c>--help</c> on every command), unknown options and completions
/// (the <c>[suggest]</c> directive) come from the library; exit codes and one-line errors are this file's.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>The root command with every command. Built per call: options carry no state between runs.</summary>
    public static RootCommand Root()
    {
        var root = new RootCommand("sensornode: the host tools of SensorNode (simulator, trainer, evaluation, gateway, provisioning, flashing)")
        {
            SimulateCommand.Build(),
            BenchCommand.Build(),
            TrainCommand.Build(),
            PolicyCommand.Build(),
            ProfileCommand.Build(),
            EvaluateCommand.Build(),
            SweepCommand.Build(),
            GatewayCommand.Build(),
            ReadingsCommand.Build(),
            SoakCommand.Build(),
            FaultsCommand.Build(),
            Occupancy.OccupancyCommand.Build(),
            Deployment.DeploymentCommand.Build(),
            Fleet.FleetCommand.Build(),
            ProvisionCommand.Build(),
            FlashCommand.Build(),
        };
        CommandDetails.Install(root);
        return root;
    }

    /// <summary>
    /// Parses and runs <c>sensornode ARGS</c>: a usage error is two lines on <paramref name="error"/> (what is wrong, and
    /// where the help is) and exit 2; help is printed on <paramref name="output"/>, exit 0; anything else runs
    /// <see cref="Guarded"/>.
    /// </summary>
    public static int Dispatch(string[] args, TextWriter output, TextWriter error) => Dispatch(Root(), args, output, error);

    /// <summary><c>sensornode NAME ARGS</c> for one command alone (tests that inject a command's dependencies).</summary>
    public static int Dispatch(Command command, string[] args, TextWriter output, TextWriter error) =>
        Dispatch(new RootCommand { command }, [command.Name, .. args], output, error);

    internal static int Dispatch(RootCommand root, string[] args, TextWriter output, TextWriter error)
    {
        // `sensornode help [command...]` is the same as `sensornode [command...] --help`.
        if (args.Length > 0 && args[0] == "help") args = [.. args[1..], "--help"];
        ParseResult parse = root.Parse(args);
        string command = CommandPath(parse.CommandResult);
        if (parse.Errors.Count > 0 && parse.Action is not CommandDetails.DetailedHelpAction)
        {
            // One error: a value the user gave that is wrong before an option the user left out.
            ParseError first = parse.Errors.OrderBy(e => e.SymbolResult is { Tokens.Count: > 0 } ? 0 : 1).First();
            string message = first.Message.ReplaceLineEndings(" ").Replace('\t', ' ');
            if (parse.CommandResult.Command is RootCommand)
            {
                string? word = args.FirstOrDefault(a => !a.StartsWith('-') && !a.StartsWith('['));
                string commands = string.Join(", ", root.Subcommands.Select(c => c.Name));
                message = word == null ? $"a command is required ({commands})" : $"unknown command '{word}' ({commands})";
            }
            error.WriteLine($"{Prefix(command)}: {message}");
            error.WriteLine($"run '{Prefix(command)} --help' for the options");
            return Usage;
        }
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        return Guarded(command, error, () => parse.Invoke(invocation));
    }

    /// <summary>
    /// Runs a command: a usage error is two lines and exit 2, a failure one line and exit 1, and any other exception
    /// (the last resort) one line naming the command and the error, exit 1, never a stack trace unless
    /// <see cref="DebugVariable"/> is 1.
    /// </summary>
    internal static int Guarded(string command, TextWriter error, Func<int> run, bool? debug = null)
    {
        try
        {
            return run();
        }
        catch (UsageException e)
        {
            error.WriteLine($"{Prefix(command)}: {e.Message}");
            error.WriteLine($"run '{Prefix(command)} --help' for the options");
            return Usage;
        }
        catch (CommandFailedException e)
        {
            error.WriteLine($"{Prefix(command)}: {e.Message}");
            return Failed;
        }
        catch (Exception e)
        {
            // Last resort: one line naming the command and the error, never a stack trace (SENSORNODE_DEBUG=1 prints it).
            bool trace = debug ?? System.Environment.GetEnvironmentVariable(DebugVariable) == "1";
            error.WriteLine($"{Prefix(command)}: unexpected error: {OneLine(e)}" + (trace ? "" : $" ({DebugVariable}=1 prints the stack trace)"));
            if (trace) error.WriteLine(e.ToString());
            return Failed;
        }
    }

    /// <summary>Set to 1 to print the stack trace of an unexpected error (for maintainers).</summary>
    public const string DebugVariable = "SENSORNODE_DEBUG";

    /// <summary>"simulate", "gateway brick", "" for the root: the command a message is about.</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r != null; r = r.Parent)
        {
            if (r is CommandResult c && c.Command is not RootCommand) names.Insert(0, c.Command.Name);
        }
        return string.Join(' ', names);
    }

    private static string Prefix(string command) => command.Length == 0 ? "sensornode" : "sensornode " + command;

    private static string OneLine(Exception e)
    {
        string message = $"{e.GetType().Name}: {e.Message}";
        return message.ReplaceLineEndings(" ");
    }
}

/// <summary>A command line the program cannot act on; the message says what and how to fix it.</summary>
public sealed class UsageException(string message) : Exception(message);
