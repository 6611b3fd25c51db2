using System.Collections;
using SensorNode.Core.Config;
using SensorNode.Core.Telemetry;
using SensorNode.Gateway.Service;

namespace SensorNode.Gateway.Tests.Decoding;

/// <summary>
/// Issue 10, item 8: one node-id rule, the core's (<see cref="NodeIds"/>), enforced alike by nf.config's validator,
/// the gateway's topic check and Home Assistant's ids, so a.b and a_b can neither both exist nor collide.
/// </summary>
public class NodeIdRuleTests
{
    public static TheoryData<string, bool> Ids => new()
    {
        { "node-01", true }, { "a", true }, { new string('z', 32), true }, { "0-9", true },
        { "a.b", false }, { "a_b", false }, { "..", false }, { ".", false }, { "NODE-UP", false }, { "Node-01", false },
        { "nöde", false }, { "a'b;drop table readings;--", false }, { new string('z', 33), false }, { "", false }, { "a b", false },
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void NfConfig_Gateway_AndTheCore_AgreeOnEveryId(string id, bool valid)
    {
        var errors = new ArrayList();
        ConfigParser.Validate(new NodeConfig { NodeId = id }, "nf.config", errors);
        bool configAccepts = !errors.Cast<ConfigError>().Any(e => e.Field == "mqtt.node_id");
        bool gatewayAccepts = GatewayTopics.TryParse($"sensornode/{id}/state", "sensornode", out _);

        Assert.Equal(valid, NodeIds.IsValid(id));
        Assert.Equal(valid, configAccepts);
        Assert.Equal(valid, gatewayAccepts);
    }

    [Fact]
    public void HomeAssistantIds_AreTheNodeIdAsItIs_AndRefuseAnIdOutsideTheRule()
    {
        var configs = HomeAssistantDiscovery.Configs("homeassistant", "sensornode", "a-b", null, 720);
        Assert.Contains(configs, c => c.Topic == "homeassistant/device/a-b/config");
        Assert.Contains(configs, c => c.Topic == "homeassistant/sensor/a-b_temperature/config" && c.Payload == "");
        Assert.Throws<ArgumentException>(() => HomeAssistantDiscovery.Configs("homeassistant", "sensornode", "a.b", null, 720).ToList());
    }
}
