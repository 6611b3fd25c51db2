using Xunit;
using System.Text;
using SensorNode.Core.Telemetry;

namespace SensorNode.Core.Tests.Telemetry;

public class AvailabilityPayloadTests
{
    [Theory]
    [InlineData(600, "sleeping:600")]
    [InlineData(1, "sleeping:1")]
    [InlineData(86400, "sleeping:86400")]
    [InlineData(int.MinValue, "sleeping:-2147483648")]
    public void WriteSleeping_WritesPrefixAndSeconds(int seconds, string expected)
    {
        var buffer = new byte[AvailabilityPayload.MaxLength];
        int length = AvailabilityPayload.WriteSleeping(buffer, seconds);
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer, 0, length));
    }

    [Fact]
    public void WriteSleeping_ReturnsMinusOne_WhenBufferTooSmall()
    {
        Assert.Equal(-1, AvailabilityPayload.WriteSleeping(new byte[11], 600));
        Assert.Equal(-1, AvailabilityPayload.WriteSleeping(new byte[5], 600));
        Assert.Equal(12, AvailabilityPayload.WriteSleeping(new byte[12], 600));
    }

    [Fact]
    public void Write_WritesOnlineAndLost()
    {
        var buffer = new byte[AvailabilityPayload.MaxLength];
        Assert.Equal("online", Encoding.ASCII.GetString(buffer, 0, AvailabilityPayload.Write(buffer, AvailabilityPayload.Online)));
        Assert.Equal("lost", Encoding.ASCII.GetString(buffer, 0, AvailabilityPayload.Write(buffer, AvailabilityPayload.Lost)));
    }
}
