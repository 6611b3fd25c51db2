using System.Text.Json.Nodes;
using SensorNode.Core.Config;
using SensorNode.Core.Tests.Config;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Policies;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Tests.Simulator;

/// <summary>
/// The profile option boot_radio_associates: nanoCLR starting the radio and associating at every boot because the
/// stored Wi-Fi config is enabled (device-truth-audit 6.2). Every wake pays it, radio-free ones included, and on
/// harvested energy that shows as brown-outs and missed events (numbers in docs/energy-model.md).
/// </summary>
public class BootAssociationTests
{
    private static readonly long Monday = new DateTimeOffset(2024, 9, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    /// <summary>The default profile with boot_radio_associates set to <paramref name="associates"/>.</summary>
    internal static HardwareProfile Profile(bool associates) => Edited(f => f["boot_radio_associates"]!["value"] = associates);

    /// <summary>The repository's default profile after <paramref name="edit"/> changed its figures.</summary>
    internal static HardwareProfile Edited(Action<JsonObject> edit)
    {
        JsonNode root = JsonNode.Parse(RepoFiles.ReadText("tools/SensorNode.Simulation/Profiles/default.json"))!;
        edit(root["figures"]!.AsObject());
        return HardwareProfile.Parse(root.ToJsonString(), "edited default profile");
    }

    /// <summary>`sensornode simulate --days 14 --seed 1` (default office, built-in policy) under <paramref name="profile"/>.</summary>
    internal static SimulationMetrics Run(HardwareProfile profile) => new NodeSimulator(new SimulationSetup
    {
        Config = new NodeConfig(),
        Profile = profile,
        // The building `sensornode simulate --seed 1` draws for its node 0 (seed * 31 + node), so the docs' figures are the CLI's.
        Environment = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Monday, 14, 31),
        Seed = 1,
        Policy = PolicySpec.BuiltIn(),
    }, 0, recordTimeline: false).Run().Metrics;

    [Fact]
    public void RadioFreeWake_CostsTheAssociationMore_InTheEnergyModel()
    {
        var off = new WakeEnergyCosts(Profile(false));
        var on = new WakeEnergyCosts(Profile(true));

        // 4.0 V x 130 mA x 450 ms = 234 mJ on top of the 143 mJ of a radio-free wake (docs/energy-model.md).
        Assert.Equal(0.234, on.WakeJoules(4.0) - off.WakeJoules(4.0), 9);
        Assert.Equal(0.143, off.WakeJoules(4.0), 3);
        Assert.Equal(off.WakeSeconds + 0.450, on.WakeSeconds, 9);
        Assert.Equal(off.PublishJoules(4.0), on.PublishJoules(4.0), 12);
    }

    [Fact]
    public void EveryWakeBooksTheAssociation_AndTheHarvestedNodeLosesEvents()
    {
        SimulationMetrics off = Run(Profile(false));
        SimulationMetrics on = Run(Profile(true));

        Assert.Equal(0, off.EnergySpentByPhaseJ["boot_associate"]);
        // Per wake, 130 mA x 450 ms at a supercap voltage between brown-out (3.0 V) and the clamp (5.4 V).
        double perWake = on.EnergySpentByPhaseJ["boot_associate"] / on.Wakes;
        Assert.InRange(perWake, 3.0 * 0.130 * 0.450, 5.4 * 0.130 * 0.450);
        double radioFreeOff = (off.EnergySpentByPhaseJ["boot"] + off.EnergySpentByPhaseJ["compute"] + off.EnergySpentByPhaseJ["sensing"]) / off.Wakes;
        double radioFreeOn = (on.EnergySpentByPhaseJ["boot"] + on.EnergySpentByPhaseJ["boot_associate"] + on.EnergySpentByPhaseJ["compute"] + on.EnergySpentByPhaseJ["sensing"]) / on.Wakes;
        Assert.True(radioFreeOn > 2 * radioFreeOff, $"radio-free wake {radioFreeOff:F3} J -> {radioFreeOn:F3} J");

        Assert.Equal(0, off.Brownouts);
        Assert.True(on.Brownouts > 0, "the boot-time association should brown the default office node out");
        Assert.True(on.EventsCaptured < off.EventsCaptured, $"events captured {off.EventsCaptured} -> {on.EventsCaptured}");
        Assert.True(on.DeadTimeFraction > off.DeadTimeFraction);
    }
}

/// <summary>docs/energy-model.md quotes both runs of the boot-association comparison; these keep the quotes true.</summary>
public class BootAssociationDocTests
{
    private static string[] Row(string label)
    {
        string line = RepoFiles.ReadText("docs/energy-model.md").Split('\n').Single(l => l.StartsWith("| " + label + " |"));
        return line.Split('|', StringSplitOptions.TrimEntries)[2..^1];
    }

    [Fact]
    public void ComparisonTable_QuotesTheSimulatedRuns()
    {
        SimulationMetrics off = BootAssociationTests.Run(BootAssociationTests.Profile(false));
        SimulationMetrics on = BootAssociationTests.Run(BootAssociationTests.Profile(true));

        Assert.Equal(new[] { off.EventsCaptured.ToString(), on.EventsCaptured.ToString() }, Row($"events captured (of {off.EventsTotal})"));
        Assert.Equal(new[] { off.EventsDelivered.ToString(), on.EventsDelivered.ToString() }, Row("events delivered"));
        Assert.Equal(new[] { off.Wakes.ToString(), on.Wakes.ToString() }, Row("wakes"));
        Assert.Equal(new[] { $"{off.ReadingsTaken} / {off.ReadingsDelivered}", $"{on.ReadingsTaken} / {on.ReadingsDelivered}" }, Row("readings taken / delivered"));
        Assert.Equal(new[] { $"{off.WifiConnects} / {off.MessagesPublished}", $"{on.WifiConnects} / {on.MessagesPublished}" }, Row("transmissions: Wi-Fi connects / messages published"));
        Assert.Equal(new[] { off.Brownouts.ToString(), on.Brownouts.ToString() }, Row("brown-outs"));
    }
}

/// <summary>deep_sleep_microamps is the sleep with the PIR wake (ext0) armed; deep_sleep_timer_only_microamps the
/// sleep the plan arms with the timer alone (both measured on the bench, docs/device-build.md B2).</summary>
public class SleepCurrentTests
{
    // Arms the PIR for every other sleep: both sleep currents are drawn whatever the environment. (The built-in table
    // used to do that on the default office; with the presence-driven office of issue 17 it keeps the PIR armed.)
    private sealed class AlternatingPolicy : SensorNode.Core.Policy.IWakePolicy
    {
        private bool _armed;
        public SensorNode.Core.Policy.PolicyAction Decide(int stateIndex, SensorNode.Core.Policy.PolicyObservation observation)
        {
            _armed = !_armed;
            return new SensorNode.Core.Policy.PolicyAction { WakeIntervalIndex = 3, MotionWakeArmed = _armed, Transmit = false };
        }
    }

    private static SimulationMetrics Run(HardwareProfile profile) => new NodeSimulator(new SimulationSetup
    {
        Config = new NodeConfig(),
        Profile = profile,
        Environment = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, new DateTimeOffset(2024, 9, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), 14, 31),
        Seed = 1,
        PolicyFactory = _ => new AlternatingPolicy(),
    }, 0, recordTimeline: false).Run().Metrics;

    [Fact]
    public void TimerOnlySleeps_DrawTheTimerOnlyFigure_AndPirArmedSleepsTheOther()
    {
        double reference = Run(BootAssociationTests.Edited(_ => { })).EnergySpentByPhaseJ["sleep"];
        double timerOnlyHigh = Run(BootAssociationTests.Edited(f => f["deep_sleep_timer_only_microamps"]!["value"] = 500)).EnergySpentByPhaseJ["sleep"];
        double armedHigh = Run(BootAssociationTests.Edited(f => f["deep_sleep_microamps"]!["value"] = 500)).EnergySpentByPhaseJ["sleep"];

        // Half the sleeps each way, so each figure moves the sleep energy.
        Assert.True(timerOnlyHigh > reference * 1.05, $"timer-only 500 uA: {reference:F2} -> {timerOnlyHigh:F2} J");
        Assert.True(armedHigh > reference * 1.05, $"PIR-armed 500 uA: {reference:F2} -> {armedHigh:F2} J");
    }
}
