using SensorNode.Core.Policy;

namespace SensorNode.Simulation.Training;

/// <summary>
/// The trainer's action set: 8 intervals x PIR armed x transmit = 32 codes (<see cref="PolicyTable.EncodeAction"/>),
/// restricted at low charge so that no amount of learning gets to gamble the night's reserve:
/// <list type="bullet">
/// <item>critical (&lt; 3.12 V on the reference design): only the safe action (longest interval, PIR off, no radio);</item>
/// <item>low (3.12-3.48 V, 0.55-2.3 J usable): 1 h or 2 h interval, PIR off, no radio: a night of deep sleep alone
/// (~50 uW x 14 h = 2.5 J) already needs the whole bin;</item>
/// <item>fair (3.48-3.96 V, 2.3-5.0 J): 1 h or 2 h interval, PIR allowed, no radio (one connect is ~0.5 J).</item>
/// </list>
/// Good voltage: every action. Without these limits the search drained the supercap to the bottom of the fair bin on
/// sunny afternoons (15 s wakes) and a darker weekend than any in training browned it out.
/// High and full voltage (from 65 % of the range, 4.56 V): every action with an interval of 1 h or shorter. There the
/// node can afford the [service] temperature interval's reading (hourly by default) and the supercap is near the clamp
/// that throws harvest away; a table trained where the store seldom got that full otherwise kept its start's 2 h sleep
/// in those states and gave up temperature coverage in brighter rooms and weeks (docs/evaluation.md, "Spending at high
/// charge").
/// </summary>
public static class TrainingActions
{
    /// <summary>Number of action codes, 0..31.</summary>
    public const int Count = 32;

    /// <summary>The one action allowed at critical voltage: longest interval, PIR off, no transmit.</summary>
    public const int SafeCode = PolicyTable.WakeIntervalCount - 1;

    /// <summary>Shortest interval index allowed at low and fair voltage (6 = 1 h with the default set).</summary>
    public const int ReserveMinIntervalIndex = PolicyTable.WakeIntervalCount - 2;

    private const int VoltageLow = 1, VoltageFair = 2, VoltageHigh = 4;

    /// <summary>The lowest voltage bin where the reserve lets a table transmit (good: below it, no radio).</summary>
    public const int RadioFromVoltageBin = VoltageFair + 1;

    /// <summary>Longest interval index allowed at high and full voltage (6 = 1 h with the default set).</summary>
    public const int HighChargeMaxIntervalIndex = PolicyTable.WakeIntervalCount - 2;
    private const int PirBit = PolicyTable.MotionBit, TransmitBit = PolicyTable.TransmitBit, IntervalMask = PolicyTable.IntervalMask;

    public static int VoltageBin(int stateIndex) => StateEncoder.VoltageBinOf(stateIndex);

    /// <summary>True when <paramref name="code"/> may be chosen in <paramref name="stateIndex"/> (see the class summary).</summary>
    public static bool Allowed(int stateIndex, int code)
    {
        if (VoltageBin(stateIndex) >= VoltageHigh) return (code & IntervalMask) <= HighChargeMaxIntervalIndex;
        return KeepsReserve(stateIndex, code);
    }

    /// <summary>
    /// True when <paramref name="code"/> keeps the low-charge reserve in <paramref name="stateIndex"/> (critical, low and
    /// fair voltage; above, anything): the part of <see cref="Allowed"/> that every table we ship keeps, the frugal prior too.
    /// </summary>
    public static bool KeepsReserve(int stateIndex, int code)
    {
        int v = VoltageBin(stateIndex);
        if (v == 0) return code == SafeCode;
        if (v > VoltageFair) return true;
        if ((code & TransmitBit) != 0 || (code & IntervalMask) < ReserveMinIntervalIndex) return false;
        return v == VoltageFair || (code & PirBit) == 0;
    }

    /// <summary>
    /// The nearest allowed code: the radio and (at low voltage) the PIR dropped, the interval lengthened; at high charge the
    /// interval shortened to 1 h, the rest kept.
    /// </summary>
    public static int Restrict(int stateIndex, int code)
    {
        if (Allowed(stateIndex, code)) return code;
        int v = VoltageBin(stateIndex);
        if (v >= VoltageHigh) return HighChargeMaxIntervalIndex | (code & ~IntervalMask);
        if (v == 0) return SafeCode;
        int interval = Math.Max(code & IntervalMask, ReserveMinIntervalIndex);
        int pir = v == VoltageFair ? code & PirBit : 0;
        return interval | pir;
    }
}
