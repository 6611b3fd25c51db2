using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SensorNode.Cli;

/// <summary>
/// The option vocabulary of every command: one factory per kind of option, and one definition per shared option
/// name, so that the same name means the same thing in every command (docs/architecture.md, "Adding a command").
/// </summary>
public static class CliOption
{
    /// <summary>A value option (<c>--name VALUE</c> or <c>--name=VALUE</c>), given at most once.</summary>
    public static Option<string> Text(string name, string description, string helpName = "VALUE") =>
        new(name) { Description = description, HelpName = helpName };

    /// <summary>A value option that may repeat (<c>--trace A --trace B</c>); absent: an empty list.</summary>
    public static Option<string[]> Many(string name, string description, string helpName = "VALUE") =>
        new(name) { Description = description, HelpName = helpName, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };

    /// <summary>A flag: present or not, no value.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>An option from a fixed list of words (completions offer them; help shows them unless <paramref name="helpName"/> is given).</summary>
    public static Option<string> OneOf(string name, string description, string[] words, string? helpName = null)
    {
        var option = new Option<string>(name) { Description = description, HelpName = helpName ?? string.Join('|', words) };
        option.Validators.Add(r =>
        {
            string? text = r.Tokens.Count > 0 ? r.Tokens[0].Value : null;
            if (text != null && !words.Contains(text)) r.AddError($"{name}: expected {string.Join(", ", words)}, got '{text}'");
        });
        option.CompletionSources.Add(words);
        return option;
    }

    /// <summary>An integer in <paramref name="min"/>..<paramref name="max"/>; <paramref name="fallback"/> when absent (null: no default).</summary>
    public static Option<int> Int(string name, string description, int? fallback, int min, int max, string helpName = "N")
    {
        var option = new Option<int>(name)
        {
            // The help adds "[default: N]" itself.
            Description = fallback == null ? description : Regex.Replace(description, @" \(default [^()]*\)", ""), HelpName = helpName,
            CustomParser = r => ParseInt(r, name, min, max),
        };
        if (fallback is int f) option.DefaultValueFactory = _ => f;
        return option;
    }

    private static int ParseInt(ArgumentResult r, string name, int min, int max)
    {
        string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max) return value;
        if (name == "--days" && text.Contains("..", StringComparison.Ordinal))
        {
            // The old spelling: --days A..B meant a range of days in train, evaluate and policy assess.
            r.AddError($"--days takes a number of days (N); a range of days is now --test-days A..B (--train-days A..B for training), got '{text}'");
            return 0;
        }
        r.AddError($"{name}: expected an integer {min}..{max}, got '{text}'");
        return 0;
    }

    /// <summary>A range of days <c>A..B</c>, inclusive, 0 = the first day of the trace.</summary>
    public static Option<DayRange?> Range(string name, string description) =>
        new(name)
        {
            Description = description, HelpName = "A..B",
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (DayRange.TryParse(text, out DayRange range)) return range;
                r.AddError($"{name}: expected A..B with 0 <= A <= B (e.g. 21..34), got '{text}'");
                return null;
            },
        };

    /// <summary>
    /// An old spelling whose meaning clashed with the same name in another command: hidden, and refused with the new
    /// spelling when given (a clear error instead of "unrecognized").
    /// </summary>
    public static Option<string[]> Renamed(string oldName, string newSpelling, string why)
    {
        var option = new Option<string[]>(oldName) { Hidden = true, Arity = ArgumentArity.ZeroOrMore };
        option.Validators.Add(r => r.AddError($"{oldName} is now {newSpelling} ({why})"));
        return option;
    }

    /// <summary>The option must be given (the parser says so in one line).</summary>
    public static Option<T> IsRequired<T>(this Option<T> option)
    {
        option.Required = true;
        return option;
    }

    // ---- the shared names: one meaning each, everywhere ----

    /// <summary>--days N: a NUMBER of days in every command (a synthetic building's length, or a trace's first N days).</summary>
    public static Option<int> Days(string description, int? fallback = null) => Int("--days", description, fallback, 1, 36_500);

    /// <summary>--test-days A..B: the days of each trace a policy is run and scored on (simulate, evaluate, assess, sweep).</summary>
    public static Option<DayRange?> TestDays() =>
        Range("--test-days", "days A to B of each trace, inclusive, 0 = its first day (e.g. 21..34); synthetic: days A..B of the building");

    /// <summary>--train-days A..B: the days of each trace a policy or a baseline is trained or tuned on.</summary>
    public static Option<DayRange?> TrainDays(string description) => Range("--train-days", description);

    /// <summary>--trace FILE, repeatable.</summary>
    public static Option<string[]> Traces(string description = "a trace (Pible '|' format or CSV timestamp,lux[,pir][,temp_c]); repeat for several") =>
        Many("--trace", description, "FILE");

    /// <summary>--environment KIND: a synthetic building.</summary>
    public static Option<string> Environment() =>
        OneOf("--environment", "synthetic building: office (default), corridor, window-side", ["office", "corridor", "window-side"]);

    public static Option<int> Seed(string description = "seed of everything random: synthetic building, ADC noise, faults (default 1)") =>
        Int("--seed", description, 1, int.MinValue, int.MaxValue);

    public static Option<string> Profile() => Text("--profile", "hardware profile JSON (default: the embedded reference design)", "FILE");

    public static Option<string> Config(string description = "the node's nf.config (default: the built-in defaults, same as the repository's nf.config)") =>
        Text("--config", description, "FILE");

    public static Option<string> Out(string description, string helpName = "DIR") => Text("--out", description, helpName);

    public static Option<bool> Quiet(string description = "no progress lines") => Flag("--quiet", description);
}

/// <summary>Days <see cref="First"/> to <see cref="Last"/> of a trace, inclusive, 0-based.</summary>
public readonly record struct DayRange(int First, int Last)
{
    public static bool TryParse(string text, out DayRange range)
    {
        range = default;
        string[] parts = text.Split("..");
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int a)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int b)
            || b < a) return false;
        range = new DayRange(a, b);
        return true;
    }

    public override string ToString() => $"{First}..{Last}";
}
