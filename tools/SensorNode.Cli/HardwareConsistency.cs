using System.Globalization;
using SensorNode.Core.Config;
using SensorNode.Simulation.Physics;

namespace SensorNode.Cli;

/// <summary>
/// `simulate` has two descriptions of one board: nf.config (what the core believes and plans with) and the hardware
/// profile (the physics). The energy store must be the same part in both, or a run answers a question nobody asked
/// (a 3.3 F supercap in nf.config simulated as the 1.5 F reference part). A mismatch is refused, not reconciled:
/// which of the two files is wrong is the user's call.
/// </summary>
public static class HardwareConsistency
{
    /// <summary>Name of the configuration when no --config is given.</summary>
    public const string DefaultConfigName = "the built-in configuration (no --config)";

    /// <summary>Each [supercap] key of nf.config and the profile figure that must equal it.</summary>
    public static IReadOnlyList<(string ConfigKey, string ProfileKey, Func<NodeConfig, int> Believed, Func<HardwareProfile, double> Simulated)> Pairs { get; } =
    [
        ("[supercap] capacitance_millifarads", "supercap_capacitance_millifarads", c => c.CapacitanceMillifarads, p => p.SupercapCapacitanceMillifarads),
        ("[supercap] esr_milliohms", "supercap_esr_milliohms", c => c.EsrMilliohms, p => p.SupercapEsrMilliohms),
        ("[supercap] brownout_millivolts", "brownout_millivolts", c => c.BrownoutMillivolts, p => p.BrownoutMillivolts),
        ("[supercap] max_millivolts", "supercap_max_millivolts", c => c.MaxMillivolts, p => p.SupercapMaxMillivolts),
    ];

    /// <summary>
    /// Null when the configuration and the profile describe the same supercap; otherwise one message naming every
    /// differing pair with both values and both sources.
    /// </summary>
    public static string? Mismatch(NodeConfig config, string configName, HardwareProfile profile)
    {
        string profileName = profile.SourcePath.Length > 0 ? profile.SourcePath : HardwareProfile.DefaultName;
        var lines = new List<string>();
        foreach (var pair in Pairs)
        {
            int believed = pair.Believed(config);
            double simulated = pair.Simulated(profile);
            if (believed != simulated)
                lines.Add($"  {pair.ConfigKey} = {believed} in {configName}, but {pair.ProfileKey} = {simulated.ToString(CultureInfo.InvariantCulture)} in {profileName}");
        }
        if (lines.Count == 0) return null;
        return "the node's configuration and the hardware profile describe different supercaps (the core would plan with one part "
            + "while the physics simulates the other):\n" + string.Join("\n", lines)
            + "\n  make them agree: edit the configuration, or pass a --profile of the part in the configuration (docs/simulator.md)";
    }

    /// <summary>Throws <see cref="UsageException"/> with <see cref="Mismatch"/>'s message when they differ.</summary>
    public static void Check(NodeConfig config, string? configPath, HardwareProfile profile)
    {
        if (Mismatch(config, configPath ?? DefaultConfigName, profile) is { } message) throw new UsageException(message);
    }
}
