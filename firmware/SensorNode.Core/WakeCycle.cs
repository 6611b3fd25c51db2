using SensorNode.Core.Config;
using SensorNode.Core.Hardware;

namespace SensorNode.Core
{
    /// <summary>
    /// One whole wake: sense -> decide -> (maybe) transmit -> plan the sleep. Everything it needs from the
    /// previous wake is read from flash; nothing is carried in RAM (a deep sleep is a reboot).
    /// </summary>
    public sealed class WakeCycle
    {
        private readonly NodeConfig _config;
        private readonly NodeHardware _hardware;

        /// <summary>Builds the drivers over <paramref name="hardware"/>. Throws on a configuration the drivers reject.</summary>
        public WakeCycle(NodeConfig config, NodeHardware hardware)
        {
            _config = config;
            _hardware = hardware;
        }

        /// <summary>Runs one wake and returns how to sleep. Sensor, radio and storage faults are handled inside.</summary>
        public SleepPlan Run(WakeCause cause)
        {
            // Placeholder until the wake cycle lands (foundation commit).
            return SleepPlan.Safe(_config.SafeIntervalSeconds);
        }
    }
}
