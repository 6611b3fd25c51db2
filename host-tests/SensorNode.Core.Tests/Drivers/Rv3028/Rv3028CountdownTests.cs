using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Tests.Drivers.Rv3028;

/// <summary>The RV-3028's countdown timer as the power gate uses it: the encoding of a sleep and the register writes.</summary>
public class Rv3028CountdownTests
{
    [Theory]
    [InlineData(1, 1, Rv3028Codec.TimerClockSecond)]
    [InlineData(15, 15, Rv3028Codec.TimerClockSecond)]
    [InlineData(4095, 4095, Rv3028Codec.TimerClockSecond)]
    [InlineData(4096, 69, Rv3028Codec.TimerClockMinute)] // 68.27 min, rounded up: never shorter than planned
    [InlineData(7200, 120, Rv3028Codec.TimerClockMinute)]
    [InlineData(86400, 1440, Rv3028Codec.TimerClockMinute)]
    [InlineData(4095 * 60, 4095, Rv3028Codec.TimerClockMinute)]
    public void TryEncodeCountdown_SecondsUpTo4095_ThenWholeMinutes(int seconds, int value, byte clock)
    {
        Assert.True(Rv3028Codec.TryEncodeCountdown(seconds, out int timerValue, out byte timerClock));
        Assert.Equal(value, timerValue);
        Assert.Equal(clock, timerClock);
        Assert.InRange(Rv3028Codec.CountdownSeconds(timerValue, timerClock), seconds, seconds + 59);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(4095 * 60 + 1)]
    public void TryEncodeCountdown_RefusesWhatTheTimerCannotTime(int seconds) =>
        Assert.False(Rv3028Codec.TryEncodeCountdown(seconds, out _, out _));

    [Fact]
    public void TryStartCountdown_StopsLoadsAndStartsTheTimer_ClearingTfAndBsf_KeepingEvf()
    {
        var bus = new RecordingI2cChannel();
        // Status: EVF, TF and BSF set; Control 1: TE and repeat left from elsewhere, 1/60 Hz; Control 2: EIE on, TSE on.
        bus.EnqueueRead(0b0010_1010, 0b1000_0111, 0b1000_0100);
        var rtc = new Rv3028Clock(bus);

        Assert.True(rtc.TryStartCountdown(7200, wakeOnNextEvent: false));

        Assert.Equal(4, bus.Writes.Count);
        Assert.Equal(new byte[] { 0x0E }, bus.Writes[0]); // the flags read
        Assert.Equal(new byte[] { 0x0F, 0x00 }, bus.Writes[1]); // TE, repeat and clock off: stopped
        Assert.Equal(new byte[] { 0x0A, 120, 0x00 }, bus.Writes[2]); // 120 minutes
        // Status: TF and BSF cleared (0), EVF left (1); Control 1: TE + 1/60 Hz, single mode; Control 2: TIE + TSE, EIE off.
        Assert.Equal(new byte[] { 0x0E, 0b0000_0010, 0b0000_0111, 0b1001_0000 }, bus.Writes[3]);
    }

    [Fact]
    public void TryStartCountdown_WithTheMotionWake_EnablesTheEventInterrupt_AndSplitsA12BitValue()
    {
        var bus = new RecordingI2cChannel();
        bus.EnqueueRead(0x00, 0x00, 0x00);
        var rtc = new Rv3028Clock(bus);

        Assert.True(rtc.TryStartCountdown(3000, wakeOnNextEvent: true));

        Assert.Equal(new byte[] { 0x0A, 3000 & 0xFF, 3000 >> 8 }, bus.Writes[2]);
        Assert.Equal(new byte[] { 0x0E, 0x00, Rv3028Codec.Control1TimerEnable | Rv3028Codec.TimerClockSecond, 0b1001_0100 }, bus.Writes[3]);
    }

    [Fact]
    public void TryStartCountdown_OnABusFault_StopsAndSaysSo()
    {
        var bus = new RecordingI2cChannel();
        bus.EnqueueReadFailure(I2cStatus.AddressNotAcknowledged);
        var rtc = new Rv3028Clock(bus);

        Assert.False(rtc.TryStartCountdown(60, wakeOnNextEvent: false));
        Assert.Single(bus.Writes); // nothing written after the failed read
        Assert.NotEqual(SensorError.None, rtc.LastError);
    }

    [Fact]
    public void TryStartCountdown_OutOfRange_WritesNothing()
    {
        var bus = new RecordingI2cChannel();
        var rtc = new Rv3028Clock(bus);
        Assert.False(rtc.TryStartCountdown(0, wakeOnNextEvent: false));
        Assert.Empty(bus.Writes);
        Assert.Equal(SensorError.OutOfRange, rtc.LastError);
    }
}
