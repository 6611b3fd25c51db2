using SensorNode.Simulation.Environment;
using Xunit.Abstractions;

namespace SensorNode.Simulation.Tests.Environment;

public class PibleTraceReaderTests
{
    private const string Ff66 = "ff66-office-2019-09-30_to_11-03.txt";
    private readonly ITestOutputHelper _output;

    public PibleTraceReaderTests(ITestOutputHelper output) => _output = output;

    // 2019-09-30 00:00:00, read as UTC like every trace timestamp.
    private const long Sep30 = 1_569_801_600;

    [Fact]
    public void Read_ReportsEachMalformedRowWithFileLineAndReason()
    {
        using var folder = new TempTraceFolder();
        string path = folder.Write("node.txt",
            "09/30/19 10:00:00|f|21.5|40.0|0|99|0|0|100|tag",   // 1 ok
            "",                                                // 2 blank
            "09/30/19 10:05:00|f|21.5|40.0|0|99",              // 3 too few columns
            "13/45/19 10:10:00|f|21.5|40.0|0|99|0|0|100",      // 4 bad timestamp
            "09/30/19 10:15:00|f|list index out of range||0|99|0|0|", // 5 empty lux
            "09/30/19 10:20:00|f|21.5|40.0|0|99|0|0|bright",   // 6 non-numeric lux
            "09/30/19 10:25:00|f|21.5|40.0|0|99|2|0|100",      // 7 PIR flag 2
            "09/30/19 10:30:00|f|-40.0|0.0|0|99|1|0|200",      // 8 ok, motion, sensor read failure
            "09/30/19 10:29:00|f|21.5|40.0|0|99|1|0|300",      // 9 earlier than line 8
            "09/30/19 10:30:00|f|22.5|41.0|0|99|1|0|250");     // 10 same time as line 8: fine

        EnvironmentTrace trace = PibleTraceReader.Read(path);
        TraceDiagnostics d = trace.Diagnostics;

        Assert.Equal(10, d.RowsRead);
        Assert.Equal(3, d.RowsAccepted);
        Assert.Equal(7, d.SkippedCount);
        Assert.Equal(
            new[]
            {
                $"{path}:2: BlankLine: empty line",
                $"{path}:3: TooFewColumns: 6 columns, need 9",
                $"{path}:4: BadTimestamp: timestamp '13/45/19 10:10:00' is not MM/dd/yy HH:mm:ss",
                $"{path}:5: BadLux: lux '' is not a number >= 0",
                $"{path}:6: BadLux: lux 'bright' is not a number >= 0",
                $"{path}:7: BadPirFlag: PIR flag '2' is not 0 or 1",
                $"{path}:9: OutOfOrder: 2019-09-30 10:29:00 is earlier than 2019-09-30 10:30:00 (line 8)",
            },
            d.Skipped.OrderBy(s => s.Line).Select(s => s.ToString()));
        Assert.Equal(2, d.SkippedByReason[SkipReason.BadLux]);
        Assert.Equal(1, d.RowsWithoutTemperature);
        Assert.Contains("3 accepted", d.Summary());
        Assert.Contains($"{path}:4: BadTimestamp", d.Summary());

        Assert.Equal(new[] { Sep30 + 10 * 3600 + 30 * 60, Sep30 + 10 * 3600 + 30 * 60 }, trace.MotionEventUnixSeconds);
        Assert.Equal(Sep30 + 10 * 3600, trace.StartUnixSeconds);
        Assert.Equal(31, trace.StepCount); // 10:00 .. 10:30 inclusive
        Assert.Equal(100, trace.IlluminanceAt(Sep30 + 10 * 3600 + 29 * 60));
        Assert.Equal(250, trace.IlluminanceAt(Sep30 + 10 * 3600 + 30 * 60)); // the later of two equal timestamps holds
        // Temperature: 21.5 at 10:00, the failed row is ignored, 22.5 at 10:30: linear in between.
        Assert.InRange(trace.TemperatureAt(Sep30 + 10 * 3600 + 15 * 60), 21.95, 22.05);
    }

    [Fact]
    public void Read_KeepsOnlyExamplesUpToTheLimitButCountsEverySkippedRow()
    {
        using var folder = new TempTraceFolder();
        var lines = new List<string> { "09/30/19 10:00:00|f|||0|99|0|0|100" };
        for (int i = 0; i < 25; i++) lines.Add($"09/30/19 10:{i + 1:00}:00|f|||0|99|0|0|x");
        EnvironmentTrace trace = PibleTraceReader.Read(folder.Write("many.txt", lines.ToArray()));

        Assert.Equal(25, trace.Diagnostics.SkippedCount);
        Assert.Equal(25, trace.Diagnostics.SkippedByReason[SkipReason.BadLux]);
        Assert.Equal(TraceDiagnostics.MaxExamplesPerReason, trace.Diagnostics.Skipped.Count);
        Assert.Equal(2, trace.Diagnostics.Skipped[0].Line);
    }

    [Fact]
    public void Read_ReportsGapsLongerThanTwoHoursAndHoldsTheLastLightAcrossThem()
    {
        using var folder = new TempTraceFolder();
        string path = folder.Write("gap.txt",
            "09/30/19 10:00:00|f|||0|99|0|0|300",
            "09/30/19 11:00:00|f|||0|99|0|0|400",
            "09/30/19 15:30:00|f|||0|99|0|0|10");

        EnvironmentTrace trace = PibleTraceReader.Read(path);

        Assert.Equal(1, trace.Diagnostics.LongGapCount);
        Assert.Equal(new TraceGap(3, Sep30 + 11 * 3600, Sep30 + 15 * 3600 + 1800), trace.Diagnostics.LongGaps[0]);
        Assert.Equal(16_200L, trace.Diagnostics.LongestGapSeconds);
        Assert.Equal(400, trace.IlluminanceAt(Sep30 + 15 * 3600));
        Assert.Equal(10, trace.IlluminanceAt(Sep30 + 15 * 3600 + 1800));
    }

    [Fact]
    public void Read_FileWithoutUsableRows_ThrowsNamingTheFileAndTheFirstReasons()
    {
        using var folder = new TempTraceFolder();
        string path = folder.Write("broken.txt",
            "03/31/20 02:10:21|f|list index out of range||list index out of range||||",
            "not a row");

        var error = Assert.Throws<TraceFormatException>(() => PibleTraceReader.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains($"'{path}'", error.Message);
        Assert.Contains($"{path}:1: BadLux", error.Message);
        Assert.Contains($"{path}:2: TooFewColumns", error.Message);
    }

    [Fact]
    public void Read_MissingFile_ThrowsTraceFormatException()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-trace-" + Guid.NewGuid().ToString("N") + ".txt");

        var error = Assert.Throws<TraceFormatException>(() => PibleTraceReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.IsType<FileNotFoundException>(error.InnerException);
    }

    [RequiresSharedDataFact]
    public void Read_Ff66_YieldsOneMotionEventPerPirRow()
    {
        string path = SharedData.Pible(Ff66);
        // Independent count: rows whose 7th '|' field is "1".
        int pirRows = File.ReadLines(path).Count(line => line.Split('|') is { Length: > 6 } f && f[6].Trim() == "1");

        EnvironmentTrace trace = PibleTraceReader.Read(path);

        Assert.Equal(1153, pirRows);
        Assert.Equal(pirRows, trace.MotionEventUnixSeconds.Length);
        Assert.Equal(trace.MotionEventUnixSeconds.Order(), trace.MotionEventUnixSeconds);
    }

    [RequiresSharedDataFact]
    public void Read_Ff66_SkipsTheRepeatedDaylightSavingHourAsOutOfOrder()
    {
        // 2019-11-03 01:48:28 is followed by 01:03:40 (clocks went back): three rows fall in the repeated hour.
        EnvironmentTrace trace = PibleTraceReader.Read(SharedData.Pible(Ff66));
        TraceDiagnostics d = trace.Diagnostics;
        _output.WriteLine(d.Summary());

        Assert.Equal(5297, d.RowsRead);
        Assert.Equal(5294, d.RowsAccepted);
        Assert.Equal(new[] { 5177, 5178, 5179 }, d.Skipped.Select(s => s.Line));
        Assert.All(d.Skipped, s => Assert.Equal(SkipReason.OutOfOrder, s.Reason));
        Assert.Equal(0, d.LongGapCount);
        Assert.Equal(5294, d.RowsWithoutTemperature); // ff66 logs no temperature
        Assert.All(trace.TemperatureCelsius, t => Assert.Equal(21f, t));
    }

    [RequiresSharedDataFact]
    public void Read_Ff66_LightStatisticsMatchTheOfficeNode()
    {
        EnvironmentTrace trace = PibleTraceReader.Read(SharedData.Pible(Ff66));
        var weekdayDaytime = new List<float>();
        var night = new List<float>();
        for (int i = 0; i < trace.StepCount; i++)
        {
            long t = trace.StartUnixSeconds + (long)i * trace.StepSeconds;
            int hour = (int)(t % 86_400 / 3600);
            var day = DateTimeOffset.FromUnixTimeSeconds(t).DayOfWeek;
            if (hour < 6) night.Add(trace.IlluminanceLux[i]);
            if (hour is >= 10 and < 17 && day is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) weekdayDaytime.Add(trace.IlluminanceLux[i]);
        }
        _output.WriteLine($"steps {trace.StepCount}, night median {Median(night)}, weekday 10-17 h median {Median(weekdayDaytime)}");

        Assert.InRange(trace.StepCount, 49_700, 49_800); // 34.5 days of minutes
        Assert.Equal(488f, trace.IlluminanceLux.Max());
        Assert.Equal(5f, Median(night));
        Assert.InRange(Median(weekdayDaytime), 300f, 380f); // lamps 257 lx + floor + morning daylight
    }

    [RequiresSharedDataFact]
    public void Read_Ff22_CountsEveryMalformedRowWithItsLine()
    {
        EnvironmentTrace trace = PibleTraceReader.Read(SharedData.Pible("ff22-office-2020-03-30_to_04-27.txt"));
        TraceDiagnostics d = trace.Diagnostics;
        _output.WriteLine(d.Summary());

        Assert.Equal(2275, d.RowsRead);
        Assert.Equal(2170, d.RowsAccepted);
        Assert.Equal(1, d.SkippedByReason[SkipReason.BlankLine]);
        Assert.Equal(104, d.SkippedByReason[SkipReason.BadLux]);
        Assert.Equal(1, d.Skipped.Single(s => s.Reason == SkipReason.BlankLine).Line);
        Assert.Equal(38, d.Skipped.Where(s => s.Reason == SkipReason.BadLux).Min(s => s.Line));
        Assert.Equal(50, d.RowsWithoutTemperature);
        Assert.Equal(5, d.LongGapCount);
        Assert.Equal(5, trace.MotionEventUnixSeconds.Length);
        Assert.InRange(trace.TemperatureCelsius.Average(), 21.5, 23.5);
    }

    [RequiresSharedDataFact]
    public void Read_Ff90_SkipsTheSpanTheConcatenatedLogRepeats()
    {
        // Lines 210.. repeat lines 2.. (the log restarts at 03/27 15:15:22) until they pass 03/29 11:57:10.
        EnvironmentTrace trace = PibleTraceReader.Read(SharedData.Pible("ff90-office-2020-03-27_to_04-16.txt"));
        TraceDiagnostics d = trace.Diagnostics;
        _output.WriteLine(d.Summary());

        Assert.Equal(788, d.RowsAccepted);
        Assert.Equal(181, d.SkippedByReason[SkipReason.OutOfOrder]);
        Assert.Equal(148, d.SkippedByReason[SkipReason.BadLux]);
        Assert.Equal(210, d.Skipped.Where(s => s.Reason == SkipReason.OutOfOrder).Min(s => s.Line));
        Assert.Equal(14, d.LongGapCount);
        Assert.InRange(trace.IlluminanceLux.Max(), 4500f, 4627f); // the 4,627 lx row held for part of a minute
    }

    [RequiresSharedDataTheory]
    [InlineData("aces-2124-light-2018-03-24_to_06-26.txt", 9012, 0)]
    [InlineData("ff22-office-2020-03-30_to_04-27.txt", 2170, 5)]
    [InlineData("ff62-pir-1min-day1.txt", 1440, 3)]
    [InlineData("ff62-pir-1min-day2-3.txt", 2880, 0)]
    [InlineData("ff66-office-2019-09-30_to_11-03.txt", 5294, 1153)]
    [InlineData("ff90-office-2020-03-27_to_04-16.txt", 788, 0)]
    public void Read_EverySharedTrace_AcceptsTheExpectedRowsAndEvents(string file, int accepted, int events)
    {
        EnvironmentTrace trace = TraceReader.Read(SharedData.Pible(file));
        TraceDiagnostics d = trace.Diagnostics;
        _output.WriteLine(d.Summary());

        Assert.Equal(accepted, d.RowsAccepted);
        Assert.Equal(d.RowsRead, d.RowsAccepted + d.SkippedCount);
        Assert.Equal(events, trace.MotionEventUnixSeconds.Length);
        Assert.All(trace.IlluminanceLux, l => Assert.True(float.IsFinite(l) && l >= 0));
        Assert.All(trace.TemperatureCelsius, t => Assert.InRange(t, 10f, 40f));
        Assert.All(trace.HumidityPercent, h => Assert.InRange(h, 0f, 100f));
    }

    private static float Median(List<float> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
