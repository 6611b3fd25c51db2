using System.Globalization;
using System.Text.Json;
using SensorNode.Cli;

namespace SensorNode.Gateway.IntegrationTests.Service;

/// <summary>
/// `sensornode faults --publish`: the detector's verdicts reach Home Assistant as retained problem binary_sensors,
/// read back by mosquitto_sub (an independent client) after the publisher has disconnected.
/// </summary>
public class FaultProblemSensorTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Dispatch(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [RequiresMosquittoFact]
    public async Task FlaggedRoom_IsRetainedOn_WithWhatAndSince_AndACheckedRoom_IsRetainedOff()
    {
        await using var harness = new GatewayHarness();
        string folder = Path.GetDirectoryName(harness.DatabasePath)!;
        string building = Path.Combine(folder, "building.json");
        File.WriteAllText(building, """
            { "name": "ci", "start": "2024-11-04", "days": 12, "seed": 11, "room_count": 10,
              "faults": [ { "room": "r04", "kind": "stuck-open-hot", "start_day": 3, "magnitude": 0.8 } ] }
            """);
        var (code, _, err) = Run("faults", "simulate", "--building-spec", building, "--db", harness.DatabasePath, "--out", Path.Combine(folder, "sim"), "--quiet");
        Assert.True(code == CommandLine.Ok, err);

        string url = "mqtt://127.0.0.1:" + harness.Port.ToString(CultureInfo.InvariantCulture);
        (code, string stdout, err) = Run("faults", "--db", harness.DatabasePath, "--out", Path.Combine(folder, "faults"), "--publish", url);
        Assert.True(code == CommandLine.Ok, err);
        Assert.Contains("published 10 problem binary_sensor(s) (1 ON)", stdout);

        // Retained: a subscriber that connects after the publisher left still gets every config and state.
        var configs = MosquittoClients.Subscribe(harness.Port, "homeassistant/binary_sensor/+/config", count: 10, waitSeconds: 5).ToDictionary(m => m.Topic, m => m.Payload);
        Assert.Equal(10, configs.Count);
        using JsonDocument config = JsonDocument.Parse(configs["homeassistant/binary_sensor/ci-r04_hvac_fault/config"]);
        JsonElement c = config.RootElement;
        Assert.Equal("problem", c.GetProperty("device_class").GetString());
        Assert.Equal("sensornode_ci-r04_hvac_fault", c.GetProperty("unique_id").GetString());
        Assert.Equal("sensornode/ci-r04/ha/hvac_fault", c.GetProperty("state_topic").GetString());
        Assert.Equal("sensornode/ci-r04/ha/hvac_fault/attributes", c.GetProperty("json_attributes_topic").GetString());
        Assert.Equal("ci-r04", c.GetProperty("device").GetProperty("identifiers")[0].GetString()); // the node's device, as its sensors
        Assert.Equal("r04", c.GetProperty("device").GetProperty("suggested_area").GetString());

        var states = MosquittoClients.Subscribe(harness.Port, "sensornode/+/ha/hvac_fault", count: 10, waitSeconds: 5).ToDictionary(m => m.Topic, m => m.Payload);
        Assert.Equal(10, states.Count);
        Assert.Equal("ON", states["sensornode/ci-r04/ha/hvac_fault"]);
        Assert.Equal("OFF", states["sensornode/ci-r01/ha/hvac_fault"]);
        Assert.Single(states.Values, v => v == "ON");

        var attributes = MosquittoClients.Subscribe(harness.Port, "sensornode/ci-r04/ha/hvac_fault/attributes", count: 1, waitSeconds: 5);
        using JsonDocument a = JsonDocument.Parse(Assert.Single(attributes).Payload);
        Assert.Equal("r04", a.RootElement.GetProperty("room").GetString());
        string unusual = a.RootElement.GetProperty("unusual").GetString()!;
        Assert.True(unusual.Contains("too hot when occupied") || unusual.Contains("does not set back"), unusual);
        string since = a.RootElement.GetProperty("since").GetString()!;
        Assert.InRange(string.CompareOrdinal(since, "2024-11-05"), 0, int.MaxValue); // the fault started 2024-11-07; onset may be a day or two early
        Assert.True(string.CompareOrdinal(since, "2024-11-14") <= 0, since);
        var off = MosquittoClients.Subscribe(harness.Port, "sensornode/ci-r01/ha/hvac_fault/attributes", count: 1, waitSeconds: 5);
        using JsonDocument o = JsonDocument.Parse(Assert.Single(off).Payload);
        Assert.Equal(JsonValueKind.Null, o.RootElement.GetProperty("unusual").ValueKind);
        Assert.Equal("2024-11-04", o.RootElement.GetProperty("checked_from").GetString());
    }

    [Fact]
    public void PublishOptions_AreCheckedFirst_ABadUrlOrAPrefixWithoutPublishIsAUsageError()
    {
        string folder = Directory.CreateTempSubdirectory("sensornode-faults-pub-").FullName;
        try
        {
            var (code, _, err) = Run("faults", "--db", Path.Combine(folder, "missing.db"), "--publish", "http://127.0.0.1:1");
            Assert.Equal(CommandLine.Usage, code);
            Assert.Contains("--publish", err);
            (code, _, err) = Run("faults", "--db", Path.Combine(folder, "missing.db"), "--prefix", "x");
            Assert.Equal(CommandLine.Usage, code);
            Assert.Contains("need --publish", err);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
