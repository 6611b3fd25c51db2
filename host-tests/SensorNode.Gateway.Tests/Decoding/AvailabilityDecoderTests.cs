using System.Text;
using SensorNode.Core.Telemetry;

namespace SensorNode.Gateway.Tests.Decoding;

public class AvailabilityDecoderTests
{
    [Theory]
    [InlineData("online", AvailabilityState.Online, 0)]
    [InlineData("lost", AvailabilityState.Lost, 0)]
    [InlineData("sleeping:600", AvailabilityState.Sleeping, 600)]
    [InlineData("sleeping:1", AvailabilityState.Sleeping, 1)]
    [InlineData("sleeping:86400", AvailabilityState.Sleeping, 86400)]
    public void TryDecode_ReadsTheDocumentedPayloads(string payload, AvailabilityState state, int sleep)
    {
        Assert.True(AvailabilityDecoder.TryDecode(Encoding.ASCII.GetBytes(payload), out AvailabilityState decoded, out int seconds, out _));
        Assert.Equal(state, decoded);
        Assert.Equal(sleep, seconds);
    }

    [Fact]
    public void TryDecode_ReadsWhatTheCoreWrites()
    {
        byte[] buffer = new byte[AvailabilityPayload.MaxLength];
        int length = AvailabilityPayload.WriteSleeping(buffer, 3600);

        Assert.True(AvailabilityDecoder.TryDecode(buffer.AsSpan(0, length), out AvailabilityState state, out int seconds, out _));
        Assert.Equal((AvailabilityState.Sleeping, 3600), (state, seconds));
    }

    [Fact]
    public void TryDecode_ReadsTheConfigurationIdentity_TheCoreAppends()
    {
        byte[] buffer = new byte[AvailabilityPayload.MaxLength];
        int length = AvailabilityPayload.WriteSleeping(buffer, 86400, 0xDEADBEEF);

        Assert.Equal("sleeping:86400;cfg=DEADBEEF", Encoding.ASCII.GetString(buffer, 0, length));
        Assert.True(AvailabilityDecoder.TryDecode(buffer.AsSpan(0, length), out AvailabilityState state, out int seconds, out uint crc, out _));
        Assert.Equal((AvailabilityState.Sleeping, 86400, 0xDEADBEEFu), (state, seconds, crc));
    }

    [Fact]
    public void TryDecode_GivesNoConfigurationIdentity_ForTheOlderPayload()
    {
        Assert.True(AvailabilityDecoder.TryDecode(Encoding.ASCII.GetBytes("sleeping:600"), out _, out int seconds, out uint crc, out _));
        Assert.Equal((600, 0u), (seconds, crc));
    }

    [Theory]
    [InlineData("", "0 bytes")]
    [InlineData("Online", "unknown availability payload 'Online'")]
    [InlineData("offline", "unknown availability payload")]
    [InlineData("sleeping:", "not a decimal number")]
    [InlineData("sleeping:-5", "not a decimal number")]
    [InlineData("sleeping:1e3", "not a decimal number")]
    [InlineData("sleeping:0", "sleep of 0 s outside 1-86400")]
    [InlineData("sleeping:86401", "sleep of 86401 s outside 1-86400")]
    [InlineData("sleeping:999999999999;cfg=1A2B3C4D9", "bytes (1-33 expected)")]
    [InlineData("sleeping:999999999999", "not a decimal number")]
    [InlineData("sleeping:600;cfg=1A2B3C4", "not 8 hex digits")]
    [InlineData("sleeping:600;cfg=1A2B3C4G", "not 8 hex digits")]
    [InlineData("online\n", "not printable ASCII")]
    [InlineData("\"online\"", "unknown availability payload")]
    public void TryDecode_ReturnsFalseWithReason_ForOtherPayloads(string payload, string expected)
    {
        Assert.False(AvailabilityDecoder.TryDecode(Encoding.UTF8.GetBytes(payload), out _, out int seconds, out string reason));
        Assert.Equal(0, seconds);
        Assert.Contains(expected, reason);
    }

    [Fact]
    public void TryDecode_ReturnsFalse_ForInvalidUtf8()
    {
        Assert.False(AvailabilityDecoder.TryDecode([0xC3, 0x28], out _, out _, out string reason));
        Assert.Contains("not printable ASCII", reason);
    }
}
