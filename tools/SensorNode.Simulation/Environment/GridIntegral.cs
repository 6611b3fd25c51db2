namespace SensorNode.Simulation.Environment;

/// <summary>Exact step averages of piecewise-constant signals on a fixed grid.</summary>
internal static class GridIntegral
{
    /// <summary>
    /// Adds value x (overlap of [from, to) with each step, s) to the steps' integrals; the part of
    /// the segment outside the grid is ignored. Divide by the step to get step means.
    /// </summary>
    public static void AddSegment(double[] integral, long start, int step, long from, long to, double value)
    {
        long end = start + (long)integral.Length * step;
        from = Math.Max(from, start);
        to = Math.Min(to, end);
        if (to <= from) return;
        int first = (int)((from - start) / step);
        int last = (int)((to - 1 - start) / step);
        if (first == last)
        {
            integral[first] += value * (to - from);
            return;
        }
        integral[first] += value * (start + (long)(first + 1) * step - from);
        for (int i = first + 1; i < last; i++) integral[i] += value * step;
        integral[last] += value * (to - (start + (long)last * step));
    }
}
