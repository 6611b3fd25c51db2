using SensorNode.Simulation.Environment;

namespace SensorNode.Simulation.Tests.Environment;

public class CsvTraceReaderTests
{
    // 2024-01-02 00:00:00 (a Tuesday).
    private const long Jan2 = 1_704_153_600;

    [Fact]
    public void Read_WithoutHeader_TakesTimestampLuxPirTemperatureByPosition()
    {
        using var folder = new TempTraceFolder();
        string path = folder.Write("plain.csv",
            "2024-01-02T00:00:00Z,10,0,20.0",
            "2024-01-02T00:02:00,30,1,22.0",
            $"{Jan2 + 240},50,0,24.0");

        EnvironmentTrace trace = CsvTraceReader.Read(path);

        Assert.Equal(Jan2, trace.StartUnixSeconds);
        Assert.Equal(5, trace.StepCount);
        Assert.Equal(new float[] { 10, 10, 30, 30, 50 }, trace.IlluminanceLux);
        Assert.Equal(new[] { Jan2 + 120 }, trace.MotionEventUnixSeconds);
        Assert.Equal(20.5f, trace.TemperatureCelsius[0]); // 00:00:30 between 20 at 0 s and 22 at 120 s
        Assert.Equal(24f, trace.TemperatureCelsius[4]);   // held after the last sample
        Assert.All(trace.HumidityPercent, h => Assert.Equal(45f, h));
        Assert.Equal(3, trace.Diagnostics.RowsAccepted);
    }

    [Fact]
    public void Read_TimestampAndLuxOnly_HasNoMotionAndDefaultClimate()
    {
        using var folder = new TempTraceFolder();
        string path = folder.Write("light.csv", $"{Jan2},100", $"{Jan2 + 60},200");

        EnvironmentTrace trace = CsvTraceReader.Read(path);

        Assert.Empty(trace.MotionEventUnixSeconds);
        Assert.Equal(new float[] { 100, 200 }, trace.IlluminanceLux);
        Assert.All(trace.TemperatureCelsius, t => Assert.Equal(21f, t));
        Assert.Equal(2, trace.Diagnostics.RowsWithoutTemperature);
    }

    [Fact]
    public void Read_WithHeader_FindsColumnsByNameInAnyOrder()
    {
        using var folder = new TempTraceFolder();
        // The indoor-light study's layout: extra columns, lux and temp not in the first places.
        string path = folder.Write("loc.csv",
            "# exported 2024-01-02",
            "timestamp,ch0,lux,temp,humidity,motion",
            "02-Jan-2024 00:00:00,1,15.5,19.5,40,0",
            "02-Jan-2024 00:01:00,1,16.5,,42,1");

        EnvironmentTrace trace = CsvTraceReader.Read(path);

        Assert.Equal(new float[] { 15.5f, 16.5f }, trace.IlluminanceLux);
        Assert.Equal(new float[] { 19.5f, 19.5f }, trace.TemperatureCelsius); // the empty one is held from the last
        Assert.Equal(new float[] { 41f, 42f }, trace.HumidityPercent); // 00:00:30 between 40 and 42
        Assert.Equal(new[] { Jan2 + 60 }, trace.MotionEventUnixSeconds);
        Assert.Equal(2, trace.Diagnostics.RowsRead); // comment and header are not rows
    }

    [Fact]
    public void Read_IsoOffset_KeepsTheWallClockAsWritten()
    {
        using var folder = new TempTraceFolder();
        string path = folder.Write("offset.csv", "timestamp,lux", "2024-01-02T08:00:00+01:00,5");

        Assert.Equal(Jan2 + 8 * 3600, CsvTraceReader.Read(path).StartUnixSeconds);
    }

    [Fact]
    public void Read_MalformedRows_AreSkippedWithFileLineAndReason()
    {
        using var folder = new TempTraceFolder();
        string path = folder.Write("bad.csv",
            "timestamp,lux,pir",
            $"{Jan2},10,0",
            "yesterday,10,0",
            $"{Jan2 + 60}",
            $"{Jan2 + 60},-3,0",
            $"{Jan2 + 60},NaN,0",
            $"{Jan2 + 60},10,yes",
            $"{Jan2 + 60},10,",
            $"{Jan2 - 60},10,1");

        EnvironmentTrace trace = CsvTraceReader.Read(path);

        Assert.Equal(
            new[]
            {
                $"{path}:3: BadTimestamp: timestamp 'yesterday' is neither Unix seconds nor ISO 8601",
                $"{path}:4: TooFewColumns: 1 columns, need 2",
                $"{path}:5: BadLux: lux '-3' is not a number >= 0",
                $"{path}:6: BadLux: lux 'NaN' is not a number >= 0",
                $"{path}:7: BadPirFlag: pir 'yes' is not 0 or 1",
                $"{path}:9: OutOfOrder: 2024-01-01 23:59:00 is earlier than 2024-01-02 00:01:00 (line 8)",
            },
            trace.Diagnostics.Skipped.OrderBy(s => s.Line).Select(s => s.ToString()));
        Assert.Equal(2, trace.Diagnostics.RowsAccepted);
        Assert.Empty(trace.MotionEventUnixSeconds); // line 8's empty pir is "no event"
    }

    [Fact]
    public void Read_RowWithMoreFieldsThanTheHeader_IsSkippedNotReadByPosition()
    {
        using var folder = new TempTraceFolder();
        // Line 3 was written with a decimal comma: read by position its lux would be 12 and ",5" dropped.
        string path = folder.Write("comma.csv",
            "timestamp,lux",
            $"{Jan2},10",
            $"{Jan2 + 60},12,5",
            $"{Jan2 + 120},30,");

        EnvironmentTrace trace = CsvTraceReader.Read(path);

        Assert.Equal(new[] { $"{path}:3: TooManyColumns: 3 columns, the header has 2 (a decimal comma?)" },
            trace.Diagnostics.Skipped.Select(s => s.ToString()));
        Assert.Equal(2, trace.Diagnostics.RowsAccepted); // line 4's trailing empty field loses nothing
        Assert.Equal(new float[] { 10, 10, 30 }, trace.IlluminanceLux);
    }

    [Fact]
    public void Read_RowWithoutHeaderBeyondFourColumns_IsSkipped()
    {
        using var folder = new TempTraceFolder();
        string path = folder.Write("wide.csv", $"{Jan2},10,0,20.5", $"{Jan2 + 60},10,0,20,5");

        EnvironmentTrace trace = CsvTraceReader.Read(path);

        Assert.Equal(
            new[] { $"{path}:2: TooManyColumns: 5 columns, a row without a header has at most 4 (timestamp,lux,pir,temp_c; a decimal comma?)" },
            trace.Diagnostics.Skipped.Select(s => s.ToString()));
        Assert.Equal(1, trace.Diagnostics.RowsAccepted);
    }

    [Theory]
    [InlineData("timestamp,light,lux", "2 columns for one value (light, lux)")]
    [InlineData("timestamp,lux,temp,lux", "2 columns for one value (lux, lux)")]
    public void Read_HeaderWithTwoColumnsForOneValue_Throws(string header, string expected)
    {
        // The first was read and the other ignored without a word.
        using var folder = new TempTraceFolder();
        string path = folder.Write("two.csv", header, $"{Jan2},10,20,30");

        var error = Assert.Throws<TraceFormatException>(() => CsvTraceReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Read_HeaderWithoutLuxColumn_Throws()
    {
        using var folder = new TempTraceFolder();
        string path = folder.Write("nolux.csv", "timestamp,volts", $"{Jan2},3.3");

        var error = Assert.Throws<TraceFormatException>(() => CsvTraceReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("lux column", error.Message);
    }

    [Fact]
    public void Read_FileWithoutUsableRows_ThrowsNamingTheFile()
    {
        using var folder = new TempTraceFolder();
        string path = folder.Write("empty-rows.csv", "timestamp,lux", "soon,1", "later,2");

        var error = Assert.Throws<TraceFormatException>(() => CsvTraceReader.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains($"{path}:2: BadTimestamp", error.Message);
        Assert.Contains($"{path}:3: BadTimestamp", error.Message);
    }

    [Fact]
    public void Read_EmptyFile_Throws()
    {
        using var folder = new TempTraceFolder();
        string path = folder.Write("nothing.csv");

        var error = Assert.Throws<TraceFormatException>(() => CsvTraceReader.Read(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void TraceReader_PicksPibleForPipesAndCsvOtherwise()
    {
        using var folder = new TempTraceFolder();
        string pible = folder.Write("a.txt", "", "01/02/24 00:00:00|f|||0|99|1|0|7");
        string csv = folder.Write("b.txt", $"{Jan2},7,1");

        EnvironmentTrace fromPible = TraceReader.Read(pible);
        EnvironmentTrace fromCsv = TraceReader.Read(csv);

        Assert.Equal(new[] { Jan2 }, fromPible.MotionEventUnixSeconds);
        Assert.Equal(new[] { Jan2 }, fromCsv.MotionEventUnixSeconds);
        Assert.True(TraceReader.IsPible(pible));
        Assert.False(TraceReader.IsPible(csv));
        Assert.Throws<TraceFormatException>(() => TraceReader.Read(Path.Combine(folder.Path, "missing.csv")));
    }
}
