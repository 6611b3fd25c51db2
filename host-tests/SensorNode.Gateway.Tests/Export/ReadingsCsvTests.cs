namespace SensorNode.Gateway.Tests.Export;

public class ReadingsCsvTests
{
    [Fact]
    public void Write_WritesHeaderAndRows_WithEmptyCellsForMissingValues()
    {
        StoredReading[] readings =
        [
            new("node-01", 41, 1767225000, -0.05, 45.67, 123.45, 4.123, 0, 1767225600123),
            new("node-01", 42, null, null, null, 83865.6, null, 65535, 1767225601000),
            new("node,\"x\"", 4294967295, 1767225600, 21.5, 100, 0, 20, null, 0),
        ];
        var text = new StringWriter();

        ReadingsCsv.Write(text, readings);

        Assert.Equal(
            "node_id,seq,time_utc,temperature_c,humidity_pct,illuminance_lx,supercap_v,motion,received_utc\n" +
            "node-01,41,2025-12-31T23:50:00Z,-0.05,45.67,123.45,4.123,0,2026-01-01T00:00:00.123Z\n" +
            "node-01,42,,,,83865.6,,65535,2026-01-01T00:00:01.000Z\n" +
            "\"node,\"\"x\"\"\",4294967295,2026-01-01T00:00:00Z,21.5,100,0,20,,1970-01-01T00:00:00.000Z\n",
            text.ToString());
    }

    [Fact]
    public void Write_UsesInvariantNumbers_UnderACommaDecimalCulture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var text = new StringWriter();
            ReadingsCsv.Write(text, [new StoredReading("n", 1, null, 21.53, null, null, null, null, 0)]);

            Assert.Contains("n,1,,21.53,,,,,", text.ToString());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }
}
