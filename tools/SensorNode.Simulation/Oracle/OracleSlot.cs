namespace SensorNode.Simulation.Oracle;

/// <summary>One slot of the oracle's schedule.</summary>
public readonly record struct OracleSlot(
    long StartUnixSeconds,
    bool MotionWakeArmed,
    int TimerWakes,
    bool Transmit,
    int EventsCaptured,
    double StartVolts);
