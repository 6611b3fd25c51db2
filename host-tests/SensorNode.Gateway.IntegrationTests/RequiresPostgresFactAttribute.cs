using SensorNode.Simulation.Network;

namespace SensorNode.Gateway.IntegrationTests;

/// <summary>
/// A fact that needs mosquitto and PostgreSQL (Debian's postgresql package: /usr/lib/postgresql/*/bin); skipped, with
/// the reason, when either is missing (tools/test-all.sh installs both; under CI=true a skip fails the run).
/// </summary>
public sealed class RequiresPostgresFactAttribute : FactAttribute
{
    public RequiresPostgresFactAttribute()
    {
        var mosquitto = new RequiresMosquittoFactAttribute();
        if (mosquitto.Skip != null) Skip = mosquitto.Skip;
        else if (PostgresServer.FindBin() == null) Skip = "PostgreSQL is not installed (apt-get install postgresql, or run tools/test-all.sh)";
        Timeout = 180_000;
    }
}
