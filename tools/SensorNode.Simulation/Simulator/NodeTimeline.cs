namespace SensorNode.Simulation.Simulator;

/// <summary>
/// Time series of one node for the plots, sampled sparsely enough that a year stays small
/// (one voltage/harvest sample per <see cref="SampleSeconds"/>, every wake and event as a point).
/// </summary>
public sealed class NodeTimeline
{
    public int SampleSeconds { get; init; } = 600;
    public long StartUnixSeconds { get; init; }
    /// <summary>Unix seconds of each sample.</summary>
    public List<long> SampleTimes { get; } = new();
    public List<double> SupercapVolts { get; } = new();
    /// <summary>Power into the supercap at that sample, uW.</summary>
    public List<double> HarvestMicrowatts { get; } = new();
    /// <summary>Unix seconds of wakes that did not transmit.</summary>
    public List<long> WakeTimes { get; } = new();
    /// <summary>Unix seconds of wakes that brought Wi-Fi up.</summary>
    public List<long> TransmitTimes { get; } = new();
    public List<long> CapturedEventTimes { get; } = new();
    public List<long> MissedEventTimes { get; } = new();
    public List<long> BrownoutTimes { get; } = new();
}
