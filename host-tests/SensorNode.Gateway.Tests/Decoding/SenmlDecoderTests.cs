using System.Text;
using SensorNode.Core.Storage;
using SensorNode.Core.Telemetry;

namespace SensorNode.Gateway.Tests.Decoding;

public class SenmlDecoderTests
{
    private const long Now = WriterPacks.BaseTime + 60;

    [Fact]
    public void TryDecode_RoundTripsEveryValue_OfAWriterPackWithFaultsAndUnknownTime()
    {
        Reading coldStart = WriterPacks.Full(10, 0);
        coldStart.Faults = ReadingFaults.TimeUnknown | ReadingFaults.Light;
        Reading older = WriterPacks.Full(11, WriterPacks.BaseTime - 600);
        older.TemperatureCentiCelsius = -5;
        older.HumidityCentiPercent = 10000;
        older.IlluminanceCentiLux = 8386560;
        older.SupercapMillivolts = 0;
        older.MotionEvents = 65535;
        Reading newest = WriterPacks.Full(12, WriterPacks.BaseTime);
        newest.Faults = ReadingFaults.Climate | ReadingFaults.Supercap;
        newest.MotionEvents = 0;

        DecodedPack pack = WriterPacks.Decode(WriterPacks.Encode(coldStart, older, newest));

        Assert.Equal("node-01", pack.NodeId);
        Assert.Equal(new DecodedEnergy(WriterPacks.BaseTime, 4.5, 0.42, 0.00035, 2), pack.Energy);
        Assert.Equal(
        [
            new DecodedReading("node-01", 10, null, 21.53, 45.67, null, 4.123, 3),
            new DecodedReading("node-01", 11, WriterPacks.BaseTime - 600, -0.05, 100, 83865.6, 0, 65535),
            new DecodedReading("node-01", 12, WriterPacks.BaseTime, null, null, 123.45, null, 0),
        ], pack.Readings);
    }

    [Fact]
    public void TryDecode_ReadsTheEventRtcMotionAges_OnlyWhereTheNodeSentThem()
    {
        Reading rtc = WriterPacks.Full(20, WriterPacks.BaseTime - 600);
        rtc.FirstMotionAgeSeconds = 540;
        rtc.LastMotionAgeSeconds = 12;
        Reading lastOnly = WriterPacks.Full(21, WriterPacks.BaseTime);
        lastOnly.LastMotionAgeSeconds = 65534;

        DecodedPack pack = WriterPacks.Decode(WriterPacks.Encode(rtc, lastOnly));

        Assert.Equal(540, pack.Readings[0].FirstMotionAgeSeconds);
        Assert.Equal(12, pack.Readings[0].LastMotionAgeSeconds);
        Assert.Null(pack.Readings[1].FirstMotionAgeSeconds);
        Assert.Equal(65534, pack.Readings[1].LastMotionAgeSeconds);
    }

    [Fact]
    public void TryDecode_ResolvesTheDocumentedExample()
    {
        const string example = """[{"bn":"urn:dev:sensornode:node-01:","bt":1767225600,"n":"stored_energy","u":"J","v":4.5},{"n":"wake_energy","u":"J","v":0.42},{"n":"harvest_power","u":"W","v":0.00035},{"n":"dropped","u":"count","v":2},{"n":"seq","t":-600,"v":41},{"n":"temperature","u":"Cel","t":-600,"v":-0.05},{"n":"humidity","u":"%RH","t":-600,"v":45.67},{"n":"illuminance","u":"lx","t":-600,"v":123.45},{"n":"supercap","u":"V","t":-600,"v":4.123},{"n":"motion","u":"count","t":-600,"v":0},{"n":"seq","v":42},{"n":"illuminance","u":"lx","v":250},{"n":"supercap","u":"V","v":4.1},{"n":"motion","u":"count","v":3}]""";

        DecodedPack pack = WriterPacks.Decode(Encoding.ASCII.GetBytes(example));

        Assert.Equal(
        [
            new DecodedReading("node-01", 41, 1767225000, -0.05, 45.67, 123.45, 4.123, 0),
            new DecodedReading("node-01", 42, 1767225600, null, null, 250, 4.1, 3),
        ], pack.Readings);
    }

    [Fact]
    public void TryDecode_GivesNoTimes_WhenNoReadingKnowsTheTime()
    {
        Reading a = WriterPacks.Full(1, 0);
        a.Faults = ReadingFaults.TimeUnknown;
        Reading b = WriterPacks.Full(2, 0);
        b.Faults = ReadingFaults.TimeUnknown;
        byte[] payload = WriterPacks.Encode(a, b);
        Assert.DoesNotContain("\"bt\"", Encoding.ASCII.GetString(payload));

        DecodedPack pack = WriterPacks.Decode(payload);

        Assert.Null(pack.Energy!.UnixSeconds);
        Assert.All(pack.Readings, r => Assert.Null(r.UnixSeconds));
        Assert.Equal([1u, 2u], pack.Readings.Select(r => r.Sequence));
    }

    [Fact]
    public void TryDecode_RestoresTheBaseTime_AfterATimeUnknownReadingBetweenTimedOnes()
    {
        Reading unknown = WriterPacks.Full(6, 0);
        unknown.Faults = ReadingFaults.TimeUnknown;
        byte[] payload = WriterPacks.Encode(WriterPacks.Full(5, WriterPacks.BaseTime - 1200), unknown, WriterPacks.Full(7, WriterPacks.BaseTime));
        Assert.Contains("\"bt\":0", Encoding.ASCII.GetString(payload));

        DecodedPack pack = WriterPacks.Decode(payload);

        Assert.Equal([WriterPacks.BaseTime - 1200, null, WriterPacks.BaseTime], pack.Readings.Select(r => r.UnixSeconds));
        Assert.Equal(WriterPacks.BaseTime, pack.Energy!.UnixSeconds);
    }

    [Fact]
    public void TryDecode_AcceptsAnEnergyOnlyPack()
    {
        DecodedPack pack = WriterPacks.Decode(WriterPacks.Encode());

        Assert.Empty(pack.Readings);
        Assert.Equal(new DecodedEnergy(null, 4.5, 0.42, 0.00035, 2), pack.Energy);
    }

    [Fact]
    public void TryDecode_AppliesBaseUnitAndBaseValue_PerRfc8428()
    {
        const string valid = """[{"bn":"urn:dev:sensornode:","n":"node-01:seq","v":1},{"bu":"Cel","bv":20,"n":"node-01:temperature","v":1.5}]""";
        DecodedPack pack = WriterPacks.Decode(Encoding.ASCII.GetBytes(valid));

        Assert.Equal(21.5, pack.Readings.Single().TemperatureC);
    }

    private const string Bn = "\"bn\":\"urn:dev:sensornode:node-01:\"";

    public static TheoryData<string, byte[], string> Malformed() => new()
    {
        { "too large", Encoding.ASCII.GetBytes("[" + new string(' ', SenmlDecoder.MaxPayloadBytes) + "]"), "exceeds 65536" },
        { "not UTF-8", [0x5B, 0xFF, 0xFE, 0x5D], "not valid UTF-8" },
        { "not JSON", Json("[{\"n\":"), "not JSON" },
        { "not an array", Json("{\"n\":\"seq\",\"v\":1}"), "object, array expected" },
        { "empty array", Json("[]"), "empty SenML pack" },
        { "record not an object", Json("[[1]]"), "record 0: is a JSON array, object expected" },
        { "n not a string", Json($"[{{{Bn},\"n\":5,\"v\":1}}]"), "'n' is a JSON number, string expected" },
        { "v not a number", Json($"[{{{Bn},\"n\":\"seq\",\"v\":\"1\"}}]"), "'v' is a JSON string, number expected" },
        { "bt not a number", Json($"[{{{Bn},\"bt\":\"1767225600\",\"n\":\"seq\",\"v\":1}}]"), "'bt' is a JSON string, number expected" },
        { "t not a number", Json($"[{{{Bn},\"n\":\"seq\",\"t\":true,\"v\":1}}]"), "'t' is a JSON boolean, number expected" },
        { "no value", Json($"[{{{Bn},\"n\":\"seq\"}}]"), "seq has no numeric 'v'" },
        { "string value", Json($"[{{{Bn},\"n\":\"seq\",\"vs\":\"1\"}}]"), "has a 'vs' value" },
        { "unknown name", Json($"[{{{Bn},\"n\":\"pressure\",\"u\":\"Pa\",\"v\":1000}}]"), "unknown name 'pressure'" },
        { "temperature in K", Reading("{\"n\":\"temperature\",\"u\":\"K\",\"v\":294}"), "temperature in unit 'K', expected 'Cel'" },
        { "temperature in %RH", Reading("{\"n\":\"temperature\",\"u\":\"%RH\",\"v\":21}"), "temperature in unit '%RH', expected 'Cel'" },
        { "seq with a unit", Json($"[{{{Bn},\"n\":\"seq\",\"u\":\"count\",\"v\":1}}]"), "seq in unit 'count', expected '(none)'" },
        { "temperature too high", Reading("{\"n\":\"temperature\",\"u\":\"Cel\",\"v\":130.01}"), "temperature 130.01 outside -45..130" },
        { "temperature too low", Reading("{\"n\":\"temperature\",\"u\":\"Cel\",\"v\":-45.5}"), "temperature -45.5 outside -45..130" },
        { "humidity above 100", Reading("{\"n\":\"humidity\",\"u\":\"%RH\",\"v\":100.5}"), "humidity 100.5 outside 0..100" },
        { "illuminance negative", Reading("{\"n\":\"illuminance\",\"u\":\"lx\",\"v\":-1}"), "illuminance -1 outside 0..200000" },
        { "supercap above 20 V", Reading("{\"n\":\"supercap\",\"u\":\"V\",\"v\":20.5}"), "supercap 20.5 outside 0..20" },
        { "motion negative", Reading("{\"n\":\"motion\",\"u\":\"count\",\"v\":-1}"), "motion -1 outside 0..65535" },
        { "motion fractional", Reading("{\"n\":\"motion\",\"u\":\"count\",\"v\":1.5}"), "motion 1.5 is not a whole number" },
        { "seq zero", Json($"[{{{Bn},\"n\":\"seq\",\"v\":0}}]"), "seq 0 outside 1..4294967295" },
        { "seq beyond 32 bits", Json($"[{{{Bn},\"n\":\"seq\",\"v\":4294967296}}]"), "seq 4294967296 outside 1..4294967295" },
        { "seq fractional", Json($"[{{{Bn},\"n\":\"seq\",\"v\":2.5}}]"), "seq 2.5 is not a whole number" },
        { "bn of another node", Json("[{\"bn\":\"urn:dev:sensornode:node-02:\",\"n\":\"seq\",\"v\":1}]"), "bn/n names node 'node-02' but the topic is node 'node-01'" },
        { "foreign bn", Json("[{\"bn\":\"urn:dev:other:node-01:\",\"n\":\"seq\",\"v\":1}]"), "does not start with 'urn:dev:sensornode:'" },
        { "no bn", Json("[{\"n\":\"seq\",\"v\":1}]"), "does not start with 'urn:dev:sensornode:'" },
        { "future time", Json($"[{{{Bn},\"bt\":{Now + 301},\"n\":\"seq\",\"v\":1}}]"), "301 s in the future" },
        { "relative time", Json($"[{{{Bn},\"n\":\"seq\",\"t\":-600,\"v\":1}}]"), "relative time -600" },
        { "fractional time", Json($"[{{{Bn},\"bt\":1767225600.5,\"n\":\"seq\",\"v\":1}}]"), "not whole seconds" },
        { "duplicated seq", Json($"[{{{Bn},\"n\":\"seq\",\"v\":5}},{{\"n\":\"seq\",\"v\":5}}]"), "duplicated seq 5 in one pack" },
        { "duplicated measurement", Reading("{\"n\":\"motion\",\"u\":\"count\",\"v\":1},{\"n\":\"motion\",\"u\":\"count\",\"v\":2}"), "duplicated motion in seq 1" },
        { "measurement before seq", Json($"[{{{Bn},\"n\":\"temperature\",\"u\":\"Cel\",\"v\":21}}]"), "temperature before any seq record" },
        { "measurement at another time", Json($"[{{{Bn},\"bt\":{WriterPacks.BaseTime},\"n\":\"seq\",\"v\":1}},{{\"n\":\"motion\",\"u\":\"count\",\"t\":-1,\"v\":1}}]"), "motion of seq 1 at time" },
        { "policy version zero", Json($"[{{{Bn},\"n\":\"policy\",\"v\":0}}]"), "policy 0 outside 1..4294967295" },
        { "policy version with a unit", Json($"[{{{Bn},\"n\":\"policy\",\"u\":\"count\",\"v\":7}}]"), "policy in unit 'count', expected '(none)'" },
        { "policy version fractional", Json($"[{{{Bn},\"n\":\"policy\",\"v\":7.5}}]"), "policy 7.5 is not a whole number" },
        { "energy after a reading", Json($"[{{{Bn},\"n\":\"seq\",\"v\":1}},{{\"n\":\"dropped\",\"u\":\"count\",\"v\":0}}]"), "dropped after the first seq record" },
        { "NaN literal", Json($"[{{{Bn},\"n\":\"seq\",\"v\":NaN}}]"), "not JSON" },
        { "Infinity literal", Json($"[{{{Bn},\"n\":\"seq\",\"v\":Infinity}}]"), "not JSON" },
        { "huge number", Reading("{\"n\":\"temperature\",\"u\":\"Cel\",\"v\":1e999}"), "'v' 1e999 is out of range" },
        { "huge time", Json($"[{{{Bn},\"bt\":1e300,\"n\":\"seq\",\"v\":1}}]"), "'bt' 1e300 is out of range" },
        { "duplicate key", Json($"[{{{Bn},\"n\":\"seq\",\"v\":1,\"v\":2}}]"), "not JSON" },
        { "must-understand field", Json($"[{{{Bn},\"n\":\"seq\",\"v\":1,\"x_\":1}}]"), "must-understand field 'x_'" },
    };

    [Fact]
    public void TryDecode_ReadsThePolicyVersion_AndLeavesItUnknownInAnOlderPack()
    {
        DecodedPack reporting = WriterPacks.Decode(WriterPacks.Encode("node-01", WriterPacks.Energy with { PolicyVersion = 4_294_967_295 }, WriterPacks.Full(1, WriterPacks.BaseTime)));
        DecodedPack older = WriterPacks.Decode(WriterPacks.Encode(WriterPacks.Full(1, WriterPacks.BaseTime)));

        Assert.Equal(4_294_967_295u, reporting.Energy!.PolicyVersion);
        Assert.Null(older.Energy!.PolicyVersion);
        Assert.Equal(older.Readings, reporting.Readings);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryDecode_ReturnsFalseWithOneLineReason_ForMalformedPayload(string kind, byte[] payload, string expectedReason)
    {
        bool ok = SenmlDecoder.TryDecode(WriterPacks.Topic, payload, WriterPacks.Prefix, Now, out DecodedPack? pack, out string reason);

        Assert.False(ok, kind);
        Assert.Null(pack);
        Assert.Contains(expectedReason, reason);
        Assert.DoesNotContain('\n', reason);
        Assert.DoesNotContain('\r', reason);
    }

    [Theory]
    [InlineData("sensornode/node-01/availability")]
    [InlineData("other/node-01/state")]
    [InlineData("sensornode/bad node/state")]
    public void TryDecode_ReturnsFalse_ForATopicThatIsNotAStateTopic(string topic)
    {
        Assert.False(SenmlDecoder.TryDecode(topic, WriterPacks.Encode(WriterPacks.Series(1, 1)), WriterPacks.Prefix, Now, out _, out string reason));
        Assert.Contains("is not a 'sensornode/<node>/state' topic", reason);
    }

    [Fact]
    public void TryDecode_RejectsAWriterPackOfAnotherNode_PublishedOnThisNodesTopic()
    {
        byte[] impostor = WriterPacks.Encode("node-02", WriterPacks.Energy, WriterPacks.Series(1, 2));

        Assert.False(SenmlDecoder.TryDecode(WriterPacks.Topic, impostor, WriterPacks.Prefix, Now, out _, out string reason));
        Assert.Contains("names node 'node-02'", reason);
    }

    [Fact]
    public void TryDecode_AcceptsTimesUpTo300SecondsAhead()
    {
        byte[] payload = WriterPacks.Encode(WriterPacks.Series(1, 1));

        Assert.True(SenmlDecoder.TryDecode(WriterPacks.Topic, payload, WriterPacks.Prefix, WriterPacks.BaseTime - 300, out _, out _));
        Assert.False(SenmlDecoder.TryDecode(WriterPacks.Topic, payload, WriterPacks.Prefix, WriterPacks.BaseTime - 301, out _, out _));
    }

    [Fact]
    public void TryDecode_NeverThrows_OnRandomBytes()
    {
        var random = new Random(1234);
        for (int i = 0; i < 2000; i++)
        {
            byte[] payload = new byte[random.Next(0, 64)];
            random.NextBytes(payload);
            Assert.False(SenmlDecoder.TryDecode(WriterPacks.Topic, payload, WriterPacks.Prefix, Now, out _, out string reason));
            Assert.NotEmpty(reason);
        }
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    // A pack with seq 1 followed by the given measurement records.
    private static byte[] Reading(string records) => Json($"[{{{Bn},\"n\":\"seq\",\"v\":1}},{records}]");
}
