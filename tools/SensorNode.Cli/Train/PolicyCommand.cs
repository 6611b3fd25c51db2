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
    public const string Help = """
        usage: sensornode policy export policy.bin [--out FILE.cs]
               sensornode policy show policy.bin [--visits FILE]
               sensornode policy assess TABLE (--trace FILE [--trace FILE ...] | --environment KIND) [options]

          export   the C# source of SensorNode.Core.Policy.TrainedPolicyTable (the firmware's built-in table)
                   to --out (default: standard output), and a size report on standard error
          show     the table per voltage bin (rows light/hour, columns backlog/event rate); with --visits (default:
                   <name>.visits.csv beside policy.bin when the trainer wrote one) each cell shows how often the
                   state was decided in training
          assess   run TABLE (policy.bin, built-in or fixed:<interval>) in the simulator from each start voltage
                   (empty flash) and print events captured, brown-outs (with their day) and dead time per environment
                     --days A..B        days of each trace (0 = first day); synthetic: N days (default 14)
                     --environment KIND synthetic office, corridor or window-side (seed from --seed)
                     --start-volts LIST comma-separated supercap start voltages, V (default 4.0,3.3)
                     --seed N           simulator seed (default 1, as `sensornode evaluate`)
                     --profile FILE     hardware profile JSON (default: the embedded reference design)
        """;

    /// <summary>Largest table the node accepts from flash (PolicyStore), bytes.</summary>
    public const int MaxTableBytes = 2048;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            return RunChecked(args, output, error);
        }
        catch (UsageException e)
        {
            error.WriteLine($"sensornode policy: {e.Message}");
            error.WriteLine("run 'sensornode policy --help' for the options");
            return CommandLine.Usage;
        }
    }

    private static int RunChecked(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            output.WriteLine(Help);
            return args.Length == 0 ? CommandLine.Usage : CommandLine.Ok;
        }
        string sub = args[0];
        if (sub is not ("export" or "show" or "assess")) throw new UsageException($"unknown subcommand '{sub}' (export, show or assess)");
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"{sub}: the policy file is required");
        string path = args[1];
        if (sub == "assess") return Assess(path, args[2..], output);
        var options = new Options(args[2..], sub == "export" ? new[] { "out" } : new[] { "visits" }, Array.Empty<string>());
        PolicyTable table = Load(path);
        if (sub == "export")
        {
            string source = PolicyExport.GenerateSource(table, Path.GetFileName(path));
            string? outPath = options.Get("out");
            if (outPath != null) OutputPaths.PrepareFile("out", outPath);
            if (outPath == null) output.Write(source);
            else File.WriteAllText(outPath, source);
            int size = table.Serialize().Length;
            error.WriteLine($"table version {table.Version}: {size} bytes serialized ({StateEncoder.StateCount} action codes + {size - StateEncoder.StateCount} header and CRC), limit {MaxTableBytes} bytes: {(size <= MaxTableBytes ? "OK" : "TOO LARGE")}");
            if (outPath != null) error.WriteLine($"wrote {outPath}");
            return size <= MaxTableBytes ? CommandLine.Ok : CommandLine.Failed;
        }
        int[]? visits = null;
        string? visitsPath = options.Get("visits");
        if (visitsPath == null && File.Exists(TrainCommand.VisitsPath(path))) visitsPath = TrainCommand.VisitsPath(path);
        if (visitsPath != null)
        {
            try { visits = VisitsFile.Parse(File.ReadAllText(visitsPath)); }
            catch (FormatException e) { throw new UsageException($"--visits {visitsPath}: {e.Message}"); }
            catch (IOException e) { throw new UsageException($"--visits {visitsPath}: {e.Message}"); }
        }
        output.Write(PolicyView.Render(table, new NodeConfig().WakeIntervalsSeconds, visits));
        return CommandLine.Ok;
    }

    private static int Assess(string policyText, string[] args, TextWriter output)
    {
        var traces = new List<string>();
        var options = new Options(TrainCommand.TakeRepeated(args, "trace", traces), new[] { "days", "environment", "start-volts", "seed", "profile" }, Array.Empty<string>());
        var config = new NodeConfig();
        PolicySpec spec;
        try { spec = PolicySpec.Parse(policyText, config); }
        catch (Exception e) when (e is FormatException or IOException) { throw new UsageException(e.Message); }
        HardwareProfile profile;
        try { profile = options.Get("profile") is { } p ? HardwareProfile.Load(p) : HardwareProfile.Default(); }
        catch (ProfileException e) { throw new UsageException(e.Message); }
        int seed = options.GetInt("seed", 1, int.MinValue, int.MaxValue);
        double[] starts = TrainCommand.ParseNumbers(options.Get("start-volts") ?? "4.0,3.3", "start-volts", 20);
        var environments = new List<EnvironmentTrace>();
        string? days = options.Get("days");
        if (traces.Count > 0)
        {
            if (options.Has("environment")) throw new UsageException("give --trace or --environment, not both");
            foreach (string trace in traces)
            {
                EnvironmentTrace env;
                try { env = TraceReader.Read(trace); }
                catch (TraceFormatException e) { throw new UsageException(e.Message); }
                catch (IOException e) { throw new UsageException($"--trace {trace}: {e.Message}"); }
                if (days != null)
                {
                    (int a, int b) = TrainCommand.ParseDays(days);
                    if (a >= env.DayCount) throw new UsageException($"--days {days}: {trace} has only {env.DayCount} days");
                    env = env.Slice(a, Math.Min(b, env.DayCount - 1));
                }
                environments.Add(env);
            }
        }
        else
        {
            SyntheticProfileKind kind;
            try { kind = SyntheticEnvironment.Parse(options.Get("environment") ?? "office"); }
            catch (ArgumentException e) { throw new UsageException(e.Message); }
            int n = days == null ? 14 : int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out int d) && d > 0 ? d
                : throw new UsageException($"--days: a synthetic environment takes N days, got '{days}'");
            // Same start date and building seed as `sensornode evaluate --environment`.
            environments.Add(SyntheticEnvironment.Generate(kind, new DateTimeOffset(2024, 9, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), n, seed * 31));
        }

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

    private static PolicyTable Load(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UsageException($"{path}: {e.Message}"); }
        if (!PolicyTable.TryLoad(bytes, bytes.Length, out PolicyTable table, out PolicyLoadError error))
            throw new UsageException($"{path}: not a valid policy table ({error})");
        return table;
    }
}
