using System.Text.Json.Serialization;
using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Telemetry;
using SensorNode.Core.Update;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Updates;

/// <summary>What one fleet-update run injects and measures (docs/updates.md).</summary>
public sealed class FleetUpdateOptions
{
    public int Nodes { get; init; } = 100;
    public IReadOnlyList<double> LuxLevels { get; init; } = [200, 500, 1000];
    public int Days { get; init; } = 14;
    public int Seed { get; init; } = 1;
    /// <summary>The new set: its version, size and chunk size (the running one is the flashed application, version 0).</summary>
    public uint Version { get; init; } = 2;
    public int ImageBytes { get; init; } = 48 * 1024;
    public int ChunkBytes { get; init; } = 1024;
    /// <summary>Every node i with i % CorruptEvery == CorruptEvery - 1 gets one damaged chunk; likewise a power cut mid-chunk and a bad application.</summary>
    public int CorruptEvery { get; init; } = 4;
    public int PowerCutEvery { get; init; } = 5;
    public int BadApplicationEvery { get; init; } = 10;
    public int MaxParallelism { get; init; }
}

/// <summary>One node's outcome.</summary>
public sealed class NodeUpdateOutcome
{
    [JsonPropertyName("node")] public string Node { get; init; } = "";
    [JsonPropertyName("faults")] public List<string> Faults { get; init; } = [];
    /// <summary>"updated", "rolled-back", or "incomplete" (still downloading or on trial at the end).</summary>
    [JsonPropertyName("outcome")] public string Outcome { get; set; } = "";
    [JsonPropertyName("running_version")] public uint RunningVersion { get; set; }
    [JsonPropertyName("reported_version")] public uint ReportedVersion { get; set; }
    [JsonPropertyName("rollback_reason")] public string? RollbackReason { get; set; }
    /// <summary>Days from the update's release to the confirmation (or the rollback); null when neither happened.</summary>
    [JsonPropertyName("days_to_settle")] public double? DaysToSettle { get; set; }
    [JsonPropertyName("chunks_acked")] public int ChunksAcked { get; set; }
    [JsonPropertyName("chunks_refused")] public int ChunksRefused { get; set; }
    [JsonPropertyName("failed_boots")] public int FailedBoots { get; set; }
    /// <summary>The last wake completed and saved its state with a working application.</summary>
    [JsonPropertyName("working_application")] public bool WorkingApplication { get; set; }
    [JsonPropertyName("energy_spent_j")] public double EnergySpentJ { get; set; }
    [JsonPropertyName("baseline_energy_spent_j")] public double BaselineEnergySpentJ { get; set; }
    [JsonPropertyName("update_radio_s")] public double UpdateRadioSeconds { get; set; }
    /// <summary>The radio energy of the update traffic itself (booked in the run's mqtt_publish phase), J.</summary>
    [JsonPropertyName("update_radio_energy_j")] public double UpdateRadioEnergyJ { get; set; }
    [JsonPropertyName("events_captured")] public long EventsCaptured { get; set; }
    [JsonPropertyName("baseline_events_captured")] public long BaselineEventsCaptured { get; set; }
    [JsonPropertyName("brownouts")] public long Brownouts { get; set; }
    [JsonPropertyName("baseline_brownouts")] public long BaselineBrownouts { get; set; }
}

/// <summary>A light level's summary over the fleet.</summary>
public sealed class LuxUpdateSummary
{
    [JsonPropertyName("lux")] public double Lux { get; init; }
    [JsonPropertyName("nodes")] public int Nodes { get; init; }
    [JsonPropertyName("updated")] public int Updated { get; init; }
    [JsonPropertyName("rolled_back")] public int RolledBack { get; init; }
    [JsonPropertyName("incomplete")] public int Incomplete { get; init; }
    [JsonPropertyName("without_working_application")] public int WithoutWorkingApplication { get; init; }
    /// <summary>Days until every node that should take the set runs it (the bad-application nodes: until they rolled back); null when not within the run.</summary>
    [JsonPropertyName("days_until_all_settled")] public double? DaysUntilAllSettled { get; init; }
    [JsonPropertyName("median_days_to_update")] public double? MedianDaysToUpdate { get; init; }
    /// <summary>
    /// Mean energy per node spent beyond the same fleet without the update, J (the whole run: download, trial boots, loading
    /// the set at every boot). The two runs' wake schedules diverge once the update's spend changes a policy decision, so
    /// this is a net effect and can even be negative for a node.
    /// </summary>
    [JsonPropertyName("extra_energy_per_node_j")] public double ExtraEnergyPerNodeJ { get; init; }
    [JsonPropertyName("update_radio_s_per_node")] public double UpdateRadioSecondsPerNode { get; init; }
    /// <summary>Mean radio energy of the update traffic per node, J: the part of the energy that is the update's for certain.</summary>
    [JsonPropertyName("update_radio_energy_per_node_j")] public double UpdateRadioEnergyPerNodeJ { get; init; }
    [JsonPropertyName("events_captured")] public long EventsCaptured { get; init; }
    [JsonPropertyName("baseline_events_captured")] public long BaselineEventsCaptured { get; init; }
    /// <summary>Motion events the update cost the fleet (baseline minus with-update captured; negative: gained).</summary>
    [JsonPropertyName("events_cost")] public long EventsCost { get; init; }
    [JsonPropertyName("brownouts")] public long Brownouts { get; init; }
    [JsonPropertyName("baseline_brownouts")] public long BaselineBrownouts { get; init; }
    /// <summary>Power cuts the run injected mid-chunk (each a brown-out by construction).</summary>
    [JsonPropertyName("power_cuts_injected")] public int PowerCutsInjected { get; init; }
    [JsonPropertyName("faults")] public SortedDictionary<string, int> Faults { get; init; } = new();
    [JsonPropertyName("per_node")] public List<NodeUpdateOutcome> PerNode { get; init; } = [];
}

/// <summary>
/// The simulated fleet update (docs/updates.md): each node runs twice on the same environment and seed, once without the
/// update and once with the set released at the start, its chunks coming through the core's update step over the
/// simulated session (<see cref="UpdateGatewaySession"/>) and the core's loader at every boot, with the injected faults.
/// </summary>
public static class FleetUpdateSimulation
{
    public static List<LuxUpdateSummary> Run(FleetUpdateOptions options, NodeConfig config, HardwareProfile profile, Action<string>? log = null)
    {
        var release = Synthetic(options.Version, options.ImageBytes, options.ChunkBytes, options.Seed);
        var summaries = new List<LuxUpdateSummary>();
        foreach (double lux in options.LuxLevels)
        {
            var outcomes = new NodeUpdateOutcome[options.Nodes];
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism > 0 ? options.MaxParallelism : System.Environment.ProcessorCount };
            Parallel.For(0, options.Nodes, parallel, i => outcomes[i] = RunNode(options, config, profile, release, lux, i));
            summaries.Add(Summarize(lux, outcomes));
            log?.Invoke($"{lux} lx: {summaries[^1].Updated} updated, {summaries[^1].RolledBack} rolled back, {summaries[^1].Incomplete} incomplete");
        }
        return summaries;
    }

    private static NodeUpdateOutcome RunNode(FleetUpdateOptions options, NodeConfig baseConfig, HardwareProfile profile, UpdateImage release, double lux, int index)
    {
        NodeConfig config = FleetSimulator.WithNodeId(baseConfig, $"{baseConfig.NodeId}-{index:D3}");
        var environment = ConstantLightBuilding.Generate(lux, options.Days, options.Seed * 7919 + index);
        var setup = new SimulationSetup { Config = config, Profile = profile, Environment = environment, Seed = options.Seed };
        NodeRunResult baseline = new NodeSimulator(setup, index, recordTimeline: false).Run();

        bool corrupt = Every(index, options.CorruptEvery), cut = Every(index, options.PowerCutEvery), bad = Every(index, options.BadApplicationEvery);
        int chunks = release.Manifest.ChunkCount;
        var outcome = new NodeUpdateOutcome { Node = config.NodeId };
        UpdateGatewaySession? session = null;
        long startMs = environment.StartUnixSeconds * 1000;
        WakeReport? last = null;
        var observed = new SimulationSetup
        {
            Config = config, Profile = profile, Environment = environment, Seed = options.Seed,
            StepObserverFactory = _ => step =>
            {
                if (step.Report == null) return;   // a brown-out: the last completed wake stays the one to judge
                last = step.Report;
                if (step.Report.ApplicationFailed) outcome.FailedBoots++;
                bool settled = (step.Report.AppConfirmed && step.Report.AppVersion == release.Version)
                    || (session!.ReportedRollbackVersion == release.Version);
                if (settled && outcome.DaysToSettle == null) outcome.DaysToSettle = (step.UnixMilliseconds - startMs) / 86_400_000.0;
            },
        };
        var simulator = new NodeSimulator(observed, index, recordTimeline: false);
        var node = simulator.Node;
        node.ModelLoader = true;
        if (bad) node.ApplicationFails = v => v == release.Version;
        session = new UpdateGatewaySession(node.Mqtt, node.Broker, node.Clock, node.Flash, new MqttTopics(config.TopicPrefix, config.NodeId), release)
        {
            CorruptChunk = corrupt ? index % chunks : -1,
            CutPowerAtChunk = cut ? (index * 7 + 3) % chunks : -1,
            RadioAmps = profile.RadioMilliamps / 1000.0,
            Volts = () => node.Adc.SupercapVolts,
        };
        node.ReplaceMqtt(session);
        NodeRunResult result = simulator.Run();

        var record = new LoaderRecord();
        new LoaderRecordStore(node.Flash).Load(record);
        if (corrupt) outcome.Faults.Add(session.CorruptionInjected ? "corrupt-chunk" : "corrupt-chunk (not reached)");
        if (cut) outcome.Faults.Add(session.PowerCutInjected ? "power-cut-mid-chunk" : "power-cut-mid-chunk (not reached)");
        if (bad) outcome.Faults.Add("bad-application");
        outcome.RunningVersion = record.ActiveVersion;
        outcome.ReportedVersion = session.ReportedVersion;
        outcome.RollbackReason = record.RolledBackVersion == release.Version ? AppReport.ReasonWord(record.RollbackReason) : null;
        outcome.Outcome = record.ActiveVersion == release.Version ? "updated"
            : record.RolledBackVersion == release.Version && record.TrialSlot < 0 ? "rolled-back" : "incomplete";
        outcome.ChunksAcked = session.ChunksAcked;
        outcome.ChunksRefused = session.ChunksRefused;
        // A working application: the last completed wake ran to its saved state (a bad set's boots fall back to the flashed
        // application in the same boot), and what the loader will boot next is the confirmed set, the flashed one, or a
        // trial with attempts left (which falls back the same way).
        outcome.WorkingApplication = last != null && last.StateSaved
            && (record.TrialSlot < 0 || record.TrialAttempts < AppLoader.MaxFirstWakeAttempts || !record.TrialBooting);
        outcome.EnergySpentJ = result.Metrics.EnergySpentJ;
        outcome.BaselineEnergySpentJ = baseline.Metrics.EnergySpentJ;
        outcome.UpdateRadioSeconds = session.UpdateRadioMilliseconds / 1000.0;
        outcome.UpdateRadioEnergyJ = session.UpdateRadioJoules;
        outcome.EventsCaptured = result.Metrics.EventsCaptured;
        outcome.BaselineEventsCaptured = baseline.Metrics.EventsCaptured;
        outcome.Brownouts = result.Metrics.Brownouts;
        outcome.BaselineBrownouts = baseline.Metrics.Brownouts;
        return outcome;
    }

    /// <summary>A synthetic set of <paramref name="bytes"/> bytes in one assembly (the simulator never executes it).</summary>
    public static UpdateImage Synthetic(uint version, int bytes, int chunkBytes, int seed)
    {
        var image = new byte[bytes];
        new Random(seed).NextBytes(image);
        return new UpdateImage(version, [image], chunkBytes);
    }

    private static bool Every(int index, int every) => every > 0 && index % every == every - 1;

    private static LuxUpdateSummary Summarize(double lux, NodeUpdateOutcome[] outcomes)
    {
        var updatedDays = outcomes.Where(o => o.Outcome == "updated" && o.DaysToSettle != null).Select(o => o.DaysToSettle!.Value).OrderBy(d => d).ToList();
        bool allSettled = outcomes.All(o => o.Outcome != "incomplete" && o.DaysToSettle != null);
        var faults = new SortedDictionary<string, int>();
        foreach (string fault in outcomes.SelectMany(o => o.Faults)) faults[fault] = faults.GetValueOrDefault(fault) + 1;
        long captured = outcomes.Sum(o => o.EventsCaptured), baseline = outcomes.Sum(o => o.BaselineEventsCaptured);
        return new LuxUpdateSummary
        {
            Lux = lux,
            Nodes = outcomes.Length,
            Updated = outcomes.Count(o => o.Outcome == "updated"),
            RolledBack = outcomes.Count(o => o.Outcome == "rolled-back"),
            Incomplete = outcomes.Count(o => o.Outcome == "incomplete"),
            WithoutWorkingApplication = outcomes.Count(o => !o.WorkingApplication),
            DaysUntilAllSettled = allSettled ? outcomes.Max(o => o.DaysToSettle!.Value) : null,
            MedianDaysToUpdate = updatedDays.Count > 0 ? updatedDays[updatedDays.Count / 2] : null,
            ExtraEnergyPerNodeJ = outcomes.Average(o => o.EnergySpentJ - o.BaselineEnergySpentJ),
            UpdateRadioSecondsPerNode = outcomes.Average(o => o.UpdateRadioSeconds),
            UpdateRadioEnergyPerNodeJ = outcomes.Average(o => o.UpdateRadioEnergyJ),
            EventsCaptured = captured,
            BaselineEventsCaptured = baseline,
            EventsCost = baseline - captured,
            Brownouts = outcomes.Sum(o => o.Brownouts),
            BaselineBrownouts = outcomes.Sum(o => o.BaselineBrownouts),
            PowerCutsInjected = faults.GetValueOrDefault("power-cut-mid-chunk"),
            Faults = faults,
            PerNode = outcomes.ToList(),
        };
    }
}
