using SensorNode.Core.Drivers;
using SensorNode.Core.Numerics;

namespace SensorNode.Core.Tests.Drivers.Rv3028;

public class Rv3028CodecTests
{
    [Theory]
    [InlineData(0, 0x00)]
    [InlineData(7, 0x07)]
    [InlineData(45, 0x45)]
    [InlineData(59, 0x59)]
    [InlineData(99, 0x99)]
    public void Bcd_RoundTrips(int value, int bcd)
    {
        Assert.Equal((byte)bcd, Rv3028Codec.ToBcd(value));
        Assert.Equal(value, Rv3028Codec.FromBcd(bcd));
    }

    [Theory]
    [InlineData(0x5A)]
    [InlineData(0xA0)]
    [InlineData(0xFF)]
    public void FromBcd_RejectsADigitAboveNine(int bcd) => Assert.Equal(-1, Rv3028Codec.FromBcd(bcd));

    [Fact]
    public void EncodeClock_WritesTheSevenBcdRegisters_OfALeapDay()
    {
        // 2024-02-29 13:45:07 UTC, a Thursday (weekday 4, 0 = Sunday): the clock registers 0x00-0x06.
        byte[] registers = new byte[7];
        Rv3028Codec.EncodeClock(1_709_214_307, registers, 0);
        Assert.Equal(new byte[] { 0x07, 0x45, 0x13, 0x04, 0x29, 0x02, 0x24 }, registers);
        Assert.True(Rv3028Codec.TryDecodeClock(registers, 0, out long back));
        Assert.Equal(1_709_214_307, back);
    }

    [Fact]
    public void Clock_RoundTripsAgainstDateTime_Over2000To2099()
    {
        byte[] registers = new byte[7];
        for (long t = 946_684_800; t < 4_102_444_800; t += 7_919_993)
        {
            Rv3028Codec.EncodeClock(t, registers, 0);
            var expected = DateTimeOffset.FromUnixTimeSeconds(t);
            Assert.Equal(expected.Second, Rv3028Codec.FromBcd(registers[0]));
            Assert.Equal(expected.Day, Rv3028Codec.FromBcd(registers[4]));
            Assert.Equal((int)expected.DayOfWeek, registers[3]);
            Assert.True(Rv3028Codec.TryDecodeClock(registers, 0, out long back));
            Assert.Equal(t, back);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x29, 0x02, 0x23 })] // 2023-02-29 does not exist
    [InlineData(new byte[] { 0x60, 0x00, 0x00, 0x00, 0x01, 0x01, 0x24 })] // second 60
    [InlineData(new byte[] { 0x00, 0x00, 0x24, 0x00, 0x01, 0x01, 0x24 })] // hour 24
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x31, 0x04, 0x24 })] // 31 April
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x01, 0x13, 0x24 })] // month 13
    [InlineData(new byte[] { 0x0A, 0x00, 0x00, 0x00, 0x01, 0x01, 0x24 })] // not BCD
    public void TryDecodeClock_RejectsImpossibleDates(byte[] registers)
    {
        Assert.False(Rv3028Codec.TryDecodeClock(registers, 0, out _));
    }

    [Fact]
    public void DecodeSnapshot_ReadsCountStampAndFlags_AndDistrustsTheClockAfterAPowerOnReset()
    {
        byte[] registers = new byte[Rv3028Codec.SnapshotBytes];
        Rv3028Codec.EncodeClock(1_709_214_307, registers, 0);
        registers[0x0E] = Rv3028Codec.StatusEventFlag;
        registers[0x10] = Rv3028Codec.Control2TimeStampEnable | Rv3028Codec.Control2EventInterrupt;
        registers[0x14] = 3;
        // Time stamp 0x15-0x1A: 13:40:00 on 2024-02-29 (no weekday byte).
        byte[] stamp = { 0x00, 0x40, 0x13, 0x29, 0x02, 0x24 };
        Array.Copy(stamp, 0, registers, 0x15, stamp.Length);

        Rv3028Codec.DecodeSnapshot(registers, out Rv3028Snapshot snapshot);
        Assert.True(snapshot.TimeValid);
        Assert.Equal(1_709_214_307, snapshot.UnixSeconds);
        Assert.Equal(3, snapshot.EventCount);
        Assert.Equal(1_709_214_000, snapshot.LastEventUnixSeconds);
        Assert.Equal(Rv3028Codec.StatusEventFlag, snapshot.Status);

        registers[0x0E] |= Rv3028Codec.StatusPowerOnReset;
        registers[0x14] = 0;
        Rv3028Codec.DecodeSnapshot(registers, out snapshot);
        Assert.False(snapshot.TimeValid);
        Assert.Equal(0, snapshot.UnixSeconds);
        Assert.Equal(0, snapshot.LastEventUnixSeconds); // no event counted: the stamp means nothing
    }

    [Fact]
    public void EventControl_StampsTheLastEventOnAHighLevel_AndResetsOnlyWhenAsked()
    {
        Assert.Equal(0b0100_0010, Rv3028Codec.EventControl(false));
        Assert.Equal(0b0100_0110, Rv3028Codec.EventControl(true));
    }

    [Fact]
    public void CivilDate_MatchesDateTime_ForEveryDayOfTwoCenturies()
    {
        for (long day = -10_957; day < 62_000; day++)
        {
            var expected = DateTimeOffset.FromUnixTimeSeconds(day * 86_400);
            CivilDate.CivilFromDays(day, out int year, out int month, out int dayOfMonth);
            Assert.Equal((expected.Year, expected.Month, expected.Day), (year, month, dayOfMonth));
            Assert.Equal(day, CivilDate.DaysFromCivil(year, month, dayOfMonth));
            Assert.Equal((int)expected.DayOfWeek, CivilDate.Weekday(day));
        }
    }
}
