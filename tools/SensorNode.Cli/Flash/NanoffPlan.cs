using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SensorNode.Cli;

/// <summary>
/// The nanoff commands that put a node together, in order: nanoCLR, then the application image, then nf.config,
/// secrets.config and, for TLS, the certificate files into internal storage (last, because --masserase also erases
/// the storage). Pure: builds
/// argument lists and the file-deployment JSON, runs nothing and reads no file.
/// </summary>
internal sealed class NanoffPlan
{
    /// <summary>Where the node reads its files at boot (drive I:, the internal LittleFS partition).</summary>
    public const string DeviceConfigPath = @"I:\nf.config";
    public const string DeviceSecretsPath = @"I:\secrets.config";
    public const string DeviceCaCertificatePath = @"I:\" + TlsFiles.CaCertificateName;
    public const string DeviceClientCertificatePath = @"I:\" + TlsFiles.ClientCertificateName;
    public const string DeviceClientKeyPath = @"I:\" + TlsFiles.ClientKeyName;

    private NanoffPlan(IReadOnlyList<NanoffStep> steps, string? deployJson)
    {
        Steps = steps;
        DeployJson = deployJson;
    }

    /// <summary>The nanoff invocations, in the order they must run; empty when every step is skipped.</summary>
    public IReadOnlyList<NanoffStep> Steps { get; }

    /// <summary>Content of the --filedeployment JSON (paths only, never file contents); null with --skip-files.</summary>
    public string? DeployJson { get; }

    /// <summary>The plan for <paramref name="settings"/>; <paramref name="deployJsonPath"/> is where the caller writes <see cref="DeployJson"/>.</summary>
    public static NanoffPlan Create(FlashSettings settings, string deployJsonPath)
    {
        var steps = new List<NanoffStep>();
        if (!settings.SkipClr) steps.Add(UpdateClr(settings.Target, settings.SerialPort, settings.MassErase));
        if (!settings.SkipApp) steps.Add(DeployImage(settings.Target, settings.SerialPort, settings.ImagePath, settings.DeployAddress));
        string? json = null;
        if (!settings.SkipFiles)
        {
            json = FileDeploymentJson(settings.SerialPort, settings.ConfigPath, settings.SecretsPath, settings.Tls);
            string what = settings.Tls == null ? "nf.config and secrets.config" : "nf.config, secrets.config and the TLS certificates";
            steps.Add(new NanoffStep($"write {what} to internal storage", ["--filedeployment", deployJsonPath]));
        }
        return new NanoffPlan(steps, json);
    }

    /// <summary>Flashes nanoBooter and nanoCLR for <paramref name="target"/>.</summary>
    public static NanoffStep UpdateClr(string target, string serialPort, bool massErase)
    {
        var args = new List<string> { "--update", "--target", target, "--serialport", serialPort };
        if (massErase) args.Add("--masserase");
        return new NanoffStep(massErase ? "mass-erase the flash and flash nanoCLR" : "flash nanoCLR", args);
    }

    /// <summary>Writes the application deployment image at <paramref name="address"/> (bytes from the start of flash).</summary>
    public static NanoffStep DeployImage(string target, string serialPort, string imagePath, int address) =>
        new("deploy the application image",
            ["--target", target, "--serialport", serialPort, "--deploy", "--image", imagePath, "--address", FormatAddress(address)]);

    /// <summary>"0x190000": upper-case hex, at least 6 digits.</summary>
    public static string FormatAddress(int address) => "0x" + address.ToString("X6", CultureInfo.InvariantCulture);

    /// <summary>
    /// The nanoff --filedeployment document copying nf.config, secrets.config and, given <paramref name="tls"/>, its
    /// certificate files to I:\ on the board at <paramref name="serialPort"/>.
    /// </summary>
    public static string FileDeploymentJson(string serialPort, string configPath, string secretsPath, TlsFiles? tls = null)
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
        var document = new { serialport = serialPort, files };
        // Relaxed escaping keeps paths readable ("+", non-ASCII); backslashes and quotes are still escaped.
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    // One entry of the nanoff JSON; the property names are nanoff's.
    private sealed record DeployedFile(string DestinationFilePath, string SourceFilePath);
}
