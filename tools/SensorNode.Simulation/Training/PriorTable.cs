using SensorNode.Core.Policy;

namespace SensorNode.Simulation.Training;

/// <summary>
/// The table the trainer starts from and the one it gives when there is no history at all (a new site): frugal
/// enough to survive an office week from a cold start, yet it catches motion. Longest interval (2 h) everywhere;
/// at critical and low voltage the safe action; from fair voltage up the PIR is armed (a motion wake costs ~0.1 J,
/// a missed event is the whole point of the node); the radio only at high voltage in daylight hours with a full
/// backlog, or at full voltage with any backlog (energy that would be clamped away anyway).
/// A node with the event RTC (layout 3) gets <see cref="ForLayout"/>: the same intervals and radio, the motion bit by
/// the built-in wake-or-count rule.
/// </summary>
public static class PriorTable
{
    /// <summary>Version of the prior table as written by <c>sensornode train --no-history</c>.</summary>
    public const uint Version = 99;

    /// <summary>Version of the layout-3 prior (event RTC), written by <c>sensornode train --no-history</c> with <c>[rtc]</c>.</summary>
    public const uint RtcVersion = 3099;

    private const int VoltageFair = 2, VoltageHigh = 4, VoltageFull = 5;
    private const int HourMorning = 1, HourAfternoon = 2;
    private const int BacklogSome = 1, BacklogMany = 2;

    /// <summary>The action for one bin combination (bins as <see cref="StateEncoder"/>).</summary>
    public static PolicyAction Decide(int voltageBin, int lightBin, int hourBin, int backlogBin, int eventRateBin)
    {
        var action = new PolicyAction { WakeIntervalIndex = PolicyTable.WakeIntervalCount - 1 };
        if (voltageBin < VoltageFair) return action;
        action.MotionWakeArmed = true;
        bool daylightHours = hourBin == HourMorning || hourBin == HourAfternoon;
        action.Transmit = (backlogBin == BacklogMany && voltageBin >= VoltageHigh && daylightHours)
            || (backlogBin >= BacklogSome && voltageBin == VoltageFull);
        return action;
    }

    /// <summary>The 1728 action codes in state index order.</summary>
    public static byte[] BuildActionCodes()
    {
        var codes = new byte[StateEncoder.StateCount];
        for (int s = 0; s < codes.Length; s++)
        {
            // Index order of StateEncoder.Compose: voltage, light, hour, backlog, event rate, wake cause (least
            // significant; the prior acts the same for both causes).
            int r = s / StateEncoder.ArrivalBins;
            int e = r % 3, b = r / 3 % 3, h = r / 9 % 4, l = r / 36 % 4, v = r / 144;
            codes[s] = PolicyTable.EncodeAction(Decide(v, l, h, b, e));
        }
        return codes;
    }

    /// <summary>The prior as a table (version <see cref="Version"/>).</summary>
    public static PolicyTable Build() => PolicyTable.FromActionCodes(Version, BuildActionCodes());

    /// <summary>
    /// The prior of layout <paramref name="layoutId"/>: <see cref="Build"/> for <see cref="StateEncoder.LayoutId"/>; for
    /// <see cref="StateEncoder.RtcLayoutId"/> (event RTC) version <see cref="RtcVersion"/>, the prior's interval and radio
    /// in every state and the motion bit by <see cref="RtcWakeOrCount.Derive"/>, as the built-in layout-3 table is made
    /// from the built-in layout-2 one. Its motion bit means "wake for the next arrival" (else the RTC counts motion), so
    /// the bit is left clear at critical, low and fair voltage, where the prior arms the PIR: nothing is missed there
    /// and no boot is paid, and the prior's reserve (<see cref="TrainingActions.KeepsReserve"/>) holds in every state.
    /// Throws <see cref="ArgumentOutOfRangeException"/> for another layout.
    /// </summary>
    public static PolicyTable ForLayout(int layoutId) => layoutId == StateEncoder.LayoutId
        ? Build()
        : PolicyTable.FromActionCodesFor(RtcVersion, RtcWakeOrCount.Derive(BuildActionCodes()), layoutId);
}
