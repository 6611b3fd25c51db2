using SensorNode.Simulation.Network;

namespace SensorNode.Cli.Tests.Provision;

/// <summary>
/// A fact that needs the mosquitto broker; skipped, with the reason, when it is not installed (tools/test-all.sh
/// installs it). A broker that is installed but does not start is a failure, not a skip.
/// </summary>
public sealed class RequiresMosquittoFactAttribute : FactAttribute
{
    public RequiresMosquittoFactAttribute()
    {
        if (MosquittoBroker.FindExecutable("mosquitto") == null)
        {
            Skip = "mosquitto not installed (apt-get install mosquitto, or run tools/test-all.sh): provisioned-broker test skipped";
        }
    }
}
