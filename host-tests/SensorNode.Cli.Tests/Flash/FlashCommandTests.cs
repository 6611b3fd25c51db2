using System.Text.Json;
using SensorNode.Cli;
using SensorNode.Core.Config;

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
        Write("nf.config", BoardConfig);
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

    // The [board] section as nf.config ships it: lines 2-5.
    private const string BoardConfig = "[board]\ntarget = ESP32_REV3\nserial_port = /dev/ttyUSB0\nfirmware_version = 1.17.0.339\ndeploy_address = 0x1E0000\n";

    // The (device path, local path) pairs of a deploy JSON.
    private static (string Device, string Local)[] DeployJsonFiles(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("files").EnumerateArray()
            .Select(f => (f.GetProperty("DestinationFilePath").GetString()!, f.GetProperty("SourceFilePath").GetString()!)).ToArray();
    }

    [Fact]
    public void Flash_FirstFlash_IsUpdateWithMassErase_ThenTheFiles_ThenTheApp_AndRemovesItsTempFolder()
    {
        var (code, stdout, stderr) = Run("--image", "app.bin");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal("", stderr);
        Assert.All(_runner.Calls, c => Assert.Equal("/opt/nanoff/nanoff", c.Program));
        Assert.Equal(1, _runner.VersionQueries);
        Assert.Equal(3, _runner.Calls.Count);
        Assert.Equal(["--update", "--target", "ESP32_REV3", "--serialport", "/dev/ttyUSB0", "--fwversion", "1.17.0.339", "--masserase", "--suppressnanoffversioncheck"],
            _runner.Calls[0].Arguments);
        Assert.Equal("--filedeployment", _runner.Calls[1].Arguments[0]);
        Assert.StartsWith(_temp, _runner.Calls[1].Arguments[1]);
        Assert.Equal("--suppressnanoffversioncheck", _runner.Calls[1].Arguments[2]);
        Assert.Equal(["--target", "ESP32_REV3", "--serialport", "/dev/ttyUSB0", "--deploy", "--image", Path.Combine(_dir, "app.bin"), "--address", "0x1E0000", "--suppressnanoffversioncheck"],
            _runner.Calls[2].Arguments);
        Assert.Empty(Directory.GetFileSystemEntries(_temp));
        Assert.Contains("==> [1/3] mass-erase the flash and flash nanoCLR 1.17.0.339: nanoff --update --target ESP32_REV3", stdout);
        Assert.DoesNotContain("press EN", stdout); // nanoCLR sits idle after the mass erase: no application puts it to sleep
        Assert.DoesNotContain(WifiSecret, stdout);
    }

    [Fact]
    public void Flash_NeverPassesQuietVerbosity_WhichWouldHideThePerFileErrors()
    {
        Run("--image", "app.bin");

        Assert.All(_runner.Calls, c => Assert.DoesNotContain(c.Arguments, a => a is "-v" or "--verbosity" or "q" or "quiet"));
    }

    [Fact]
    public void Flash_DeploysSealedCopies_TheSecretsCopyPrivate_AndLeavesTheSourcesAsTheyWere()
    {
        string configBefore = File.ReadAllText(Path.Combine(_dir, "nf.config")), secretsBefore = File.ReadAllText(Path.Combine(_dir, "secrets.config"));
        var copies = new Dictionary<string, (string Text, UnixFileMode Mode)>();
        var runner = new FakeProcessRunner(args =>
        {
            if (args[0] == "--filedeployment")
            {
                foreach (var (device, local) in DeployJsonFiles(File.ReadAllText(args[1])))
                    copies[device] = (File.ReadAllText(local), OperatingSystem.IsWindows() ? 0 : File.GetUnixFileMode(local));
            }
            return new ProcessResult(0, "");
        });

        var (code, _, _) = Run(runner, "--image", "app.bin");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal(ConfigSeal.Seal(configBefore), copies[@"I:\nf.config"].Text);
        Assert.Equal(ConfigSeal.Seal(secretsBefore), copies[@"I:\secrets.config"].Text);
        var errors = new System.Collections.ArrayList();
        Assert.Equal(secretsBefore, ConfigSeal.Open(copies[@"I:\secrets.config"].Text, "secrets.config", errors));
        Assert.Empty(errors);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, copies[@"I:\secrets.config"].Mode);
        Assert.Equal(configBefore, File.ReadAllText(Path.Combine(_dir, "nf.config")));
        Assert.Equal(secretsBefore, File.ReadAllText(Path.Combine(_dir, "secrets.config")));
        Assert.Empty(Directory.GetFileSystemEntries(_temp)); // the copies went with the folder
    }

    [Fact]
    public void Flash_HandsNanoffADeployJson_NamingTheSealedCopiesAndThePort()
    {
        string? json = null;
        var runner = new FakeProcessRunner(args => { if (args[0] == "--filedeployment") json = File.ReadAllText(args[1]); return new ProcessResult(0, ""); });
        Write("site a/node 1.config", "[board]\nserial_port = COM3\n");
        Write("site a/secrets.config", $"[wifi]\npassword = {WifiSecret}\n");

        var (code, _, _) = Run(runner, "--config", "site a/node 1.config", "--skip-clr", "--skip-app");

        Assert.Equal(CommandLine.Ok, code);
        using var document = JsonDocument.Parse(json!);
        Assert.Equal("COM3", document.RootElement.GetProperty("serialport").GetString());
        var files = DeployJsonFiles(json!);
        Assert.Equal([@"I:\nf.config", @"I:\secrets.config"], files.Select(f => f.Device));
        Assert.All(files, f => Assert.StartsWith(_temp, f.Local));
        Assert.DoesNotContain(WifiSecret, json);
    }

    [Fact]
    public void DryRun_PrintsTheCommandsAndTheJson_AndRunsNothing_WritesNothing()
    {
        Write("my node/nf.config", "[board]\ntarget = ESP32_C3\nserial_port = /dev/serial/by-id/usb-Silicon Labs-if00\nfirmware_version = 1.17.0.339\ndeploy_address = 0x1B0000\n");
        Write("my node/secrets.config", $"[wifi]\npassword = {WifiSecret}\n[mqtt]\nusername = node\npassword = {MqttSecret}\n");

        var (code, stdout, stderr) = Run("--config", "my node/nf.config", "--image", "app.bin", "--dry-run", "--address-checked");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal("", stderr);
        Assert.Empty(_runner.Calls);
        Assert.Equal(0, _runner.VersionQueries);
        Assert.Empty(Directory.GetFileSystemEntries(_temp));
        string[] commands = stdout.Split('\n').Where(l => l.StartsWith("nanoff", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, commands.Length);
        Assert.Equal("nanoff --update --target ESP32_C3 --serialport '/dev/serial/by-id/usb-Silicon Labs-if00' --fwversion 1.17.0.339 --masserase --suppressnanoffversioncheck", commands[0]);
        Assert.StartsWith("nanoff --filedeployment ", commands[1]);
        Assert.Equal($"nanoff --target ESP32_C3 --serialport '/dev/serial/by-id/usb-Silicon Labs-if00' --deploy --image {Path.Combine(_dir, "app.bin")} --address 0x1B0000 --suppressnanoffversioncheck",
            commands[2]);
        Assert.Contains("SEALED COPIES of my node/nf.config and my node/secrets.config", stdout);
        Assert.Contains(@"""DestinationFilePath"": ""I:\\secrets.config""", stdout);
        Assert.Contains("partition table not known to this tool", stdout);
        Assert.DoesNotContain(WifiSecret, stdout);
        Assert.DoesNotContain(MqttSecret, stdout);
    }

    [Fact]
    public void DryRun_OnTheRepositorysNfConfig_PrintsTheCorrectedSequence_WithThePinnedVersions()
    {
        string root = SensorNode.Cli.Tests.Provision.ProvisionFolder.RepositoryRoot();
        Write("secrets.config", $"[wifi]\npassword = {WifiSecret}\n[mqtt]\nusername = node\npassword = {MqttSecret}\n");
        var output = new StringWriter();

        int code = FlashCommand.Run(["--config", Path.Combine(root, "nf.config"), "--secrets", Path.Combine(_dir, "secrets.config"), "--dry-run"],
            output, new StringWriter(), new FlashEnvironment(_runner, () => null, root, _temp));

        Assert.Equal(CommandLine.Ok, code);
        string[] commands = output.ToString().Split('\n').Where(l => l.StartsWith("nanoff", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, commands.Length);
        Assert.StartsWith("nanoff --update --target ESP32_REV3 --serialport /dev/ttyUSB0 --fwversion 1.17.0.339 --masserase", commands[0]);
        Assert.StartsWith("nanoff --filedeployment ", commands[1]);
        Assert.StartsWith("nanoff --target ESP32_REV3 --serialport /dev/ttyUSB0 --deploy --image ", commands[2]);
        Assert.EndsWith("--address 0x1E0000 --suppressnanoffversioncheck", commands[2]);
        Assert.All(commands, c => Assert.EndsWith("--suppressnanoffversioncheck", c));
        Assert.Contains("2.5.162", output.ToString());
        Assert.Contains("SEALED COPIES", output.ToString());
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
    public void RepeatedSection_InTheConfig_IsAnErrorOnItsSecondHeader_AndRunsNothing()
    {
        // Two [wifi] blocks were merged silently and the node flashed with whichever keys each one set.
        Write("nf.config", BoardConfig + "[wifi]\nssid = office\n[mqtt]\nport = 1883\n[wifi]\nssid = lab\n");

        var (code, _, stderr) = Run("--image", "app.bin");

        Assert.Equal(CommandLine.Usage, code);
        Assert.Empty(_runner.Calls);
        Assert.Contains("nf.config:line 10: [wifi]: duplicate section; it already starts on line 6: put all its keys under one [wifi] header", stderr);
        Assert.Contains("nf.config:line 11: [wifi] ssid: duplicate key; it is already set on line 7", stderr);
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

        var (code, _, _) = Run("--image", "app.bin", "--skip-files", "--keep-storage");

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
        var runner = new FakeProcessRunner(new ProcessResult(0, "ok\n"), new ProcessResult(0, "ok\n"), new ProcessResult(1, "Error E2001: can't connect to the device\n"));

        var (code, stdout, stderr) = Run(runner, "--image", "app.bin");

        Assert.Equal(CommandLine.Failed, code);
        Assert.Equal(3, runner.Calls.Count);
        Assert.Contains("Error E2001: can't connect to the device", stdout);
        Assert.Contains("nanoff failed (exit code 1) trying to deploy the application image at 0x1E0000", stderr);
        Assert.Contains("  Error E2001: can't connect to the device", stderr);
        Assert.Contains("/dev/ttyUSB0", stderr);
        Assert.Contains("dialout", stderr);
        Assert.Contains("download mode (hold BOOT", stderr);
        Assert.Contains("nanoff --listtargets", stderr);
        Assert.Contains("Stopped.", stderr);
        Assert.Empty(Directory.GetFileSystemEntries(_temp));
    }

    [Fact]
    public void NanoffFailure_QuotesItsErrorCodeLine_BecauseTheExitStatusIsTheCodeMod256()
    {
        const string said = "Reading details from chip...\nError E2000: Error connecting to nanoDevice. (device on /dev/ttyUSB0)\n";
        var runner = new FakeProcessRunner(new ProcessResult(208, said));

        var (code, _, stderr) = Run(runner, "--image", "app.bin");

        Assert.Equal(CommandLine.Failed, code);
        Assert.Contains("nanoff: Error E2000: Error connecting to nanoDevice. (device on /dev/ttyUSB0)   (quote this code: the exit status is only the code mod 256 on Linux)", stderr);
        Assert.Contains("not run: write nf.config and secrets.config to internal storage, deploy the application image at 0x1E0000", stderr);
    }

    [Theory]
    [InlineData("Error deploying content file {0} to I:\\nf.config", "nanoCLR refused the write")]
    [InlineData("Exception deploying content file {0} to I:\\nf.config", "nanoff failed while sending it")]
    public void FileStep_PerFileErrorsWithExitZero_FailTheRun_NamingTheFileAndTheReason(string line, string reason)
    {
        var runner = new FakeProcessRunner(args =>
        {
            if (args[0] != "--filedeployment") return new ProcessResult(0, "");
            string sealedConfig = DeployJsonFiles(File.ReadAllText(args[1]))[0].Local;
            return new ProcessResult(0, $"Deploying file {sealedConfig} to I:\\nf.config...\n{string.Format(line, sealedConfig)}\nDeploying file x to I:\\secrets.config...OK\n");
        });

        var (code, _, stderr) = Run(runner, "--image", "app.bin");

        Assert.Equal(CommandLine.Failed, code);
        Assert.Equal(2, runner.Calls.Count); // the application is not deployed onto a node without its configuration
        Assert.Contains("nanoff reported 1 file(s) not written while trying to write nf.config and secrets.config to internal storage, although it exited 0:", stderr);
        Assert.Contains($"  I:\\nf.config (sealed copy of nf.config): {reason}", stderr);
        Assert.Contains("press EN only", stderr);
        Assert.DoesNotContain("hold BOOT", stderr);
        Assert.Contains("not run: deploy the application image at 0x1E0000", stderr);
    }

    [Fact]
    public void FileStep_ADeleteError_FailsTheRun()
    {
        var runner = new FakeProcessRunner(args => new ProcessResult(0, args[0] == "--filedeployment"
            ? "Deleting file I:\\nf.config...\nError deleting file I:\\nf.config, it may not exist on the storage.\n" : ""));

        var (code, _, stderr) = Run(runner, "--skip-clr", "--skip-app");

        Assert.Equal(CommandLine.Failed, code);
        Assert.Contains("I:\\nf.config (sealed copy of nf.config): nanoCLR could not delete it", stderr);
    }

    [Fact]
    public void FileStep_WithoutAMassEraseInTheRun_TellsTheUserToPressEn_AndWhy()
    {
        var (code, stdout, _) = Run("--skip-clr", "--skip-app");

        Assert.Equal(CommandLine.Ok, code);
        int prompt = stdout.IndexOf("press EN (reset) now; the node stays awake 30 s after a reset", StringComparison.Ordinal);
        Assert.True(prompt >= 0, stdout);
        Assert.True(prompt < stdout.IndexOf("--filedeployment", StringComparison.Ordinal), "the prompt comes before the step");
    }

    [Theory]
    [InlineData("45", "press EN (reset) now; the node stays awake 45 s after a reset")]
    [InlineData("0", "nf.config sets [wake] maintenance_window_seconds = 0")]
    public void FileStep_ResetPrompt_QuotesTheConfiguredMaintenanceWindow(string seconds, string expected)
    {
        Write("nf.config", BoardConfig + "[wake]\nmaintenance_window_seconds = " + seconds + "\n");

        var (code, stdout, _) = Run("--skip-clr", "--skip-app");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Contains(expected, stdout);
    }

    [Fact]
    public void FileStepFailure_HintsANormalReset_NotDownloadMode()
    {
        var runner = new FakeProcessRunner(new ProcessResult(208, "Error connecting to debug engine on nanoDevice on /dev/ttyUSB0 to deploy files\nError E2000: Error connecting to nanoDevice.\n"));

        var (_, _, stderr) = Run(runner, "--skip-clr", "--skip-app");

        Assert.Contains("nanoCLR is running and awake: reset normally (press EN only, never with BOOT held)", stderr);
        Assert.Contains("nanoff --nanodevice --devicedetails --serialport /dev/ttyUSB0", stderr);
        Assert.DoesNotContain("download mode (hold BOOT", stderr);
    }

    [Fact]
    public void DeployAddressInsideNanoClr_IsRefused_NamingFileLineAndField_AndRunsNothing()
    {
        Write("nf.config", BoardConfig.Replace("0x1E0000", "0x190000"));

        var (code, _, stderr) = Run("--image", "app.bin");

        Assert.Equal(CommandLine.Usage, code);
        Assert.Equal(0, _runner.VersionQueries);
        Assert.Empty(_runner.Calls);
        Assert.Contains("nf.config:line 5: [board] deploy_address: 0x190000 is inside nanoCLR (nanoCLR 0x010000-0x1DFFFF, deploy 0x1E0000-0x39FFFF)", stderr);
        Assert.Contains("Use 0x1E0000", stderr);
        Assert.Contains("firmware_version 1.17.0.339 on ESP32_REV3", stderr);
    }

    [Fact]
    public void DeployAddress_IsNotChecked_WhenTheAppIsNotDeployedAtAnAddress()
    {
        Write("nf.config", BoardConfig.Replace("0x1E0000", "0x190000"));

        Assert.Equal(CommandLine.Ok, Run("--skip-app").Code);
        Assert.Equal(CommandLine.Ok, Run("--image", "app.bin", "--nanodevice-deploy").Code);
    }

    [Fact]
    public void UnknownFirmwareVersion_IsRefused_UnlessTheUserCheckedTheAddress()
    {
        Write("nf.config", BoardConfig.Replace("1.17.0.339", "1.16.0.578"));

        var (code, _, stderr) = Run("--image", "app.bin");

        Assert.Equal(CommandLine.Usage, code);
        Assert.Empty(_runner.Calls);
        Assert.Contains("nf.config:line 5: [board] deploy_address: cannot be checked: this tool does not know the partition table of "
            + "firmware_version 1.16.0.578 on ESP32_REV3 (it knows 1.17.0.339 for ESP32_REV3)", stderr);
        Assert.Contains("--address-checked", stderr);
        Assert.Contains("--nanodevice-deploy", stderr);

        var (checkedCode, stdout, _) = Run("--image", "app.bin", "--address-checked");

        Assert.Equal(CommandLine.Ok, checkedCode);
        Assert.Contains("partition table not known to this tool; deploy_address 0x1E0000 as you checked it", stdout);
        Assert.Contains("--fwversion", _runner.Calls[0].Arguments);
        Assert.Equal("1.16.0.578", _runner.Calls[0].Arguments[Array.IndexOf(_runner.Calls[0].Arguments, "--fwversion") + 1]);
    }

    [Fact]
    public void NanodeviceDeploy_HandsTheImageToNanoClr_WithoutTargetOrAddress()
    {
        var (code, _, _) = Run("--image", "app.bin", "--nanodevice-deploy");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal(["--nanodevice", "--deploy", "--serialport", "/dev/ttyUSB0", "--image", Path.Combine(_dir, "app.bin"), "--suppressnanoffversioncheck"],
            _runner.Calls[^1].Arguments);
    }

    [Fact]
    public void NanodeviceDeployFailure_HintsANormalReset_NotDownloadMode()
    {
        var runner = new FakeProcessRunner(new ProcessResult(0, ""), new ProcessResult(0, ""), new ProcessResult(208, "Error E2000: Error connecting to nanoDevice.\n"));

        var (code, _, stderr) = Run(runner, "--image", "app.bin", "--nanodevice-deploy");

        Assert.Equal(CommandLine.Failed, code);
        Assert.Contains("nanoff failed (exit code 208) trying to deploy the application image through nanoCLR", stderr);
        Assert.Contains("reset normally (press EN only, never with BOOT held)", stderr);
        Assert.DoesNotContain("download mode (hold BOOT", stderr);
    }

    [Fact]
    public void KeepStorage_PadsTheImageWith0xFF_ToTheEndOfTheDeployPartition()
    {
        byte[]? deployed = null;
        string[]? update = null;
        var runner = new FakeProcessRunner(args =>
        {
            if (args[0] == "--update") update = args;
            if (args.Contains("--deploy")) deployed = File.ReadAllBytes(args[Array.IndexOf(args, "--image") + 1]);
            return new ProcessResult(0, "");
        });

        var (code, stdout, _) = Run(runner, "--image", "app.bin", "--keep-storage");

        Assert.Equal(CommandLine.Ok, code);
        Assert.DoesNotContain("--masserase", update!);
        Assert.Equal(0x1C0000, deployed!.Length); // 0x1E0000..0x3A0000: the whole deploy partition is rewritten
        Assert.Equal("image"u8.ToArray(), deployed[..5]);
        Assert.All(deployed[5..], b => Assert.Equal(0xFF, b));
        Assert.Contains("padded with 0xFF", stdout);
        Assert.Contains("press EN (reset) now", stdout); // the old application runs after a plain --update
    }

    [Fact]
    public void MassErase_DeploysTheImageAsBuilt()
    {
        var (code, _, _) = Run("--image", "app.bin");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal(Path.Combine(_dir, "app.bin"), _runner.Calls[2].Arguments[6]);
    }

    [Fact]
    public void Archive_FlashesNanoClrFromTheFolder_OnlyOnTheUpdateStep()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "fw archive"));

        var (code, _, _) = Run("--image", "app.bin", "--archive", "fw archive");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal(["--update", "--target", "ESP32_REV3", "--serialport", "/dev/ttyUSB0", "--fwversion", "1.17.0.339", "--masserase",
            "--fromarchive", "--archivepath", Path.Combine(_dir, "fw archive"), "--suppressnanoffversioncheck"], _runner.Calls[0].Arguments);
        Assert.DoesNotContain("--fromarchive", _runner.Calls[1].Arguments);
        Assert.DoesNotContain("--fromarchive", _runner.Calls[2].Arguments);
    }

    [Fact]
    public void Archive_ThatDoesNotExist_IsAnError_ThatSaysHowToMakeIt()
    {
        var (code, _, stderr) = Run("--image", "app.bin", "--archive", "nowhere");

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("nanoff --updatearchive --target ESP32_REV3 --fwversion 1.17.0.339 --archivepath nowhere", stderr);
        Assert.Empty(_runner.Calls);
    }

    [Theory]
    [InlineData("nanoff 3.0.0-preview.1+06913d2", "3.x nanoff")]
    [InlineData("nanoff 3.1.4", "3.x nanoff")]
    [InlineData("nanoff 2.4.30", "older than the 2.5 line")]
    [InlineData("", "printed no version number")]
    [InlineData("You must install .NET to run this application.", "printed no version number")]
    public void UnusableNanoff_IsRefused_BeforeAnyStepRuns(string versionOutput, string expected)
    {
        _runner.VersionOutput = versionOutput;

        var (code, _, stderr) = Run("--image", "app.bin");

        Assert.Equal(CommandLine.Failed, code);
        Assert.Contains(expected, stderr);
        Assert.Contains("Nothing was flashed.", stderr);
        Assert.Empty(_runner.Calls);
    }

    [Fact]
    public void AnotherNanoff25_RunsWithANote()
    {
        _runner.VersionOutput = "nanoff 2.5.170+abc";

        var (code, stdout, _) = Run("--image", "app.bin");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Contains("note: nanoff 2.5.170: the commands were written against nanoff 2.5.162", stdout);
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
        var runner = new FakeProcessRunner(a => { if (a[0] == "--filedeployment") json = File.ReadAllText(a[1]); return new ProcessResult(0, ""); });
        var (code, _, stderr) = Run(runner, ["--skip-clr", "--skip-app", .. args]);
        return (code, stderr, json == null ? [] : DeployJsonFiles(json));
    }

    [Fact]
    public void Tls_DeploysTheCaAndTheClientCertificateAndKey_BesideTheConfig()
    {
        Write("nf.config", TlsConfig);
        WriteCertificates();

        var (code, stderr, files) = RunFileDeployment();

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal("", stderr);
        Assert.Equal([@"I:\nf.config", @"I:\secrets.config"], files[..2].Select(f => f.Device)); // sealed copies, in the temp folder
        Assert.All(files[..2], f => Assert.StartsWith(_temp, f.Local));
        Assert.Equal(
            [
                (@"I:\ca.crt", Path.Combine(_dir, "ca.crt")),
                (@"I:\node.crt", Path.Combine(_dir, "node.crt")),
                (@"I:\node.key", Path.Combine(_dir, "node.key")),
            ],
            files[2..]);
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

        var (code, _, _) = Run("--image", "app.bin", "--skip-files", "--keep-storage");

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
        Assert.All(files[2..], f => Assert.StartsWith(Path.Combine(_dir, "node-07"), f.Local));
    }

    [Theory]
    [InlineData("--bogus", "Unrecognized command or argument '--bogus'")]
    [InlineData("--skip-clr --skip-app --skip-files", "nothing to do")]
    [InlineData("--skip-clr --mass-erase", "--mass-erase")]
    [InlineData("--skip-clr --keep-storage", "--keep-storage")]
    [InlineData("--keep-storage --mass-erase", "contradict")]
    [InlineData("--skip-clr --archive fw", "--archive")]
    [InlineData("--skip-app --nanodevice-deploy", "--nanodevice-deploy")]
    [InlineData("--skip-files", "would leave the node without nf.config")]
    [InlineData("--image", "Required argument missing for option: '--image'")]
    public void BadOptions_AreUsageErrors(string arguments, string expected)
    {
        var (code, _, stderr) = Run(arguments.Split(' '));

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains(expected, stderr);
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
}
