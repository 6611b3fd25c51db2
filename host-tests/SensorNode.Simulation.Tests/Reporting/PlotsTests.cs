using System.Buffers.Binary;
using SensorNode.Simulation.Reporting;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Tests.Reporting;

public sealed class PlotsTests : IDisposable
{
    private static readonly byte[] PngSignature = { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };

    private readonly TempFolder temp = new();
    private readonly string dir;

    public PlotsTests() => dir = temp.Path;

    public void Dispose() => temp.Dispose();

    /// <summary>Asserts the three files are 1200 x 600 PNGs with real content, in the documented order.</summary>
    private void AssertThreePngs(IReadOnlyList<string> paths)
    {
        Assert.Equal(
            new[] { Path.Combine(dir, "supercap.png"), Path.Combine(dir, "events.png"), Path.Combine(dir, "energy.png") },
            paths);
        foreach (string path in paths)
        {
            byte[] png = File.ReadAllBytes(path);
            Assert.True(png.Length > 10_000, $"{Path.GetFileName(path)} is only {png.Length} bytes");
            Assert.Equal(PngSignature, png[..8]);
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
            Assert.Equal(1200, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
            Assert.Equal(600, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        }
    }

    [Fact]
    public void Render_WritesThreePngs_ForThirtyDaysOfSyntheticData()
    {
        NodeTimeline timeline = SyntheticRun.Timeline(days: 30, wakePeriodSeconds: 600);
        Assert.InRange(timeline.WakeTimes.Count, 1, SupercapPlot.MaxWakeMarkers); // wake strip drawn
        Assert.NotEmpty(timeline.BrownoutTimes);
        Assert.NotEmpty(timeline.MissedEventTimes);

        AssertThreePngs(Plots.Render(dir, timeline, SyntheticRun.Metrics()));
    }

    [Fact]
    public void Render_WritesThreePngs_WhenThereAreTooManyWakesToMark()
    {
        NodeTimeline timeline = SyntheticRun.Timeline(days: 30, wakePeriodSeconds: 60);
        Assert.True(timeline.WakeTimes.Count > SupercapPlot.MaxWakeMarkers);

        AssertThreePngs(Plots.Render(dir, timeline, SyntheticRun.Metrics()));
    }

    [Fact]
    public void Render_WritesThreePngs_ForAnEmptyTimelineAndZeroMetrics()
        => AssertThreePngs(Plots.Render(dir, new NodeTimeline { StartUnixSeconds = SyntheticRun.Start }, new SimulationMetrics()));

    [Fact]
    public void Render_WritesThreePngs_ForASingleSample()
    {
        var timeline = new NodeTimeline { StartUnixSeconds = SyntheticRun.Start };
        timeline.SampleTimes.Add(SyntheticRun.Start);
        timeline.SupercapVolts.Add(3.1);
        timeline.HarvestMicrowatts.Add(0);
        timeline.WakeTimes.Add(SyntheticRun.Start + 30);

        AssertThreePngs(Plots.Render(dir, timeline, new SimulationMetrics()));
    }

    [Fact]
    public void Render_WritesThreePngs_WhenFiguresAreNotFinite()
    {
        NodeTimeline timeline = SyntheticRun.Timeline(days: 2, wakePeriodSeconds: 600);
        timeline.SupercapVolts[10] = double.NaN;
        timeline.HarvestMicrowatts[20] = double.PositiveInfinity;
        var metrics = new SimulationMetrics { EnergySpentJ = double.NaN, EnergyLeakageJ = double.NegativeInfinity };
        metrics.EnergySpentByPhaseJ["sleep"] = double.NaN;

        AssertThreePngs(Plots.Render(dir, timeline, metrics));
    }

    [Fact]
    public void Render_ReplacesEarlierPlots()
    {
        Plots.Render(dir, SyntheticRun.Timeline(days: 30, wakePeriodSeconds: 600), SyntheticRun.Metrics());
        long before = new FileInfo(Path.Combine(dir, "supercap.png")).Length;

        Plots.Render(dir, new NodeTimeline { StartUnixSeconds = SyntheticRun.Start }, new SimulationMetrics());

        Assert.NotEqual(before, new FileInfo(Path.Combine(dir, "supercap.png")).Length);
    }

    [Fact]
    public void Render_Throws_WhenTheSampleListsDifferInLength()
    {
        var timeline = new NodeTimeline { StartUnixSeconds = SyntheticRun.Start };
        timeline.SampleTimes.Add(SyntheticRun.Start);
        timeline.SupercapVolts.Add(3.1);

        var e = Assert.Throws<ArgumentException>(() => Plots.Render(dir, timeline, new SimulationMetrics()));

        Assert.Contains("1 times, 1 voltages, 0 harvest values", e.Message);
        Assert.False(Directory.Exists(dir));
    }
}
