namespace SensorNode.Simulation.Tests.Network;

/// <summary>
/// The tests that time a real broker (mosquitto, or a silent socket) against connect and ack timeouts. They share this
/// assembly with CPU-heavy training and simulation tests on a 2-core CI machine, so they run alone, after the
/// parallel ones: a starved broker or session would miss its CONNACK for reasons the code under test does not own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealBrokerCollection
{
    public const string Name = "real broker, run alone";
}
