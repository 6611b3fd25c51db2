using SensorNode.Simulation.Network;

namespace SensorNode.Gateway.IntegrationTests.Tls;

/// <summary>A fact that needs openssl on PATH; skipped, with the reason, without it.</summary>
public sealed class RequiresOpensslFactAttribute : FactAttribute
{
    public RequiresOpensslFactAttribute()
    {
        if (MosquittoBroker.FindExecutable("openssl") == null) Skip = "openssl not installed (apt-get install openssl)";
        Timeout = 60_000;
    }
}
