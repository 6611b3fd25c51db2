using SensorNode.Core.Policy;

namespace SensorNode.Simulation.Policies;

/// <summary>
/// Pible's base-station heuristic (Fraternali et al., "Pible: battery-free mote for perpetual indoor BLE
/// applications", BuildSys 2018): thresholds on the supercap charge switch features off as it drains.
/// Charge c = V / 5.5 V (Pible's 5.5 V supercap; ours is the same 5.5 V-rated part, so the thresholds are
/// kept as the same absolute voltages rather than rescaled to our 3.0-5.4 V window):
/// <list type="bullet">
/// <item>c &gt;= 90 % (&gt;= 4.95 V): PIR armed and sensing on, a timer wake every 5 min (interval index 2);</item>
/// <item>75-90 % (4.125-4.95 V): PIR only: armed, timer at the longest interval;</item>
/// <item>65-75 % (3.575-4.125 V): PIR off, longest interval;</item>
/// <item>&lt; 65 % (&lt; 3.575 V): everything off, longest interval, no radio.</item>
/// </list>
/// Transmit (Pible leaves radio scheduling to BLE advertising; stated here): when the backlog reaches 16 readings
/// and the charge is at least 65 %. Stateless.
/// </summary>
public sealed class PibleThresholdPolicy : IWakePolicy
{
    /// <summary>Pible's supercap rating, mV: charge percent = V / this.</summary>
    public const int PibleFullMillivolts = 5500;
    /// <summary>Lower edges of the sensing+PIR, PIR-only and PIR-off bands, percent of <see cref="PibleFullMillivolts"/>.</summary>
    public const int SensingPercent = 90, PirOnlyPercent = 75, PirOffPercent = 65;
    /// <summary>Interval index while sensing is on (300 s in the default set).</summary>
    public const int SensingIntervalIndex = 2;
    /// <summary>Interval index while sensing is off: the longest (7200 s in the default set).</summary>
    public const int OffIntervalIndex = PolicyTable.WakeIntervalCount - 1;

    /// <summary>Charge in percent of <see cref="PibleFullMillivolts"/> (may exceed 100 only above 5.5 V).</summary>
    public static double ChargePercent(int supercapMillivolts) => 100.0 * supercapMillivolts / PibleFullMillivolts;

    private readonly double _sensing, _pirOnly, _pirOff;

    /// <summary>Pible's published thresholds (90/75/65 %).</summary>
    public PibleThresholdPolicy() : this(SensingPercent, PirOnlyPercent, PirOffPercent) { }

    /// <summary>Other thresholds (tuned-pible searches them), percent of 5.5 V; sensing &gt;= PIR-only &gt;= PIR-off.</summary>
    public PibleThresholdPolicy(double sensingPercent, double pirOnlyPercent, double pirOffPercent)
    {
        if (!(sensingPercent >= pirOnlyPercent && pirOnlyPercent >= pirOffPercent && pirOffPercent > 0 && sensingPercent <= 100))
            throw new ArgumentOutOfRangeException(nameof(sensingPercent), $"need 100 >= sensing ({sensingPercent}) >= PIR-only ({pirOnlyPercent}) >= PIR-off ({pirOffPercent}) > 0");
        (_sensing, _pirOnly, _pirOff) = (sensingPercent, pirOnlyPercent, pirOffPercent);
    }

    public PolicyAction Decide(int stateIndex, PolicyObservation observation)
    {
        double charge = ChargePercent(observation.SupercapMillivolts);
        return new PolicyAction
        {
            WakeIntervalIndex = charge >= _sensing ? SensingIntervalIndex : OffIntervalIndex,
            MotionWakeArmed = charge >= _pirOnly,
            Transmit = charge >= _pirOff && observation.BacklogReadings >= FixedIntervalPolicy.TransmitBacklogReadings,
        };
    }
}
