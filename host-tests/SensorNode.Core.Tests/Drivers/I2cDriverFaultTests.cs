using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;
using Xunit;

namespace SensorNode.Core.Tests.Drivers;

/// <summary>The fault contract every I2C driver keeps: false plus the right error, never a stale or zero reading, and recovery.</summary>
public class I2cDriverFaultTests
{
    [Theory]
    [MemberData(nameof(I2cDriverHarness.ChipsAndFaults), MemberType = typeof(I2cDriverHarness))]
    public void StartMeasurement_ReturnsZero_WhenTheFirstWriteFails_AndTheNextStartWorks(string chip, I2cStatus status, SensorError expected)
    {
        var driver = I2cDriverHarness.Create(chip);
        driver.Chip.FailNextTransfers(1, status);

        Assert.Equal(0, driver.Start());
        Assert.Equal(expected, driver.LastError());
        Assert.Equal(1, driver.Chip.TransferCount); // nothing more is sent after a failed write
        Assert.Equal(0, driver.ConversionsStarted());
        driver.AssertReadFails(SensorError.NotStarted);

        driver.AssertNextReadingIsGood();
    }

    [Theory]
    [MemberData(nameof(I2cDriverHarness.ChipsAndFaults), MemberType = typeof(I2cDriverHarness))]
    public void TryRead_ReturnsFalse_WhenTheReadFails_AndTheNextReadWorks(string chip, I2cStatus status, SensorError expected)
    {
        var driver = I2cDriverHarness.Create(chip);
        driver.Start();
        driver.Chip.FailNextTransfers(1, status);

        driver.AssertReadFails(expected);

        driver.AssertNextReadingIsGood();
    }

    [Theory]
    [MemberData(nameof(I2cDriverHarness.Chips), MemberType = typeof(I2cDriverHarness))]
    public void TryRead_ReturnsNotStarted_WithoutAStart_AndNeverTheSameReadingTwice(string chip)
    {
        var driver = I2cDriverHarness.Create(chip);

        driver.AssertReadFails(SensorError.NotStarted);
        Assert.Equal(0, driver.Chip.TransferCount);

        driver.AssertNextReadingIsGood();
        driver.AssertReadFails(SensorError.NotStarted);
    }

    [Theory]
    [MemberData(nameof(I2cDriverHarness.Chips), MemberType = typeof(I2cDriverHarness))]
    public void AbsentChip_FailsWithNotAcknowledged_AndWorksOnceItAnswers(string chip)
    {
        var driver = I2cDriverHarness.Create(chip);
        driver.Chip.Present = false;

        Assert.Equal(0, driver.Start());
        Assert.Equal(SensorError.NotAcknowledged, driver.LastError());
        driver.AssertReadFails(SensorError.NotStarted);

        driver.Chip.Present = true;
        driver.AssertNextReadingIsGood();
    }

    [Theory]
    [InlineData(I2cDriverHarness.Sht3x, 0)] // temperature MSB
    [InlineData(I2cDriverHarness.Sht3x, 1)] // temperature LSB
    [InlineData(I2cDriverHarness.Sht3x, 2)] // temperature CRC
    [InlineData(I2cDriverHarness.Sht3x, 3)] // humidity MSB
    [InlineData(I2cDriverHarness.Sht3x, 4)] // humidity LSB
    [InlineData(I2cDriverHarness.Sht3x, 5)] // humidity CRC
    [InlineData(I2cDriverHarness.Sht4x, 0)]
    [InlineData(I2cDriverHarness.Sht4x, 2)]
    [InlineData(I2cDriverHarness.Sht4x, 4)]
    [InlineData(I2cDriverHarness.Sht4x, 5)]
    public void CorruptedRead_IsCaughtByTheCrc_OnTheSensirionChips_InEitherWord(string chip, int corruptedByte)
    {
        var driver = I2cDriverHarness.Create(chip);
        driver.Start();
        driver.Chip.CorruptNextReads(1, corruptedByte);

        driver.AssertReadFails(SensorError.CrcMismatch);

        driver.AssertNextReadingIsGood();
    }

    [Theory]
    [InlineData(I2cDriverHarness.Opt3001, 100000 - 32)] // mantissa 3125 -> 3124 at E=5: one LSB, 0.32 lx
    [InlineData(I2cDriverHarness.Bh1750, 60083)]        // raw 720 -> 721: one count
    public void CorruptedRead_GoesUndetected_OnChipsWithoutCrc(string chip, int corruptedCentiLux)
    {
        var driver = I2cDriverHarness.Create(chip);
        driver.Start();
        driver.Chip.CorruptNextReads(1);

        var (ok, values) = driver.Read();

        // A plausible reading a little off, reported as good: no driver can catch it on these chips.
        Assert.True(ok);
        Assert.Equal(SensorError.None, driver.LastError());
        Assert.Equal(new[] { corruptedCentiLux }, values);
        driver.AssertNextReadingIsGood();
    }
}
