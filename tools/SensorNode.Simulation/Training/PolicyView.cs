using System.Globalization;
using System.Text;
using SensorNode.Core.Policy;

namespace SensorNode.Simulation.Training;

/// <summary>
/// A human-readable view of a table: one block per voltage bin, a row per light x hour, a column per backlog x
/// event rate; each cell is the action (interval, P = PIR armed, T = transmit) and optionally the visit count, for
/// the "other" wake cause, with "| A: ..." appended where an arrival wake (wake-cause bin 1) acts differently.
/// </summary>
public static class PolicyView
{
    public static readonly string[] VoltageNames = { "critical", "low", "fair", "good", "high", "full" };
    public static readonly string[] LightNames = { "dark", "dim", "office", "bright" };
    public static readonly string[] HourNames = { "night", "morning", "afternoon", "evening" };
    public static readonly string[] BacklogNames = { "empty", "some", "many" };
    public static readonly string[] EventNames = { "none", "low", "high" };

    /// <summary>"3600s P T": the interval in seconds (with <paramref name="intervalsSeconds"/>), P if PIR armed, T if transmit.</summary>
    public static string Describe(PolicyAction action, int[] intervalsSeconds) =>
        $"{intervalsSeconds[action.WakeIntervalIndex]}s{(action.MotionWakeArmed ? " P" : "")}{(action.Transmit ? " T" : "")}";

    public static string Render(PolicyTable table, int[] intervalsSeconds, int[]? visits)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("policy table version ").Append(table.Version.ToString(inv)).Append(table.IsBuiltIn ? " (built-in)" : "").Append('\n');
        sb.Append("cell: wake interval, P = PIR armed, T = transmit").Append(visits != null ? ", [n] = decisions in training" : "").Append('\n');
        const int rowLabel = 18;
        int cellWidth = visits != null ? 20 : 13;
        var summary = new int[3];
        for (int v = 0; v < StateEncoder.VoltageBins; v++)
        {
            sb.Append('\n').Append("voltage ").Append(VoltageNames[v]).Append('\n');
            sb.Append(Pad("light/hour", rowLabel));
            for (int b = 0; b < StateEncoder.BacklogBins; b++)
                for (int e = 0; e < StateEncoder.EventRateBins; e++)
                    sb.Append(Pad($"{BacklogNames[b]}/ev {EventNames[e]}", cellWidth));
            sb.Append('\n');
            for (int l = 0; l < StateEncoder.LightBins; l++)
            {
                for (int h = 0; h < StateEncoder.HourBins; h++)
                {
                    sb.Append(Pad($"{LightNames[l]}/{HourNames[h]}", rowLabel));
                    for (int b = 0; b < StateEncoder.BacklogBins; b++)
                    {
                        for (int e = 0; e < StateEncoder.EventRateBins; e++)
                        {
                            int s = StateEncoder.Compose(v, l, h, b, e, 0);
                            int sa = StateEncoder.Compose(v, l, h, b, e, 1);
                            PolicyAction a = table.Lookup(s);
                            PolicyAction arrival = table.Lookup(sa);
                            foreach (PolicyAction x in new[] { a, arrival })
                            {
                                if (x.MotionWakeArmed) summary[0]++;
                                if (x.Transmit) summary[1]++;
                            }
                            string cell = Describe(a, intervalsSeconds);
                            if (visits != null) cell += $" [{visits[s].ToString(inv)}]";
                            if (PolicyTable.EncodeAction(arrival) != PolicyTable.EncodeAction(a) || (visits != null && visits[sa] > 0))
                            {
                                cell += " | A: " + Describe(arrival, intervalsSeconds);
                                if (visits != null) cell += $" [{visits[sa].ToString(inv)}]";
                            }
                            sb.Append(Pad(cell, cellWidth));
                        }
                    }
                    sb.Append('\n');
                }
            }
        }
        sb.Append('\n').Append($"PIR armed in {summary[0]} of {StateEncoder.StateCount} states, transmit in {summary[1]}");
        if (visits != null) sb.Append($"; {visits.Count(n => n > 0)} states visited in training, {visits.Sum(n => (long)n)} decisions");
        sb.Append('\n');
        return sb.ToString();
    }

    private static string Pad(string text, int width) => text.Length >= width ? text + " " : text.PadRight(width);
}
