using System.Globalization;
using SensorNode.Core.Config;
using SensorNode.Core.Policy;

namespace SensorNode.Simulation.Simulator;

/// <summary>
/// Which policy the simulated node runs: <c>built-in</c> (the core's default table), a table file written by the
/// trainer (installed into the node's flash as policy.bin, so the core loads and checks it as on the device),
/// or a named baseline: <c>fixed:5m</c> = wake every 5 minutes, PIR always armed, transmit once 16 readings wait.
/// </summary>
public sealed class PolicySpec
{
    public string Name { get; }
    /// <summary>Serialized table to install into flash, or null for the built-in table.</summary>
    public byte[]? TableBytes { get; }

    private PolicySpec(string name, byte[]? tableBytes)
    {
        Name = name;
        TableBytes = tableBytes;
    }

    public static PolicySpec BuiltIn() => new("built-in", null);

    /// <summary>A table the caller has in memory (a trainer's result), installed in flash under <paramref name="name"/>.</summary>
    public static PolicySpec FromTable(string name, PolicyTable table) => new(name, table.Serialize());

    /// <summary>Parses --policy; throws <see cref="FormatException"/> or <see cref="IOException"/> with the reason.</summary>
    public static PolicySpec Parse(string text, NodeConfig config)
    {
        if (string.IsNullOrWhiteSpace(text) || text == "built-in" || text == "builtin") return BuiltIn();
        if (text.StartsWith("fixed:", StringComparison.Ordinal))
        {
            int seconds = ParseDuration(text["fixed:".Length..]);
            int index = Array.IndexOf(config.WakeIntervalsSeconds, seconds);
            if (index < 0)
                throw new FormatException($"--policy {text}: {seconds} s is not one of the node's wake intervals ({string.Join(", ", config.WakeIntervalsSeconds.Select(s => s + "s"))})");
            return new PolicySpec(text, Fixed(index).Serialize());
        }
        if (!File.Exists(text)) throw new FormatException($"--policy {text}: not 'built-in', 'fixed:<duration>' or an existing table file");
        byte[] bytes = File.ReadAllBytes(text);
        // A layout-3 table (event RTC) is accepted too: a node runs it only with [rtc] (docs/policy.md "Wake or count").
        if (!PolicyTable.TryLoad(bytes, bytes.Length, out _, out PolicyLoadError error)
            && !(error == PolicyLoadError.LayoutMismatch && PolicyTable.TryLoadFor(bytes, bytes.Length, StateEncoder.RtcLayoutId, out _, out _)))
            throw new FormatException($"{text}: not a valid policy table: {PolicyTable.DescribeLoadError(error)}; the node would fall back to the built-in table");
        return new PolicySpec(Path.GetFileName(text), bytes);
    }

    /// <summary>
    /// A fixed-interval baseline: PIR always armed, transmit in the "many" backlog bin (from
    /// <see cref="StateEncoder.BacklogManyReadings"/> readings). The table form of <see cref="Policies.FixedIntervalPolicy"/>.
    /// </summary>
    public static PolicyTable Fixed(int intervalIndex) =>
        PolicyTable.FromActionCodes(1000 + (uint)intervalIndex, FixedCodes(intervalIndex, StateEncoder.BacklogBins - 1));

    /// <summary>
    /// The action codes of a fixed rule: wake interval <paramref name="intervalIndex"/> everywhere, PIR always armed,
    /// transmit from backlog bin <paramref name="minBacklogBin"/> up (1 = any reading waiting, 2 = "many").
    /// </summary>
    public static byte[] FixedCodes(int intervalIndex, int minBacklogBin)
    {
        var codes = new byte[StateEncoder.StateCount];
        for (int v = 0; v < StateEncoder.VoltageBins; v++)
        for (int l = 0; l < StateEncoder.LightBins; l++)
        for (int h = 0; h < StateEncoder.HourBins; h++)
        for (int b = 0; b < StateEncoder.BacklogBins; b++)
        for (int e = 0; e < StateEncoder.EventRateBins; e++)
        for (int a = 0; a < StateEncoder.ArrivalBins; a++)
        {
            var action = new PolicyAction { WakeIntervalIndex = intervalIndex, MotionWakeArmed = true, Transmit = b >= minBacklogBin };
            codes[StateEncoder.Compose(v, l, h, b, e, a)] = PolicyTable.EncodeAction(action);
        }
        return codes;
    }

    /// <summary>"15s", "5m", "1h" or plain seconds.</summary>
    public static int ParseDuration(string text)
    {
        text = text.Trim();
        string given = text;
        int scale = 1;
        if (text.EndsWith('s')) text = text[..^1];
        else if (text.EndsWith('m')) { scale = 60; text = text[..^1]; }
        else if (text.EndsWith('h')) { scale = 3600; text = text[..^1]; }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value <= 0)
            throw new FormatException($"'{text}': expected a duration such as 15s, 5m or 1h");
        // 268435457h would wrap around to 1h in int arithmetic: a duration past int seconds is refused, not wrapped.
        long seconds = (long)value * scale;
        if (seconds > int.MaxValue) throw new FormatException($"'{given}': too long, a duration is at most {int.MaxValue} s");
        return (int)seconds;
    }
}
