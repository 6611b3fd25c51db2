using System.Text;
using System.Text.RegularExpressions;

namespace SensorNode.Cli;

/// <summary>Prints an argument list as one line a user can paste into a shell; the program itself never goes through a shell.</summary>
internal static partial class ShellQuote
{
    /// <summary>The command line in the current platform's style (<see cref="Windows"/> on Windows, else <see cref="Posix"/>).</summary>
    public static string Join(string program, IEnumerable<string> arguments)
    {
        Func<string, string> quote = OperatingSystem.IsWindows() ? Windows : Posix;
        return string.Join(' ', new[] { program }.Concat(arguments).Select(quote));
    }

    /// <summary>sh/bash: bare when only safe characters, else in single quotes with ' written as '\''.</summary>
    public static string Posix(string argument) =>
        argument.Length > 0 && SafePosix().IsMatch(argument) ? argument : "'" + argument.Replace("'", @"'\''") + "'";

    /// <summary>
    /// Windows (CommandLineToArgvW rules, as cmd.exe and PowerShell pass them on): bare when safe, else in double quotes,
    /// with backslashes doubled only where they precede a quote.
    /// </summary>
    public static string Windows(string argument)
    {
        if (argument.Length > 0 && SafeWindows().IsMatch(argument)) return argument;
        var quoted = new StringBuilder("\"");
        int backslashes = 0;
        foreach (char c in argument)
        {
            if (c == '\\') { backslashes++; continue; }
            quoted.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes).Append(c);
            backslashes = 0;
        }
        return quoted.Append('\\', backslashes * 2).Append('"').ToString();
    }

    [GeneratedRegex(@"^[A-Za-z0-9_\-+=/.,:@%]+$")]
    private static partial Regex SafePosix();

    [GeneratedRegex(@"^[A-Za-z0-9_\-+=/.,:@\\]+$")]
    private static partial Regex SafeWindows();
}
