using System.CommandLine;
using System.Globalization;
using SensorNode.Core.Config;
using SensorNode.Core.Policy;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;
using SensorNode.Simulation.Training;

namespace SensorNode.Cli;

/// <summary>
/// <c>sensornode policy export|show</c>: turn a trained policy.bin into the core's built-in table source, or print
/// it per state bin.
/// </summary>
public static class PolicyCommand
{
    private const string TableHelp = "policy.bin (from `sensornode train`), built-in (the core's table) or fixed:<interval>";

    public static Command Build()
    {
        var export = new Command("export", "the C# source of SensorNode.Core.Policy.TrainedPolicyTable (the firmware's built-in table) to --out (default: standard output), and a size report on standard error")
        {
            new Argument<string>("TABLE") { Description = TableHelp },
        }.Options(CliOption.Out("the C# file to write (default: standard output)", "FILE.cs")).With(Export);
        var show = new Command("show", "the table per voltage bin (rows light/hour, columns backlog/event rate); with --visits each cell shows how often the state was decided in training")
        {
            new Argument<string>("TABLE") { Description = TableHelp },
        }.Options(CliOption.Text("--visits", "visit counts (default: <name>.visits.csv beside policy.bin when the trainer wrote one)", "FILE")).With(Show);
        var assess = new Command("assess", "run TABLE in the simulator from each start voltage (empty flash) and print events captured, brown-outs (with their day) and dead time per environment")
        {
            new Argument<string>("TABLE") { Description = TableHelp },
        }.Options(
            CliOption.Traces(),
            CliOption.Environment(),
            CliOption.Days("a trace's first N days (default: all); a synthetic building's length (default 14)"),
            CliOption.TestDays(),
            CliOption.Text("--start-volts", "comma-separated supercap start voltages, V (default 4.0,3.3)", "LIST"),
            CliOption.Seed("simulator seed (default 1, as `sensornode evaluate`)"),
            CliOption.Profile()).With(Assess);
        return new Command("policy", "export a table as the core's built-in C# source, show it, assess it in the simulator, push it to a node through the gateway, or show which table each node runs") { export, show, assess, Deployment.PolicyPushCommand.Build(), Deployment.PolicyStatusCommand.Build() };
    }

    /// <summary><c>sensornode policy ARGS</c> (for tests and scripts that hold the arguments after the command name).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => CommandLine.Dispatch(Build(), args, output, error);

    /// <summary>Largest table the node accepts from flash (PolicyStore), bytes.</summary>
    public const int MaxTableBytes = 2048;

    private static int Export(CommandInput options)
    {
        string path = options.Argument("TABLE");
        PolicyTable table = Load(path);
        if (table.LayoutId == StateEncoder.RtcLayoutId)
            throw new UsageException($"{path}: a layout-{StateEncoder.RtcLayoutId} table (event RTC, trained with [rtc]); the built-in source is layout {StateEncoder.LayoutId} (a node with the RTC derives its own built-in table): deploy this one as a table file (`sensornode policy push`)");
        string source = PolicyExport.GenerateSource(table, Path.GetFileName(path));
        string? outPath = options.Get("out");
        if (outPath != null) OutputPaths.PrepareFile("out", outPath);
        if (outPath == null) options.Output.Write(source);
        else File.WriteAllText(outPath, source);
        int size = table.Serialize().Length;
        options.Error.WriteLine($"table version {table.Version}: {size} bytes serialized ({StateEncoder.StateCount} action codes + {size - StateEncoder.StateCount} header and CRC), limit {MaxTableBytes} bytes: {(size <= MaxTableBytes ? "OK" : "TOO LARGE")}");
        if (outPath != null) options.Error.WriteLine($"wrote {outPath}");
        return size <= MaxTableBytes ? CommandLine.Ok : CommandLine.Failed;
    }

    private static int Show(CommandInput options)
    {
        string path = options.Argument("TABLE");
        PolicyTable table = Load(path);
        int[]? visits = null;
        string? visitsPath = options.Get("visits");
        if (visitsPath == null && File.Exists(TrainCommand.VisitsPath(path))) visitsPath = TrainCommand.VisitsPath(path);
        if (visitsPath != null)
        {
            try { visits = VisitsFile.Parse(File.ReadAllText(visitsPath)); }
            catch (FormatException e) { throw new UsageException($"--visits {visitsPath}: {e.Message}"); }
            catch (IOException e) { throw new UsageException($"--visits {visitsPath}: {e.Message}"); }
        }
        if (table.LayoutId == StateEncoder.RtcLayoutId)
            options.Output.WriteLine($"layout {StateEncoder.RtcLayoutId} (event RTC): P = wake for the next arrival, else the RTC counts motion (docs/policy.md \"Wake or count\")");
        options.Output.Write(PolicyView.Render(table, new NodeConfig().WakeIntervalsSeconds, visits));
        return CommandLine.Ok;
    }

    private static int Assess(CommandInput options)
    {
        string policyText = options.Argument("TABLE");
        TextWriter output = options.Output;
        var config = new NodeConfig();
        PolicySpec spec;
        try { spec = PolicySpec.Parse(policyText, config); }
        catch (Exception e) when (e is FormatException or IOException) { throw new UsageException(e.Message); }
        HardwareProfile profile;
        try { profile = options.Get("profile") is { } p ? HardwareProfile.Load(p) : HardwareProfile.Default(); }
        catch (ProfileException e) { throw new UsageException(e.Message); }
        int seed = options.Int("seed");
        double[] starts = TrainCommand.ParseNumbers(options.Get("start-volts") ?? "4.0,3.3", "start-volts", 20);
        // Same start date and building seed as `sensornode evaluate --environment`.
        List<EnvironmentTrace> environments = EnvironmentChoice.Load(options, "test-days", seed * 31);
        EnvironmentChoice.NoteDaysOnTraces(options, "test-days", options.Error);

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"policy {spec.Name}, profile {profile.Name}, seed {seed}");
        output.WriteLine("| environment | start | events captured | brown-outs (day) | dead time | readings delivered | min V |");
        output.WriteLine("| --- | ---: | ---: | --- | ---: | ---: | ---: |");
        int brownouts = 0;
        foreach (EnvironmentTrace env in environments)
        {
            foreach (double volts in starts)
            {
                var r = PolicyAssessment.Run(spec, env, profile, config, volts, seed);
                var m = r.Metrics;
                brownouts += (int)m.Brownouts;
                string when = r.BrownoutDays.Count == 0 ? "0" : $"{r.BrownoutDays.Count} ({string.Join(", ", r.BrownoutDays.Take(6).Select(x => x.ToString("F2", inv)))}{(r.BrownoutDays.Count > 6 ? ", ..." : "")})";
                string captured = m.EventsTotal == 0 ? "0 / 0" : $"{m.EventsCaptured} / {m.EventsTotal} ({(100.0 * m.EventsCaptured / m.EventsTotal).ToString("F1", inv)} %)";
                output.WriteLine($"| {env.Name} | {volts.ToString("F1", inv)} V | {captured} | {when} | {(100 * m.DeadTimeFraction).ToString("F1", inv)} % | {m.ReadingsDelivered} | {m.MinSupercapV.ToString("F2", inv)} |");
            }
        }
        return CommandLine.Ok;
    }

    /// <summary>A table file, or the tables the simulator names: built-in (the core's) and fixed:&lt;interval&gt;.</summary>
    private static PolicyTable Load(string path)
    {
        if (path is "built-in" or "builtin") return PolicyTable.BuiltIn();
        if (path.StartsWith("fixed:", StringComparison.Ordinal))
        {
            byte[] fixedBytes;
            try { fixedBytes = PolicySpec.Parse(path, new NodeConfig()).TableBytes!; }
            catch (FormatException e) { throw new UsageException(e.Message); }
            PolicyTable.TryLoad(fixedBytes, fixedBytes.Length, out PolicyTable fixedTable, out _);
            return fixedTable;
        }
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UsageException($"{path}: {e.Message}"); }
        if (PolicyTable.TryLoad(bytes, bytes.Length, out PolicyTable table, out PolicyLoadError error)) return table;
        // `train --config` with an [rtc] section writes a layout-3 table (event RTC), which simulate and assess run too.
        if (error == PolicyLoadError.LayoutMismatch && PolicyTable.TryLoadFor(bytes, bytes.Length, StateEncoder.RtcLayoutId, out PolicyTable rtcTable, out _))
            return rtcTable;
        throw new UsageException($"{path}: not a valid policy table: {PolicyTable.DescribeLoadError(error)}");
    }
}
