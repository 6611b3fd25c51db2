using SensorNode.Simulation.Devices;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Deployment;

/// <summary>
/// One node deployed for the whole of <see cref="SimulationSetup.Environment"/>, continuously (its flash, supercap and
/// clock carry on across retrains), with a gateway listening on its broker: every message reaches
/// <see cref="IDeploymentGateway.OnMessage"/> as it arrives, and each day start reaches <see cref="IDeploymentGateway.OnDay"/>.
/// Tables reach the node only through the broker (the retained policy command the core takes and acks).
/// </summary>
public static class DeploymentSimulator
{
    /// <summary>Runs the deployment; the result's timeline holds every wake, event and brown-out.</summary>
    public static NodeRunResult Run(SimulationSetup setup, IDeploymentGateway gateway)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(gateway);
        var simulator = new NodeSimulator(setup, 0, recordTimeline: true);
        SimulatedBroker broker = simulator.Node.Broker;
        Action<string, ReadOnlySpan<byte>, long>? bookkeeping = broker.OnMessage;
        broker.OnMessage = (topic, payload, arrivedMs) =>
        {
            bookkeeping?.Invoke(topic, payload, arrivedMs);
            gateway.OnMessage(topic, payload.ToArray(), arrivedMs);
        };
        gateway.Attach(broker);
        long start = setup.Environment.StartUnixSeconds;
        int days = setup.Environment.DayCount;
        return simulator.Run(day =>
        {
            if (day < days) gateway.OnDay(day, start + day * 86_400L);
        });
    }
}
