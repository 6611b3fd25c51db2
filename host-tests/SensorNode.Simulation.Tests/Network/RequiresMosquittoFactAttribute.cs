using SensorNode.Simulation.Network;

namespace SensorNode.Simulation.Tests.Network;

/// <summary>
/// A fact that needs the mosquitto broker and its mosquitto_sub client installed; skipped, with the reason, when
/// they are not (tools/test-all.sh installs them). A broker that is installed but does not start is a failure.
/// </summary>
public sealed class RequiresMosquittoFactAttribute : FactAttribute
{
    public RequiresMosquittoFactAttribute()
    {
        if (MosquittoBroker.FindExecutable("mosquitto") == null || MosquittoBroker.FindExecutable("mosquitto_sub") == null)
        {
            Skip = "mosquitto / mosquitto_sub not installed (apt-get install mosquitto mosquitto-clients, or run tools/test-all.sh)";
        }
    }
}
