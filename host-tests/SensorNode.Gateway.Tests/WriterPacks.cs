using SensorNode.Core.Storage;
using SensorNode.Core.Telemetry;

namespace SensorNode.Gateway.Tests;

/// <summary>Real state payloads, encoded by the core's <see cref="SenmlWriter"/> exactly as a node sends them.</summary>
internal static class WriterPacks
{
    internal const string Prefix = "sensornode";
    internal const string NodeId = "node-01";
    internal const string Topic = "sensornode/node-01/state";

    /// <summary>2026-01-01T00:00:00Z, the documented example's base time.</summary>
    internal const long BaseTime = 1767225600;

    internal static readonly EnergyTelemetry Energy = new()
    {
        StoredMicrojoules = 4_500_000,
        LastWakeCostMicrojoules = 420_000,
        HarvestMicrowatts = 350,
        DroppedReadings = 2,
    };

    internal static byte[] Encode(string nodeId, EnergyTelemetry energy, params Reading[] readings)
    {
        var writer = new SenmlWriter(SenmlWriter.CapacityFor(readings.Length));
        Assert.True(writer.TryEncode(nodeId, readings, readings.Length, energy));
        return writer.Buffer.AsSpan(0, writer.Length).ToArray();
    }

    internal static byte[] Encode(params Reading[] readings) => Encode(NodeId, Energy, readings);

    internal static Reading Full(uint seq, long unixSeconds) => new()
    {
        Sequence = seq,
        UnixSeconds = unixSeconds,
        TemperatureCentiCelsius = 2153,
        HumidityCentiPercent = 4567,
        IlluminanceCentiLux = 12345,
        SupercapMillivolts = 4123,
        MotionEvents = 3,
        FirstMotionAgeSeconds = -1,
        LastMotionAgeSeconds = -1,
        ArmedSeconds = -1, // coverage unknown unless a test sets it: the pack then looks like an older node's
    };

    /// <summary>Readings seq first..first+count-1, 600 s apart, the newest at <see cref="BaseTime"/>.</summary>
    internal static Reading[] Series(uint first, int count) =>
        Enumerable.Range(0, count).Select(i => Full(first + (uint)i, BaseTime - 600L * (count - 1 - i))).ToArray();

    /// <summary>Decodes a writer payload, failing the test when the decoder rejects it.</summary>
    internal static DecodedPack Decode(byte[] payload, string topic = Topic)
    {
        bool ok = SenmlDecoder.TryDecode(topic, payload, Prefix, BaseTime + 60, out DecodedPack? pack, out string reason);
        Assert.True(ok, reason);
        return pack!;
    }

    internal static DecodedPack Pack(uint first, int count) => Decode(Encode(Series(first, count)));
}
