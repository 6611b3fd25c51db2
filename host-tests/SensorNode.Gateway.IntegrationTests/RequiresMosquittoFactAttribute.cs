using SensorNode.Simulation.Network;

namespace SensorNode.Gateway.IntegrationTests;

/// <summary>
/// A fact that needs mosquitto and its clients (mosquitto_pub, mosquitto_sub); skipped, with the reason, when they are
/// not installed. A broker that is installed but does not start is a failure, not a skip.
/// </summary>
public sealed class RequiresMosquittoFactAttribute : FactAttribute
{
    public RequiresMosquittoFactAttribute()
    {
        string[] missing = new[] { "mosquitto", "mosquitto_pub", "mosquitto_sub" }.Where(name => MosquittoBroker.FindExecutable(name) == null).ToArray();
        if (missing.Length > 0)
        {
            Skip = $"{string.Join(", ", missing)} not installed (apt-get install mosquitto mosquitto-clients, or run tools/test-all.sh)";
        }
        Timeout = 120_000;
    }
}
