using System.CommandLine;
using System.Collections;
using SensorNode.Core.Config;

namespace SensorNode.Cli;

/// <summary>
/// <c>sensornode flash</c>: checks nf.config and secrets.config (and that [board] deploy_address lies in the deploy
/// partition of [board] firmware_version), then runs nanoff: nanoCLR with a mass erase, then sealed copies of both files
/// (and, with [mqtt] tls = true, the certificates beside nf.config) into the node's internal storage while nanoCLR sits
/// idle, then the application image. Nothing runs unless every input is valid.
/// </summary>
public static class FlashCommand
{
    /// <summary>Where the nanoFramework project system writes the application's deployment image (docs/device-build.md).</summary>
    internal const string DefaultImagePath = "firmware/SensorNode.Firmware/bin/Release/SensorNode.Firmware.bin";

    public static Command Build() => Build(FlashEnvironment.System());

    internal static Command Build(FlashEnvironment environment) => new Command("flash", "check nf.config and secrets.config, then flash nanoCLR, the sealed config files and the app image (nanoff 2.5)").WithDetails("""
        Checks nf.config and secrets.config, then runs nanoff 2.5 (dotnet tool install -g nanoff --version 2.5.162):
          1. flash nanoCLR [board] firmware_version with a mass erase   (download mode: ROM bootloader)
          2. write sealed copies of nf.config and secrets.config to I:\ (nanoCLR running, no application yet)
          3. deploy the application image at [board] deploy_address     (download mode: ROM bootloader)
        The target, serial port, firmware version and deploy address come from nf.config's [board] section; the address
        must lie in the deploy partition of that firmware (known layouts: tools/SensorNode.Cli/Flash/Esp32PartitionLayouts.cs).
        With [mqtt] tls = true, ca.crt (required) and node.crt + node.key (both or neither) beside nf.config are written too.
        """).Options(
        CliOption.Config("the node's configuration (default nf.config)"),
        CliOption.Text("--secrets", "Wi-Fi and MQTT passwords (default: secrets.config beside the configuration)", "FILE"),
        CliOption.Text("--image", "application deployment image (default firmware/SensorNode.Firmware/bin/Release/SensorNode.Firmware.bin, written by building SensorNode.sln in the Device configuration)", "FILE"),
        CliOption.Text("--archive", "flash nanoCLR offline from DIR, made once with nanoff --updatearchive --target T --fwversion V --archivepath DIR", "DIR"),
        CliOption.Flag("--dry-run", "print the nanoff commands and the file-deployment JSON; run nothing, write nothing"),
        CliOption.Flag("--keep-storage", "flash nanoCLR without the mass erase: I:\\ survives (nanoff backs it up and restores it)"),
        CliOption.Flag("--mass-erase", "erase the whole flash while flashing nanoCLR (the default; kept for old scripts)"),
        CliOption.Flag("--nanodevice-deploy", "deploy the image through the running nanoCLR (nanoff --nanodevice --deploy): no address needed, the whole deploy partition is erased first; the node must be awake"),
        CliOption.Flag("--address-checked", "deploy at [board] deploy_address although this tool does not know the partition table of [board] firmware_version: you read its deploy line yourself (docs/flashing.md)"),
        CliOption.Flag("--skip-clr", "do not flash nanoCLR (the board already runs [board] firmware_version)"),
        CliOption.Flag("--skip-app", "do not deploy the application image"),
        CliOption.Flag("--skip-files", "do not write nf.config, secrets.config and the certificates (needs --keep-storage or --skip-clr)")).With(options => Run(options, environment));

    /// <summary><c>sensornode flash ARGS</c>, with the program's environment or a test's.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, FlashEnvironment.System());

    internal static int Run(string[] args, TextWriter output, TextWriter error, FlashEnvironment environment) =>
        CommandLine.Dispatch(Build(environment), args, output, error);

    private static int Run(CommandInput options, FlashEnvironment environment)
    {
        TextWriter output = options.Output, error = options.Error;
        bool dryRun = options.Has("dry-run"), skipClr = options.Has("skip-clr"), skipApp = options.Has("skip-app"), skipFiles = options.Has("skip-files");
        bool keepStorage = options.Has("keep-storage"), throughNanoClr = options.Has("nanodevice-deploy");
        CheckOptionCombinations(options, skipClr, skipApp, skipFiles, keepStorage, throughNanoClr);

        string configName = options.Get("config") ?? "nf.config";
        string configPath = Path.GetFullPath(configName, environment.WorkingDirectory);
        if (!File.Exists(configPath))
        {
            error.WriteLine($"{configName}: not found; run from the repository root or pass --config FILE. Nothing was flashed.");
            return CommandLine.Usage;
        }
        var errors = new ArrayList();
        string configText = ConfigFileText.Read(configPath, configName);
        NodeConfig config = ConfigParser.Parse(configText, configName, errors);

        string secretsName = options.Get("secrets") ?? Path.Combine(Path.GetDirectoryName(configName) ?? "", "secrets.config");
        string secretsPath = Path.GetFullPath(secretsName, environment.WorkingDirectory);
        if (!skipFiles)
        {
            if (!File.Exists(secretsPath))
                errors.Add($"{secretsName}: not found; copy secrets.config.example to {secretsName} and fill in the Wi-Fi and MQTT passwords (it is git-ignored), or pass --secrets FILE");
            else
            {
                NodeSecrets secrets = ConfigParser.ParseSecrets(ConfigFileText.Read(secretsPath, secretsName), secretsName, errors); // its messages never quote secret values
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

        string imageName = options.Get("image") ?? DefaultImagePath;
        string imagePath = Path.GetFullPath(imageName, environment.WorkingDirectory);
        bool imageExists = File.Exists(imagePath);
        Esp32PartitionLayout? layout = Esp32PartitionLayouts.Find(config.BoardTarget, config.FirmwareVersion);
        if (errors.Count == 0 && !skipApp && !throughNanoClr)
        {
            string? problem = CheckDeployAddress(config, layout, imageExists ? new FileInfo(imagePath).Length : 0, options.Has("address-checked"));
            if (problem != null) errors.Add(AtBoardKey(configName, configText, "board.deploy_address", problem));
        }

        string? archive = options.Get("archive") is { } archiveName ? Path.GetFullPath(archiveName, environment.WorkingDirectory) : null;
        if (archive != null && !Directory.Exists(archive) && !dryRun)
            errors.Add($"{options.Get("archive")}: no such folder; make the offline archive once with `nanoff --updatearchive --target {config.BoardTarget} "
                + $"--fwversion {config.FirmwareVersion} --archivepath {options.Get("archive")}` (online)");
        if (errors.Count > 0)
        {
            foreach (object problem in errors) error.WriteLine(problem);
            error.WriteLine($"{errors.Count} problem(s); fix them (docs/configuration.md, docs/flashing.md) and run again. Nothing was flashed.");
            return CommandLine.Usage;
        }

        if (!skipApp && !imageExists)
        {
            string message = $"{imageName}: application image not found. Build SensorNode.sln in the Device configuration (Visual Studio or VS Code "
                + "with the nanoFramework extension, or `msbuild SensorNode.sln -restore -p:Configuration=Device`; docs/device-build.md), "
                + "or pass --image FILE, or --skip-app.";
            if (!dryRun) { error.WriteLine(message + " Nothing was flashed."); return CommandLine.Usage; }
            output.WriteLine("# note: " + message);
        }

        var job = new FlashJob(
            new FlashSettings
            {
                Target = config.BoardTarget, SerialPort = config.SerialPort, FirmwareVersion = config.FirmwareVersion, DeployAddress = config.DeployAddress,
                ImagePath = imagePath, ConfigPath = configPath, SecretsPath = secretsPath, Tls = tls, ArchiveFolder = archive,
                MassErase = !keepStorage, ThroughNanoClr = throughNanoClr, SkipClr = skipClr, SkipApp = skipApp, SkipFiles = skipFiles,
                MaintenanceWindowSeconds = config.MaintenanceWindowSeconds,
            },
            layout, configName, secretsName);
        return dryRun ? DryRun(job, output, environment) : Flash(job, output, error, environment);
    }

    private static void CheckOptionCombinations(CommandInput options, bool skipClr, bool skipApp, bool skipFiles, bool keepStorage, bool throughNanoClr)
    {
        if (skipClr && skipApp && skipFiles) throw new UsageException("--skip-clr, --skip-app and --skip-files together leave nothing to do");
        if (skipClr && (options.Has("mass-erase") || keepStorage))
            throw new UsageException((keepStorage ? "--keep-storage" : "--mass-erase") + " is about flashing nanoCLR; it cannot go with --skip-clr");
        if (keepStorage && options.Has("mass-erase")) throw new UsageException("--keep-storage and --mass-erase contradict each other");
        if (skipClr && options.Has("archive")) throw new UsageException("--archive is where nanoCLR comes from; it cannot go with --skip-clr");
        if (skipApp && throughNanoClr) throw new UsageException("--nanodevice-deploy is how the application is deployed; it cannot go with --skip-app");
        if (skipFiles && !skipClr && !keepStorage)
            throw new UsageException("--skip-files with a mass erase would leave the node without nf.config and secrets.config; add --keep-storage, or --skip-clr");
    }

    // Why the application cannot go to [board] deploy_address with this firmware, or null.
    private static string? CheckDeployAddress(NodeConfig config, Esp32PartitionLayout? layout, long imageBytes, bool addressChecked)
    {
        string firmware = $"firmware_version {config.FirmwareVersion} on {config.BoardTarget}";
        if (layout != null)
        {
            string? problem = Esp32PartitionLayouts.Problem(layout, config.DeployAddress, imageBytes);
            return problem == null ? null : $"{problem} ({firmware}, {layout.Name})";
        }
        if (addressChecked) return null;
        IReadOnlyList<string> known = Esp32PartitionLayouts.KnownVersions(config.BoardTarget);
        return $"cannot be checked: this tool does not know the partition table of {firmware} (it knows "
            + (known.Count > 0 ? string.Join(", ", known) + $" for {config.BoardTarget}" : $"no firmware for {config.BoardTarget}")
            + "). Read the 'deploy' line of partitions_nanoclr_<N>mb.csv in that firmware package "
            + $"(~/.nanoFramework/fw_cache/{config.BoardTarget}/ after `nanoff --update`), set deploy_address to its offset and pass "
            + "--address-checked; or deploy with --nanodevice-deploy, which needs no address";
    }

    // "nf.config:line 14: [board] deploy_address: ..." (the line where the file sets the key, if it does).
    private static string AtBoardKey(string configName, string configText, string field, string message) =>
        new ConfigError { Source = configName, Line = ConfigParser.LineOf(configText, field), Field = field, Message = message }.ToString();

    // Prints the plan. Writes nothing: the sealed secrets copy only ever exists during a real run.
    private static int DryRun(FlashJob job, TextWriter output, FlashEnvironment environment)
    {
        string folder = TempFolderPath(environment);
        NanoffPlan plan = job.Plan(folder);
        output.WriteLine($"# dry run: nothing is run and no file is written. First `nanoff --version` must report 2.5.x "
            + $"(written against {NanoffLocator.TestedVersion}; 3.x is refused).");
        foreach (string line in job.Notes()) output.WriteLine("# " + line);
        output.WriteLine("# The nanoff commands, in order:");
        for (int i = 0; i < plan.Steps.Count; i++)
        {
            NanoffStep step = plan.Steps[i];
            string how = step.NeedsRunningNanoClr ? "nanoCLR running, node awake" : "ROM bootloader, download mode";
            output.WriteLine($"# [{i + 1}/{plan.Steps.Count}] {step.Title} ({how})" + (job.NeedsReset(step) ? ": first " + job.ResetPrompt() : ""));
            output.WriteLine(ShellQuote.Join("nanoff", step.Arguments));
        }
        if (plan.DeployJson != null)
        {
            output.WriteLine($"# {Path.Combine(folder, FlashJob.DeployJsonName)} (file paths only, no file contents). It points at SEALED COPIES "
                + $"of {job.ConfigName} and {job.SecretsName} (each ends in a '{ConfigSeal.Marker.Trim()}' line; the node refuses a file without a "
                + "valid one) that the run writes into that folder, the secrets copy with mode 0600, and deletes afterwards:");
            output.WriteLine(plan.DeployJson);
        }
        return CommandLine.Ok;
    }

    private static int Flash(FlashJob job, TextWriter output, TextWriter error, FlashEnvironment environment)
    {
        string? nanoff = environment.FindNanoff();
        if (nanoff == null)
        {
            error.WriteLine("nanoff (the nanoFramework firmware flasher) was not found on PATH or in ~/.dotnet/tools.");
            error.WriteLine(NanoffLocator.InstallHint);
            error.WriteLine("Nothing was flashed. `sensornode flash --dry-run` prints the commands without running them.");
            return CommandLine.Failed;
        }
        ProcessResult version = environment.Runner.Run(nanoff, ["--version"], TextWriter.Null);
        string? refused = NanoffLocator.CheckVersion(version.Output, out string? note);
        if (refused != null)
        {
            error.WriteLine(refused);
            error.WriteLine("Nothing was flashed.");
            return CommandLine.Failed;
        }
        if (note != null) output.WriteLine("note: " + note);
        foreach (string line in job.Notes()) output.WriteLine("note: " + line);

        string folder = TempFolderPath(environment);
        CreatePrivateFolder(folder);
        try
        {
            NanoffPlan plan = job.WriteFiles(folder);
            for (int i = 0; i < plan.Steps.Count; i++)
            {
                NanoffStep step = plan.Steps[i];
                if (job.NeedsReset(step)) output.WriteLine("==> " + job.ResetPrompt());
                output.WriteLine($"==> [{i + 1}/{plan.Steps.Count}] {step.Title}: {ShellQuote.Join("nanoff", step.Arguments)}");
                ProcessResult result = environment.Runner.Run(nanoff, step.Arguments, output);
                IReadOnlyList<NanoffOutput.FileFailure> failedFiles =
                    step.Kind == NanoffStepKind.Files ? NanoffOutput.FileFailures(result.Output, plan.Files) : [];
                if (result.ExitCode != 0 || failedFiles.Count > 0)
                {
                    job.ReportFailure(step, result, failedFiles, plan.Steps.Skip(i + 1), error);
                    return CommandLine.Failed;
                }
            }
            output.WriteLine($"done: {plan.Steps.Count} step(s) on {job.Settings.SerialPort}. While the node is awake, "
                + $"`nanoff --nanodevice --devicedetails --serialport {job.Settings.SerialPort}` lists the application under Assemblies.");
            return CommandLine.Ok;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string TempFolderPath(FlashEnvironment environment) =>
        Path.Combine(environment.TempRoot, "sensornode-flash-" + Guid.NewGuid().ToString("N")[..8]);

    // Only the user may list or read the folder that holds the sealed secrets copy.
    private static void CreatePrivateFolder(string folder)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
