using System.Text;
using SensorNode.Gateway.Service;

namespace SensorNode.Gateway.Tests.Service;

/// <summary>The node's command acks, exactly as the core's CommandAck writes them (docs/mqtt.md).</summary>
public class CommandAckParsingTests
{
    [Theory]
    [InlineData("42", 42, null)]
    [InlineData("44 rejected bad-table", 44, "bad-table")]
    [InlineData("7 rejected write-failed", 7, "write-failed")]
    public void NodeAcks_AreUnderstood(string payload, long id, string? reason)
    {
        Assert.True(GatewayService.TryParseCommandId(Encoding.ASCII.GetBytes(payload), out long parsed, out string? rejected));
        Assert.Equal(id, parsed);
        Assert.Equal(reason, rejected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("0 rejected bad-command")]
    [InlineData("x")]
    [InlineData("12 accepted")]
    [InlineData("12 rejected ")]
    [InlineData("-3")]
    public void Garbage_IsNotAnAck(string payload)
    {
        Assert.False(GatewayService.TryParseCommandId(Encoding.ASCII.GetBytes(payload), out _, out _));
    }

    [Fact]
    public void TheCoresOwnAckBytes_AreUnderstood()
    {
        var buffer = new byte[Core.Telemetry.CommandAck.MaxLength];
        int length = Core.Telemetry.CommandAck.WriteRejected(buffer, 44, Core.Telemetry.CommandAck.BadTable);

        Assert.True(GatewayService.TryParseCommandId(buffer[..length], out long id, out string? reason));
        Assert.Equal(44, id);
        Assert.Equal("bad-table", reason);
    }
}
