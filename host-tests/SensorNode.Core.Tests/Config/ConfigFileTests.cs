using Xunit;
using System.Collections;
using System.Text;
using SensorNode.Core.Config;

namespace SensorNode.Core.Tests.Config;

public class ConfigFileTests
{
    [Fact]
    public void ReadText_AbsentFile_ReturnsNull()
    {
        Assert.Null(ConfigFile.ReadText(new FakeStorage(), "nf.config"));
    }

    [Fact]
    public void ReadText_EmptyFile_ReturnsNull()
    {
        var storage = new FakeStorage();
        storage.Put("nf.config", Array.Empty<byte>());

        Assert.Null(ConfigFile.ReadText(storage, "nf.config"));
    }

    [Fact]
    public void ReadText_AsciiFile_ReturnsItsText()
    {
        var storage = new FakeStorage();
        storage.Put("nf.config", Encoding.ASCII.GetBytes("[mqtt]\r\nport = 1884\r\n"));

        Assert.Equal("[mqtt]\r\nport = 1884\r\n", ConfigFile.ReadText(storage, "nf.config"));
    }

    [Fact]
    public void ReadText_ShortReads_AreLoopedUntilTheWholeFileIsRead()
    {
        var storage = new FakeStorage { MaxBytesPerRead = 7 };
        string text = RepoFiles.ReadText("nf.config");
        storage.Put("nf.config", Encoding.ASCII.GetBytes(text));

        Assert.Equal(text, ConfigFile.ReadText(storage, "nf.config"));
    }

    [Fact]
    public void ReadText_ShippedNfConfigFromStorage_ParsesWithoutErrors()
    {
        var storage = new FakeStorage();
        var bytes = File.ReadAllBytes(Path.Combine(RepoFiles.Root, "nf.config"));
        Assert.True(storage.Write("nf.config", 0, bytes, 0, bytes.Length));

        var errors = new ArrayList();
        ConfigParser.Parse(ConfigFile.ReadText(storage, "nf.config"), "nf.config", errors);

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public void ReadText_FailedOrPrematureRead_ReturnsNull(int readResult)
    {
        var storage = new FakeStorage();
        storage.Put("nf.config", Encoding.ASCII.GetBytes("[mqtt]\n"));
        storage.ReadResultOverride = readResult;

        Assert.Null(ConfigFile.ReadText(storage, "nf.config"));
    }

    [Fact]
    public void ReadText_FileLargerThan32KiB_ReturnsNull()
    {
        var storage = new FakeStorage();
        storage.Put("nf.config", Enumerable.Repeat((byte)'#', 32769).ToArray());

        Assert.Null(ConfigFile.ReadText(storage, "nf.config"));
    }

    [Fact]
    public void ReadText_Utf8ByteOrderMark_IsSkipped()
    {
        var storage = new FakeStorage();
        storage.Put("nf.config", new byte[] { 0xEF, 0xBB, 0xBF, (byte)'[', (byte)'l', (byte)'o', (byte)'g', (byte)']' });

        Assert.Equal("[log]", ConfigFile.ReadText(storage, "nf.config"));
    }

    [Fact]
    public void ReadText_NonAsciiBytes_BecomeReplacementCharactersTheParserRejects()
    {
        var storage = new FakeStorage();
        storage.Put("nf.config", Encoding.UTF8.GetBytes("# caf\u00e9 comments are fine\n[wifi]\nssid = caf\u00e9\n"));

        string? text = ConfigFile.ReadText(storage, "nf.config");
        Assert.Equal("# caf\uFFFD\uFFFD comments are fine\n[wifi]\nssid = caf\uFFFD\uFFFD\n", text);

        var errors = new ArrayList();
        ConfigParser.Parse(text!, "nf.config", errors);
        var error = Assert.Single(errors.Cast<ConfigError>());
        Assert.Equal(3, error.Line);
        Assert.Contains("not printable ASCII", error.Message);
    }

    [Fact]
    public void ReadText_NullStorageOrName_ReturnsNull()
    {
        Assert.Null(ConfigFile.ReadText(null!, "nf.config"));
        Assert.Null(ConfigFile.ReadText(new FakeStorage(), null!));
    }
}
