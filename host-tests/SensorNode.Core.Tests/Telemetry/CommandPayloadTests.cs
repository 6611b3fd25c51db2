using System.Text;
using SensorNode.Core.Telemetry;
using Xunit;

namespace SensorNode.Core.Tests.Telemetry;

public class CommandPayloadTests
{
    private static int Parse(string text, out uint id)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        return CommandPayload.TryParseHeader(bytes, bytes.Length, out id);
    }

    [Theory]
    [InlineData("42\nSNPT", 42u, 3)]
    [InlineData("1\n", 1u, 2)]                           // an empty body is still a command
    [InlineData("4294967295\nx", 4294967295u, 11)]
    public void TryParseHeader_ReturnsBodyStartAndId(string payload, uint expectedId, int expectedBodyStart)
    {
        Assert.Equal(expectedBodyStart, Parse(payload, out uint id));
        Assert.Equal(expectedId, id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]                                   // no id
    [InlineData("42")]                                   // no newline
    [InlineData("0\nx")]                                 // ids start at 1
    [InlineData("042\nx")]                               // leading zero: the echoed id would differ
    [InlineData("+42\nx")]
    [InlineData("-1\nx")]
    [InlineData("4 2\nx")]
    [InlineData("42\r\nx")]
    [InlineData("4294967296\nx")]                        // beyond uint
    [InlineData("12345678901\nx")]                       // 11 digits
    [InlineData("SNPT")]
    public void TryParseHeader_ReturnsMinusOne_ForAMalformedHeader(string payload)
    {
        Assert.Equal(-1, Parse(payload, out uint id));
        Assert.Equal(0u, id);
    }

    [Fact]
    public void TryParseHeader_ReadsOnlyTheGivenLength()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("42\nbody");
        Assert.Equal(-1, CommandPayload.TryParseHeader(bytes, 2, out _));   // the '\n' lies beyond length
        Assert.Equal(-1, CommandPayload.TryParseHeader(null!, 0, out _));
    }
}
