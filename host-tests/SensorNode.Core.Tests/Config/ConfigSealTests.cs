using System.Collections;
using SensorNode.Core.Config;
using Xunit;

namespace SensorNode.Core.Tests.Config;

public class ConfigSealTests
{
    [Fact]
    public void Open_SealedShippedConfig_GivesTheOriginalTextBack()
    {
        string text = RepoFiles.ReadText("nf.config");
        var errors = new ArrayList();

        string? body = ConfigSeal.Open(ConfigSeal.Seal(text), "nf.config", errors);

        Assert.Empty(errors);
        Assert.Equal(text, body);
    }

    [Fact]
    public void Seal_IsIdempotent_AndEndsInOneSealLine()
    {
        string once = ConfigSeal.Seal("[mqtt]\nport = 1883");
        Assert.Equal(once, ConfigSeal.Seal(once));
        Assert.EndsWith("\n", once);
        Assert.Single(once.Split('\n'), line => line.StartsWith(ConfigSeal.Marker));
    }

    [Fact]
    public void Open_EveryPrefixOfASealedFile_IsRefused()
    {
        // nanoff writes the file in chunks after removing the old one: any prefix can be left on the node.
        string sealedText = ConfigSeal.Seal(RepoFiles.ReadText("nf.config"));
        string withoutLastBreak = sealedText.TrimEnd('\n');
        for (int length = 0; length < withoutLastBreak.Length; length++)
        {
            var errors = new ArrayList();
            Assert.Null(ConfigSeal.Open(sealedText.Substring(0, length), "nf.config", errors));
            Assert.Single(errors);
        }
    }

    [Fact]
    public void Open_UnsealedFile_SaysItIsCutShortOrNotDeployedByTheTool()
    {
        var errors = new ArrayList();

        Assert.Null(ConfigSeal.Open("[mqtt]\nport = 1883\n", "nf.config", errors));

        var error = Assert.IsType<ConfigError>(Assert.Single(errors.Cast<object>()));
        Assert.Contains("cut short", error.Message);
        Assert.Equal("nf.config", error.Source);
    }

    [Fact]
    public void Open_ChangedByte_IsRefusedWithBothChecksums()
    {
        string sealedText = ConfigSeal.Seal("[mqtt]\nport = 1883\n");
        var errors = new ArrayList();

        Assert.Null(ConfigSeal.Open(sealedText.Replace("1883", "1884"), "nf.config", errors));

        var error = (ConfigError)errors[0]!;
        Assert.Equal(3, error.Line);
        Assert.Contains("changed or damaged", error.Message);
    }

    [Theory]
    [InlineData("# sensornode-seal bytes=12\n")]
    [InlineData("# sensornode-seal bytes=x crc32=00000000\n")]
    [InlineData("# sensornode-seal bytes=12 crc32=0000000G\n")]
    public void Open_MalformedSealLine_IsReported(string sealLine)
    {
        var errors = new ArrayList();

        Assert.Null(ConfigSeal.Open("[mqtt]\nport=1\n" + sealLine, "secrets.config", errors));

        Assert.Contains("malformed seal line", ((ConfigError)errors[0]!).Message);
    }

    [Fact]
    public void Crc_MatchesTheStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, ConfigSeal.Crc("123456789"));
    }
}
