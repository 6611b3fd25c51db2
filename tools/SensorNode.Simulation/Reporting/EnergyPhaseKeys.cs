using System.Text;
using SensorNode.Simulation.Physics;

namespace SensorNode.Simulation.Reporting;

/// <summary>
/// The keys of energy_spent_by_phase_j ("sleep", "flash_write", ...) in the order of
/// <see cref="PowerPhase"/>, so the table and the energy plot list phases the same way in every run.
/// </summary>
internal static class EnergyPhaseKeys
{
    /// <summary>Every <see cref="PowerPhase"/> key first (present or not), then any other keys of
    /// <paramref name="byPhase"/> in ordinal order.</summary>
    public static IReadOnlyList<string> Ordered(IReadOnlyDictionary<string, double> byPhase)
    {
        var keys = Enum.GetValues<PowerPhase>().Select(Key).ToList();
        keys.AddRange(byPhase.Keys.Where(k => !keys.Contains(k)).OrderBy(k => k, StringComparer.Ordinal));
        return keys;
    }

    /// <summary>The snake_case key of a phase: FlashWrite -> "flash_write".</summary>
    public static string Key(PowerPhase phase)
    {
        string name = phase.ToString();
        var key = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                key.Append('_');
            }

            key.Append(char.ToLowerInvariant(name[i]));
        }

        return key.ToString();
    }

    /// <summary>A key as words for labels: "flash_write" -> "flash write".</summary>
    public static string Label(string key) => key.Replace('_', ' ');

    /// <summary>The phase's energy in J, 0 when the key is missing or the value is not finite.</summary>
    public static double Joules(IReadOnlyDictionary<string, double> byPhase, string key)
        => byPhase.TryGetValue(key, out double j) && double.IsFinite(j) ? j : 0;
}
