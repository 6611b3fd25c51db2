namespace SensorNode.Gateway.Tests.Decoding;

public class GatewayTopicsTests
{
    [Theory]
    [InlineData("sensornode/node-01/state", "sensornode", "node-01", "state")]
    [InlineData("sensornode/node-01/availability", "sensornode", "node-01", "availability")]
    [InlineData("sensornode/node-01/ack", "sensornode", "node-01", "ack")]
    [InlineData("sensornode/node-01/app", "sensornode", "node-01", "app")]
    [InlineData("sensornode/node-01/cmd/set/sleep", "sensornode", "node-01", "cmd")]
    [InlineData("site/a/n-2x/state", "site/a", "n-2x", "state")]
    public void TryParse_SplitsNodeAndKind(string topic, string prefix, string node, string kind)
    {
        Assert.True(GatewayTopics.TryParse(topic, prefix, out TopicInfo? info));
        Assert.Equal(new TopicInfo(node, kind), info);
    }

    [Theory]
    [InlineData("sensornode/node-01/status")]
    [InlineData("sensornode/node-01/state/extra")]
    [InlineData("sensornode/node-01/app/extra")]
    [InlineData("sensornode/node-01/cmd")]
    [InlineData("sensornode/node-01/cmd/")]
    [InlineData("sensornode/node 01/state")]
    [InlineData("site/a/N_2.x/state")]
    [InlineData("sensornode/a.b/state")]
    [InlineData("sensornode/a_b/state")]
    [InlineData("sensornode/../state")]
    [InlineData("sensornode/NODE-UP/state")]
    [InlineData("sensornode/+/state")]
    [InlineData("sensornode//state")]
    [InlineData("sensornode/abcdefghijabcdefghijabcdefghijabc/state")]
    [InlineData("sensornodeX/node-01/state")]
    [InlineData("other/node-01/state")]
    [InlineData("sensornode")]
    [InlineData("")]
    public void TryParse_ReturnsFalse_ForOtherTopics(string topic)
    {
        Assert.False(GatewayTopics.TryParse(topic, "sensornode", out TopicInfo? info));
        Assert.Null(info);
    }

    [Fact]
    public void Filters_MatchTheDocumentedTopics()
    {
        Assert.Equal("sensornode/+/state", GatewayTopics.StateFilter("sensornode"));
        Assert.Equal("$share/gw/site/a/+/state", GatewayTopics.SharedStateFilter("gw", "site/a"));
        Assert.Equal("sensornode/+/availability", GatewayTopics.AvailabilityFilter("sensornode"));
    }
}
