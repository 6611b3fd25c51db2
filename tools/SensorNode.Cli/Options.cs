using System.Globalization;

namespace SensorNode.Cli;

/// <summary>
/// A small, strict option reader: <c>--name value</c> or <c>--name=value</c>, flags without a value, every
/// option known in advance (an unknown or repeated option is a usage error naming it).
/// </summary>
public sealed class Options
{
    private readonly Dictionary<string, string?> _values = new();

    public Options(string[] args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> flags)
    {
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"unexpected argument '{arg}'");
            string name = arg[2..];
            string? value = null;
            int eq = name.IndexOf('=');
            if (eq >= 0) { value = name[(eq + 1)..]; name = name[..eq]; }
            if (flags.Contains(name))
            {
                if (value != null) throw new UsageException($"--{name} takes no value");
            }
            else if (valued.Contains(name))
            {
                if (value == null)
                {
                    if (i + 1 >= args.Length) throw new UsageException($"--{name} needs a value");
                    value = args[++i];
                }
            }
            else
            {
                throw new UsageException($"unknown option '--{name}'");
            }
            if (!_values.TryAdd(name, value)) throw new UsageException($"--{name} given twice");
        }
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public int GetInt(string name, int fallback, int min, int max)
    {
        string? text = Get(name);
        if (text == null) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            throw new UsageException($"--{name}: expected an integer {min}..{max}, got '{text}'");
        return value;
    }
}
