using System.Text;
using SensorNode.Core.Config;
using SensorNode.Core.Tests.Config;
using Xunit;

namespace SensorNode.Core.Tests.Boot;

/// <summary>
/// Issue 9 items 6 and 7: both files must be sealed and valid, or the boot has a fault (never the defaults, whose
/// node id "node-01" collides); the fault says what went wrong, including an empty I: after a format.
/// </summary>
public class BootConfigurationTests
{
    private static readonly string[] LifeSigns = { "state.bin", "log.bin" };
    private const string Secrets = "[wifi]\npassword = correct-horse\n";

    private static FakeStorage Storage(string? config, string? secrets, bool seal = true)
    {
        var storage = new FakeStorage();
        if (config != null) storage.Put("nf.config", Encoding.ASCII.GetBytes(seal ? ConfigSeal.Seal(config) : config));
        if (secrets != null) storage.Put("secrets.config", Encoding.ASCII.GetBytes(seal ? ConfigSeal.Seal(secrets) : secrets));
        return storage;
    }

    private static string ShippedConfig() => RepoFiles.ReadText("nf.config");

    [Fact]
    public void SealedValidFiles_AreValid_AndCarryTheBodysCrc()
    {
        string body = ShippedConfig();
        var boot = BootConfiguration.Load(Storage(body, Secrets), LifeSigns);

        Assert.True(boot.IsValid, string.Join("; ", boot.Errors.Cast<ConfigError>()));
        Assert.Equal(ConfigFault.None, boot.Fault);
        Assert.Equal(ConfigSeal.Crc(ConfigSeal.Open(ConfigSeal.Seal(body), "nf.config", new System.Collections.ArrayList())!), boot.ConfigCrc);
        Assert.NotEqual(0u, boot.ConfigCrc);
        Assert.Equal("correct-horse", boot.Secrets.WifiPassword);
    }

    [Fact]
    public void EmptyStorage_IsStorageEmpty_NotTheDefaults()
    {
        var boot = BootConfiguration.Load(new FakeStorage(), LifeSigns);

        Assert.False(boot.IsValid);
        Assert.Equal(ConfigFault.StorageEmpty, boot.Fault);
        Assert.Equal("storage-empty", boot.FaultCode);
        Assert.False(boot.NetworkTrusted);
    }

    [Fact]
    public void MissingConfig_WithTheNodesStateStillThere_IsConfigMissing()
    {
        var storage = Storage(null, Secrets);
        storage.Put("state.bin", new byte[64]);

        var boot = BootConfiguration.Load(storage, LifeSigns);

        Assert.Equal(ConfigFault.ConfigMissing, boot.Fault);
        Assert.False(boot.NetworkTrusted);
    }

    [Fact]
    public void UnsealedConfig_IsRejected_EvenWhenItParses()
    {
        var boot = BootConfiguration.Load(Storage(ShippedConfig(), Secrets, seal: false), LifeSigns);

        Assert.Equal(ConfigFault.ConfigSeal, boot.Fault);
        Assert.Equal(0u, boot.ConfigCrc);
        Assert.False(boot.NetworkTrusted);
    }

    [Fact]
    public void TornConfig_AnInterruptedDeployment_IsRejected()
    {
        string sealedText = ConfigSeal.Seal(ShippedConfig());
        var storage = Storage(null, Secrets);
        storage.Put("nf.config", Encoding.ASCII.GetBytes(sealedText.Substring(0, 2048)));

        var boot = BootConfiguration.Load(storage, LifeSigns);

        Assert.Equal(ConfigFault.ConfigSeal, boot.Fault);
        Assert.Equal("config-seal", boot.FaultCode);
    }

    [Fact]
    public void UnsealedSecrets_AreRejected()
    {
        var storage = Storage(ShippedConfig(), null);
        storage.Put("secrets.config", Encoding.ASCII.GetBytes(Secrets));

        var boot = BootConfiguration.Load(storage, LifeSigns);

        Assert.Equal(ConfigFault.SecretsSeal, boot.Fault);
        Assert.False(boot.NetworkTrusted);
        Assert.NotEqual(0u, boot.ConfigCrc);                  // nf.config itself was intact
    }

    [Fact]
    public void MissingSecrets_IsSecretsMissing()
    {
        var boot = BootConfiguration.Load(Storage(ShippedConfig(), null), LifeSigns);

        Assert.Equal(ConfigFault.SecretsMissing, boot.Fault);
    }

    [Fact]
    public void InvalidPin_IsConfigInvalid_WithFileLineAndField_AndTheNetworkStillTrusted()
    {
        string body = ShippedConfig().Replace("pir = 27", "pir = 5");
        var boot = BootConfiguration.Load(Storage(body, Secrets), LifeSigns);

        Assert.Equal(ConfigFault.ConfigInvalid, boot.Fault);
        var first = (ConfigError)boot.Errors[0]!;
        Assert.Equal(("nf.config", "pins.pir"), (first.Source, first.Field));
        Assert.True(first.Line > 0);
        Assert.True(boot.NetworkTrusted);
    }

    [Fact]
    public void InvalidMqttSetting_MakesTheNetworkUntrusted()
    {
        string body = ShippedConfig().Replace("port = 1883", "port = 99999");
        var boot = BootConfiguration.Load(Storage(body, Secrets), LifeSigns);

        Assert.Equal(ConfigFault.ConfigInvalid, boot.Fault);
        Assert.False(boot.NetworkTrusted);
    }

    [Fact]
    public void ReservedUnconfiguredNodeId_IsRejected_SoAConfiguredNodeCannotTakeIt()
    {
        string body = ShippedConfig().Replace("node_id = node-01", "node_id = unconfigured-a4cf12345678");
        var boot = BootConfiguration.Load(Storage(body, Secrets), LifeSigns);

        Assert.Contains(boot.Errors.Cast<ConfigError>(), e => e.Field == "mqtt.node_id");
    }
}

/// <summary>The [pins] boot_marker key (issue 9, bench aid) and the configuration identity on the wire (item 7).</summary>
public class BootMarkerAndIdentityTests
{
    private const long Start = 1_727_690_400_000;

    [Theory]
    [InlineData("23", null)]
    [InlineData("-1", null)]
    [InlineData("34", "pins.boot_marker")]   // input-only
    [InlineData("7", "pins.boot_marker")]    // SPI flash
    [InlineData("27", "pins.boot_marker")]   // the PIR's pin
    [InlineData("40", "pins.boot_marker")]   // out of range
    public void BootMarker_MustBeAFreeOutputCapableGpio(string value, string? errorField)
    {
        var errors = new System.Collections.ArrayList();
        NodeConfig config = ConfigParser.Parse("[pins]\nboot_marker = " + value + "\n", "nf.config", errors);

        if (errorField == null)
        {
            Assert.Empty(errors);
            Assert.Equal(int.Parse(value), config.BootMarkerPin);
        }
        else
        {
            Assert.Contains(errors.Cast<ConfigError>(), e => e.Field == errorField);
        }
    }

    [Fact]
    public void SleepingAnnouncement_CarriesTheConfigurationIdentity()
    {
        var node = new SensorNode.Simulation.SimulatedNode(new NodeConfig(), Start, seed: 2) { ConfigCrc = 0x1A2B3C4D };
        ForcedPolicy.Install(node, transmit: true, intervalIndex: 3);

        node.Wake(SensorNode.Core.Hardware.WakeCause.Timer);

        var retained = node.Broker.Retained["sensornode/node-01/availability"];
        Assert.Equal("sleeping:600;cfg=1A2B3C4D", retained.PayloadText);
    }

    [Fact]
    public void SleepingPayload_WithoutAnIdentity_IsTheOldForm()
    {
        byte[] buffer = new byte[SensorNode.Core.Telemetry.AvailabilityPayload.MaxLength];
        int length = SensorNode.Core.Telemetry.AvailabilityPayload.WriteSleeping(buffer, 600, 0);

        Assert.Equal("sleeping:600", Encoding.ASCII.GetString(buffer, 0, length));
        Assert.Equal(-1, SensorNode.Core.Telemetry.AvailabilityPayload.WriteSleeping(new byte[20], 86400, 0xFFFFFFFF));
    }
}
