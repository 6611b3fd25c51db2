using System.Text;
using SensorNode.Core.Telemetry;
using Xunit;

namespace SensorNode.Core.Tests.Telemetry;

public class CommandAckTests
{
    [Theory]
    [InlineData(42u, "42")]
    [InlineData(4294967295u, "4294967295")]
    public void WriteApplied_WritesTheIdAlone(uint id, string expected)
    {
        var buffer = new byte[CommandAck.MaxLength];
        int length = CommandAck.WriteApplied(buffer, id);
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer, 0, length));
    }

    [Theory]
    [InlineData(42u, CommandAck.BadTable, "42 rejected bad-table")]
    [InlineData(0u, CommandAck.BadCommand, "0 rejected bad-command")]
    [InlineData(4294967295u, CommandAck.WriteFailed, "4294967295 rejected write-failed")]
    public void WriteRejected_WritesIdInfixAndReason(uint id, string reason, string expected)
    {
        var buffer = new byte[CommandAck.MaxLength];
        int length = CommandAck.WriteRejected(buffer, id, reason);
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer, 0, length));
    }

    [Fact]
    public void MaxLength_HoldsTheLongestAck_AndShorterBuffersGetMinusOne()
    {
        string longest = "4294967295 rejected write-failed";
        Assert.Equal(CommandAck.MaxLength, longest.Length);
        Assert.Equal(-1, CommandAck.WriteRejected(new byte[CommandAck.MaxLength - 1], 4294967295, CommandAck.WriteFailed));
        Assert.Equal(-1, CommandAck.WriteApplied(new byte[1], 42));
    }
}
