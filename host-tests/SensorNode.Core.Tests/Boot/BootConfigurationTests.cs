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
