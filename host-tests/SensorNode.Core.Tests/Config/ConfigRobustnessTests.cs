using Xunit;
using System.Collections;
using System.Text;
using SensorNode.Core.Config;

namespace SensorNode.Core.Tests.Config;

/// <summary>Files a user's editor or a mistake produces (issue 11): line ends, empty files, huge files, control bytes.</summary>
public class ConfigRobustnessTests
{
    [Fact]
    public void Parse_CrOnlyLineEnds_HonoursEveryLine()
    {
        var config = ConfigParserTests.Parse("[board]\rserial_port = /dev/ttyCR\r[mqtt]\rnode_id = kitchen-02\rport = 8883\r", out var errors);

        Assert.Empty(errors.Select(e => e.ToString()));
        Assert.Equal("/dev/ttyCR", config.SerialPort);
        Assert.Equal("kitchen-02", config.NodeId);
        Assert.Equal(8883, config.BrokerPort);
    }

    [Fact]
    public void Parse_MixedLineEnds_NumbersLinesAsAnEditorShowsThem()
    {
        ConfigParserTests.Parse("[mqtt]\r\nport = 1\rport = 2\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal("nf.config:line 3: [mqtt] port: duplicate key; it is already set on line 2", error.ToString());
    }

    [Theory]
    [InlineData("# only a comment\n; and another\n\n")]
    [InlineData("[mqtt]\n# no key\n")]
    [InlineData("\r\r\r")]
    public void Parse_FileThatSetsNoKey_IsAnErrorSayingSo(string text)
    {
        ConfigParserTests.Parse(text, out var errors);

        var error = Assert.Single(errors);
        Assert.Equal(0, error.Line);
        Assert.Contains("sets no key (it is empty or only comments)", error.Message);
    }

    [Fact(Timeout = 120_000)]
    public async Task Read_400000Keys_ChecksDuplicatesInLinearComparisons()
    {
        await Task.Yield();
        const int keys = 400_000;
        var text = new StringBuilder("[mqtt]\n", keys * 24);
        for (int i = 0; i < keys; i++) text.Append("unknown_key_").Append(i).Append(" = 1\n");
        text.Append("unknown_key_7 = 2\n");
        var errors = new ArrayList();

        var entries = ConfigSyntax.Read(text.ToString(), "nf.config", ConfigSchema.ForNodeConfig(), true, errors);

        Assert.Equal(keys, entries.Count);
        var duplicate = Assert.Single(errors.Cast<ConfigError>());
        Assert.Equal($"nf.config:line {keys + 2}: [mqtt] unknown_key_7: duplicate key; it is already set on line 9", duplicate.ToString());
        // A scan of the earlier keys would make about keys^2/2 = 8e10 comparisons; a hash table about 2 per key.
        Assert.True(entries.Comparisons < 10L * keys, $"{entries.Comparisons} comparisons for {keys} keys");
    }

    [Fact]
    public void Parse_ControlBytesInALine_AreEscapedInTheMessage()
    {
        ConfigParserTests.Parse("[mqtt]\n\u001b]0;pwned\u0007\u001b[2J \\ \u0000x\u00ff\n", out var errors);

        string message = Assert.Single(errors).ToString();
        Assert.Equal("nf.config:line 2: [mqtt]: expected 'key = value', a [section] header or a # comment, got '\\x1B]0;pwned\\x07\\x1B[2J \\\\ \\x00x\\xFF'", message);
        Assert.DoesNotContain(message, c => c < ' ' || c > '~');
    }

    [Fact]
    public void Parse_ControlBytesInAHeader_AreEscapedAndALongLineIsCut()
    {
        ConfigParserTests.Parse("[\u001b[31m" + new string('a', 200) + "\n", out var errors);

        string message = Assert.Single(errors).ToString();
        Assert.StartsWith("nf.config:line 1: expected a section header like [mqtt], got '[\\x1B[31maaa", message);
        Assert.EndsWith("aaa...'", message);
        Assert.DoesNotContain(message, c => c < ' ' || c > '~');
        Assert.True(message.Length < 200, message);
    }

    [Theory]
    [InlineData("a\nb", new[] { "a", "b" })]
    [InlineData("a\r\nb\r\n", new[] { "a", "b", "" })]
    [InlineData("a\rb\r", new[] { "a", "b", "" })]
    [InlineData("a\r\rb", new[] { "a", "", "b" })]
    [InlineData("", new[] { "" })]
    public void SplitLines_EndsALineAtLfCrlfOrCr(string text, string[] lines)
    {
        Assert.Equal(lines, ConfigSyntax.SplitLines(text));
    }
}
