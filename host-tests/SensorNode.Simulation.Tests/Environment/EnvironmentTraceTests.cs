using SensorNode.Simulation.Environment;

namespace SensorNode.Simulation.Tests.Environment;

public class EnvironmentTraceTests
{
    // 2024-01-01 00:00:00, a Monday.
    private const long Monday = 1_704_067_200;
    private const int Day = 86_400;

    private static EnvironmentTrace Hourly(long start, int hours, params long[] motion)
    {
        float[] lux = Enumerable.Range(0, hours).Select(i => (float)i).ToArray();
        float[] temperature = Enumerable.Repeat(21f, hours).ToArray();
        float[] humidity = Enumerable.Repeat(45f, hours).ToArray();
        return new EnvironmentTrace("test", start, 3600, lux, temperature, humidity, motion, new TraceDiagnostics("test"));
    }

    [Fact]
    public void StepIndex_ClampsBeforeTheStartAndAfterTheEnd()
    {
        EnvironmentTrace trace = Hourly(Monday, 48);

        Assert.Equal(0, trace.StepIndex(Monday - 10 * Day));
        Assert.Equal(0, trace.StepIndex(Monday + 3599));
        Assert.Equal(1, trace.StepIndex(Monday + 3600));
        Assert.Equal(47, trace.StepIndex(trace.EndUnixSeconds - 1));
        Assert.Equal(47, trace.StepIndex(trace.EndUnixSeconds + 10 * Day));
        Assert.Equal(5.0, trace.IlluminanceAt(Monday + 5 * 3600 + 1800));
        Assert.Equal(Monday + 48 * 3600, trace.EndUnixSeconds);
        Assert.Equal(2, trace.DayCount);
    }

    [Fact]
    public void FirstMotionEventAtOrAfter_FindsTheFirstOfEqualTimesOrTheLength()
    {
        EnvironmentTrace trace = Hourly(Monday, 24, Monday + 10, Monday + 20, Monday + 20, Monday + 30);

        Assert.Equal(0, trace.FirstMotionEventAtOrAfter(Monday));
        Assert.Equal(0, trace.FirstMotionEventAtOrAfter(Monday + 10));
        Assert.Equal(1, trace.FirstMotionEventAtOrAfter(Monday + 11));
        Assert.Equal(1, trace.FirstMotionEventAtOrAfter(Monday + 20));
        Assert.Equal(3, trace.FirstMotionEventAtOrAfter(Monday + 21));
        Assert.Equal(4, trace.FirstMotionEventAtOrAfter(Monday + 31));
        Assert.Equal(2, trace.MotionEventsBetween(Monday + 11, Monday + 30));
    }

    [Fact]
    public void Slice_CutsWholeLocalDaysCountedFromTheFirstDay()
    {
        // Starts Monday 12:00, runs 3 days: day 0 is that Monday (half), day 3 Thursday (half).
        EnvironmentTrace trace = Hourly(Monday + 12 * 3600, 72, Monday + 13 * 3600, Monday + Day + 5, Monday + 2 * Day + 7, Monday + 3 * Day + 1);

        EnvironmentTrace first = trace.Slice(0, 0);
        EnvironmentTrace middle = trace.Slice(1, 2);
        EnvironmentTrace last = trace.Slice(3, 9);

        Assert.Equal(4, trace.DayCount);
        Assert.Equal(Monday + 12 * 3600, first.StartUnixSeconds);
        Assert.Equal(12, first.StepCount);
        Assert.Equal(new[] { Monday + 13 * 3600 }, first.MotionEventUnixSeconds);

        Assert.Equal(Monday + Day, middle.StartUnixSeconds);
        Assert.Equal(48, middle.StepCount);
        Assert.Equal(12f, middle.IlluminanceLux[0]); // the parent's step 12
        Assert.Equal(new[] { Monday + Day + 5, Monday + 2 * Day + 7 }, middle.MotionEventUnixSeconds);
        Assert.Equal("test days 1-2", middle.Name);
        Assert.Same(trace.Diagnostics, middle.Diagnostics);

        Assert.Equal(12, last.StepCount); // cut at the end of the trace
        Assert.Equal(trace.EndUnixSeconds, last.EndUnixSeconds);
        Assert.Single(last.MotionEventUnixSeconds);
    }

    [Fact]
    public void Slice_CopiesTheArrays()
    {
        EnvironmentTrace trace = Hourly(Monday, 48);
        EnvironmentTrace slice = trace.Slice(1, 1);

        slice.IlluminanceLux[0] = 999;

        Assert.Equal(24f, trace.IlluminanceLux[24]);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 5)]
    public void Slice_RangeOutsideTheTrace_Throws(int firstDay, int lastDay)
    {
        EnvironmentTrace trace = Hourly(Monday, 48);

        Assert.Throws<ArgumentOutOfRangeException>(() => trace.Slice(firstDay, lastDay));
    }

    [Fact]
    public void Constructor_RejectsMismatchedArraysUnsortedMotionAndBadValues()
    {
        var d = new TraceDiagnostics("test");
        float[] two = { 1, 2 };

        Assert.Throws<ArgumentException>(() => new EnvironmentTrace("x", 0, 60, two, new float[] { 1 }, two, Array.Empty<long>(), d));
        Assert.Throws<ArgumentException>(() => new EnvironmentTrace("x", 0, 60, two, two, two, new long[] { 5, 4 }, d));
        Assert.Throws<ArgumentException>(() => new EnvironmentTrace("x", 0, 60, new float[] { -1, 0 }, two, two, Array.Empty<long>(), d));
        Assert.Throws<ArgumentException>(() => new EnvironmentTrace("x", 0, 60, two, new float[] { float.NaN, 0 }, two, Array.Empty<long>(), d));
        Assert.Throws<ArgumentException>(() => new EnvironmentTrace("x", 0, 60, Array.Empty<float>(), Array.Empty<float>(), Array.Empty<float>(), Array.Empty<long>(), d));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EnvironmentTrace("x", 0, 0, two, two, two, Array.Empty<long>(), d));
    }

    [Fact]
    public void Resampling_AveragesTheHeldLightOverEachStep()
    {
        // A sample change in the middle of a step: the step holds the time-weighted mean, so the
        // light integral (harvested energy) is the same on any grid.
        using var folder = new TempTraceFolder();
        string path = folder.Write("half.csv", $"{Monday},100", $"{Monday + 90},300", $"{Monday + 300},300");

        EnvironmentTrace minutes = CsvTraceReader.Read(path, stepSeconds: 60);
        EnvironmentTrace fiveMinutes = CsvTraceReader.Read(path, stepSeconds: 300);

        Assert.Equal(new float[] { 100, 200, 300, 300, 300, 300 }, minutes.IlluminanceLux);
        Assert.Equal(2, fiveMinutes.StepCount);
        Assert.Equal((100 * 90 + 300 * 210) / 300f, fiveMinutes.IlluminanceLux[0]);
        Assert.Equal(minutes.IlluminanceLux.Take(5).Sum() * 60, fiveMinutes.IlluminanceLux[0] * 300, 1);
    }
}
