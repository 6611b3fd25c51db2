using System.CommandLine;

namespace SensorNode.Cli.Fleet;

/// <summary><c>sensornode fleet</c>: new application code for sleeping nodes over MQTT (docs/updates.md): schedule, progress, simulation.</summary>
public static class FleetCommand
{
    public static Command Build() => new("fleet", "application updates for sleeping nodes over MQTT: update, status, simulate (docs/updates.md)")
    {
        FleetUpdateCommand.Build(),
        FleetStatusCommand.Build(),
        FleetSimulateCommand.Build(),
    };
}
