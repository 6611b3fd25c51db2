using Xunit;
using SensorNode.Core.Drivers;

namespace SensorNode.Core.Tests.Drivers;

public class SharedDriverHelpersTests
{
    [Theory]
    [InlineData(7, 2, 4)]
    [InlineData(5, 2, 3)]
    [InlineData(4, 3, 1)]
    [InlineData(-7, 2, -4)]
    [InlineData(-5, 2, -3)]
    [InlineData(-4, 3, -1)]
    [InlineData(0, 9, 0)]
    public void RoundedDivision_RoundsHalvesAwayFromZero(long numerator, long denominator, long expected)
    {
        Assert.Equal(expected, RoundedDivision.Divide(numerator, denominator));
    }

    [Theory]
    [InlineData(SensorError.None, "None")]
    [InlineData(SensorError.NotAcknowledged, "NotAcknowledged")]
    [InlineData(SensorError.BusError, "BusError")]
    [InlineData(SensorError.CrcMismatch, "CrcMismatch")]
    [InlineData(SensorError.NotStarted, "NotStarted")]
    [InlineData(SensorError.OutOfRange, "OutOfRange")]
    [InlineData((SensorError)99, "Unknown")]
    public void SensorErrorText_GivesTheMemberName(SensorError error, string expected)
    {
        Assert.Equal(expected, SensorErrorText.Name(error));
    }

    [Fact]
    public void SensorError_KeepsItsWireValues()
    {
        // Other code stores and compares these numbers.
        Assert.Equal(0, (int)SensorError.None);
        Assert.Equal(1, (int)SensorError.NotAcknowledged);
        Assert.Equal(2, (int)SensorError.BusError);
        Assert.Equal(3, (int)SensorError.CrcMismatch);
        Assert.Equal(4, (int)SensorError.NotStarted);
        Assert.Equal(5, (int)SensorError.OutOfRange);
    }
}
