using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Reporting;

/// <summary>
/// Unix seconds to plot coordinates. ScottPlot's date axis works in OLE automation dates (days since
/// 1899-12-30), so one unit on the x axis is one day; all times are UTC.
/// </summary>
internal static class PlotTime
{
    /// <summary>Seconds in a day.</summary>
    public const long DaySeconds = 86_400;

    /// <summary>The x coordinate of a Unix time (UTC), in days.</summary>
    public static double X(long unixSeconds) => DateTime.UnixEpoch.AddSeconds(unixSeconds).ToOADate();

    /// <summary>Start of the UTC day holding <paramref name="unixSeconds"/>, Unix seconds.</summary>
    public static long DayStart(long unixSeconds) => unixSeconds - (((unixSeconds % DaySeconds) + DaySeconds) % DaySeconds);

    /// <summary>
    /// Earliest and latest time anywhere in the timeline (start, samples, wakes, events, brownouts), Unix
    /// seconds. A timeline with nothing in it spans its start only (first == last).
    /// </summary>
    public static (long First, long Last) Span(NodeTimeline timeline)
    {
        long first = timeline.StartUnixSeconds;
        long last = timeline.StartUnixSeconds;
        foreach (List<long> times in AllTimes(timeline))
        {
            foreach (long t in times)
            {
                first = Math.Min(first, t);
                last = Math.Max(last, t);
            }
        }

        return (first, last);
    }

    /// <summary>
    /// X limits for a time axis over [first, last]: the span with a small margin, or an hour either
    /// side when the span is (nearly) empty so the date ticks stay meaningful.
    /// </summary>
    public static (double Left, double Right) Limits(long first, long last)
    {
        double left = X(first);
        double right = X(last);
        double margin = Math.Max((right - left) * 0.01, 1.0 / 24);
        return (left - margin, right + margin);
    }

    private static IEnumerable<List<long>> AllTimes(NodeTimeline t)
    {
        yield return t.SampleTimes;
        yield return t.WakeTimes;
        yield return t.TransmitTimes;
        yield return t.CapturedEventTimes;
        yield return t.MissedEventTimes;
        yield return t.BrownoutTimes;
    }
}
