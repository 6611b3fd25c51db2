namespace SensorNode.Cli;

/// <summary>Command dispatch and the usage text.</summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public const string UsageText = """
        usage: sensornode <command> [options]

        commands:
          simulate   run nodes in simulated environments on the real core; writes metrics.json and plots
          bench      measure simulation speed (simulated node-days per wall-second), one node and a fleet
          train      learn a policy table from traces in the simulator (writes policy.bin, a learning curve, visits)
          policy     export a table as the core's built-in C# source, or show it (policy export|show FILE)
          profile    a hardware profile for `simulate --profile` from bench measurements (profile --from-bench FILE --out FILE)
          evaluate   run every policy (learned, built-in, baselines) and the oracle on the same trace: comparison.json/.md
          gateway    MQTT -> SQLite gateway (persistent session, dedup, dead letters, HA discovery, commands);
                     `gateway brick` exports the building as Brick Turtle, `gateway bench` measures throughput
          readings   query stored readings, export CSV
          soak       fault campaign: gateway + mosquitto under kills and restarts; acknowledged vs stored (soak.json)
          faults     rank rooms whose temperature departs from their peers (HVAC faults); `faults simulate`, `faults evaluate`
          occupancy  per room and slot occupied / vacant / unknown from a gateway database; `occupancy evaluate` against simulated truth
          provision  create a node's identity: nf.config, secrets.config, mosquitto passwd/acl lines, client certificate
          flash      check nf.config and secrets.config, then flash nanoCLR, the sealed config files and the app image (nanoff 2.5)
          help       this text; `sensornode <command> --help` for a command's options
        """;

    public static int Dispatch(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            output.WriteLine(UsageText);
            return args.Length == 0 ? Usage : Ok;
        }
        string[] rest = args[1..];
        return Guarded(args[0], error, () => args[0] switch
            {
                "simulate" => SimulateCommand.Run(rest, output, error),
                "bench" => BenchCommand.Run(rest, output, error),
                "flash" => FlashCommand.Run(rest, output, error),
                "provision" => ProvisionCommand.Run(rest, output, error),
                "train" => TrainCommand.Run(rest, output, error),
                "policy" => PolicyCommand.Run(rest, output, error),
                "profile" => ProfileCommand.Run(rest, output, error),
                "evaluate" => EvaluateCommand.Run(rest, output, error),
                "gateway" => GatewayCommand.Run(rest, output, error),
                "readings" => ReadingsCommand.Run(rest, output, error),
                "soak" => SoakCommand.Run(rest, output, error),
                "faults" => Faults.FaultsCommand.Run(rest, output, error),
                "occupancy" => Occupancy.OccupancyCommand.Run(rest, output, error),
                _ => Unknown(args[0], error),
            });
    }

    /// <summary>
    /// Runs a command: a usage error is two lines and exit 2, a failure one line and exit 1, and any other exception
    /// (the last resort) one line naming the command and the error, exit 1, never a stack trace unless
    /// <see cref="DebugVariable"/> is 1.
    /// </summary>
    internal static int Guarded(string command, TextWriter error, Func<int> run, bool? debug = null)
    {
        try
        {
            return run();
        }
        catch (UsageException e)
        {
            error.WriteLine($"sensornode {command}: {e.Message}");
            error.WriteLine($"run 'sensornode {command} --help' for the options");
            return Usage;
        }
        catch (CommandFailedException e)
        {
            error.WriteLine($"sensornode {command}: {e.Message}");
            return Failed;
        }
        catch (Exception e)
        {
            // Last resort: one line naming the command and the error, never a stack trace (SENSORNODE_DEBUG=1 prints it).
            bool trace = debug ?? System.Environment.GetEnvironmentVariable(DebugVariable) == "1";
            error.WriteLine($"sensornode {command}: unexpected error: {OneLine(e)}" + (trace ? "" : $" ({DebugVariable}=1 prints the stack trace)"));
            if (trace) error.WriteLine(e.ToString());
            return Failed;
        }
    }

    /// <summary>Set to 1 to print the stack trace of an unexpected error (for maintainers).</summary>
    public const string DebugVariable = "SENSORNODE_DEBUG";

    private static string OneLine(Exception e)
    {
        string message = $"{e.GetType().Name}: {e.Message}";
        return message.ReplaceLineEndings(" ");
    }

    private static int Unknown(string command, TextWriter error)
    {
        error.WriteLine($"sensornode: unknown command '{command}'");
        error.WriteLine(UsageText);
        return Usage;
    }
}

/// <summary>A command line the program cannot act on; the message says what and how to fix it.</summary>
public sealed class UsageException(string message) : Exception(message);
