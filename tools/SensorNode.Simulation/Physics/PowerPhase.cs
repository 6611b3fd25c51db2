namespace SensorNode.Simulation.Physics;

/// <summary>Where the node's energy goes: every joule the load draws is booked to one phase.</summary>
public enum PowerPhase
{
    Sleep,
    Boot,
    Compute,
    Sensing,
    FlashWrite,
    WifiAssociate,
    MqttConnect,
    MqttPublish,
    /// <summary>nanoCLR's own radio start and association at boot (profile option boot_radio_associates).</summary>
    BootAssociate,
}
