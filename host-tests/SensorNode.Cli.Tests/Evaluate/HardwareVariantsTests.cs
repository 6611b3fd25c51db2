using SensorNode.Cli;
using SensorNode.Core.Config;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli.Tests.Evaluate;

/// <summary><c>evaluate --hardware without|rtc|both</c>: the contestants on today's design, with the event RTC, or both.</summary>
public class HardwareVariantsTests
{
    private static EnvironmentTrace FiveOfficeDays() =>
        SyntheticEnvironment.Generate(SyntheticProfileKind.Office, new DateTimeOffset(2024, 9, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), 5, 31);

    private static List<EvaluatedPolicy> Baselines(NodeConfig config) => EvaluatedPolicy.Baselines(config, HardwareProfile.Default(), new ServiceTargets());

    [Fact]
    public void Both_AddsAnRtcTwinOfEveryContestant_WithTheRtcFittedInItsOwnConfig()
    {
        var config = new NodeConfig();
        List<EvaluatedPolicy> plain = Baselines(config);
        List<EvaluatedPolicy> both = HardwareVariants.Apply("both", plain, config);

        Assert.Equal(2 * plain.Count, both.Count);
        Assert.Equal(plain.Select(p => "rtc:" + p.Name), both.Skip(plain.Count).Select(p => p.Name));
        Assert.All(both.Skip(plain.Count), p => Assert.True(p.Config!.RtcFitted));
        Assert.All(both.Take(plain.Count), p => Assert.False((p.Config ?? config).RtcFitted));
        // fixed-4h keeps its own wake-interval set in its RTC twin.
        EvaluatedPolicy fixed4h = both.Single(p => p.Name == "rtc:fixed-4h");
        Assert.Equal(plain.Single(p => p.Name == "fixed-4h").Config!.WakeIntervalsSeconds, fixed4h.Config!.WakeIntervalsSeconds);
        Assert.False(config.RtcFitted); // the caller's configuration is not touched
    }

    [Fact]
    public void All_AddsTheRtcTwins_AndTheGatedTwins_WhoseRtcSwitchesThePower()
    {
        var config = new NodeConfig();
        List<EvaluatedPolicy> plain = Baselines(config);
        List<EvaluatedPolicy> all = HardwareVariants.Apply("all", plain, config);

        Assert.Equal(3 * plain.Count, all.Count);
        List<EvaluatedPolicy> gated = all.Skip(2 * plain.Count).ToList();
        Assert.Equal(plain.Select(p => "gated:" + p.Name), gated.Select(p => p.Name));
        Assert.All(gated, p => Assert.True(p.Config!.RtcPowerGated));
        Assert.All(all.Skip(plain.Count).Take(plain.Count), p => Assert.False(p.Config!.RtcPowerGated));
        Assert.Equal(gated.Select(p => p.Name), HardwareVariants.Apply("gated", plain, config).Select(p => p.Name));
        // The gated design passes the node's own configuration check (the hold line is a free output).
        var errors = new System.Collections.ArrayList();
        ConfigParser.Validate(gated[0].Config!, "gated", errors);
        Assert.Empty(errors);
    }

    [Fact]
    public void Without_KeepsTheList_AndAnUnknownValueIsAUsageError()
    {
        var config = new NodeConfig();
        List<EvaluatedPolicy> plain = Baselines(config);
        Assert.Same(plain, HardwareVariants.Apply(null, plain, config));
        Assert.Same(plain, HardwareVariants.Apply("without", plain, config));
        Assert.All(HardwareVariants.Apply("rtc", plain, config), p => Assert.StartsWith("rtc:", p.Name));
        var e = Assert.Throws<UsageException>(() => HardwareVariants.Apply("crystal", plain, config));
        Assert.Contains("--hardware", e.Message);
    }

    [Fact]
    public void TheRtcTwinOfTheBuiltInTable_CountsTheMotionItSleepsThrough()
    {
        var config = new NodeConfig();
        EnvironmentTrace office = FiveOfficeDays();
        List<EvaluatedPolicy> both = HardwareVariants.Apply("both", Baselines(config).Where(p => p.Name == "built-in").ToList(), config);

        SimulationMetrics plain = EvaluateCommand.RunOne(both[0], office, config, HardwareProfile.Default(), 1).Metrics;
        SimulationMetrics rtc = EvaluateCommand.RunOne(both[1], office, config, HardwareProfile.Default(), 1).Metrics;
        Assert.True(rtc.EventsCaptured >= 0.99 * rtc.EventsTotal, $"{rtc.EventsCaptured} of {rtc.EventsTotal}");
        Assert.True(rtc.MotionWakes < plain.MotionWakes, $"motion wakes {plain.MotionWakes} -> {rtc.MotionWakes}");
    }

    [Fact]
    public void TheGatedTwin_SleepsOnTheRtcsCountdownWithTheEsp32Off_SpendingLessAsleep()
    {
        var config = new NodeConfig();
        EnvironmentTrace office = FiveOfficeDays();
        List<EvaluatedPolicy> all = HardwareVariants.Apply("all", Baselines(config).Where(p => p.Name == "built-in").ToList(), config);
        Assert.Equal(new[] { "built-in", "rtc:built-in", "gated:built-in" }, all.Select(p => p.Name));

        SimulationMetrics rtc = EvaluateCommand.RunOne(all[1], office, config, HardwareProfile.Default(), 1).Metrics;
        SimulationMetrics gated = EvaluateCommand.RunOne(all[2], office, config, HardwareProfile.Default(), 1).Metrics;
        double rtcSleep = rtc.EnergySpentByPhaseJ["sleep"], gatedSleep = gated.EnergySpentByPhaseJ["sleep"];
        // 4.1 + 0.045 uA against 15 + 0.045 uA: under half the sleep energy, whatever the wakes do.
        Assert.True(gatedSleep < 0.5 * rtcSleep, $"sleep {rtcSleep:F2} J -> {gatedSleep:F2} J");
        Assert.True(gated.EventsCaptured >= 0.99 * gated.EventsTotal, $"{gated.EventsCaptured} of {gated.EventsTotal}");
        Assert.True(gated.Brownouts <= rtc.Brownouts);
    }
}
