using System.Text.Json;
using SensorNode.Cli;

namespace SensorNode.Cli.Tests.Flash;

/// <summary>`sensornode flash` with a fake nanoff: what is checked before anything runs, what runs, and what a failure says.</summary>
public sealed class FlashCommandTests : IDisposable
{
    private const string WifiSecret = "Sup3r-Secret-Wifi";
    private const string MqttSecret = "Mqtt-Pa55word-XYZ";

    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-flash-test-").FullName;
    private readonly string _temp;
    private readonly FakeProcessRunner _runner;
    private string? _nanoff = "/opt/nanoff/nanoff";

    public FlashCommandTests() : this(new FakeProcessRunner()) { }

    private FlashCommandTests(FakeProcessRunner runner)
    {
        _runner = runner;
        _temp = Directory.CreateDirectory(Path.Combine(_dir, "tmp")).FullName;
        Write("nf.config", "[board]\ntarget = ESP32_REV3\nserial_port = /dev/ttyUSB0\ndeploy_address = 0x190000\n");
        Write("secrets.config", $"[wifi]\npassword = {WifiSecret}\n[mqtt]\nusername = node\npassword = {MqttSecret}\n");
        Write("app.bin", "image");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private (int Code, string Out, string Err) Run(FakeProcessRunner runner, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = FlashCommand.Run(args, output, error, new FlashEnvironment(runner, () => _nanoff, _dir, _temp));
        return (code, output.ToString(), error.ToString());
    }

    private (int Code, string Out, string Err) Run(params string[] args) => Run(_runner, args);

    [Fact]
    public void Flash_RunsTheThreeNanoffCommandsInOrder_AndRemovesItsTempFolder()
    {
        var (code, stdout, stderr) = Run("--image", "app.bin");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal("", stderr);
        Assert.All(_runner.Calls, c => Assert.Equal("/opt/nanoff/nanoff", c.Program));
        Assert.Equal(3, _runner.Calls.Count);
        Assert.Equal(["--update", "--target", "ESP32_REV3", "--serialport", "/dev/ttyUSB0"], _runner.Calls[0].Arguments);
        Assert.Equal(["--target", "ESP32_REV3", "--serialport", "/dev/ttyUSB0", "--deploy", "--image", Path.Combine(_dir, "app.bin"), "--address", "0x190000"],
            _runner.Calls[1].Arguments);
        Assert.Equal("--filedeployment", _runner.Calls[2].Arguments[0]);
        Assert.StartsWith(_temp, _runner.Calls[2].Arguments[1]);
        Assert.Empty(Directory.GetFileSystemEntries(_temp));
        Assert.Contains("==> [1/3] flash nanoCLR: nanoff --update --target ESP32_REV3 --serialport /dev/ttyUSB0", stdout);
        Assert.DoesNotContain(WifiSecret, stdout);
    }

    [Fact]
    public void Flash_HandsNanoffADeployJson_NamingTheConfigAndSecretsFiles()
    {
        string? json = null;
        var runner = new CapturingRunner(args => { if (args[0] == "--filedeployment") json = File.ReadAllText(args[1]); });
        Write("site a/node 1.config", "[board]\nserial_port = COM3\n");
        Write("site a/secrets.config", $"[wifi]\npassword = {WifiSecret}\n");

        var output = new StringWriter();
        int code = FlashCommand.Run(["--config", "site a/node 1.config", "--skip-clr", "--skip-app"], output, new StringWriter(),
            new FlashEnvironment(runner, () => "nanoff", _dir, _temp));

        Assert.Equal(CommandLine.Ok, code);
        using var document = JsonDocument.Parse(json!);
        Assert.Equal("COM3", document.RootElement.GetProperty("serialport").GetString());
        JsonElement[] files = document.RootElement.GetProperty("files").EnumerateArray().ToArray();
        Assert.Equal(Path.Combine(_dir, "site a", "node 1.config"), files[0].GetProperty("SourceFilePath").GetString());
        Assert.Equal(Path.Combine(_dir, "site a", "secrets.config"), files[1].GetProperty("SourceFilePath").GetString());
        Assert.DoesNotContain(WifiSecret, json);
    }

    [Fact]
    public void DryRun_PrintsTheCommandsAndTheJson_AndRunsNothing()
    {
        Write("my node/nf.config", "[board]\ntarget = ESP32_C3\nserial_port = /dev/serial/by-id/usb-Silicon Labs-if00\ndeploy_address = 0x1B0000\n");
        Write("my node/secrets.config", $"[wifi]\npassword = {WifiSecret}\n[mqtt]\nusername = node\npassword = {MqttSecret}\n");

        var (code, stdout, stderr) = Run("--config", "my node/nf.config", "--image", "app.bin", "--dry-run", "--mass-erase");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal("", stderr);
        Assert.Empty(_runner.Calls);
        string[] commands = stdout.Split('\n').Where(l => l.StartsWith("nanoff", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, commands.Length);
        Assert.Equal("nanoff --update --target ESP32_C3 --serialport '/dev/serial/by-id/usb-Silicon Labs-if00' --masserase", commands[0]);
        Assert.Equal($"nanoff --target ESP32_C3 --serialport '/dev/serial/by-id/usb-Silicon Labs-if00' --deploy --image {Path.Combine(_dir, "app.bin")} --address 0x1B0000",
            commands[1]);
        Assert.StartsWith("nanoff --filedeployment ", commands[2]);
        Assert.Contains(Path.Combine(_dir, "my node", "secrets.config"), stdout);
        Assert.Contains(@"""DestinationFilePath"": ""I:\\secrets.config""", stdout);
        Assert.DoesNotContain(WifiSecret, stdout);
        Assert.DoesNotContain(MqttSecret, stdout);
    }

    [Fact]
    public void DryRun_WithoutTheImage_StillPrintsTheCommands_WithANote()
    {
        _nanoff = null; // a dry run needs no nanoff either
        var (code, stdout, _) = Run("--dry-run");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Contains("# note: firmware/SensorNode.Firmware/bin/Release/SensorNode.Firmware.bin: application image not found", stdout);
        Assert.Contains("--image " + Path.Combine(_dir, "firmware/SensorNode.Firmware/bin/Release/SensorNode.Firmware.bin"), stdout);
        Assert.Empty(_runner.Calls);
    }

    [Fact]
    public void BadConfig_ReportsEveryProblemWithFileAndLine_AndRunsNothing()
    {
        Write("nf.config", "[board]\ndeploy_address = 0x190001\n[mqtt]\nport = abc\nprot = 1883\n");

        var (code, _, stderr) = Run("--image", "app.bin");

        Assert.Equal(CommandLine.Usage, code);
        Assert.Empty(_runner.Calls);
        Assert.Contains("nf.config:line 4: [mqtt] port: expected an integer 1..65535, got 'abc'", stderr);
        Assert.Contains("nf.config:line 5: [mqtt] prot: unknown key 'prot'", stderr);
        Assert.Contains("nf.config:line 2: [board] deploy_address:", stderr);
        Assert.Contains("Nothing was flashed.", stderr);
    }

    [Fact]
    public void MissingConfig_IsAnError_ThatNamesTheFile()
    {
        var (code, _, stderr) = Run("--config", "nowhere.config");

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("nowhere.config: not found", stderr);
        Assert.Empty(_runner.Calls);
    }

    [Fact]
    public void ProvisioningPlaceholderWifiPassword_IsRefused_BeforeAnythingRuns()
    {
        Write("secrets.config", $"[wifi]\npassword = {SensorNode.Cli.Provision.SecretsFile.WifiPlaceholder}\n[mqtt]\nusername = node\npassword = {MqttSecret}\n");

        var (code, _, stderr) = Run();

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("[wifi] password is still the provisioning placeholder", stderr);
        Assert.Empty(_runner.Calls);
    }

    [Fact]
    public void MissingSecrets_IsAnError_ThatSaysToCopyTheExample()
    {
        File.Delete(Path.Combine(_dir, "secrets.config"));

        var (code, _, stderr) = Run("--image", "app.bin", "--dry-run");

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("secrets.config: not found; copy secrets.config.example to secrets.config", stderr);
        Assert.Empty(_runner.Calls);
    }

    [Fact]
    public void MissingSecrets_IsFine_WithSkipFiles()
    {
        File.Delete(Path.Combine(_dir, "secrets.config"));

        var (code, _, _) = Run("--image", "app.bin", "--skip-files");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal(2, _runner.Calls.Count);
    }

    [Fact]
    public void BadSecrets_AreReportedWithLines_WithoutEchoingTheirValues()
    {
        Write("secrets.config", $"[wifi]\npassword = short\n[mqtt]\npassword = {MqttSecret}\n{WifiSecret}\n");

        var (code, stdout, stderr) = Run("--image", "app.bin");

        Assert.Equal(CommandLine.Usage, code);
        Assert.Empty(_runner.Calls);
        Assert.Contains("secrets.config:line 2: [wifi] password:", stderr);
        Assert.Contains("secrets.config:line 5:", stderr);
        Assert.DoesNotContain("short", stderr.Replace("too short", ""));
        Assert.DoesNotContain(WifiSecret, stderr + stdout);
        Assert.DoesNotContain(MqttSecret, stderr + stdout);
    }

    [Fact]
    public void MissingImage_IsAnError_ThatSaysHowToBuildIt()
    {
        var (code, _, stderr) = Run();

        Assert.Equal(CommandLine.Usage, code);
        Assert.Empty(_runner.Calls);
        Assert.Contains("firmware/SensorNode.Firmware/bin/Release/SensorNode.Firmware.bin: application image not found", stderr);
        Assert.Contains("Device configuration", stderr);
        Assert.Contains("--image FILE", stderr);
    }

    [Fact]
    public void MissingImage_IsFine_WithSkipApp()
    {
        var (code, _, _) = Run("--skip-app");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal(2, _runner.Calls.Count);
        Assert.DoesNotContain(_runner.Calls, c => c.Arguments.Contains("--deploy"));
    }

    [Fact]
    public void NanoffNotInstalled_SaysHowToInstallIt_AndFails()
    {
        _nanoff = null;

        var (code, _, stderr) = Run("--image", "app.bin");

        Assert.Equal(CommandLine.Failed, code);
        Assert.Contains("dotnet tool install -g nanoff", stderr);
        Assert.Empty(_runner.Calls);
    }

    [Fact]
    public void NanoffFailure_ShowsItsOutputAndWhatToCheck_AndStops()
    {
        var runner = new FakeProcessRunner(new ProcessResult(0, "ok\n"), new ProcessResult(1, "Error E2001: can't connect to the device\n"));

        var (code, stdout, stderr) = Run(runner, "--image", "app.bin");

        Assert.Equal(CommandLine.Failed, code);
        Assert.Equal(2, runner.Calls.Count); // the file deployment never ran
        Assert.Contains("Error E2001: can't connect to the device", stdout);
        Assert.Contains("nanoff failed (exit code 1) trying to deploy the application image", stderr);
        Assert.Contains("  Error E2001: can't connect to the device", stderr);
        Assert.Contains("/dev/ttyUSB0", stderr);
        Assert.Contains("dialout", stderr);
        Assert.Contains("download mode", stderr);
        Assert.Contains("nanoff --listtargets", stderr);
        Assert.Contains("not run: write nf.config and secrets.config to internal storage", stderr);
        Assert.Empty(Directory.GetFileSystemEntries(_temp));
    }

    private const string TlsConfig = "[board]\nserial_port = /dev/ttyUSB0\n[mqtt]\nport = 8883\ntls = true\n";
    private const string KeyMarker = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgKeyMarker";

    private void WriteCertificates(bool ca = true, bool certificate = true, bool key = true)
    {
        if (ca) Write("ca.crt", "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n");
        if (certificate) Write("node.crt", "-----BEGIN CERTIFICATE-----\nNODE\n-----END CERTIFICATE-----\n");
        if (key) Write("node.key", $"-----BEGIN PRIVATE KEY-----\n{KeyMarker}\n-----END PRIVATE KEY-----\n");
    }

    // The (device path, local path) pairs of the deploy JSON handed to nanoff, read while it still exists.
    private (int Code, string Err, (string Device, string Local)[] Files) RunFileDeployment(params string[] args)
    {
        string? json = null;
        var runner = new CapturingRunner(a => { if (a[0] == "--filedeployment") json = File.ReadAllText(a[1]); });
        var error = new StringWriter();
        int code = FlashCommand.Run(["--skip-clr", "--skip-app", .. args], new StringWriter(), error, new FlashEnvironment(runner, () => "nanoff", _dir, _temp));
        if (json == null) return (code, error.ToString(), []);
        using var document = JsonDocument.Parse(json);
        var files = document.RootElement.GetProperty("files").EnumerateArray()
            .Select(f => (f.GetProperty("DestinationFilePath").GetString()!, f.GetProperty("SourceFilePath").GetString()!)).ToArray();
        return (code, error.ToString(), files);
    }

    [Fact]
    public void Tls_DeploysTheCaAndTheClientCertificateAndKey_BesideTheConfig()
    {
        Write("nf.config", TlsConfig);
        WriteCertificates();

        var (code, stderr, files) = RunFileDeployment();

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal("", stderr);
        Assert.Equal(
            [
                (@"I:\nf.config", Path.Combine(_dir, "nf.config")),
                (@"I:\secrets.config", Path.Combine(_dir, "secrets.config")),
                (@"I:\ca.crt", Path.Combine(_dir, "ca.crt")),
                (@"I:\node.crt", Path.Combine(_dir, "node.crt")),
                (@"I:\node.key", Path.Combine(_dir, "node.key")),
            ],
            files);
    }

    [Fact]
    public void Tls_WithOnlyTheCa_DeploysIt_WithoutAClientCertificate()
    {
        Write("nf.config", TlsConfig);
        WriteCertificates(certificate: false, key: false);

        var (code, _, files) = RunFileDeployment();

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal([@"I:\nf.config", @"I:\secrets.config", @"I:\ca.crt"], files.Select(f => f.Device));
    }

    [Fact]
    public void Tls_WithoutTheCa_IsAnError_ThatNamesItAndSaysHowToGetIt()
    {
        Write("site/nf.config", TlsConfig);
        Write("site/secrets.config", $"[wifi]\npassword = {WifiSecret}\n");
        WriteCertificates(ca: false); // node.crt/node.key are beside the other config: they do not count

        var (code, _, stderr) = Run("--config", "site/nf.config", "--image", "app.bin");

        Assert.Equal(CommandLine.Usage, code);
        Assert.Empty(_runner.Calls);
        Assert.Contains($"{Path.Combine("site", "ca.crt")}: not found", stderr);
        Assert.Contains("sensornode provision --node-id ID --ca-cert", stderr);
        Assert.Contains("Nothing was flashed.", stderr);
    }

    [Theory]
    [InlineData(true, false, "node.crt: found without node.key")]
    [InlineData(false, true, "node.key: found without node.crt")]
    public void Tls_ClientCertificateWithoutItsKey_OrTheReverse_IsAnError(bool certificate, bool key, string expected)
    {
        Write("nf.config", TlsConfig);
        WriteCertificates(certificate: certificate, key: key);

        var (code, _, stderr) = Run("--image", "app.bin");

        Assert.Equal(CommandLine.Usage, code);
        Assert.Empty(_runner.Calls);
        Assert.Contains(expected, stderr);
        Assert.Contains("both or neither", stderr);
        Assert.DoesNotContain(KeyMarker, stderr);
    }

    [Fact]
    public void NoTls_DeploysNoCertificateFiles_EvenWhenTheyAreThere()
    {
        WriteCertificates();

        var (code, _, files) = RunFileDeployment();

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal([@"I:\nf.config", @"I:\secrets.config"], files.Select(f => f.Device));
    }

    [Fact]
    public void Tls_WithSkipFiles_NeedsNoCertificates()
    {
        Write("nf.config", TlsConfig);

        var (code, _, _) = Run("--image", "app.bin", "--skip-files");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal(2, _runner.Calls.Count);
    }

    [Fact]
    public void DryRun_WithTls_ListsTheCertificateFiles_NeverTheKeysContents()
    {
        Write("nf.config", TlsConfig);
        WriteCertificates();

        var (code, stdout, stderr) = Run("--image", "app.bin", "--dry-run");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal("", stderr);
        Assert.Contains(@"""DestinationFilePath"": ""I:\\ca.crt""", stdout);
        Assert.Contains(@"""DestinationFilePath"": ""I:\\node.key""", stdout);
        Assert.Contains(Path.Combine(_dir, "node.key"), stdout);
        Assert.DoesNotContain(KeyMarker, stdout);
        Assert.DoesNotContain("BEGIN", stdout);
    }

    [Fact]
    public void Tls_FindsEverythingProvisionWrote_ForANodeIssuedByACa()
    {
        Write("template.config", TlsConfig);
        var quiet = new StringWriter();
        Assert.Equal(CommandLine.Ok, ProvisionCommand.Run(["--make-ca", Path.Combine(_dir, "ca")], quiet, quiet));
        Assert.Equal(CommandLine.Ok, ProvisionCommand.Run(
            ["--node-id", "node-07", "--config", Path.Combine(_dir, "template.config"), "--out", Path.Combine(_dir, "node-07"),
             "--wifi-password-file", Write("wifi.txt", WifiSecret + "\n"),
             "--ca-cert", Path.Combine(_dir, "ca", "ca.crt"), "--ca-key", Path.Combine(_dir, "ca", "ca.key")],
            quiet, quiet));

        var (code, stderr, files) = RunFileDeployment("--config", "node-07/nf.config");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal("", stderr);
        Assert.Equal(
            [@"I:\nf.config", @"I:\secrets.config", @"I:\ca.crt", @"I:\node.crt", @"I:\node.key"],
            files.Select(f => f.Device));
        Assert.All(files, f => Assert.StartsWith(Path.Combine(_dir, "node-07"), f.Local));
    }

    [Theory]
    [InlineData("--bogus", "unknown option '--bogus'")]
    [InlineData("--skip-clr --skip-app --skip-files", "nothing to do")]
    [InlineData("--skip-clr --mass-erase", "--mass-erase")]
    [InlineData("--image", "--image needs a value")]
    public void BadOptions_AreUsageErrors(string arguments, string expected)
    {
        var e = Assert.Throws<UsageException>(() => Run(arguments.Split(' ')));

        Assert.Contains(expected, e.Message);
        Assert.Empty(_runner.Calls);
    }

    [Fact]
    public void Help_PrintsTheOptions()
    {
        var (code, stdout, _) = Run("--help");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Contains("--dry-run", stdout);
        Assert.Empty(_runner.Calls);
    }

    /// <summary>A runner that inspects each call while its files still exist.</summary>
    private sealed class CapturingRunner(Action<IReadOnlyList<string>> onRun) : IProcessRunner
    {
        public ProcessResult Run(string program, IReadOnlyList<string> arguments, TextWriter live)
        {
            onRun(arguments);
            return new ProcessResult(0, "");
        }
    }
}
