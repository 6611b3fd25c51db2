using SensorNode.Core.Drivers;
using SensorNode.Simulation.Devices;

namespace SensorNode.Simulation.Tests.Devices;

/// <summary>The RV-3028 driver against the register-level simulated chip: clock, event count, time stamp, INT.</summary>
public class SimulatedRv3028Tests
{
    private const long Start = 1_709_214_307_000; // 2024-02-29 13:45:07 UTC, ms
    private long _now = Start;

    private SimulatedRv3028 Chip() => new(() => _now);

    [Fact]
    public void AfterPowerOn_TheTimeIsInvalid_UntilTheNodeSetsIt()
    {
        var chip = Chip();
        var rtc = new Rv3028Clock(chip);

        Assert.True(rtc.TryReadSnapshot(out Rv3028Snapshot fresh));
        Assert.False(fresh.TimeValid);

        Assert.True(rtc.TrySetTime(Start / 1000));
        _now += 90_500;
        Assert.True(rtc.TryReadSnapshot(out Rv3028Snapshot set));
        Assert.True(set.TimeValid);
        Assert.Equal(Start / 1000 + 90, set.UnixSeconds);
    }

    [Fact]
    public void Events_AreCountedAndStamped_OnlyWithTimeStampingOn_AndWakeOnlyWithTheInterruptEnabled()
    {
        var chip = Chip();
        var rtc = new Rv3028Clock(chip);
        rtc.TrySetTime(Start / 1000);
        chip.Event(_now, 0); // a fresh chip: time stamping is off
        Assert.Equal(0, chip.EventCount);

        Assert.True(rtc.TryReadSnapshot(out Rv3028Snapshot read));
        Assert.True(rtc.TryWriteControls(read, wakeOnNextEvent: false));
        Assert.True(rtc.TryResetCount());
        chip.Event(_now + 10_000, 1);
        chip.Event(_now + 70_000, 2);
        Assert.False(chip.InterruptAsserted); // counted only: INT stays high
        _now += 100_000;

        Assert.True(rtc.TryReadSnapshot(out read));
        Assert.Equal(2, read.EventCount);
        Assert.Equal(Start / 1000 + 70, read.LastEventUnixSeconds); // the last event's stamp (TSOW = 1)

        Assert.True(rtc.TryWriteControls(read, wakeOnNextEvent: true));
        Assert.False(chip.InterruptAsserted); // the flag of the counted events was cleared first
        chip.Event(_now + 1_000, 3);
        Assert.True(chip.InterruptAsserted);
        Assert.Equal(3, chip.EventCount); // the count runs on until a reset

        Assert.True(rtc.TryResetCount());
        Assert.Equal(0, chip.EventCount);
        Assert.Equal(new[] { 1, 2, 3 }, chip.TakeDrained());
        Assert.Empty(chip.TakeDrained());
    }

    [Fact]
    public void TheCrystalDrift_MovesTheRtcTime()
    {
        var chip = Chip();
        chip.CrystalDriftPpm = 100;
        var rtc = new Rv3028Clock(chip);
        rtc.TrySetTime(Start / 1000);
        _now += 10 * 86_400_000L; // ten days: 100 ppm is 86.4 s
        Assert.True(rtc.TryReadSnapshot(out Rv3028Snapshot read));
        Assert.Equal(Start / 1000 + 10 * 86_400 + 86, read.UnixSeconds);
    }

    [Fact]
    public void BusFaults_AreReported_NotTurnedIntoATime()
    {
        var chip = Chip();
        var rtc = new Rv3028Clock(chip);
        chip.FailNextTransfers(1, Core.Hardware.I2cStatus.AddressNotAcknowledged);
        Assert.False(rtc.TryReadSnapshot(out Rv3028Snapshot read));
        Assert.False(read.TimeValid);
        Assert.Equal(SensorError.NotAcknowledged, rtc.LastError);
    }
}
