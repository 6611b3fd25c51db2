using SensorNode.Core.Config;
using SensorNode.Core.Policy;
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

          export   the C# source of SensorNode.Core.Policy.TrainedPolicyTable (the firmware's built-in table)
                   to --out (default: standard output), and a size report on standard error
          show     the table per voltage bin (rows light/hour, columns backlog/event rate); with --visits (default:
                   <name>.visits.csv beside policy.bin when the trainer wrote one) each cell shows how often the
                   state was decided in training
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
        if (sub is not ("export" or "show")) throw new UsageException($"unknown subcommand '{sub}' (export or show)");
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"{sub}: the policy file is required");
        string path = args[1];
        var options = new Options(args[2..], sub == "export" ? new[] { "out" } : new[] { "visits" }, Array.Empty<string>());
        PolicyTable table = Load(path);
        if (sub == "export")
        {
            string source = PolicyExport.GenerateSource(table, Path.GetFileName(path));
            string? outPath = options.Get("out");
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
