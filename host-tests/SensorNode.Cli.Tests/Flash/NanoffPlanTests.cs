using System.Text.Json;
using SensorNode.Cli;

namespace SensorNode.Cli.Tests.Flash;

public sealed class NanoffPlanTests
{
    private const string NoCheck = "--suppressnanoffversioncheck";

    private static FlashSettings Settings(string target = "ESP32_REV3", string port = "/dev/ttyUSB0", int address = 0x1E0000) => new()
    {
        Target = target, SerialPort = port, FirmwareVersion = "1.17.0.339", DeployAddress = address,
        ImagePath = "/home/ana/SensorNode/app.bin", ConfigPath = "/home/ana/SensorNode/nf.config", SecretsPath = "/home/ana/SensorNode/secrets.config",
    };

    [Fact]
    public void Create_RunsClrThenFilesThenImage_WithTheBoardFromTheConfig()
    {
        NanoffPlan plan = NanoffPlan.Create(Settings(), "/tmp/x/deploy.json");

        Assert.Equal(3, plan.Steps.Count);
        Assert.Equal(["--update", "--target", "ESP32_REV3", "--serialport", "/dev/ttyUSB0", "--fwversion", "1.17.0.339", "--masserase", NoCheck], plan.Steps[0].Arguments);
        Assert.Equal(["--filedeployment", "/tmp/x/deploy.json", NoCheck], plan.Steps[1].Arguments);
        Assert.Equal(["--target", "ESP32_REV3", "--serialport", "/dev/ttyUSB0", "--deploy", "--image", "/home/ana/SensorNode/app.bin", "--address", "0x1E0000", NoCheck],
            plan.Steps[2].Arguments);
        Assert.Equal([NanoffStepKind.FirmwareUpdate, NanoffStepKind.Files, NanoffStepKind.ImageAtAddress], plan.Steps.Select(s => s.Kind));
    }

    [Fact]
    public void Create_NeverCombinesUpdateWithDeploy_WhereNanoffIgnoresTheAddress()
    {
        NanoffPlan plan = NanoffPlan.Create(Settings(), "d.json");

        Assert.DoesNotContain(plan.Steps, s => s.Arguments.Contains("--update") && s.Arguments.Contains("--deploy"));
    }

    [Fact]
    public void Create_UsesAnotherTargetPortAndAddress_OnWindows()
    {
        NanoffPlan plan = NanoffPlan.Create(Settings("ESP32_PSRAM_REV3", "COM3", 0x1C0000) with { ImagePath = @"C:\Users\Ana Li\app.bin" }, @"C:\Temp\deploy.json");

        Assert.Equal(["--update", "--target", "ESP32_PSRAM_REV3", "--serialport", "COM3", "--fwversion", "1.17.0.339", "--masserase", NoCheck], plan.Steps[0].Arguments);
        // A path with a space stays one argument: nothing is split or quoted inside the list.
        Assert.Equal(["--target", "ESP32_PSRAM_REV3", "--serialport", "COM3", "--deploy", "--image", @"C:\Users\Ana Li\app.bin", "--address", "0x1C0000", NoCheck],
            plan.Steps[2].Arguments);
    }

    [Fact]
    public void Create_KeepStorage_FlashesNanoClrWithoutMassErase()
    {
        NanoffPlan plan = NanoffPlan.Create(Settings() with { MassErase = false }, "d.json");

        Assert.DoesNotContain("--masserase", plan.Steps[0].Arguments);
        Assert.Equal("flash nanoCLR 1.17.0.339", plan.Steps[0].Title);
    }

    [Fact]
    public void Create_ThroughNanoClr_DeploysWithoutTargetOrAddress()
    {
        NanoffPlan plan = NanoffPlan.Create(Settings() with { ThroughNanoClr = true }, "d.json");

        Assert.Equal(["--nanodevice", "--deploy", "--serialport", "/dev/ttyUSB0", "--image", "/home/ana/SensorNode/app.bin", NoCheck], plan.Steps[2].Arguments);
        Assert.True(plan.Steps[2].NeedsRunningNanoClr);
        Assert.False(plan.Steps[0].NeedsRunningNanoClr);
    }

    [Theory]
    [InlineData(true, false, false, "--filedeployment", "--deploy")]
    [InlineData(false, true, false, "--update", "--filedeployment")]
    [InlineData(false, false, true, "--update", "--deploy")]
    [InlineData(true, true, false, "--filedeployment", null)]
    public void Create_LeavesOutSkippedSteps(bool skipClr, bool skipApp, bool skipFiles, string first, string? second)
    {
        NanoffPlan plan = NanoffPlan.Create(Settings() with { SkipClr = skipClr, SkipApp = skipApp, SkipFiles = skipFiles }, "d.json");

        string?[] expected = second == null ? [first] : [first, second];
        Assert.Equal(expected, plan.Steps.Select(s => s.Arguments.First(a => a is "--update" or "--deploy" or "--filedeployment")));
        Assert.Equal(skipFiles, plan.DeployJson == null);
    }

    [Theory]
    [InlineData(0x1E0000, "0x1E0000")]
    [InlineData(0x10000, "0x010000")]
    [InlineData(0xFFF000, "0xFFF000")]
    public void FormatAddress_WritesSixUpperCaseHexDigits(int address, string expected) =>
        Assert.Equal(expected, NanoffPlan.FormatAddress(address));

    [Fact]
    public void DeployJson_NamesBothFilesOnDriveI_WithTheirLocalPathsAndThePort()
    {
        string json = NanoffPlan.FileDeploymentJson("COM3", @"C:\Node Files\nf.config", @"C:\Node Files\secrets.config");

        using var document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        Assert.Equal("COM3", root.GetProperty("serialport").GetString());
        JsonElement[] files = root.GetProperty("files").EnumerateArray().ToArray();
        Assert.Equal(2, files.Length);
        Assert.Equal(@"I:\nf.config", files[0].GetProperty("DestinationFilePath").GetString());
        Assert.Equal(@"C:\Node Files\nf.config", files[0].GetProperty("SourceFilePath").GetString());
        Assert.Equal(@"I:\secrets.config", files[1].GetProperty("DestinationFilePath").GetString());
        Assert.Equal(@"C:\Node Files\secrets.config", files[1].GetProperty("SourceFilePath").GetString());
        Assert.Contains(@"""I:\\nf.config""", json); // the JSON text escapes the backslash, as nanoff's own example does
    }

    [Fact]
    public void DeployJson_WithTls_AddsTheCaThenTheClientCertificateAndKey_AfterTheConfigFiles()
    {
        var tls = new TlsFiles("/n/ca.crt", "/n/node.crt", "/n/node.key");

        using var document = JsonDocument.Parse(NanoffPlan.FileDeploymentJson("COM3", "/n/nf.config", "/n/secrets.config", tls));

        var files = document.RootElement.GetProperty("files").EnumerateArray()
            .Select(f => f.GetProperty("DestinationFilePath").GetString() + " <- " + f.GetProperty("SourceFilePath").GetString());
        Assert.Equal(
            [@"I:\nf.config <- /n/nf.config", @"I:\secrets.config <- /n/secrets.config", @"I:\ca.crt <- /n/ca.crt",
             @"I:\node.crt <- /n/node.crt", @"I:\node.key <- /n/node.key"],
            files);
    }

    [Fact]
    public void Create_WithTls_NamesTheCertificatesInTheFileStep()
    {
        NanoffPlan plan = NanoffPlan.Create(Settings() with { Tls = new TlsFiles("/n/ca.crt", null, null) }, "d.json");

        Assert.Equal("write nf.config, secrets.config and the TLS certificates to internal storage", plan.Steps[1].Title);
        Assert.Contains(@"""I:\\ca.crt""", plan.DeployJson);
        Assert.DoesNotContain("node.crt", plan.DeployJson);
    }
}

public sealed class NanoffOutputTests
{
    private static readonly DeployedFile[] Files = [new(@"I:\nf.config", "/tmp/s/nf.config"), new(@"I:\secrets.config", "/tmp/s/secrets.config")];

    [Fact]
    public void FileFailures_FindsTheLinesNanoffPrintsInRed_AndMatchesThemToTheirFile()
    {
        const string output = "Deploying file /tmp/s/nf.config to I:\\nf.config...OK\r\n"
            + "Deploying file /tmp/s/secrets.config to I:\\secrets.config...\n"
            + "\u001b[31mError deploying content file /tmp/s/secrets.config to I:\\secrets.config\u001b[37m\n";

        var failure = Assert.Single(NanoffOutput.FileFailures(output, Files));

        Assert.Equal(Files[1], failure.File);
        Assert.Equal(@"Error deploying content file /tmp/s/secrets.config to I:\secrets.config", failure.Line);
    }

    [Fact]
    public void FileFailures_IsEmpty_WhenEveryFileSaysOk() =>
        Assert.Empty(NanoffOutput.FileFailures("Deploying file /tmp/s/nf.config to I:\\nf.config...OK\n", Files));

    [Fact]
    public void ErrorLine_IsTheLastErrorCodeLine_OrNull()
    {
        Assert.Equal("Error E2000: Error connecting to nanoDevice.", NanoffOutput.ErrorLine("x\n\u001b[31mError E2000: Error connecting to nanoDevice.\n"));
        Assert.Null(NanoffOutput.ErrorLine("Error deploying content file a to b\n"));
    }
}
