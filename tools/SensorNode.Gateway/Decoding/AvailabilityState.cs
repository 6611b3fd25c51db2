namespace SensorNode.Gateway;

/// <summary>The retained availability payloads of docs/mqtt.md.</summary>
public enum AvailabilityState
{
    /// <summary>"online": connected and listening.</summary>
    Online,
    /// <summary>"sleeping:&lt;s&gt;": clean end of a wake, deep sleep of s seconds planned.</summary>
    Sleeping,
    /// <summary>"lost": the broker's will, the connection dropped without DISCONNECT.</summary>
    Lost,
}
