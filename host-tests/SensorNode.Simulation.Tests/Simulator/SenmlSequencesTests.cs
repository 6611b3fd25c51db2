using SensorNode.Core.Storage;
using SensorNode.Core.Telemetry;
using SensorNode.Simulation.Simulator;
using System.Text;
using Xunit;

namespace SensorNode.Simulation.Tests.Simulator;

public class SenmlSequencesTests
{
    private const long Now = 1767225600;

    private static List<uint> Read(byte[] payload)
    {
        var seen = new List<uint>();
        SenmlSequences.Read(payload, seen.Add);
        return seen;
    }

    private static byte[] CorePack(Reading[] readings)
    {
        var writer = new SenmlWriter(8192);
        Assert.True(writer.TryEncode("node-01", readings, readings.Length, new EnergyTelemetry { DroppedReadings = 7 }));
        return writer.Buffer.AsSpan(0, writer.Length).ToArray();
    }

    [Fact]
    public void Read_FindsEverySequence_InTheCoresPacks_WithTimesFaultsAndBaseTimeSwitches()
    {
        var readings = new[]
        {
            new Reading { Sequence = 4_294_967_295, UnixSeconds = Now - 1200, MotionEvents = 2, FirstMotionAgeSeconds = -1, LastMotionAgeSeconds = -1 },
            new Reading { Sequence = 17, Faults = ReadingFaults.TimeUnknown | ReadingFaults.Climate, FirstMotionAgeSeconds = -1, LastMotionAgeSeconds = -1 },
            new Reading { Sequence = 18, UnixSeconds = Now - 600, Faults = ReadingFaults.BrownoutBefore, FirstMotionAgeSeconds = -1, LastMotionAgeSeconds = -1 },
            new Reading { Sequence = 19, UnixSeconds = Now, MotionEvents = 1, FirstMotionAgeSeconds = 30, LastMotionAgeSeconds = 30, ArmedSeconds = 540 },
        };
        byte[] pack = CorePack(readings);
        Assert.Contains("\"bt\":0", Encoding.ASCII.GetString(pack));   // the time-unknown reading switched the base time off

        Assert.Equal(new uint[] { 4_294_967_295, 17, 18, 19 }, Read(pack));
    }

    [Fact]
    public void Read_FallsBackToTheJsonReader_ForAnotherWritersLayout()
    {
        // Value before name, a fractional value, spaces: not the core's layout, still a valid SenML pack.
        byte[] pack = Encoding.ASCII.GetBytes("[ {\"bn\":\"urn:dev:x:\",\"v\":3,\"n\":\"seq\"}, {\"n\":\"seq\", \"v\":4.0}, {\"n\":\"temperature\",\"v\":5} ]");

        Assert.Equal(new uint[] { 3, 4 }, Read(pack));
    }

    [Fact]
    public void Read_StopsAtMalformedJson_KeepingWhatCameBefore()
    {
        byte[] pack = Encoding.ASCII.GetBytes("[{\"n\":\"seq\",\"v\":5},{\"n\":\"seq\",\"v\":6},{\"n\":\"seq\",\"v\":");

        Assert.Equal(new uint[] { 5, 6 }, Read(pack));
    }
}
