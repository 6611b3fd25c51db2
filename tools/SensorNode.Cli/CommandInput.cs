using System.CommandLine;
using System.CommandLine.Parsing;

namespace SensorNode.Cli;

/// <summary>
/// What a command's action reads: its parsed options by name (as declared in its <c>Build()</c>), and the writers of
/// the invocation. Values are already checked by the parser (types, ranges, fixed lists).
/// </summary>
public sealed class CommandInput(ParseResult parse)
{
    public TextWriter Output => parse.InvocationConfiguration.Output;
    public TextWriter Error => parse.InvocationConfiguration.Error;

    /// <summary>Whether the option was given on the command line (not merely defaulted).</summary>
    public bool Has(string name) => parse.GetResult(Dashed(name)) is OptionResult { Implicit: false };

    /// <summary>A value option's text, null when absent.</summary>
    public string? Get(string name) => parse.GetValue<string>(Dashed(name));

    /// <summary>An integer option's value (its declared default when absent).</summary>
    public int Int(string name) => parse.GetValue<int>(Dashed(name));

    /// <summary>An integer option's value, null when absent.</summary>
    public int? IntOrNull(string name) => Has(name) ? Int(name) : null;

    /// <summary>A flag.</summary>
    public bool Flag(string name) => parse.GetValue<bool>(Dashed(name));

    /// <summary>A repeatable option's values in order; empty when absent.</summary>
    public IReadOnlyList<string> All(string name) => parse.GetValue<string[]>(Dashed(name)) ?? [];

    /// <summary>A day range option (--test-days, --train-days), null when absent.</summary>
    public DayRange? Range(string name) => parse.GetValue<DayRange?>(Dashed(name));

    /// <summary>A command's positional argument.</summary>
    public string Argument(string name) => parse.GetValue<string>(name) ?? "";

    private static string Dashed(string name) => name.StartsWith('-') ? name : "--" + name;
}

/// <summary>Helpers for a command's <c>Build()</c>.</summary>
public static class CommandBuilder
{
    /// <summary>A command whose action reads its options through <see cref="CommandInput"/> and returns the exit code.</summary>
    public static Command With(this Command command, Func<CommandInput, int> action)
    {
        command.SetAction(parse => action(new CommandInput(parse)));
        return command;
    }

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public static Command Options(this Command command, params Option[] options)
    {
        foreach (Option o in options) command.Add(o);
        return command;
    }
}
