using SensorNode.Simulation.Devices;

namespace SensorNode.Simulation.Deployment;

/// <summary>
/// The gateway side of a simulated deployment (<see cref="DeploymentSimulator"/>): it sees every message the node
/// publishes, can publish retained commands on the node's broker, and is told when each simulated day starts (to
/// retrain and push).
/// </summary>
public interface IDeploymentGateway
{
    /// <summary>The broker the node talks to; the gateway publishes retained commands there.</summary>
    void Attach(SimulatedBroker broker);

    /// <summary>A message the node published (state, ack, availability, ...), arrived at <paramref name="arrivedUnixMs"/>.</summary>
    void OnMessage(string topic, byte[] payload, long arrivedUnixMs);

    /// <summary>Day <paramref name="day"/> (0 = the first) begins at <paramref name="dayStartUnixSeconds"/>; called before its first wake.</summary>
    void OnDay(int day, long dayStartUnixSeconds);
}
