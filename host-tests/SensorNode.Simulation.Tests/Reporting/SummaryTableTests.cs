using SensorNode.Simulation.Reporting;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Tests.Reporting;

public sealed class SummaryTableTests
{
    private static string Line(string table, string label)
        => table.Split('\n').Single(l => l.StartsWith("  " + label + " ", StringComparison.Ordinal));

    [Fact]
    public void Render_ShowsCapturedEventsAsPercentageOfAllEvents()
    {
        string table = SummaryTable.Render(SyntheticRun.Metrics());

        string captured = Line(table, "captured (node alive, PIR armed)");
        Assert.Contains(" 19 ", captured);
        Assert.EndsWith("95.0% of events", captured);
        Assert.EndsWith("90.0% of events, 94.7% of captured", Line(table, "delivered to the broker"));
    }

    [Fact]
    public void Render_ShowsKeyFiguresWithUnitsInTheLabels()
    {
        string table = SummaryTable.Render(SyntheticRun.Metrics());

        Assert.Contains(" 150.250", Line(table, "harvested (J)"));
        Assert.EndsWith("120.500   80.2% of harvested", Line(table, "spent by the load (J)"));
        Assert.EndsWith("28.023", Line(table, "per delivered reading (mJ)"));
        Assert.EndsWith("1800.5  reading taken -> first at broker", Line(table, "delivery p50 (s)"));
        Assert.EndsWith("3540.4", Line(table, "delivery p95 (s)"));
        Assert.EndsWith("3.312", Line(table, "supercap at end (V)"));
        Assert.EndsWith("1.25", Line(table, "dead time (% of run browned out)"));
        Assert.EndsWith("16.4% of wakes", Line(table, "Wi-Fi connects"));
        Assert.EndsWith("5.97 per connect", Line(table, "messages published"));
        Assert.EndsWith("office-window", Line(table, "environment"));
        Assert.EndsWith("36", Line(table, "  wifi_drop injected"));
    }

    [Fact]
    public void Render_BreaksEnergyDownByPhaseInPowerPhaseOrder_WithShareOfSpent()
    {
        var m = SyntheticRun.Metrics();
        m.EnergySpentByPhaseJ["radio_idle"] = 0.5;

        string table = SummaryTable.Render(m);

        // 45 J of 120.5 J spent = 37.34 %.
        Assert.EndsWith("45.000   37.3% of spent", Line(table, "  wifi associate (J)"));
        string[] order = { "sleep", "boot", "compute", "sensing", "flash write", "wifi associate", "mqtt connect", "mqtt publish", "radio idle" };
        int[] at = order.Select(p => table.IndexOf($"    {p} (J)", StringComparison.Ordinal)).ToArray();
        Assert.DoesNotContain(-1, at);
        Assert.Equal(at.OrderBy(i => i), at);
    }

    [Fact]
    public void Render_ListsEveryKnownPhase_EvenWhenAbsent()
    {
        string table = SummaryTable.Render(new SimulationMetrics());

        Assert.EndsWith("0.000     n/a", Line(table, "  mqtt publish (J)"));
    }

    [Fact]
    public void Render_RightAlignsValuesInOneColumn()
    {
        string table = SummaryTable.Render(SyntheticRun.Metrics());

        int End(string label, string value)
        {
            string line = Line(table, label);
            return line.IndexOf(value, StringComparison.Ordinal) + value.Length;
        }

        int column = End("motion events", "20");
        Assert.Equal(column, End("harvested (J)", "150.250"));
        Assert.Equal(column, End("wakes", "4400"));
        Assert.Equal(column, End("  sleep (J)", "30.125"));
        Assert.Equal(column, End("delivery p95 (s)", "3540.4"));
    }

    [Fact]
    public void Render_HasTheSections()
    {
        string table = SummaryTable.Render(SyntheticRun.Metrics());

        foreach (string section in new[] { "Events", "Readings", "Energy", "Radio", "Latency", "Run" })
        {
            Assert.Contains($"\n{section}\n{new string('-', section.Length)}\n", table);
        }
    }

    [Fact]
    public void Render_PrintsNotApplicable_ForRatiosOverZeroAndNonFiniteFigures()
    {
        string table = SummaryTable.Render(new SimulationMetrics { DeliveryLatencyP50S = double.NaN, EnergyLeakageJ = double.PositiveInfinity });

        Assert.EndsWith(" 0     n/a", Line(table, "captured (node alive, PIR armed)"));
        Assert.EndsWith(" n/a  reading taken -> first at broker", Line(table, "delivery p50 (s)"));
        Assert.EndsWith(" n/a     n/a", Line(table, "leakage (J)"));
        Assert.EndsWith("none", Line(table, "faults"));
    }

    [Fact]
    public void Render_IgnoresTheCurrentCulture()
    {
        string table = MetricsJsonTests.WithCulture("de-DE", () => SummaryTable.Render(SyntheticRun.Metrics()));

        Assert.Contains("150.250", table);
        Assert.Contains("95.0%", table);
        Assert.DoesNotContain("150,250", table);
    }

    [Fact]
    public void Render_ShowsAtMostFiveSkippedTraceRows_AndCountsTheRest()
    {
        var m = new SimulationMetrics { TraceRowsSkipped = 8 };
        m.TraceSkippedExamples.AddRange(Enumerable.Range(1, 8).Select(i => $"light.csv:{i}: bad"));

        string table = SummaryTable.Render(m);

        Assert.Contains("    light.csv:5: bad\n", table);
        Assert.DoesNotContain("light.csv:6: bad", table);
        Assert.Contains("    ... 3 more in metrics.json\n", table);
    }

    [Theory]
    [InlineData(19, 20, "95.0%")]
    [InlineData(1, 3, "33.3%")]
    [InlineData(2, 3, "66.7%")]
    [InlineData(0, 7, "0.0%")]
    [InlineData(7, 7, "100.0%")]
    [InlineData(3, 0, "n/a")]
    public void Percent_FormatsOneDecimal(double part, double whole, string expected)
        => Assert.Equal(expected, SummaryTable.Percent(part, whole));
}
