using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;
using SensorNode.Core.Tests.Drivers;
using SensorNode.Simulation.Devices;

namespace SensorNode.Core.Tests;

/// <summary>[rtc] power_hold_pin: the event RTC switches the ESP32's power (RtcPowerGate).</summary>
public class RtcPowerGateTests
{
    private static (RtcPowerGate Gate, RecordingI2cChannel Bus, SimulatedSleepController Chip, SimulatedSwitch Hold) Gate(WakeCause chipCause = WakeCause.PowerOn)
    {
        var bus = new RecordingI2cChannel();
        var chip = new SimulatedSleepController();
        chip.Boot(chipCause);
        var hold = new SimulatedSwitch();
        return (new RtcPowerGate(chip, bus, hold), bus, chip, hold);
    }

    [Theory]
    [InlineData(Rv3028Codec.StatusTimerFlag, 0, WakeCause.Timer)]
    [InlineData(Rv3028Codec.StatusEventFlag, Rv3028Codec.Control2EventInterrupt, WakeCause.Motion)]
    [InlineData(Rv3028Codec.StatusEventFlag | Rv3028Codec.StatusTimerFlag, Rv3028Codec.Control2EventInterrupt, WakeCause.Motion)]
    // A counted event (EIE off) does not switch the power on: the countdown did.
    [InlineData(Rv3028Codec.StatusEventFlag | Rv3028Codec.StatusTimerFlag, 0, WakeCause.Timer)]
    // The rail fell (the RTC ran on its backup) since the sleep began: a brown-out, as a power-on without the gate.
    [InlineData(Rv3028Codec.StatusBackupSwitch | Rv3028Codec.StatusTimerFlag, 0, WakeCause.PowerOn)]
    [InlineData(0, 0, WakeCause.PowerOn)]
    public void GetWakeCause_ComesFromTheRtcsFlags(int status, int control2, WakeCause expected)
    {
        var (gate, bus, _, _) = Gate();
        bus.EnqueueRead((byte)status, 0x00, (byte)(control2 | Rv3028Codec.Control2TimerInterrupt));
        Assert.Equal(expected, gate.GetWakeCause());
    }

    [Fact]
    public void GetWakeCause_OfTheChipsOwnFallbackSleep_IsTheChips_AndReadsNoRtc()
    {
        var (gate, bus, _, _) = Gate(WakeCause.Motion);
        Assert.Equal(WakeCause.Motion, gate.GetWakeCause());
        Assert.Empty(bus.Writes);
    }

    [Fact]
    public void GetWakeCause_WhenTheRtcDoesNotAnswer_IsAPowerOn()
    {
        var (gate, bus, _, _) = Gate();
        bus.EnqueueReadFailure(I2cStatus.AddressNotAcknowledged);
        Assert.Equal(WakeCause.PowerOn, gate.GetWakeCause());
    }

    [Fact]
    public void Sleep_StartsTheCountdown_ReleasesTheHold_AndArmsTheChipAsTheFallback()
    {
        var (gate, bus, chip, hold) = Gate();
        gate.HoldPower();
        Assert.True(hold.On);
        bus.EnqueueRead(0x00, 0x00, Rv3028Codec.Control2TimeStampEnable);

        var plan = new SleepPlan { SleepSeconds = 900, MotionWakeArmed = true };
        plan.Enter(gate, null);

        Assert.True(gate.PowerReleased);
        Assert.False(hold.On);
        Assert.Equal(new byte[] { 0x0A, 900 & 0xFF, 900 >> 8 }, bus.Writes[2]);
        Assert.Equal((byte)(Rv3028Codec.Control2TimeStampEnable | Rv3028Codec.Control2TimerInterrupt | Rv3028Codec.Control2EventInterrupt), bus.Writes[3][3]);
        Assert.Equal(900, chip.ArmedTimerSeconds);
        Assert.True(chip.MotionArmed);
        Assert.True(chip.Sleeping);
    }

    [Fact]
    public void Sleep_WhenTheCountdownCannotBeStarted_KeepsTheHold_AndTheChipDeepSleeps()
    {
        var (gate, bus, chip, hold) = Gate();
        gate.HoldPower();
        bus.EnqueueReadFailure(I2cStatus.AddressNotAcknowledged);

        SleepPlan.Safe(600).Enter(gate, null);

        Assert.False(gate.PowerReleased);
        Assert.True(hold.On); // released, the switch would stay open with no countdown to close it
        Assert.Equal(600, chip.ArmedTimerSeconds);
        Assert.True(chip.Sleeping);
    }
}
