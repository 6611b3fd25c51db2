using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SensorNode.Core.Config;
using SensorNode.Core.Policy;
using SensorNode.Gateway;
using SensorNode.Gateway.Service;
using SensorNode.Simulation.Deployment;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Oracle;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;
using SensorNode.Simulation.Training;

namespace SensorNode.Cli.Deployment;

/// <summary>
/// <c>sensornode deployment</c>: a node on the prior table from day 0, the gateway's real store keeping what it
/// publishes, a retrain from the store every day or week, the new table pushed through the real command path (the
/// node takes it as the retained policy command and acks it); per week, events against the oracle, utility against
/// the best baseline, brown-outs (docs/deployment.md).
/// </summary>
public static class DeploymentCommand
{
    public static Command Build() => new Command("deployment", "simulate a deployment that learns on site: prior table from day 0, retrain from the gateway's store, push through the policy command; writes deployment.json and deployment.png").Options(
        CliOption.Environment(),
        CliOption.Traces("a real trace instead of a synthetic building (its first weeks are the deployment); one"),
        CliOption.Int("--weeks", "weeks deployed (default 6)", 6, 1, 52),
        CliOption.OneOf("--retrain", "how often the gateway retrains from its store: daily or weekly (default weekly)", ["daily", "weekly"]),
        CliOption.Seed("seed of the synthetic building, the simulator and the trainer (default 1)"),
        CliOption.Int("--episodes", $"exploratory simulator runs of each retrain (default {StoreTrainer.SiteEpisodes})", StoreTrainer.SiteEpisodes, 1, 100_000),
        CliOption.Flag("--no-reference", "skip the reference tables trained on the full, uncensored trace (faster)"),
        CliOption.Int("--reference-seeds", "reference tables per week, one per trainer seed (default 1); uncensored_utility is their median", 1, 1, 16),
        CliOption.Flag("--strict-gate", "the retrain's push gate compares the normal and cold starts apart (as `train --db --strict-gate`)"),
        CliOption.Profile(),
        CliOption.Config(),
        CliOption.Out("folder for deployment.json, deployment.png, gateway.db and the pushed tables").IsRequired(),
        CliOption.Quiet()).With(Run);

    /// <summary><c>sensornode deployment ARGS</c> (tests).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => CommandLine.Dispatch(Build(), args, output, error);

    private static int Run(CommandInput options)
    {
        string outDir = options.Get("out")!;
        int weeks = options.Int("weeks"), seed = options.Int("seed"), episodes = options.Int("episodes");
        int every = options.Get("retrain") == "daily" ? 1 : 7;
        if (options.Flag("no-reference") && options.Has("reference-seeds")) throw new UsageException("give --no-reference or --reference-seeds, not both");
        bool quiet = options.Flag("quiet");
        HardwareProfile profile;
        try { profile = options.Get("profile") is { } p ? HardwareProfile.Load(p) : HardwareProfile.Default(); }
        catch (ProfileException e) { throw new UsageException(e.Message); }
        NodeConfig config = SimulateCommand.LoadConfig(options.Get("config"));
        HardwareConsistency.Check(config, options.Get("config"), profile);
        EnvironmentTrace env;
        IReadOnlyList<string> traces = options.All("trace");
        if (traces.Count > 1) throw new UsageException("--trace: one trace (a deployment is one node)");
        if (traces.Count == 1)
        {
            string trace = traces[0];
            if (options.Get("environment") != null) throw new UsageException("give --environment or --trace, not both");
            env = EnvironmentChoice.ReadTrace(trace, null, null, "days", options.Error);
            if (env.DayCount < 7) throw new UsageException($"--trace {trace}: {env.DayCount} days, a deployment needs at least one week");
            weeks = Math.Min(weeks, env.DayCount / 7);
            env = env.Slice(0, weeks * 7 - 1);
        }
        else env = EnvironmentChoice.Synthetic(EnvironmentChoice.Kind(options), EnvironmentChoice.DefaultStartUnixSeconds, weeks * 7, null, seed);

        OutputPaths.PrepareDirectory("out", outDir);
        Directory.CreateDirectory(outDir);
        string dbPath = Path.Combine(outDir, "gateway.db");
        foreach (string suffix in new[] { "", "-wal", "-shm" }) File.Delete(dbPath + suffix);
        using ReadingStore store = ReadingStore.Open(dbPath);
        DeploymentOutcome outcome = Simulate(env, store, config, profile, seed, episodes, every, outDir, quiet ? null : options.Error,
            options.Flag("strict-gate"));
        List<DeploymentWeek> rows = DeploymentReport.Weeks(env, outcome, store, config, profile, seed, episodes,
            options.Flag("no-reference") ? 0 : options.Int("reference-seeds"), quiet ? null : options.Error);

        File.WriteAllText(Path.Combine(outDir, "deployment.json"), JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
        DeploymentPlot.Render(Path.Combine(outDir, "deployment.png"), $"Learning on site: {env.Name}, {weeks} weeks, retrain {(every == 1 ? "daily" : "weekly")}, seed {seed}", rows);
        options.Output.Write(DeploymentReport.Markdown(rows));
        options.Output.WriteLine($"pushed {outcome.Gateway.Pushed.Count} tables, {outcome.Schedule.Count - 1} applied; wrote {Path.Combine(outDir, "deployment.json")}, deployment.png, gateway.db");
        // The report's table versions are the schedule's: a table the node refused (it then runs its built-in one) would
        // be reported as run.
        uint[] unscheduled = outcome.VersionsRun.Select(r => r.Version).Distinct().Where(v => outcome.Schedule.All(s => s.Table.Version != v)).ToArray();
        if (unscheduled.Length > 0)
        {
            options.Error.WriteLine($"sensornode deployment: the node ran table version {string.Join(", ", unscheduled)}, not a table the deployment installed or pushed (a table of the wrong layout is refused and the built-in one runs)");
            return CommandLine.Failed;
        }
        if (outcome.Gateway.PushErrors.Count > 0 || outcome.Gateway.Refused > 0)
        {
            options.Error.WriteLine($"sensornode deployment: {outcome.Gateway.Refused} messages refused by the decoder; push errors: {string.Join("; ", outcome.Gateway.PushErrors)}");
            return CommandLine.Failed;
        }
        return CommandLine.Ok;
    }

    /// <summary>
    /// Runs the deployment: the prior of the node's layout in flash, the in-process gateway storing every state message, a retrain from the
    /// store every <paramref name="everyDays"/> days (the readings stored before the day starts, nothing else), the
    /// table queued and released through the command path. Tables are written to <paramref name="outDir"/> as policy-dNN.bin.
    /// <paramref name="strictGate"/>: the push gate's strict margin (PushGate).
    /// </summary>
    public static DeploymentOutcome Simulate(EnvironmentTrace env, ReadingStore store, NodeConfig config, HardwareProfile profile, int seed, int episodes,
        int everyDays, string? outDir, TextWriter? log, bool strictGate = false)
    {
        // The prior of the node's layout: a node with the event RTC ([rtc]) refuses a layout-2 table and runs its built-in one.
        PolicyTable prior = PriorTable.ForLayout(config.RtcFitted ? StateEncoder.RtcLayoutId : StateEncoder.LayoutId);
        // The table version each wake decided with, as the node loaded it (a table it refused shows as its built-in one).
        var ran = new List<(long UnixSeconds, uint Version)>();
        var setup = new SimulationSetup
        {
            Config = config, Profile = profile, Environment = env, Policy = PolicySpec.FromTable("deployed", prior), Seed = seed,
            Service = ServiceTargets.FromConfig(config), InitialVolts = PolicyTrainer.NormalStartVolts,
            StepObserverFactory = _ => step =>
            {
                if (step.Report is { } report && (ran.Count == 0 || ran[^1].Version != report.PolicyVersion))
                    ran.Add((step.UnixMilliseconds / 1000, report.PolicyVersion));
            },
        };
        var pushed = new Dictionary<uint, PolicyTable>();
        double releaseAbove = new GatewayOptions { Host = "localhost", ClientId = "deployment" }.ReleaseAboveVolts;
        var gateway = new InProcessGateway(store, config.TopicPrefix, config.NodeId, releaseAbove, everyDays)
        {
            Retrain = (day, dayStart) =>
            {
                List<HistoryReading> readings = StoreTrainer.Load(store, config.NodeId, env.StartUnixSeconds, dayStart - 1);
                if (readings.Count < 2) return null;
                PolicyTable current = TableSchedule.At(InForce(store, config.NodeId, env.StartUnixSeconds, prior, pushed), dayStart);
                StoreTraining trained = StoreTrainer.Train(readings, $"{config.NodeId} days 0..{day - 1} (store)", env.StartUnixSeconds, dayStart, config, profile,
                    seed, episodes, (uint)(1000 + day), current, strictGate: strictGate);
                log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  day {day}: retrained on {trained.History.Readings} stored readings (PIR watched {trained.History.WatchedFraction:P0}, {trained.History.EventsObserved} events seen, {trained.History.EventsImputed} imputed, stress light x{trained.History.StressLightScale:0.##}) in {trained.Result.WallSeconds:F1} s: kept {trained.Kept} (utility on the history {trained.KeptScore!.Utility:F3}, learned {trained.Result.Learned.Utility:F3}); brown-outs on the darker copies x{string.Join("/", PushGate.SafetyLadder)}: {string.Join(", ", trained.Verdicts.Select(v => $"{v.Name} {string.Join("/", v.LadderBrownouts)} (min {string.Join("/", v.LadderMinVolts.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))} V, dead {string.Join("/", v.LadderDeadHours.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)))} h){(v.Eligible ? "" : " (less safe)")}"))}"));
                if (trained.Kept == "current") return null;
                if (outDir != null) File.WriteAllBytes(Path.Combine(outDir, $"policy-d{day:D2}.bin"), trained.Table.Serialize());
                pushed[trained.Table.Version] = trained.Table;
                return trained.Table;
            },
        };
        NodeRunResult run = DeploymentSimulator.Run(setup, gateway);
        return new DeploymentOutcome(run, gateway, InForce(store, config.NodeId, env.StartUnixSeconds, prior, pushed), ran);
    }

    // The tables the node ran, each from its ack as the store recorded it (the prior before the first).
    private static List<(long FromUnixSeconds, PolicyTable Table)> InForce(ReadingStore store, string nodeId, long start, PolicyTable prior, Dictionary<uint, PolicyTable> pushed)
    {
        var schedule = new List<(long FromUnixSeconds, PolicyTable Table)> { (start, prior) };
        foreach (ReadingStore.PolicyPush push in store.PolicyPushes(nodeId))
        {
            if (push.Outcome != ReadingStore.PolicyApplied || push.SettledUnixMs is not long settled) continue;
            schedule.Add((settled / 1000, pushed[push.TableVersion]));
        }
        return schedule;
    }

    /// <summary>CRC-32 of a table as "0x..." (its last four bytes).</summary>
    public static string Crc(PolicyTable table)
    {
        byte[] bytes = table.Serialize();
        return "0x" + PolicyTable.SerializedCrc(bytes).ToString("X8", CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// What a simulated deployment produced: the node's run, the gateway, the tables the node ran from the time it acked
/// each, and the table version its wakes decided with, from the first wake of each change (<see cref="VersionsRun"/>).
/// </summary>
public sealed record DeploymentOutcome(NodeRunResult Run, InProcessGateway Gateway, IReadOnlyList<(long FromUnixSeconds, PolicyTable Table)> Schedule,
    IReadOnlyList<(long UnixSeconds, uint Version)> VersionsRun);
