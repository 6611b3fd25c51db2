namespace SensorNode.Gateway.IntegrationTests;

/// <summary>The system clock shifted by <see cref="Offset"/>, which a test changes ("NTP sync", or time moving on while a node sleeps).</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
