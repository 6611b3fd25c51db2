using SensorNode.Core.Policy;

namespace SensorNode.Simulation.Training;

/// <summary>
/// States the kept table never decided in any training run still hold whatever their start table held (the prior's 2 h
/// sleep, a grid rule's interval), and a room brighter, darker or busier than the training days lives in them. Each gets
/// the action of the nearest decided state instead: the same voltage, backlog and wake-cause bins (what the reserve, the
/// transmit thresholds and the arrival rule read), then the nearest light, hour and event-rate bins; a tie goes to the
/// state decided most often, then to the lower index. Restricted to the allowed actions like every table. The training
/// runs never read these states, so the table's training score is unchanged (docs/policy.md "Method" step 8).
/// </summary>
internal static class UnvisitedFill
{
    /// <summary>A copy of <paramref name="codes"/> with every state not <paramref name="decided"/> filled from its nearest decided one.</summary>
    public static byte[] Apply(byte[] codes, IReadOnlyList<bool> decided, int[] visits)
    {
        var filled = (byte[])codes.Clone();
        for (int s = 0; s < codes.Length; s++)
        {
            if (decided[s]) continue;
            int nearest = Nearest(s, decided, visits);
            if (nearest >= 0) filled[s] = (byte)TrainingActions.Restrict(s, codes[nearest]);
        }
        return filled;
    }

    /// <summary>The decided state nearest to <paramref name="state"/> with its voltage, backlog and wake-cause bins, or -1.</summary>
    internal static int Nearest(int state, IReadOnlyList<bool> decided, int[] visits)
    {
        StateDigits a = StateDigits.Of(state);
        int best = -1, bestDistance = int.MaxValue;
        for (int t = 0; t < decided.Count; t++)
        {
            if (!decided[t]) continue;
            StateDigits b = StateDigits.Of(t);
            if (b.Voltage != a.Voltage || b.Backlog != a.Backlog || b.Arrival != a.Arrival) continue;
            int distance = Math.Abs(b.Light - a.Light) + Math.Abs(b.Hour - a.Hour) + Math.Abs(b.EventRate - a.EventRate);
            if (distance < bestDistance || (distance == bestDistance && visits[t] > visits[best]))
            {
                best = t;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>The bins of a state index, in <see cref="StateEncoder.Compose"/>'s order.</summary>
    internal readonly record struct StateDigits(int Voltage, int Light, int Hour, int Backlog, int EventRate, int Arrival)
    {
        public static StateDigits Of(int s)
        {
            int arrival = s % StateEncoder.ArrivalBins; s /= StateEncoder.ArrivalBins;
            int eventRate = s % StateEncoder.EventRateBins; s /= StateEncoder.EventRateBins;
            int backlog = s % StateEncoder.BacklogBins; s /= StateEncoder.BacklogBins;
            int hour = s % StateEncoder.HourBins; s /= StateEncoder.HourBins;
            int light = s % StateEncoder.LightBins; s /= StateEncoder.LightBins;
            return new StateDigits(s, light, hour, backlog, eventRate, arrival);
        }
    }
}
