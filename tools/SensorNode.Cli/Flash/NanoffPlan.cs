using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SensorNode.Cli;

/// <summary>
/// The nanoff commands that put a node together, in order: nanoCLR (with a mass erase unless the storage is kept),
/// then nf.config, secrets.config and, for TLS, the certificate files into internal storage while nanoCLR sits idle
/// with no application to put it to sleep, then the application image. Every call carries
/// --suppressnanoffversioncheck (no GitHub round trip per step, none that times out offline) and none carries -v q,
/// which would hide the per-file errors nanoff prints while still exiting 0.
/// Pure: builds argument lists and the file-deployment JSON, runs nothing and reads no file.
/// </summary>
internal sealed class NanoffPlan
{
    /// <summary>Where the node reads its files at boot (drive I:, the internal LittleFS partition).</summary>
    public const string DeviceConfigPath = @"I:\nf.config";
    public const string DeviceSecretsPath = @"I:\secrets.config";
    public const string DeviceCaCertificatePath = @"I:\" + TlsFiles.CaCertificateName;
    public const string DeviceClientCertificatePath = @"I:\" + TlsFiles.ClientCertificateName;
    public const string DeviceClientKeyPath = @"I:\" + TlsFiles.ClientKeyName;

    /// <summary>Added to every call: skips nanoff's check for a newer nanoff on GitHub.</summary>
    public const string NoVersionCheck = "--suppressnanoffversioncheck";

    private NanoffPlan(IReadOnlyList<NanoffStep> steps, string? deployJson, IReadOnlyList<DeployedFile> files)
    {
        Steps = steps;
        DeployJson = deployJson;
        Files = files;
    }

    /// <summary>The nanoff invocations, in the order they must run; empty when every step is skipped.</summary>
    public IReadOnlyList<NanoffStep> Steps { get; }

    /// <summary>Content of the --filedeployment JSON (paths only, never file contents); null with --skip-files.</summary>
    public string? DeployJson { get; }

    /// <summary>The files the JSON names, in its order; empty with --skip-files.</summary>
    public IReadOnlyList<DeployedFile> Files { get; }

    /// <summary>The plan for <paramref name="settings"/>; <paramref name="deployJsonPath"/> is where the caller writes <see cref="DeployJson"/>.</summary>
    public static NanoffPlan Create(FlashSettings settings, string deployJsonPath)
    {
        var steps = new List<NanoffStep>();
        if (!settings.SkipClr)
            steps.Add(UpdateClr(settings.Target, settings.SerialPort, settings.FirmwareVersion, settings.MassErase, settings.ArchiveFolder));
        string? json = null;
        List<DeployedFile> files = [];
        if (!settings.SkipFiles)
        {
            files = FilesToDeploy(settings.ConfigPath, settings.SecretsPath, settings.Tls);
            json = FileDeploymentJson(settings.SerialPort, files);
            string what = settings.Tls == null ? "nf.config and secrets.config" : "nf.config, secrets.config and the TLS certificates";
            steps.Add(new NanoffStep($"write {what} to internal storage", ["--filedeployment", deployJsonPath, NoVersionCheck], NanoffStepKind.Files));
        }
        if (!settings.SkipApp)
        {
            steps.Add(settings.ThroughNanoClr
                ? DeployImageThroughNanoClr(settings.SerialPort, settings.ImagePath)
                : DeployImage(settings.Target, settings.SerialPort, settings.ImagePath, settings.DeployAddress));
        }
        return new NanoffPlan(steps, json, files);
    }

    /// <summary>
    /// Flashes bootloader, nanoCLR <paramref name="firmwareVersion"/> and its partition table for <paramref name="target"/>,
    /// from Cloudsmith or, given <paramref name="archiveFolder"/>, from an archive made by nanoff --updatearchive.
    /// </summary>
    public static NanoffStep UpdateClr(string target, string serialPort, string firmwareVersion, bool massErase, string? archiveFolder = null)
    {
        var args = new List<string> { "--update", "--target", target, "--serialport", serialPort, "--fwversion", firmwareVersion };
        if (massErase) args.Add("--masserase");
        if (archiveFolder != null) args.AddRange(["--fromarchive", "--archivepath", archiveFolder]);
        args.Add(NoVersionCheck);
        string title = (massErase ? "mass-erase the flash and flash nanoCLR " : "flash nanoCLR ") + firmwareVersion;
        return new NanoffStep(title, args, NanoffStepKind.FirmwareUpdate);
    }

    /// <summary>
    /// Writes the application deployment image at <paramref name="address"/> (bytes from the start of flash) through the
    /// ROM bootloader. Never combined with --update in one call: nanoff then ignores --address (research/nanoff-truth.md 1.5).
    /// </summary>
    public static NanoffStep DeployImage(string target, string serialPort, string imagePath, int address) =>
        new("deploy the application image at " + FormatAddress(address),
            ["--target", target, "--serialport", serialPort, "--deploy", "--image", imagePath, "--address", FormatAddress(address), NoVersionCheck],
            NanoffStepKind.ImageAtAddress);

    /// <summary>
    /// Hands the image to the running nanoCLR, which erases its whole deploy partition and writes it there: no address,
    /// no target (nanoff refuses --nanodevice with --target).
    /// </summary>
    public static NanoffStep DeployImageThroughNanoClr(string serialPort, string imagePath) =>
        new("deploy the application image through nanoCLR",
            ["--nanodevice", "--deploy", "--serialport", serialPort, "--image", imagePath, NoVersionCheck],
            NanoffStepKind.ImageThroughNanoClr);

    /// <summary>"0x1E0000": upper-case hex, at least 6 digits.</summary>
    public static string FormatAddress(int address) => "0x" + address.ToString("X6", CultureInfo.InvariantCulture);

    /// <summary>The files copied to I:\: nf.config, secrets.config and, given <paramref name="tls"/>, its certificate files.</summary>
    public static List<DeployedFile> FilesToDeploy(string configPath, string secretsPath, TlsFiles? tls = null)
    {
        var files = new List<DeployedFile> { new(DeviceConfigPath, configPath), new(DeviceSecretsPath, secretsPath) };
        if (tls != null)
        {
            files.Add(new(DeviceCaCertificatePath, tls.CaCertificatePath));
            if (tls.ClientCertificatePath != null && tls.ClientKeyPath != null)
            {
                files.Add(new(DeviceClientCertificatePath, tls.ClientCertificatePath));
                files.Add(new(DeviceClientKeyPath, tls.ClientKeyPath));
            }
        }
        return files;
    }

    /// <summary>The nanoff --filedeployment document copying <paramref name="files"/> to the board at <paramref name="serialPort"/>.</summary>
    public static string FileDeploymentJson(string serialPort, IReadOnlyList<DeployedFile> files)
    {
        var document = new { serialport = serialPort, files };
        // Relaxed escaping keeps paths readable ("+", non-ASCII); backslashes and quotes are still escaped.
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The nanoff --filedeployment document for nf.config, secrets.config and, given <paramref name="tls"/>, its certificates.</summary>
    public static string FileDeploymentJson(string serialPort, string configPath, string secretsPath, TlsFiles? tls = null) =>
        FileDeploymentJson(serialPort, FilesToDeploy(configPath, secretsPath, tls));
}

/// <summary>One entry of the nanoff JSON; the property names are nanoff's.</summary>
internal sealed record DeployedFile(string DestinationFilePath, string SourceFilePath);
