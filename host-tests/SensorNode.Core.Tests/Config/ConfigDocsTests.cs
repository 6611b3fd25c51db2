using Xunit;
using SensorNode.Core.Config;

namespace SensorNode.Core.Tests.Config;

public class ConfigDocsTests
{
    [Fact]
    public void ConfigurationDoc_HasATableRowForEveryNfConfigKey()
    {
        AssertDocumented(ConfigSchema.ForNodeConfig(), RepoFiles.ReadText("docs/configuration.md"));
    }

    [Fact]
    public void ConfigurationDoc_HasATableRowForEverySecretsKey()
    {
        AssertDocumented(ConfigSchema.ForSecrets(), RepoFiles.ReadText("docs/configuration.md"));
    }

    [Fact]
    public void ShippedNfConfig_HasACommentAboveEveryKey()
    {
        var lines = RepoFiles.ReadText("nf.config").Split('\n').Select(l => l.Trim()).ToArray();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains('=') && !lines[i].StartsWith('#'))
            {
                Assert.True(lines[i - 1].StartsWith('#'), "no comment above: " + lines[i]);
            }
        }
    }

    private static void AssertDocumented(ConfigSchema schema, string doc)
    {
        for (int s = 0; s < schema.SectionCount; s++)
        {
            foreach (var key in schema.KeysOf(s))
            {
                string row = "| " + schema.SectionName(s) + " | `" + key + "` |";
                Assert.True(doc.Contains(row), "docs/configuration.md lacks the row " + row);
            }
        }
    }
}
