using System.Text.Json;
using SensorNode.Cli;

namespace SensorNode.Gateway.IntegrationTests.Service;

/// <summary>
/// Issue 10, fault campaign: the short CI version of <c>sensornode soak</c> (about 30-50 s on the shared 2-core VM): every fault kind runs against a
/// real mosquitto and a gateway process, and nothing the broker acknowledged is lost except by mosquitto itself; the disk-full gateway
/// gives up with exit 1 and its restart stores everything, the clock-behind gateway acknowledges nothing from its future,
/// and a hostile node with the gateway's client id neither kicks it nor wipes its queued readings.
/// </summary>
public class SoakTests
{
    // About 30 s on an idle 2-core machine, over a minute when other builds share it: a longer deadline than the default.
    [RequiresMosquittoFact(Timeout = 240_000)]
    public Task ShortSoak_LosesNothing_ButWhatMosquittoItselfLost_AndWritesEveryRow() => Task.Run(() =>
    {
        string dir = Directory.CreateTempSubdirectory("sensornode-soak-test-").FullName;
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int code = SoakCommand.Run(["--minutes", "0.25", "--out", dir], output, error);

            Assert.True(code == CommandLine.Ok, $"{output}\n{error}");
            using JsonDocument soak = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "soak.json")));
            JsonElement[] rows = soak.RootElement.EnumerateArray().ToArray();
            Assert.Equal(SoakCommand.Faults, rows.Select(r => r.GetProperty("fault").GetString()));
            foreach (JsonElement row in rows)
            {
                long acknowledged = row.GetProperty("acknowledged").GetInt64();
                long stored = row.GetProperty("stored").GetInt64();
                Assert.True(acknowledged > 0, row.ToString());
                Assert.Equal(acknowledged - stored, row.GetProperty("lost").GetInt64());
                if (!row.GetProperty("broker_side").GetBoolean()) Assert.Equal(0, row.GetProperty("lost").GetInt64());
                Assert.DoesNotContain(SoakCommand.FailedMark, row.GetProperty("note").GetString());
            }
            Assert.Contains("| fault | acknowledged | stored | lost | duplicated | broker_side |", output.ToString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    });
}
