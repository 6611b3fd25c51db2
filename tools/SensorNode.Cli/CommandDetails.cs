using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace SensorNode.Cli;

/// <summary>
/// Longer help for a command (a file format, the steps it runs): shown by <c>-h</c> after the library's help, so that
/// the command's description stays one line in the list of commands.
/// </summary>
public static class CommandDetails
{
    private static readonly ConditionalWeakTable<Command, string> Details = new();

    /// <summary>Attaches <paramref name="text"/> to <paramref name="command"/>'s help.</summary>
    public static Command WithDetails(this Command command, string text)
    {
        Details.AddOrUpdate(command, text);
        return command;
    }

    /// <summary>Makes <paramref name="root"/>'s help option print the details too.</summary>
    internal static void Install(RootCommand root)
    {
        HelpOption help = root.Options.OfType<HelpOption>().Single();
        help.Action = new DetailedHelpAction((HelpAction)help.Action!);
    }

    /// <summary>The library's help for the command, then its details.</summary>
    internal sealed class DetailedHelpAction(HelpAction library) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true; // `simulate --bogus -h` shows the help, as the library's does

        public override int Invoke(ParseResult parse)
        {
            int code = library.Invoke(parse);
            if (Details.TryGetValue(parse.CommandResult.Command, out string? text))
            {
                TextWriter output = parse.InvocationConfiguration.Output;
                output.WriteLine("Details:");
                foreach (string line in text.TrimEnd().Split('\n')) output.WriteLine(("  " + line.TrimEnd('\r')).TrimEnd());
                output.WriteLine();
            }
            return code;
        }
    }
}
