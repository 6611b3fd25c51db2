using SensorNode.Core.Hardware;

namespace SensorNode.Core
{
    /// <summary>
    /// The hardware one wake runs on, as the core's interfaces. Program.cs fills it with Esp32 adapters,
    /// the simulator and tests with simulated devices. The wake cycle builds its drivers over these.
    /// </summary>
    public sealed class NodeHardware
    {
        /// <summary>I2C channel of the temperature/humidity sensor (SHT3x or SHT4x, as configured).</summary>
        public II2cChannel ClimateSensor;
        /// <summary>I2C channel of the light sensor (OPT3001 or BH1750, as configured).</summary>
        public II2cChannel LightSensor;
        /// <summary>ADC channel behind the supercap divider.</summary>
        public IAdcChannel SupercapAdc;
        /// <summary>Load switch of a gated divider (high = divider connected); null when the divider is not gated.</summary>
        public IDigitalOutput SupercapGate;
        /// <summary>The PIR output pin.</summary>
        public IDigitalInput Pir;
        /// <summary>Uptime and wall time.</summary>
        public IClock Clock;
        /// <summary>Blocking waits for sensor conversions.</summary>
        public IDelay Delay;
        /// <summary>Flash: the log, the persisted state, the policy table.</summary>
        public IPersistentStorage Storage;
        /// <summary>Wi-Fi.</summary>
        public INetworkLink Link;
        /// <summary>MQTT over the link.</summary>
        public IMqttSession Mqtt;
        /// <summary>
        /// nanoCLR's stored Wi-Fi station configuration, which decides at boot whether the radio runs this wake
        /// (<see cref="IRadioConfigStore"/>). Null on hosts that model a radio usable at any moment (older simulator
        /// runs, tools): then a wake transmits in the same boot, as before.
        /// </summary>
        public IRadioConfigStore RadioConfig;
        /// <summary>I2C channel of the event RTC (RV-3028-C7, [rtc] in nf.config); null when the board has none.</summary>
        public II2cChannel EventRtc;
    }
}
