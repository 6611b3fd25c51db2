namespace SensorNode.Core.Config
{
    /// <summary>Secrets, read from the git-ignored <c>secrets.config</c>, never from nf.config.</summary>
    public sealed class NodeSecrets
    {
        /// <summary>Wi-Fi passphrase.</summary>
        public string WifiPassword = "";
        /// <summary>MQTT user name; empty for anonymous.</summary>
        public string MqttUsername = "";
        /// <summary>MQTT password.</summary>
        public string MqttPassword = "";
    }
}
