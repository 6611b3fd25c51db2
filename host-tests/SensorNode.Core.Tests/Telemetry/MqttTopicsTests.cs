using Xunit;
using SensorNode.Core.Telemetry;

namespace SensorNode.Core.Tests.Telemetry;

public class MqttTopicsTests
{
    [Fact]
    public void Topics_FollowPrefixNodeLayout()
    {
        var topics = new MqttTopics("sensornode", "node-01");
        Assert.Equal("sensornode/node-01/state", topics.State);
        Assert.Equal("sensornode/node-01/availability", topics.Availability);
        Assert.Equal("sensornode/node-01/cmd/", topics.CommandPrefix);
        Assert.Equal("sensornode/node-01/ack", topics.Ack);
    }

    [Fact]
    public void Topics_AcceptMultiLevelPrefix()
    {
        Assert.Equal("site/greenhouse/n-2a/state", new MqttTopics("site/greenhouse", "n-2a").State);
    }

    [Theory]
    [InlineData("", "node-01")]
    [InlineData("/sensornode", "node-01")]
    [InlineData("sensornode/", "node-01")]
    [InlineData("a//b", "node-01")]
    [InlineData("sensor+node", "node-01")]
    [InlineData("sensor#", "node-01")]
    [InlineData("sensornode", "")]
    [InlineData("sensornode", "a/b")]
    [InlineData("sensornode", "+")]
    [InlineData("sensornode", "#")]
    [InlineData("sensornode", "node 1")]
    [InlineData("sensornode", "n_2.a")]
    [InlineData("sensornode", "Node-01")]
    public void Constructor_Throws_ForInvalidPrefixOrNodeId(string prefix, string nodeId)
    {
        Assert.Throws<ArgumentException>(() => new MqttTopics(prefix, nodeId));
    }

    [Fact]
    public void Constructor_Throws_ForNull()
    {
        Assert.Throws<ArgumentException>(() => new MqttTopics(null!, "n"));
        Assert.Throws<ArgumentException>(() => new MqttTopics("p", null!));
    }
}
