using SensorNode.Core.Storage;
using SensorNode.Core.Telemetry;

namespace SensorNode.Cli;

/// <summary>
/// State payloads made by the core's own <see cref="SenmlWriter"/>, for the gateway bench and tests: what a node
/// would send, readings one wake (600 s) apart, the newest at <c>newestUnixSeconds</c>.
/// </summary>
public static class SenmlPacks
{
    /// <summary>
    /// A pack of readings <paramref name="firstSequence"/> .. first + <paramref name="count"/> - 1 (count 1 to 8) of
    /// <paramref name="nodeId"/>, with the supercap at <paramref name="supercapMillivolts"/> (0 to 65535) and a watch
    /// commitment of <paramref name="watchSeconds"/> (0: none, docs/occupancy.md), naming the table
    /// <paramref name="policyVersion"/> as the one that decided the wake (0: none named, as older firmware).
    /// </summary>
    public static byte[] Encode(string nodeId, uint firstSequence, int count, long newestUnixSeconds, int supercapMillivolts = 4200,
        int watchSeconds = 0, bool watchActive = false, uint policyVersion = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 8);
        var readings = new Reading[count];
        for (int i = 0; i < count; i++)
        {
            uint sequence = firstSequence + (uint)i;
            readings[i] = new Reading
            {
                Sequence = sequence,
                UnixSeconds = newestUnixSeconds - 600L * (count - 1 - i),
                TemperatureCentiCelsius = 2000 + (int)(sequence % 500),
                HumidityCentiPercent = 4000 + (int)(sequence % 1000),
                IlluminanceCentiLux = 30000 + (int)(sequence % 7000),
                SupercapMillivolts = supercapMillivolts,
                MotionEvents = (int)(sequence % 3),
            };
        }
        var energy = new EnergyTelemetry { SupercapMillivolts = supercapMillivolts, StoredMicrojoules = 4_500_000, LastWakeCostMicrojoules = 420_000, HarvestMicrowatts = 350,
            WatchSeconds = watchSeconds, WatchActive = watchActive, PolicyVersion = policyVersion };
        var writer = new SenmlWriter(SenmlWriter.CapacityFor(count));
        if (!writer.TryEncode(nodeId, readings, count, energy)) throw new InvalidOperationException("pack does not fit its documented capacity");
        return writer.Buffer.AsSpan(0, writer.Length).ToArray();
    }
}
