using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Energy;
using SensorNode.Core.Hardware;
using SensorNode.Simulation;
using Xunit;

namespace SensorNode.Core.Tests.Boot;

/// <summary>Issue 9 item 2: a power-on or EN reset stays awake for nanoff, but never into a brown-out.</summary>
public class MaintenanceWindowTests
{
    private const long Start = 1_727_690_400_000;

    private static (SupercapModel, BrownoutGuard) Energy(NodeConfig c)
    {
        var model = new SupercapModel(c.CapacitanceMillifarads, c.EsrMilliohms, c.BrownoutMillivolts, c.MaxMillivolts);
        return (model, new BrownoutGuard(model, c.RadioPeakMilliamps, c.TransmitBudgetMillijoules));
    }

    [Theory]
    [InlineData(WakeCause.PowerOn, 30)]
    [InlineData(WakeCause.Other, 30)]
    [InlineData(WakeCause.Timer, 0)]
    [InlineData(WakeCause.Motion, 0)]
    public void OnlyAPowerOnOrReset_OpensTheWindow(WakeCause cause, int expected)
    {
        var c = new NodeConfig();
        var (model, guard) = Energy(c);

        int seconds = MaintenanceWindow.Seconds(cause, 30, true, 5000, model, guard, c.ActiveMilliamps, out bool skipped);

        Assert.Equal(expected, seconds);
        Assert.False(skipped);
    }

    [Fact]
    public void ZeroDisablesIt()
    {
        var c = new NodeConfig();
        var (model, guard) = Energy(c);

        Assert.Equal(0, MaintenanceWindow.Seconds(WakeCause.PowerOn, 0, true, 5000, model, guard, c.ActiveMilliamps, out bool skipped));
        Assert.False(skipped);
    }

    [Fact]
    public void JustRechargedSupercap_SkipsTheWindow_AndSaysSo()
    {
        var c = new NodeConfig();
        var (model, guard) = Energy(c);
        // 3.5 V on 1.5 F: 30 s at 45 mA (~4.7 J) would take it below the brown-out guard's start voltage.
        Assert.True(guard.AllowsRadio(3500));

        int seconds = MaintenanceWindow.Seconds(WakeCause.PowerOn, 30, true, 3500, model, guard, c.ActiveMilliamps, out bool skipped);

        Assert.Equal(0, seconds);
        Assert.True(skipped);
    }

    [Fact]
    public void UnreadableSupercap_SkipsTheWindow()
    {
        var c = new NodeConfig();
        var (model, guard) = Energy(c);

        Assert.Equal(0, MaintenanceWindow.Seconds(WakeCause.PowerOn, 30, false, 0, model, guard, c.ActiveMilliamps, out bool skipped));
        Assert.True(skipped);
    }

    [Fact]
    public void PowerOnWake_StaysAwakeBeforeItsFirstSleep_AndTimerWakesDoNot()
    {
        var node = new SimulatedNode(new NodeConfig(), Start, seed: 5);
        node.Adc.SupercapVolts = 5.0;

        long before = node.Clock.NowUnixMilliseconds;
        WakeReport powerOn = node.Wake(WakeCause.PowerOn);
        long powerOnAwake = node.Clock.NowUnixMilliseconds - before;
        node.SleepFor(powerOn.Plan.SleepSeconds * 1000L);
        WakeReport timer = node.Wake(WakeCause.Timer);

        Assert.Equal(30, powerOn.MaintenanceSeconds);
        Assert.True(powerOnAwake >= 30_000, $"awake {powerOnAwake} ms");
        Assert.Equal(0, timer.MaintenanceSeconds);
    }

    [Fact]
    public void PowerOnAfterABrownOut_LowSupercap_SkipsTheWindow_AndReportsIt()
    {
        var node = new SimulatedNode(new NodeConfig(), Start, seed: 5);
        node.Adc.SupercapVolts = 3.4;

        WakeReport report = node.Wake(WakeCause.PowerOn);

        Assert.Equal(0, report.MaintenanceSeconds);
        Assert.True(report.MaintenanceSkippedForEnergy);
    }

    [Fact]
    public void PowerOnWithTheRadioStartedAtBoot_PaysTheWindowAtRadioCurrent()
    {
        var quiet = new SimulatedNode(new NodeConfig(), Start, seed: 5) { ModelBootTimeRadio = true };
        quiet.Adc.SupercapVolts = 4.5;
        var radioOn = new SimulatedNode(new NodeConfig(), Start, seed: 5) { ModelBootTimeRadio = true };
        radioOn.Adc.SupercapVolts = 4.5;
        radioOn.RadioConfig.Stored = true;                    // a radio wake was planned, then the node browned out

        WakeReport withoutRadio = quiet.Wake(WakeCause.PowerOn);
        WakeReport withRadio = radioOn.Wake(WakeCause.PowerOn);

        Assert.Equal(30, withoutRadio.MaintenanceSeconds);    // ~6 J at 45 mA: affordable at 4.5 V
        Assert.Equal(0, withRadio.MaintenanceSeconds);        // ~17 J at 130 mA: not
        Assert.True(withRadio.MaintenanceSkippedForEnergy);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("601")]
    public void OutOfRange_IsAConfigurationError(string value)
    {
        var errors = new System.Collections.ArrayList();
        ConfigParser.Parse("[wake]\nmaintenance_window_seconds = " + value + "\n", "nf.config", errors);

        Assert.Contains(errors.Cast<ConfigError>(), e => e.Field == "wake.maintenance_window_seconds" && e.Line == 2);
    }
}
