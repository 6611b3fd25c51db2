namespace SensorNode.Core.Telemetry
{
    /// <summary>
    /// The identity of a node that has no configuration it can trust: "unconfigured-" and the 12 lower-case hex
    /// digits of the chip's station MAC. The MAC is burnt into the ESP32's eFuses (nanoCLR copies it into the
    /// network configuration block, nf-interpreter targets/ESP32/_common/targetHAL_ConfigurationManager.cpp
    /// InitialiseNetworkDefaultConfig, esp_efuse_mac_get_default), so the id differs between chips and survives a
    /// reformatted I:. It is a valid node id and topic level (25 characters of [a-z0-9-]), and nf.config may not use
    /// the prefix (<see cref="Config.ConfigParser"/> rejects it), so it can never collide with a configured node.
    /// </summary>
    public static class UnconfiguredIdentity
    {
        /// <summary>Start of every unconfigured identity.</summary>
        public const string Prefix = "unconfigured-";

        /// <summary>Length of a MAC-48 address, bytes.</summary>
        public const int MacLength = 6;

        /// <summary>
        /// "unconfigured-&lt;12 hex&gt;" from the first 6 bytes of <paramref name="mac"/>; null when the MAC is missing,
        /// shorter than 6 bytes, or all zero or all 0xFF (unreadable): a node without an identity must not publish.
        /// </summary>
        public static string FromMac(byte[] mac)
        {
            if (mac == null || mac.Length < MacLength)
            {
                return null;
            }

            bool allZero = true;
            bool allOnes = true;
            char[] hex = new char[MacLength * 2];
            for (int i = 0; i < MacLength; i++)
            {
                byte b = mac[i];
                allZero &= b == 0x00;
                allOnes &= b == 0xFF;
                hex[i * 2] = Digit(b >> 4);
                hex[i * 2 + 1] = Digit(b & 0x0F);
            }

            if (allZero || allOnes)
            {
                return null;
            }

            return Prefix + new string(hex);
        }

        private static char Digit(int value)
        {
            return (char)(value < 10 ? '0' + value : 'a' + value - 10);
        }
    }
}
