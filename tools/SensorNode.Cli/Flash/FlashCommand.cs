using System.Collections;
using SensorNode.Core.Config;

namespace SensorNode.Cli;

/// <summary>
/// <c>sensornode flash</c>: checks nf.config and secrets.config, then runs nanoff to flash nanoCLR, deploy the
/// application image and copy both files (and, with [mqtt] tls = true, the certificates beside nf.config) into the
/// node's internal storage. Nothing runs unless every input is valid.
/// </summary>
public static class FlashCommand
{
    /// <summary>Where the nanoFramework project system writes the application's deployment image (docs/device-build.md).</summary>
    internal const string DefaultImagePath = "firmware/SensorNode.Firmware/bin/Release/SensorNode.Firmware.bin";

    public const string Help = """
        usage: sensornode flash [options]

        Checks nf.config and secrets.config, then runs nanoff (dotnet tool install -g nanoff) three times:
        flash nanoCLR, deploy the application image, write nf.config and secrets.config to the device (I:\).
        The board's target, serial port and deploy address come from nf.config's [board] section.
        With [mqtt] tls = true, ca.crt (required) and node.crt + node.key (both or neither) beside nf.config are
        written too, as `sensornode provision --ca-cert ...` leaves them.

          --config FILE    the node's configuration (default nf.config)
          --secrets FILE   Wi-Fi and MQTT passwords (default: secrets.config beside the configuration)
          --image FILE     application deployment image (default firmware/SensorNode.Firmware/bin/Release/SensorNode.Firmware.bin,
                           written by building SensorNode.sln in the Device configuration)
          --dry-run        print the nanoff commands and the file-deployment JSON; run nothing
          --mass-erase     erase the whole flash first (also erases internal storage; the files are written again last)
          --skip-clr       do not flash nanoCLR (it is already current)
          --skip-app       do not deploy the application image
          --skip-files     do not write nf.config, secrets.config and the certificates
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, FlashEnvironment.System());

    internal static int Run(string[] args, TextWriter output, TextWriter error, FlashEnvironment environment)
    {
        var options = new Options(args, ["config", "secrets", "image"], ["help", "dry-run", "mass-erase", "skip-clr", "skip-app", "skip-files"]);
        if (options.Has("help")) { output.WriteLine(Help); return CommandLine.Ok; }
        bool dryRun = options.Has("dry-run"), skipClr = options.Has("skip-clr"), skipApp = options.Has("skip-app"), skipFiles = options.Has("skip-files");
        if (skipClr && skipApp && skipFiles) throw new UsageException("--skip-clr, --skip-app and --skip-files together leave nothing to do");
        if (skipClr && options.Has("mass-erase")) throw new UsageException("--mass-erase is part of flashing nanoCLR; it cannot go with --skip-clr");

        string configName = options.Get("config") ?? "nf.config";
        string configPath = Path.GetFullPath(configName, environment.WorkingDirectory);
        if (!File.Exists(configPath))
        {
            error.WriteLine($"{configName}: not found; run from the repository root or pass --config FILE. Nothing was flashed.");
            return CommandLine.Usage;
        }
        var errors = new ArrayList();
        NodeConfig config = ConfigParser.Parse(File.ReadAllText(configPath), configName, errors);

        string secretsName = options.Get("secrets") ?? Path.Combine(Path.GetDirectoryName(configName) ?? "", "secrets.config");
        string secretsPath = Path.GetFullPath(secretsName, environment.WorkingDirectory);
        if (!skipFiles)
        {
            if (!File.Exists(secretsPath))
                errors.Add($"{secretsName}: not found; copy secrets.config.example to {secretsName} and fill in the Wi-Fi and MQTT passwords (it is git-ignored), or pass --secrets FILE");
            else
            {
                NodeSecrets secrets = ConfigParser.ParseSecrets(File.ReadAllText(secretsPath), secretsName, errors); // its messages never quote secret values
                // `sensornode provision` leaves this placeholder when no passphrase file was given: flashing it would
                // give a node that never joins the network.
                if (secrets.WifiPassword == Provision.SecretsFile.WifiPlaceholder)
                    errors.Add($"{secretsName}: [wifi] password is still the provisioning placeholder; put the network's passphrase there");
            }
        }
        TlsFiles? tls = null;
        if (!skipFiles && config.BrokerTls)
        {
            tls = TlsFiles.Find(Path.GetDirectoryName(configPath)!, Path.GetDirectoryName(configName) ?? "", errors);
        }
        if (errors.Count > 0)
        {
            foreach (object problem in errors) error.WriteLine(problem);
            error.WriteLine($"{errors.Count} problem(s); fix them (docs/configuration.md) and run again. Nothing was flashed.");
            return CommandLine.Usage;
        }

        string imageName = options.Get("image") ?? DefaultImagePath;
        string imagePath = Path.GetFullPath(imageName, environment.WorkingDirectory);
        if (!skipApp && !File.Exists(imagePath))
        {
            string message = $"{imageName}: application image not found. Build SensorNode.sln in the Device configuration (Visual Studio or VS Code "
                + "with the nanoFramework extension, or `msbuild SensorNode.sln -restore -p:Configuration=Device`; docs/device-build.md), "
                + "or pass --image FILE, or --skip-app.";
            if (!dryRun) { error.WriteLine(message + " Nothing was flashed."); return CommandLine.Usage; }
            output.WriteLine("# note: " + message);
        }

        var settings = new FlashSettings
        {
            Target = config.BoardTarget, SerialPort = config.SerialPort, DeployAddress = config.DeployAddress,
            ImagePath = imagePath, ConfigPath = configPath, SecretsPath = secretsPath, Tls = tls,
            MassErase = options.Has("mass-erase"), SkipClr = skipClr, SkipApp = skipApp, SkipFiles = skipFiles,
        };
        return dryRun ? DryRun(settings, output, environment) : Flash(settings, output, error, environment);
    }

    // Writes the deploy JSON (paths only) and keeps it, so the printed commands can be pasted as they are.
    private static int DryRun(FlashSettings settings, TextWriter output, FlashEnvironment environment)
    {
        string folder = CreateTempFolder(environment);
        NanoffPlan plan = WritePlan(settings, folder);
        output.WriteLine("# dry run: nothing is run. The nanoff commands, in order:");
        foreach (NanoffStep step in plan.Steps) output.WriteLine(ShellQuote.Join("nanoff", step.Arguments));
        if (plan.DeployJson != null)
        {
            output.WriteLine($"# {Path.Combine(folder, "deploy.json")} (file paths only, no file contents):");
            output.WriteLine(plan.DeployJson);
        }
        return CommandLine.Ok;
    }

    private static int Flash(FlashSettings settings, TextWriter output, TextWriter error, FlashEnvironment environment)
    {
        string? nanoff = environment.FindNanoff();
        if (nanoff == null)
        {
            error.WriteLine("nanoff (the nanoFramework firmware flasher) was not found on PATH or in ~/.dotnet/tools.");
            error.WriteLine(NanoffLocator.InstallHint);
            error.WriteLine("Nothing was flashed. `sensornode flash --dry-run` prints the commands without running them.");
            return CommandLine.Failed;
        }

        string folder = CreateTempFolder(environment);
        try
        {
            NanoffPlan plan = WritePlan(settings, folder);
            for (int i = 0; i < plan.Steps.Count; i++)
            {
                NanoffStep step = plan.Steps[i];
                output.WriteLine($"==> [{i + 1}/{plan.Steps.Count}] {step.Title}: {ShellQuote.Join("nanoff", step.Arguments)}");
                ProcessResult result = environment.Runner.Run(nanoff, step.Arguments, output);
                if (result.ExitCode != 0)
                {
                    ReportFailure(step, result, settings, plan.Steps.Skip(i + 1), error);
                    return CommandLine.Failed;
                }
            }
            output.WriteLine($"done: {plan.Steps.Count} step(s) on {settings.SerialPort}.");
            return CommandLine.Ok;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void ReportFailure(NanoffStep step, ProcessResult result, FlashSettings settings, IEnumerable<NanoffStep> notRun, TextWriter error)
    {
        error.WriteLine($"nanoff failed (exit code {result.ExitCode}) trying to {step.Title}.");
        if (result.Output.Trim().Length > 0)
        {
            error.WriteLine("nanoff said:");
            foreach (string line in result.Output.TrimEnd().Split('\n')) error.WriteLine("  " + line.TrimEnd('\r'));
        }
        error.WriteLine("Check:");
        error.WriteLine($"  - the serial port {settings.SerialPort} exists (`nanoff --listports`) and you may open it "
            + "(Linux: `sudo usermod -aG dialout $USER`, then log in again; nothing else may hold the port open)");
        error.WriteLine("  - the board is connected with a data USB cable and in download mode if nanoff cannot talk to it "
            + "(hold BOOT, press and release EN/RESET, release BOOT)");
        error.WriteLine($"  - the target name {settings.Target} matches the board (`nanoff --listtargets`; nf.config [board] target)");
        string rest = string.Join(", ", notRun.Select(s => s.Title));
        error.WriteLine(rest.Length > 0 ? $"Stopped; not run: {rest}." : "Stopped.");
    }

    private static string CreateTempFolder(FlashEnvironment environment)
    {
        string folder = Path.Combine(environment.TempRoot, "sensornode-flash-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static NanoffPlan WritePlan(FlashSettings settings, string folder)
    {
        string jsonPath = Path.Combine(folder, "deploy.json");
        NanoffPlan plan = NanoffPlan.Create(settings, jsonPath);
        if (plan.DeployJson != null) File.WriteAllText(jsonPath, plan.DeployJson);
        return plan;
    }
}
