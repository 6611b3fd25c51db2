using SensorNode.Cli.Provision;

namespace SensorNode.Cli.Tests.Provision;

public sealed class NodeConfigTemplateTests
{
    [Fact]
    public void WithNodeId_KeepsTheTrailingCommentAndIndentation()
    {
        string template = "[mqtt]\n  node_id = node-01   # set per node\nhost = x\n";

        Assert.Equal("[mqtt]\n  node_id = kitchen  # set per node\nhost = x\n", NodeConfigTemplate.WithNodeId(template, "kitchen"));
    }

    [Fact]
    public void WithNodeId_KeepsCrLfLineEnds()
    {
        string template = "[wifi]\r\nssid = a\r\n[mqtt]\r\nnode_id = node-01\r\nport = 1883\r\n";

        Assert.Equal("[wifi]\r\nssid = a\r\n[mqtt]\r\nnode_id = kitchen\r\nport = 1883\r\n", NodeConfigTemplate.WithNodeId(template, "kitchen"));
    }

    [Fact]
    public void WithNodeId_ChangesOnlyTheMqttSectionsKey()
    {
        string template = "[other]\nnode_id = keep\n[mqtt]\nnode_id = node-01\n";

        Assert.Equal("[other]\nnode_id = keep\n[mqtt]\nnode_id = kitchen\n", NodeConfigTemplate.WithNodeId(template, "kitchen"));
    }

    [Fact]
    public void WithNodeId_AddsTheKeyAfterTheMqttHeader_WhenTheTemplateHasNone()
    {
        Assert.Equal("[mqtt] # broker\nnode_id = kitchen\nhost = x\n", NodeConfigTemplate.WithNodeId("[mqtt] # broker\nhost = x\n", "kitchen"));
    }

    [Fact]
    public void WithNodeId_AppendsAnMqttSection_WhenTheTemplateHasNone()
    {
        Assert.Equal("[wifi]\nssid = a\n[mqtt]\nnode_id = kitchen\n", NodeConfigTemplate.WithNodeId("[wifi]\nssid = a", "kitchen"));
    }

    [Theory]
    [InlineData("node-01", null)]
    [InlineData("a", null)]
    [InlineData("NODE", "expected 1..32 characters from a-z, 0-9 and '-', got 'NODE'")]
    public void CheckNodeId_UsesTheCoresRule(string nodeId, string? expected)
    {
        Assert.Equal(expected, NodeConfigTemplate.CheckNodeId(nodeId));
    }
}
