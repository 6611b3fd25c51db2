using SensorNode.Core.Tests.Config;
using Xunit;
using System.Text;
using System.Text.Json;
using SensorNode.Core.Storage;
using SensorNode.Core.Telemetry;

namespace SensorNode.Core.Tests.Telemetry;

public class SenmlWriterTests
{
    private const long Now = 1767225600;   // 2026-01-01T00:00:00Z

    private static string Encode(string nodeId, Reading[] readings, EnergyTelemetry energy, int capacity = 4096)
    {
        var writer = new SenmlWriter(capacity);
        Assert.True(writer.TryEncode(nodeId, readings, readings.Length, energy));
        return Encoding.ASCII.GetString(writer.Buffer, 0, writer.Length);
    }

    private static Reading Full(uint seq, long unix) => new()
    {
        Sequence = seq,
        UnixSeconds = unix,
        TemperatureCentiCelsius = 2153,
        HumidityCentiPercent = 4567,
        IlluminanceCentiLux = 12345,
        SupercapMillivolts = 4123,
        MotionEvents = 3,
        FirstMotionAgeSeconds = -1,
        LastMotionAgeSeconds = -1,
        ArmedSeconds = 600,
    };

    [Fact]
    public void TryEncode_WritesGoldenPack_ForOneCompleteReading()
    {
        var energy = new EnergyTelemetry
        {
            SupercapMillivolts = 4100, StoredMicrojoules = 4_500_000, LastWakeCostMicrojoules = 420_000, HarvestMicrowatts = 350, DroppedReadings = 2,
        };

        string json = Encode("node-01", new[] { Full(42, Now) }, energy);

        Assert.Equal(
            "[{\"bn\":\"urn:dev:sensornode:node-01:\",\"bt\":1767225600,\"n\":\"stored_energy\",\"u\":\"J\",\"v\":4.5}," +
            "{\"n\":\"wake_energy\",\"u\":\"J\",\"v\":0.42}," +
            "{\"n\":\"harvest_power\",\"u\":\"W\",\"v\":0.00035}," +
            "{\"n\":\"dropped\",\"u\":\"count\",\"v\":2}," +
            "{\"n\":\"seq\",\"v\":42}," +
            "{\"n\":\"temperature\",\"u\":\"Cel\",\"v\":21.53}," +
            "{\"n\":\"humidity\",\"u\":\"%RH\",\"v\":45.67}," +
            "{\"n\":\"illuminance\",\"u\":\"lx\",\"v\":123.45}," +
            "{\"n\":\"supercap\",\"u\":\"V\",\"v\":4.123}," +
            "{\"n\":\"motion\",\"u\":\"count\",\"v\":3}," +
            "{\"n\":\"armed\",\"u\":\"s\",\"v\":600}]",
            json);
    }

    [Fact]
    public void TryEncode_WritesGoldenPack_ForOlderNegativeFaultedAndUntimedReadings()
    {
        var older = new Reading
        {
            Sequence = 10, UnixSeconds = Now - 600, TemperatureCentiCelsius = -5, HumidityCentiPercent = 10000,
            IlluminanceCentiLux = 0, SupercapMillivolts = 3000, MotionEvents = 0, ArmedSeconds = 300,
        };
        var untimed = new Reading
        {
            Sequence = 11, UnixSeconds = 0, TemperatureCentiCelsius = -1234, HumidityCentiPercent = 5000,
            IlluminanceCentiLux = 777, SupercapMillivolts = 3500, MotionEvents = 1, FirstMotionAgeSeconds = -1, LastMotionAgeSeconds = -1, ArmedSeconds = -1,
            Faults = ReadingFaults.TimeUnknown | ReadingFaults.Light,
        };
        var newest = new Reading
        {
            Sequence = 12, UnixSeconds = Now, TemperatureCentiCelsius = 9999, HumidityCentiPercent = 9999,
            IlluminanceCentiLux = 50, SupercapMillivolts = 9999, MotionEvents = 7, FirstMotionAgeSeconds = -1, LastMotionAgeSeconds = -1, ArmedSeconds = -1,
            Faults = ReadingFaults.Climate | ReadingFaults.Supercap,
        };
        var energy = new EnergyTelemetry { StoredMicrojoules = -1500 };

        string json = Encode("n1", new[] { older, untimed, newest }, energy);

        Assert.Equal(
            "[{\"bn\":\"urn:dev:sensornode:n1:\",\"bt\":1767225600,\"n\":\"stored_energy\",\"u\":\"J\",\"v\":-0.0015}," +
            "{\"n\":\"wake_energy\",\"u\":\"J\",\"v\":0}," +
            "{\"n\":\"harvest_power\",\"u\":\"W\",\"v\":0}," +
            "{\"n\":\"dropped\",\"u\":\"count\",\"v\":0}," +
            "{\"n\":\"seq\",\"t\":-600,\"v\":10}," +
            "{\"n\":\"temperature\",\"u\":\"Cel\",\"t\":-600,\"v\":-0.05}," +
            "{\"n\":\"humidity\",\"u\":\"%RH\",\"t\":-600,\"v\":100}," +
            "{\"n\":\"illuminance\",\"u\":\"lx\",\"t\":-600,\"v\":0}," +
            "{\"n\":\"supercap\",\"u\":\"V\",\"t\":-600,\"v\":3}," +
            "{\"n\":\"motion\",\"u\":\"count\",\"t\":-600,\"v\":0}," +
            "{\"n\":\"armed\",\"u\":\"s\",\"t\":-600,\"v\":300}," +
            "{\"bt\":0,\"n\":\"seq\",\"v\":11}," +
            "{\"n\":\"temperature\",\"u\":\"Cel\",\"v\":-12.34}," +
            "{\"n\":\"humidity\",\"u\":\"%RH\",\"v\":50}," +
            "{\"n\":\"supercap\",\"u\":\"V\",\"v\":3.5}," +
            "{\"n\":\"motion\",\"u\":\"count\",\"v\":1}," +
            "{\"bt\":1767225600,\"n\":\"seq\",\"v\":12}," +
            "{\"n\":\"illuminance\",\"u\":\"lx\",\"v\":0.5}," +
            "{\"n\":\"motion\",\"u\":\"count\",\"v\":7}]",
            json);
    }

    [Fact]
    public void TryEncode_DocumentedExample_DocMatchesCode()
    {
        var older = Full(41, Now - 600);
        older.TemperatureCentiCelsius = -5;
        older.MotionEvents = 0;
        older.ArmedSeconds = 540;
        var newer = new Reading
        {
            Sequence = 42, UnixSeconds = Now, IlluminanceCentiLux = 25000, SupercapMillivolts = 4100, MotionEvents = 3,
            FirstMotionAgeSeconds = -1, LastMotionAgeSeconds = -1,
            ArmedSeconds = 0, Faults = ReadingFaults.Climate | ReadingFaults.BrownoutBefore,
        };
        var energy = new EnergyTelemetry
        {
            StoredMicrojoules = 4_500_000, LastWakeCostMicrojoules = 420_000, HarvestMicrowatts = 350, DroppedReadings = 2,
            PolicyVersion = 10_123,
        };
        string doc = File.ReadAllText(Path.Combine(RepoFiles.Root, "docs", "mqtt.md"));
        int start = doc.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        string example = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)].Replace("\n", "").Replace(" ", "");

        Assert.Equal(example, Encode("node-01", new[] { older, newer }, energy));
    }


    [Fact]
    public void TryEncode_WritesTheWatchCommitment_AfterTheEnergyRecords_OnlyWhenThereIsOne()
    {
        var committed = new EnergyTelemetry { WatchSeconds = 14400, WatchActive = true };
        string json = Encode("n1", new[] { Full(7, Now) }, committed);
        Assert.Contains("{\"n\":\"dropped\",\"u\":\"count\",\"v\":0}," +
            "{\"n\":\"watch\",\"u\":\"s\",\"v\":14400}," +
            "{\"n\":\"watch_active\",\"u\":\"count\",\"v\":1}," +
            "{\"n\":\"seq\",\"v\":7}", json);

        Assert.DoesNotContain("watch", Encode("n1", new[] { Full(7, Now) }, new EnergyTelemetry { WatchActive = true }));
        // Without a known time there is no base time to count the commitment from: none is announced.
        var untimed = new Reading { Sequence = 1, ArmedSeconds = -1, Faults = ReadingFaults.TimeUnknown };
        Assert.DoesNotContain("watch", Encode("n1", new[] { untimed }, committed));
    }

    [Fact]
    public void TryEncode_WritesThePolicyVersion_AfterDropped_WithoutUnit_OnlyWhenKnown()
    {
        string json = Encode("n1", new[] { Full(7, Now) }, new EnergyTelemetry { PolicyVersion = 10_123 });
        Assert.Contains("{\"n\":\"dropped\",\"u\":\"count\",\"v\":0},{\"n\":\"policy\",\"v\":10123},{\"n\":\"seq\",\"v\":7}", json);

        Assert.DoesNotContain("policy", Encode("n1", new[] { Full(7, Now) }, new EnergyTelemetry()));
    }

    [Fact]
    public void TryEncode_OmitsBaseTime_WhenNoReadingHasTime()
    {
        var reading = new Reading { Sequence = 1, MotionEvents = 0, ArmedSeconds = -1, Faults = ReadingFaults.TimeUnknown | ReadingFaults.Climate | ReadingFaults.Light | ReadingFaults.Supercap };

        string json = Encode("n1", new[] { reading }, new EnergyTelemetry());

        Assert.Equal(
            "[{\"bn\":\"urn:dev:sensornode:n1:\",\"n\":\"stored_energy\",\"u\":\"J\",\"v\":0}," +
            "{\"n\":\"wake_energy\",\"u\":\"J\",\"v\":0}," +
            "{\"n\":\"harvest_power\",\"u\":\"W\",\"v\":0}," +
            "{\"n\":\"dropped\",\"u\":\"count\",\"v\":0}," +
            "{\"n\":\"seq\",\"v\":1}," +
            "{\"n\":\"motion\",\"u\":\"count\",\"v\":0}]",
            json);
    }

    [Fact]
    public void TryEncode_UsesNewestTime_AsBaseTime_WhateverTheOrder()
    {
        string json = Encode("n1", new[] { Full(5, Now), Full(6, Now - 30) }, new EnergyTelemetry());
        var records = SenmlPack.Resolve(json);
        Assert.Equal(Now, records.First().Time);
        Assert.All(records.Where(r => r.Seq == 5), r => Assert.Equal(Now, r.Time));
        Assert.All(records.Where(r => r.Seq == 6), r => Assert.Equal(Now - 30, r.Time));
    }

    [Fact]
    public void TryEncode_EncodesEnergyOnly_WhenCountIsZero()
    {
        var writer = new SenmlWriter(512);
        Assert.True(writer.TryEncode("n1", new[] { Full(1, Now) }, 0, new EnergyTelemetry { DroppedReadings = uint.MaxValue }));
        var records = SenmlPack.Resolve(Encoding.ASCII.GetString(writer.Buffer, 0, writer.Length));
        Assert.Equal(new[] { "stored_energy", "wake_energy", "harvest_power", "dropped" }, records.Select(r => r.Name));
        Assert.Equal(4294967295m, records[3].Value);
    }

    [Fact]
    public void TryEncode_RoundTripsEveryValue_ThroughSystemTextJson()
    {
        var random = new Random(2026);
        for (int round = 0; round < 200; round++)
        {
            int count = random.Next(1, 17);
            var readings = new Reading[count];
            for (int i = 0; i < count; i++)
            {
                readings[i] = new Reading
                {
                    Sequence = (uint)random.NextInt64(1, uint.MaxValue),
                    UnixSeconds = Now - random.Next(0, 86400),
                    TemperatureCentiCelsius = random.Next(-4500, 13001),
                    HumidityCentiPercent = random.Next(0, 10001),
                    IlluminanceCentiLux = random.Next(0, 8386561),
                    SupercapMillivolts = random.Next(0, 65536),
                    MotionEvents = random.Next(0, 65536),
                    Faults = (ReadingFaults)random.Next(0, 16),
                };
            }
            var energy = new EnergyTelemetry
            {
                StoredMicrojoules = random.NextInt64(-50_000_000, 50_000_000_000),
                LastWakeCostMicrojoules = random.Next(0, int.MaxValue),
                HarvestMicrowatts = random.Next(0, 1_000_000),
                DroppedReadings = (uint)random.NextInt64(0, uint.MaxValue),
            };
            var writer = new SenmlWriter(8192);
            Assert.True(writer.TryEncode("node-x", readings, count, energy));
            Assert.True(writer.Length <= SenmlWriter.CapacityFor(count));
            var records = SenmlPack.Resolve(Encoding.ASCII.GetString(writer.Buffer, 0, writer.Length));

            const string bn = "urn:dev:sensornode:node-x:";
            Assert.All(records, r => Assert.StartsWith(bn, r.FullName));
            var energyRecords = records.Where(r => r.Seq is null).ToDictionary(r => r.Name);
            Assert.Equal(energy.StoredMicrojoules / 1_000_000m, energyRecords["stored_energy"].Value);
            Assert.Equal(energy.LastWakeCostMicrojoules / 1_000_000m, energyRecords["wake_energy"].Value);
            Assert.Equal(energy.HarvestMicrowatts / 1_000_000m, energyRecords["harvest_power"].Value);
            Assert.Equal(energy.DroppedReadings, energyRecords["dropped"].Value);

            long newest = readings.Where(r => (r.Faults & ReadingFaults.TimeUnknown) == 0).Select(r => r.UnixSeconds).DefaultIfEmpty(0).Max();
            Assert.All(energyRecords.Values, r => Assert.Equal(newest, r.Time));

            foreach (var reading in readings)
            {
                var own = records.Where(r => r.Seq == reading.Sequence).ToDictionary(r => r.Name);
                bool timed = (reading.Faults & ReadingFaults.TimeUnknown) == 0;
                Assert.All(own.Values, r => Assert.Equal(timed ? reading.UnixSeconds : 0, r.Time));
                Assert.Equal(reading.Sequence, own["seq"].Value);
                Assert.Equal(reading.MotionEvents, own["motion"].Value);
                AssertPresent(own, "temperature", "Cel", reading.TemperatureCentiCelsius / 100m, (reading.Faults & ReadingFaults.Climate) == 0);
                AssertPresent(own, "humidity", "%RH", reading.HumidityCentiPercent / 100m, (reading.Faults & ReadingFaults.Climate) == 0);
                AssertPresent(own, "illuminance", "lx", reading.IlluminanceCentiLux / 100m, (reading.Faults & ReadingFaults.Light) == 0);
                AssertPresent(own, "supercap", "V", reading.SupercapMillivolts / 1000m, (reading.Faults & ReadingFaults.Supercap) == 0);
            }
        }
    }

    private static void AssertPresent(Dictionary<string, SenmlPack.Record> own, string name, string unit, decimal value, bool present)
    {
        if (!present)
        {
            Assert.False(own.ContainsKey(name), $"{name} should be omitted");
            return;
        }
        Assert.Equal(unit, own[name].Unit);
        Assert.Equal(value, own[name].Value);
    }

    [Fact]
    public void TryEncode_ReturnsFalseWithLengthZero_WhenBufferTooSmall()
    {
        var readings = new[] { Full(1, Now - 60), Full(2, Now) };
        var energy = new EnergyTelemetry { StoredMicrojoules = 123456789 };
        int needed = Encode("node-01", readings, energy).Length;

        for (int capacity = 1; capacity < needed; capacity++)
        {
            var writer = new SenmlWriter(capacity);
            Assert.False(writer.TryEncode("node-01", readings, readings.Length, energy), $"capacity {capacity}");
            Assert.Equal(0, writer.Length);
        }
        var exact = new SenmlWriter(needed);
        Assert.True(exact.TryEncode("node-01", readings, readings.Length, energy));
        Assert.Equal(needed, exact.Length);
    }

    [Fact]
    public void TryEncode_ResetsLength_WhenALaterEncodeFails()
    {
        var writer = new SenmlWriter(450);
        Assert.True(writer.TryEncode("n1", new[] { Full(1, Now) }, 1, new EnergyTelemetry()));
        Assert.True(writer.Length > 0);
        var many = Enumerable.Range(1, 10).Select(i => Full((uint)i, Now)).ToArray();
        Assert.False(writer.TryEncode("n1", many, many.Length, new EnergyTelemetry()));
        Assert.Equal(0, writer.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("node/01")]
    [InlineData("node\"01")]
    [InlineData("nöde")]
    [InlineData("node 01")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]   // 33 chars
    public void TryEncode_Throws_ForInvalidNodeId(string nodeId)
    {
        Assert.Throws<ArgumentException>(() => new SenmlWriter(1024).TryEncode(nodeId, new Reading[1], 1, new EnergyTelemetry()));
    }

    [Fact]
    public void TryEncode_Throws_ForCountOutOfRange()
    {
        var writer = new SenmlWriter(1024);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.TryEncode("n1", new Reading[2], 3, new EnergyTelemetry()));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.TryEncode("n1", new Reading[2], -1, new EnergyTelemetry()));
        Assert.ThrowsAny<ArgumentException>(() => writer.TryEncode("n1", null!, 0, new EnergyTelemetry()));
    }

    [Fact]
    public void Constructor_Throws_ForNoCapacity()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SenmlWriter(0));
    }
}

public class SenmlWriterCapacityTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(16)]
    public void CapacityFor_FitsExactly_WhenEveryNumberIsAtItsWidest(int count)
    {
        var readings = new Reading[count];
        for (int i = 0; i < count; i++)
        {
            readings[i] = new Reading
            {
                Sequence = uint.MaxValue,
                UnixSeconds = 1,
                TemperatureCentiCelsius = int.MinValue,
                HumidityCentiPercent = int.MinValue,
                IlluminanceCentiLux = int.MinValue,
                SupercapMillivolts = int.MinValue,
                // Motion above 0 so the event RTC's two records are written, at their widest; coverage too.
                MotionEvents = int.MaxValue,
                FirstMotionAgeSeconds = int.MaxValue,
                LastMotionAgeSeconds = int.MaxValue,
                ArmedSeconds = int.MaxValue,
                Faults = ReadingFaults.BrownoutBefore,
            };
        }
        readings[^1].UnixSeconds = long.MaxValue;   // base time: 19 digits; every other t: -9223372036854775806
        var energy = new EnergyTelemetry
        {
            StoredMicrojoules = long.MinValue, LastWakeCostMicrojoules = int.MinValue, HarvestMicrowatts = int.MinValue, DroppedReadings = uint.MaxValue,
            PolicyVersion = uint.MaxValue, WatchSeconds = int.MaxValue, WatchActive = true,
        };
        var writer = new SenmlWriter(SenmlWriter.CapacityFor(count));
        string nodeId = new string('a', 32);

        Assert.True(writer.TryEncode(nodeId, readings, count, energy));

        // The bound assumes every reading carries a base-time switch and "t" on all ten records. Here none
        // switches (all are timed) and the newest has t = 0, so exactly those bytes are left over, and the motion count
        // is one digit narrower than int.MinValue on every reading.
        int switchBytes = "\"bt\":9223372036854775807,".Length;
        int timeBytes = ",\"t\":-9223372036854775806".Length;
        int slack = count * switchBytes + 10 * timeBytes + count;
        Assert.Equal(SenmlWriter.CapacityFor(count) - slack, writer.Length);
    }
}
