using System.Globalization;

namespace SensorNode.Simulation.Environment;

/// <summary>
/// Ground truth of a synthetic environment: when somebody was in the space, as sorted, disjoint intervals
/// [start, end) in Unix s (local hours, like the trace). Real traces have none (docs/occupancy.md says what stands in).
/// </summary>
public sealed class PresenceTruth
{
    /// <param name="startUnixSeconds">Interval starts, ascending.</param>
    /// <param name="endUnixSeconds">Interval ends (exclusive), each after its start and at or before the next start.</param>
    public PresenceTruth(long[] startUnixSeconds, long[] endUnixSeconds)
    {
        ArgumentNullException.ThrowIfNull(startUnixSeconds);
        ArgumentNullException.ThrowIfNull(endUnixSeconds);
        if (startUnixSeconds.Length != endUnixSeconds.Length)
            throw new ArgumentException("One end per start.", nameof(endUnixSeconds));
        for (int i = 0; i < startUnixSeconds.Length; i++)
        {
            if (endUnixSeconds[i] <= startUnixSeconds[i] || (i > 0 && startUnixSeconds[i] < endUnixSeconds[i - 1]))
                throw new ArgumentException($"Presence interval {i} is empty or overlaps the one before.", nameof(startUnixSeconds));
        }
        Starts = startUnixSeconds;
        Ends = endUnixSeconds;
    }

    /// <summary>Interval starts (arrivals), Unix s, ascending. Do not modify.</summary>
    public long[] Starts { get; }

    /// <summary>Interval ends (departures), Unix s, exclusive. Do not modify.</summary>
    public long[] Ends { get; }

    /// <summary>Seconds somebody was present within [from, to). O(log n + intervals inside).</summary>
    public long PresentSeconds(long fromUnixSeconds, long toUnixSeconds)
    {
        long total = 0;
        for (int i = FirstEndingAfter(fromUnixSeconds); i < Starts.Length && Starts[i] < toUnixSeconds; i++)
            total += Math.Min(Ends[i], toUnixSeconds) - Math.Max(Starts[i], fromUnixSeconds);
        return total;
    }

    /// <summary>True when somebody is present at <paramref name="unixSeconds"/>.</summary>
    public bool IsPresent(long unixSeconds)
    {
        int i = FirstEndingAfter(unixSeconds);
        return i < Starts.Length && Starts[i] <= unixSeconds;
    }

    /// <summary>The intervals that overlap [from, to), clipped to it (for a trace slice).</summary>
    public PresenceTruth Clip(long fromUnixSeconds, long toUnixSeconds)
    {
        var starts = new List<long>();
        var ends = new List<long>();
        for (int i = FirstEndingAfter(fromUnixSeconds); i < Starts.Length && Starts[i] < toUnixSeconds; i++)
        {
            starts.Add(Math.Max(Starts[i], fromUnixSeconds));
            ends.Add(Math.Min(Ends[i], toUnixSeconds));
        }
        return new PresenceTruth(starts.ToArray(), ends.ToArray());
    }

    /// <summary>
    /// The truth per slot as CSV: slot_start_unix_s, slot_start (local), present_s, occupied (1 when somebody was there
    /// for at least half the slot, the evaluation's definition), arrivals, departures in the slot.
    /// </summary>
    public void WriteSlotsCsv(TextWriter writer, long fromUnixSeconds, long toUnixSeconds, int slotSeconds)
    {
        writer.WriteLine("slot_start_unix_s,slot_start,present_s,occupied,arrivals,departures");
        for (long slot = fromUnixSeconds; slot < toUnixSeconds; slot += slotSeconds)
        {
            long end = Math.Min(slot + slotSeconds, toUnixSeconds);
            long present = PresentSeconds(slot, end);
            int arrivals = Count(Starts, slot, end);
            int departures = Count(Ends, slot, end);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{slot},{UnixTime.Format(slot)},{present},{(present * 2 >= end - slot ? 1 : 0)},{arrivals},{departures}"));
        }
    }

    private static int Count(long[] times, long from, long to)
    {
        int low = LowerBound(times, from);
        int high = LowerBound(times, to);
        return high - low;
    }

    // Index of the first interval whose end is after t.
    private int FirstEndingAfter(long t)
    {
        int low = 0, high = Ends.Length;
        while (low < high)
        {
            int mid = low + ((high - low) >> 1);
            if (Ends[mid] <= t) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    private static int LowerBound(long[] sorted, long value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int mid = low + ((high - low) >> 1);
            if (sorted[mid] < value) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
