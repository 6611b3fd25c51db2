namespace SensorNode.Core.Hardware
{
    /// <summary>The Wi-Fi link. Bringing it up is the most expensive thing the node does.</summary>
    public interface INetworkLink
    {
        /// <summary>Associates and obtains an address within <paramref name="timeoutMilliseconds"/>. False on failure or timeout.</summary>
        bool Connect(int timeoutMilliseconds);

        /// <summary>Turns the radio off. Safe to call when not connected.</summary>
        void Disconnect();
    }
}
