using System.Globalization;
using System.Text;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Reporting;

/// <summary>
/// The run summary printed by the CLI and saved next to metrics.json: one fixed-width table in
/// sections (events, readings, energy, radio, latency, run). Labels carry the unit, numbers are
/// right-aligned in invariant culture, and the last column puts a figure in proportion
/// ("95.0% of events"). Undefined figures (NaN, a ratio over zero) print as "n/a".
/// </summary>
public static class SummaryTable
{
    private const int LabelWidth = 36;
    private const int ValueWidth = 14;
    private const int MaxSkippedExamples = 5;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The table as text, "\n" line endings, no trailing spaces.</summary>
    public static string Render(SimulationMetrics m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var t = new StringBuilder();
        t.Append("SensorNode simulation summary\n");
        t.Append(new string('=', LabelWidth + ValueWidth + 22)).Append('\n');

        Section(t, "Events");
        Row(t, "motion events", Count(m.EventsTotal));
        Row(t, "captured (node alive, PIR armed)", Count(m.EventsCaptured), Of(m.EventsCaptured, m.EventsTotal, "events"));
        Row(t, "delivered to the broker", Count(m.EventsDelivered),
            $"{Of(m.EventsDelivered, m.EventsTotal, "events")}, {Of(m.EventsDelivered, m.EventsCaptured, "captured").TrimStart()}");

        Section(t, "Readings");
        Row(t, "taken", Count(m.ReadingsTaken));
        Row(t, "delivered (distinct)", Count(m.ReadingsDelivered), Of(m.ReadingsDelivered, m.ReadingsTaken, "taken"));
        Row(t, "dropped (log full, flash refused)", Count(m.ReadingsDropped), Of(m.ReadingsDropped, m.ReadingsTaken, "taken"));
        Row(t, "pending at end", Count(m.ReadingsPending), Of(m.ReadingsPending, m.ReadingsTaken, "taken"));
        Row(t, "duplicate deliveries", Count(m.ReadingsDuplicated), Of(m.ReadingsDuplicated, m.ReadingsDelivered, "delivered"));

        Section(t, "Energy");
        Row(t, "harvested (J)", Joules(m.EnergyHarvestedJ));
        Row(t, "spent by the load (J)", Joules(m.EnergySpentJ), Of(m.EnergySpentJ, m.EnergyHarvestedJ, "harvested"));
        foreach (string key in EnergyPhaseKeys.Ordered(m.EnergySpentByPhaseJ))
        {
            double j = m.EnergySpentByPhaseJ.TryGetValue(key, out double v) ? v : 0;
            Row(t, $"  {EnergyPhaseKeys.Label(key)} (J)", Joules(j), Of(j, m.EnergySpentJ, "spent"));
        }

        Row(t, "leakage (J)", Joules(m.EnergyLeakageJ), Of(m.EnergyLeakageJ, m.EnergyHarvestedJ, "harvested"));
        Row(t, "clamp loss (J)", Joules(m.EnergyClampLossJ), Of(m.EnergyClampLossJ, m.EnergyHarvestedJ, "harvested"));
        Row(t, "stored change (J)", Joules(m.EnergyStoredChangeJ));
        Row(t, "balance error (J)", Joules(m.EnergyBalanceErrorJ), Of(m.EnergyBalanceErrorJ, m.EnergyHarvestedJ, "harvested"));
        Row(t, "per delivered reading (mJ)", Fixed(m.EnergyPerDeliveredReadingMj, 3));
        Row(t, "supercap at end (V)", Fixed(m.FinalSupercapV, 3));
        Row(t, "supercap minimum (V)", Fixed(m.MinSupercapV, 3));
        Row(t, "brownouts", Count(m.Brownouts));
        Row(t, "dead time (% of run browned out)", Fixed(m.DeadTimeFraction * 100, 2));

        Section(t, "Radio");
        Row(t, "wakes", Count(m.Wakes));
        Row(t, "motion wakes", Count(m.MotionWakes), Of(m.MotionWakes, m.Wakes, "wakes"));
        Row(t, "Wi-Fi connects", Count(m.WifiConnects), Of(m.WifiConnects, m.Wakes, "wakes"));
        Row(t, "messages published", Count(m.MessagesPublished), PerConnect(m.MessagesPublished, m.WifiConnects));

        Section(t, "Latency");
        Row(t, "delivery p50 (s)", Fixed(m.DeliveryLatencyP50S, 1), "reading taken -> first at broker");
        Row(t, "delivery p95 (s)", Fixed(m.DeliveryLatencyP95S, 1));

        Section(t, "Service");
        Row(t, "arrivals on time", Count(m.ArrivalsOnTime), Of(m.ArrivalsOnTime, m.ArrivalsTotal, "arrivals"));
        Row(t, "arrival latency p50 (s)", Fixed(m.ArrivalLatencyP50S, 1), "motion after a quiet gap -> at broker");
        Row(t, "arrival latency p95 (s)", Fixed(m.ArrivalLatencyP95S, 1));
        Row(t, "temperature coverage (%)", Fixed(m.TemperatureCoverage * 100, 1), $"{Count(m.TemperatureIntervalsCovered)} of {Count(m.TemperatureIntervals)} intervals");
        Row(t, "utility", Fixed(m.Utility, 3), $"brown-out floor {Count(m.BrownoutsFloor)}");

        Section(t, "Run");
        Row(t, "policy", m.Policy);
        Row(t, "environment", m.Environment);
        Row(t, "profile", m.Profile);
        Row(t, "seed", Count(m.Seed));
        Row(t, "nodes", Count(m.Nodes));
        Row(t, "faults", m.Faults.Length == 0 ? "none" : m.Faults);
        foreach (KeyValuePair<string, long> fault in m.FaultsInjected)
        {
            Row(t, $"  {fault.Key} injected", Count(fault.Value));
        }

        Row(t, "simulated days", Fixed(m.SimulatedDays, 2));
        Row(t, "wall time (s)", Fixed(m.WallSeconds, 2));
        Row(t, "node-days per second", Fixed(m.NodeDaysPerSecond, 1));
        Row(t, "trace rows skipped", Count(m.TraceRowsSkipped));
        foreach (string example in m.TraceSkippedExamples.Take(MaxSkippedExamples))
        {
            t.Append("    ").Append(example).Append('\n');
        }

        if (m.TraceSkippedExamples.Count > MaxSkippedExamples)
        {
            t.Append("    ... ").Append(Count(m.TraceSkippedExamples.Count - MaxSkippedExamples)).Append(" more in metrics.json\n");
        }

        return t.ToString();
    }

    /// <summary>part / whole as "95.0%", or "n/a" when whole is zero or either is not finite.</summary>
    internal static string Percent(double part, double whole)
        => whole == 0 || !double.IsFinite(part) || !double.IsFinite(whole)
            ? "n/a"
            : (100 * part / whole).ToString("F1", Inv) + "%";

    /// <summary>A ratio note, the percentage right-aligned: " 95.0% of events", or "   n/a" when undefined.</summary>
    private static string Of(double part, double whole, string what)
    {
        string percent = Percent(part, whole);
        return percent == "n/a" ? $"{percent,6}" : $"{percent,6} of {what}";
    }

    private static string PerConnect(long messages, long connects)
        => connects == 0 ? $"{"n/a",6}" : $"{((double)messages / connects).ToString("F2", Inv),6} per connect";

    private static string Count(long n) => n.ToString(Inv);

    private static string Joules(double j) => Fixed(j, 3);

    private static string Fixed(double x, int decimals)
        => double.IsFinite(x) ? x.ToString("F" + decimals.ToString(Inv), Inv) : "n/a";

    private static void Section(StringBuilder t, string name)
        => t.Append('\n').Append(name).Append('\n').Append(new string('-', name.Length)).Append('\n');

    private static void Row(StringBuilder t, string label, string value, string note = "")
    {
        var line = new StringBuilder("  ");
        line.Append(label.PadRight(LabelWidth));
        line.Append(value.PadLeft(ValueWidth));
        if (note.Length > 0)
        {
            line.Append("  ").Append(note);
        }

        t.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
