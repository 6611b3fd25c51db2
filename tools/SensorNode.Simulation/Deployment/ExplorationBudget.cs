using SensorNode.Core.Policy;

namespace SensorNode.Simulation.Deployment;

/// <summary>
/// The exploration budget of a table learned on site: the PIR stays armed in every state whose supercap bin is at
/// least <see cref="MinVoltageBin"/> (high, 65 % of the range and up), whatever the table chose there. Those hours are
/// Ember's ground-truth windows: the room is watched whenever the supercap can pay for it, so the next retrain sees
/// the room's pattern instead of only what the last table chose to look at. A motion boot costs ~0.1 J; at the high
/// bin's lower edge 8.85 J are usable. Only layout 2: with the event RTC (layout 3) motion is counted whatever the
/// bit says, so nothing is censored.
/// </summary>
public static class ExplorationBudget
{
    /// <summary>Lowest supercap bin (<see cref="StateEncoder.VoltageBinOf"/>) whose states keep the PIR armed.</summary>
    public const int MinVoltageBin = 4;

    /// <summary><paramref name="table"/> with the PIR armed from <see cref="MinVoltageBin"/> up (same version and layout).</summary>
    public static PolicyTable Apply(PolicyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.LayoutId != StateEncoder.LayoutId) return table;
        byte[] bytes = table.Serialize();
        byte[] codes = new byte[StateEncoder.StateCount];
        Array.Copy(bytes, PolicyTable.HeaderLength, codes, 0, codes.Length);
        for (int i = 0; i < codes.Length; i++)
        {
            if (StateEncoder.VoltageBinOf(i) >= MinVoltageBin) codes[i] |= PolicyTable.MotionBit;
        }
        return PolicyTable.FromActionCodesFor(table.Version, codes, table.LayoutId);
    }
}
