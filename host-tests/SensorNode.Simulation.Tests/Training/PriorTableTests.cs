using SensorNode.Core.Config;
using SensorNode.Core.Policy;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;
using SensorNode.Simulation.Training;
using SensorNode.Simulation.Tests.Environment;
using Xunit;

namespace SensorNode.Simulation.Tests.Training;

/// <summary>
/// The prior of each layout (<c>sensornode train --no-history</c>): the event-RTC node's (layout 3) keeps what makes the
/// layout-2 prior safe, loads only as layout 3, and runs on an RTC node without more brown-outs than the prior does
/// without it on the same environment.
/// </summary>
public class PriorTableTests
{
    private const long Start = 1_704_067_200; // 2024-01-01, a Monday
    private const double ColdStartVolts = 3.3;

    [Fact]
    public void ForLayout2_IsThePrior()
    {
        Assert.Equal(PriorTable.Build().Serialize(), PriorTable.ForLayout(StateEncoder.LayoutId).Serialize());
    }

    [Fact]
    public void ForLayout3_LoadsOnlyAsLayout3_WithThePriorsIntervalsRadioAndReserve()
    {
        byte[] bytes = PriorTable.ForLayout(StateEncoder.RtcLayoutId).Serialize();

        Assert.True(PolicyTable.TryLoadFor(bytes, bytes.Length, StateEncoder.RtcLayoutId, out PolicyTable table, out PolicyLoadError error), error.ToString());
        Assert.Equal(PriorTable.RtcVersion, table.Version);
        Assert.Equal(StateEncoder.RtcLayoutId, table.LayoutId);
        Assert.False(PolicyTable.TryLoad(bytes, bytes.Length, out _, out error));
        Assert.Equal(PolicyLoadError.LayoutMismatch, error);
        byte[] prior = PriorTable.BuildActionCodes();
        const int IntervalAndRadio = PolicyTable.IntervalMask | PolicyTable.TransmitBit;
        for (int s = 0; s < StateEncoder.StateCount; s++)
        {
            int code = bytes[PolicyTable.HeaderLength + s];
            Assert.True(TrainingActions.KeepsReserve(s, code), $"state {s}: code 0x{code:X2} breaks the reserve");
            Assert.Equal(prior[s] & IntervalAndRadio, code & IntervalAndRadio);
            // Below good voltage no boot for motion: the RTC counts it (the layout-2 prior arms the PIR from fair).
            if (StateEncoder.VoltageBinOf(s) < 3) Assert.Equal(0, code & PolicyTable.MotionBit);
        }
    }

    [Theory]
    [InlineData(SyntheticProfileKind.Office)]
    [InlineData(SyntheticProfileKind.Corridor)]
    [InlineData(SyntheticProfileKind.WindowSide)]
    public void ForLayout3_OnAnRtcNode_BrownsOutNoMoreThanThePriorWithoutTheRtc_FromAColdStart(SyntheticProfileKind kind)
    {
        EnvironmentTrace building = SyntheticEnvironment.Generate(kind, Start, 14, seed: 7);

        SimulationMetrics prior = Run(building, rtc: false, out _);
        SimulationMetrics rtcPrior = Run(building, rtc: true, out var versions);

        Assert.Equal(new[] { PriorTable.RtcVersion }, versions); // every wake ran the layout-3 prior, not the built-in fallback
        Assert.True(rtcPrior.Brownouts <= prior.Brownouts, $"{kind}: {rtcPrior.Brownouts} brown-outs with the RTC prior, {prior.Brownouts} with the prior");
        Assert.True(rtcPrior.EventsCaptured >= prior.EventsCaptured, $"{kind}: {rtcPrior.EventsCaptured} events counted, the prior {prior.EventsCaptured}");
    }

    // What makes the prior the prior ("frugal enough to survive an office week from a cold start, yet it catches
    // motion"), for each layout on the node of that layout.
    [RequiresSharedDataTheory]
    [InlineData(false, PriorTable.Version)]
    [InlineData(true, PriorTable.RtcVersion)]
    public void Prior_DoesNotBrownOut_FromAColdStartOnTheFirstOfficeWeek(bool rtc, uint version)
    {
        EnvironmentTrace week = TraceReader.Read(SharedData.Ff66).Slice(0, 6);

        SimulationMetrics metrics = Run(week, rtc, out var versions);

        Assert.Equal(new[] { version }, versions);
        Assert.Equal(0, metrics.Brownouts);
        Assert.True(metrics.EventsCaptured >= 0.95 * metrics.EventsTotal, $"{metrics.EventsCaptured} of {metrics.EventsTotal}");
    }

    // The layout's prior in flash of a node with or without the RTC, from a cold start; the table versions its wakes ran.
    private static SimulationMetrics Run(EnvironmentTrace environment, bool rtc, out SortedSet<uint> versions)
    {
        var config = new NodeConfig { RtcFitted = rtc };
        var seen = new SortedSet<uint>();
        var setup = new SimulationSetup
        {
            Config = config, Profile = HardwareProfile.Default(), Environment = environment, Seed = 1, InitialVolts = ColdStartVolts,
            Policy = PolicySpec.FromTable("prior", PriorTable.ForLayout(rtc ? StateEncoder.RtcLayoutId : StateEncoder.LayoutId)),
            StepObserverFactory = _ => step =>
            {
                if (step.Report is { } report) seen.Add(report.PolicyVersion);
            },
        };
        SimulationMetrics metrics = new NodeSimulator(setup, 0, recordTimeline: false).Run().Metrics;
        versions = seen;
        return metrics;
    }
}
