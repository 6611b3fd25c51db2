using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Policies;

namespace SensorNode.Simulation.Oracle;

/// <summary>
/// The oracle's view of a run, slot by slot: harvest offered (from the trace's light through the harvester),
/// motion events, and the boots an armed PIR would cost (events closer than one wake's awake time to the boot
/// before them are seen by that wake). Built from a trace, or by hand in tests.
/// </summary>
public sealed class OracleProblem
{
    /// <summary>Start of each slot, Unix s.</summary>
    public required long[] SlotStartUnixSeconds { get; init; }
    /// <summary>Length of each slot, s.</summary>
    public required double[] SlotSeconds { get; init; }
    /// <summary>Harvested energy into the store per slot, J (before any clamp).</summary>
    public required double[] HarvestJoules { get; init; }
    /// <summary>Motion events per slot.</summary>
    public required int[] Events { get; init; }
    /// <summary>Boots the armed PIR costs per slot (at most <see cref="Events"/>).</summary>
    public required int[] MotionWakes { get; init; }
    /// <summary>Timer wakes a slot may hold besides 0 (one per interval that divides the slot).</summary>
    public required int[] TimerWakeChoices { get; init; }

    public int SlotCount => HarvestJoules.Length;

    /// <summary>Cuts <paramref name="trace"/> into slots of <paramref name="slotSeconds"/> (the last may be shorter).</summary>
    public static OracleProblem FromTrace(EnvironmentTrace trace, HardwareProfile profile, int[] wakeIntervalsSeconds, int slotSeconds)
    {
        if (slotSeconds < trace.StepSeconds || slotSeconds % trace.StepSeconds != 0)
            throw new ArgumentException($"the oracle slot ({slotSeconds} s) must be a multiple of the trace step ({trace.StepSeconds} s)");
        var harvester = PhotovoltaicHarvester.FromProfile(profile);
        double wakeSeconds = new WakeEnergyCosts(profile).WakeSeconds;
        int stepsPerSlot = slotSeconds / trace.StepSeconds;
        int slots = (trace.StepCount + stepsPerSlot - 1) / stepsPerSlot;
        var starts = new long[slots];
        var lengths = new double[slots];
        var harvest = new double[slots];
        var events = new int[slots];
        var wakes = new int[slots];
        long[] times = trace.MotionEventUnixSeconds;
        int e = 0;
        for (int s = 0; s < slots; s++)
        {
            int first = s * stepsPerSlot;
            int end = Math.Min(trace.StepCount, first + stepsPerSlot);
            for (int i = first; i < end; i++) harvest[s] += harvester.ChargeWatts(trace.IlluminanceLux[i]) * trace.StepSeconds;
            starts[s] = trace.StartUnixSeconds + (long)first * trace.StepSeconds;
            lengths[s] = (end - first) * (double)trace.StepSeconds;
            long slotEnd = starts[s] + (long)lengths[s];
            double awakeUntil = double.NegativeInfinity;
            while (e < times.Length && times[e] < slotEnd)
            {
                if (times[e] >= starts[s])
                {
                    events[s]++;
                    if (times[e] >= awakeUntil)
                    {
                        wakes[s]++;
                        awakeUntil = times[e] + wakeSeconds;
                    }
                }
                e++;
            }
        }
        int[] choices = wakeIntervalsSeconds.Where(i => i <= slotSeconds && slotSeconds % i == 0).Select(i => slotSeconds / i).Distinct().Order().ToArray();
        return new OracleProblem { SlotStartUnixSeconds = starts, SlotSeconds = lengths, HarvestJoules = harvest, Events = events, MotionWakes = wakes, TimerWakeChoices = choices };
    }
}
