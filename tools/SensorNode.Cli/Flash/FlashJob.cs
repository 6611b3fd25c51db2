using System.Text;
using SensorNode.Core.Config;

namespace SensorNode.Cli;

/// <summary>
/// One checked <c>sensornode flash</c> run: the settings from nf.config and the options, the partition layout of the
/// firmware (null when unknown), and what the run writes into its temporary folder: the deploy JSON, sealed copies of
/// nf.config and secrets.config, and, when nothing erases the old application, the image padded to the end of the
/// deploy partition.
/// </summary>
internal sealed class FlashJob(FlashSettings settings, Esp32PartitionLayout? layout, string configName, string secretsName)
{
    public const string DeployJsonName = "deploy.json";
    private const string PaddedImageName = "app-padded.bin";

    /// <summary>The settings with the user's own file paths (the plan swaps in the copies).</summary>
    public FlashSettings Settings { get; } = settings;

    /// <summary>How messages name nf.config and secrets.config (as given on the command line).</summary>
    public string ConfigName { get; } = configName;
    public string SecretsName { get; } = secretsName;

    // ESP32 --deploy erases only the sectors the image covers, while nanoCLR loads every assembly it finds in the whole
    // deploy partition (research/nanoff-truth.md M9): without an erase in this run, an older larger image's tail would be
    // loaded too. Padding with 0xFF to the end of the partition makes the write erase all of it.
    private bool PadsImage => !Settings.SkipApp && !Settings.ThroughNanoClr && !Settings.ErasesChip && layout is { DeploySize: > 0 };

    private int PaddedLength => layout!.DeployEnd - Settings.DeployAddress;

    /// <summary>The plan with the copies in <paramref name="folder"/>: sealed configuration files and, when needed, the padded image.</summary>
    public NanoffPlan Plan(string folder) =>
        NanoffPlan.Create(
            Settings with
            {
                ConfigPath = Path.Combine(folder, "nf.config"),
                SecretsPath = Path.Combine(folder, "secrets.config"),
                ImagePath = PadsImage ? Path.Combine(folder, PaddedImageName) : Settings.ImagePath,
            },
            Path.Combine(folder, DeployJsonName));

    /// <summary>Writes the plan's files into <paramref name="folder"/> (which exists and only the user can read) and returns the plan.</summary>
    public NanoffPlan WriteFiles(string folder)
    {
        NanoffPlan plan = Plan(folder);
        if (plan.DeployJson != null)
        {
            WriteSealedCopy(Settings.ConfigPath, Path.Combine(folder, "nf.config"), secret: false);
            WriteSealedCopy(Settings.SecretsPath, Path.Combine(folder, "secrets.config"), secret: true);
            File.WriteAllText(Path.Combine(folder, DeployJsonName), plan.DeployJson);
        }
        if (PadsImage) WritePaddedImage(Settings.ImagePath, Path.Combine(folder, PaddedImageName), PaddedLength);
        return plan;
    }

    /// <summary>
    /// The text deployed for a configuration file: non-ASCII characters (only possible in comments, which the parser
    /// has already accepted) become '?', because the node decodes the file byte by byte and the seal counts bytes;
    /// then <see cref="ConfigSeal.Seal"/> appends the seal line.
    /// </summary>
    public static string SealedText(string text)
    {
        var ascii = new StringBuilder(text.Length);
        foreach (char c in text) ascii.Append(c < 0x80 ? c : '?');
        return ConfigSeal.Seal(ascii.ToString());
    }

    private static void WriteSealedCopy(string source, string destination, bool secret)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(SealedText(File.ReadAllText(source)));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(destination, options);
        stream.Write(bytes);
    }

    private static void WritePaddedImage(string source, string destination, int length)
    {
        byte[] image = File.ReadAllBytes(source);
        byte[] padded = new byte[Math.Max(length, image.Length)];
        Array.Fill(padded, (byte)0xFF);
        image.CopyTo(padded, 0);
        File.WriteAllBytes(destination, padded);
    }

    /// <summary>What the user should know about this run before it starts, one line each.</summary>
    public IEnumerable<string> Notes()
    {
        string firmware = $"firmware {Settings.FirmwareVersion} on {Settings.Target}";
        if (!Settings.SkipApp && Settings.ThroughNanoClr)
            yield return $"{firmware}: the application goes through nanoCLR (--nanodevice --deploy), which erases its deploy partition and needs no address.";
        else if (!Settings.SkipApp && layout != null)
            yield return $"{firmware}: {layout.Describe()} ({layout.Name}); deploy_address {NanoffPlan.FormatAddress(Settings.DeployAddress)} is in the deploy partition.";
        else if (!Settings.SkipApp)
            yield return $"{firmware}: partition table not known to this tool; deploy_address {NanoffPlan.FormatAddress(Settings.DeployAddress)} as you checked it (--address-checked).";

        if (Settings.ErasesChip)
            yield return "nanoCLR is flashed with a mass erase: the old application and I:\\ (configuration, reading log) go; the files are written again next.";
        else if (!Settings.SkipClr)
            yield return "nanoCLR is flashed without a mass erase: nanoff backs up I:\\ and writes it back (--keep-storage).";

        if (PadsImage)
            yield return $"no mass erase in this run: the image is padded with 0xFF to {PaddedLength} bytes (to the end of the deploy partition), so the write "
                + "erases what an older, larger application left behind (nanoCLR would load it too).";
        else if (!Settings.SkipApp && !Settings.ThroughNanoClr && !Settings.ErasesChip)
            yield return "WARNING: no mass erase in this run and the deploy partition's size is unknown: bytes of an older, larger application past the "
                + "end of this one survive, and nanoCLR may load them. Prefer --nanodevice-deploy, or flash nanoCLR with its mass erase.";
    }

    /// <summary>True when <paramref name="step"/> needs a running, awake nanoCLR that this run did not just leave idle.</summary>
    public bool NeedsReset(NanoffStep step) => step.NeedsRunningNanoClr && !Settings.ErasesChip;

    /// <summary>What the user must do before a wire-protocol step on a node that already runs the application.</summary>
    public string ResetPrompt() => Settings.MaintenanceWindowSeconds == 0
        ? "nf.config sets [wake] maintenance_window_seconds = 0: a node that runs the application goes back to sleep at once after a "
            + "reset and the wire protocol cannot reach it; flash with the default --masserase (no --keep-storage/--skip-clr), or set a window."
        : $"press EN (reset) now; the node stays awake {Settings.MaintenanceWindowSeconds} s after a reset ([wake] maintenance_window_seconds) "
        + "before its first sleep, and a sleeping node does not answer. Do not hold BOOT: nanoCLR must run, not the ROM bootloader.";

    /// <summary>Says what failed, quoting nanoff, what to check for that kind of step, and which steps did not run.</summary>
    public void ReportFailure(NanoffStep step, ProcessResult result, IReadOnlyList<NanoffOutput.FileFailure> failedFiles, IEnumerable<NanoffStep> notRun, TextWriter error)
    {
        if (failedFiles.Count > 0)
        {
            error.WriteLine($"nanoff reported {failedFiles.Count} file(s) not written while trying to {step.Title}, although it exited {result.ExitCode}:");
            foreach (NanoffOutput.FileFailure failure in failedFiles)
            {
                error.WriteLine($"  {Describe(failure.File)}: {failure.Reason}");
                error.WriteLine($"    nanoff: {failure.Line}");
            }
        }
        else
        {
            error.WriteLine($"nanoff failed (exit code {result.ExitCode}) trying to {step.Title}.");
        }
        if (NanoffOutput.ErrorLine(result.Output) is { } errorLine)
            error.WriteLine($"nanoff: {errorLine}   (quote this code: the exit status is only the code mod 256 on Linux)");
        if (result.Output.Trim().Length > 0)
        {
            error.WriteLine("nanoff said:");
            foreach (string line in result.Output.TrimEnd().Split('\n')) error.WriteLine("  " + line.TrimEnd('\r'));
        }
        error.WriteLine("Check:");
        error.WriteLine($"  - the serial port {Settings.SerialPort} exists (`nanoff --listports`) and you may open it "
            + "(Linux: `sudo usermod -aG dialout $USER`, then log in again; nothing else may hold the port open)");
        if (step.NeedsRunningNanoClr)
        {
            error.WriteLine("  - nanoCLR is running and awake: reset normally (press EN only, never with BOOT held) and run again within "
                + $"{Settings.MaintenanceWindowSeconds} s; a node in deep sleep or in download mode does not answer "
                + $"(`nanoff --nanodevice --devicedetails --serialport {Settings.SerialPort}` shows whether nanoCLR answers)");
            if (failedFiles.Count > 0)
                error.WriteLine("  - the node keeps whatever it had: a file cut short fails its seal and the node refuses it; run the files step again "
                    + "(`sensornode flash --skip-clr --skip-app`)");
        }
        else
        {
            error.WriteLine("  - the board is in download mode (hold BOOT, press and release EN/RESET, release BOOT) "
                + "if nanoff cannot talk to it; a node in deep sleep answers only after that reset");
            error.WriteLine($"  - the target name {Settings.Target} matches the board (`nanoff --listtargets`; nf.config [board] target)");
        }
        string rest = string.Join(", ", notRun.Select(s => s.Title));
        error.WriteLine(rest.Length > 0 ? $"Stopped; not run: {rest}." : "Stopped.");
    }

    // "I:\nf.config (sealed copy of site/nf.config)", or the file nanoff named when no entry matches.
    private string Describe(DeployedFile? file) => file?.DestinationFilePath switch
    {
        null => "a file",
        NanoffPlan.DeviceConfigPath => $"{file.DestinationFilePath} (sealed copy of {ConfigName})",
        NanoffPlan.DeviceSecretsPath => $"{file.DestinationFilePath} (sealed copy of {SecretsName})",
        _ => $"{file.DestinationFilePath} ({file.SourceFilePath})",
    };
}
