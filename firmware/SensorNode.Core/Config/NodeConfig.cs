namespace SensorNode.Core.Config
{
    /// <summary>
    /// The node's configuration, as read from <c>nf.config</c> (see <see cref="ConfigParser"/>); defaults are the
    /// reference design's. Secrets are not here: see <see cref="NodeSecrets"/>. Units are in the names.
    /// Immutable by convention after <see cref="ConfigParser"/> returns it.
    /// </summary>
    public sealed class NodeConfig
    {
        // [board]: used by nanoff (sensornode flash), not by the firmware.
        /// <summary>nanoff target name, e.g. ESP32_REV3.</summary>
        public string BoardTarget = "ESP32_REV3";
        /// <summary>Serial port of the board, e.g. /dev/ttyUSB0 or COM3.</summary>
        public string SerialPort = "/dev/ttyUSB0";
        /// <summary>
        /// Flash address of the application image for nanoff --deploy: the start of the <c>deploy</c> partition of
        /// the partition table that <see cref="FirmwareVersion"/> ships (0x1E0000 for ESP32 nanoCLR built since
        /// nf-interpreter 53be3026, 2025-09-17; docs/flashing.md).
        /// </summary>
        public int DeployAddress = 0x1E0000;
        /// <summary>
        /// nanoCLR firmware version flashed by nanoff --update (passed as --fwversion), e.g. 1.17.0.339; it fixes
        /// the partition table and so <see cref="DeployAddress"/>: the two change together.
        /// </summary>
        public string FirmwareVersion = "1.17.0.339";

        // [pins]
        /// <summary>I2C bus id (nanoFramework counts from 1).</summary>
        public int I2cBusId = 1;
        /// <summary>GPIO of I2C SDA.</summary>
        public int I2cDataPin = 18;
        /// <summary>GPIO of I2C SCL.</summary>
        public int I2cClockPin = 19;
        /// <summary>GPIO of the PIR output; must be an RTC GPIO (0,2,4,12-15,25-27,32-39) to wake from deep sleep via ext0.</summary>
        public int PirPin = 27;
        /// <summary>ADC1 logical channel (0-7) of the supercap divider; ADC2 is unusable with Wi-Fi on.</summary>
        public int SupercapAdcChannel = 6;
        /// <summary>
        /// GPIO that switches a gated supercap divider on (high) for the reading, so it draws nothing asleep;
        /// -1 for an ungated divider. Must be an output-capable GPIO (not 34-39).
        /// </summary>
        public int SupercapGatePin = -1;
        /// <summary>
        /// Bench aid: GPIO driven high as the first thing Main does after reading this file, and the boot time logged
        /// in microseconds, so a scope can time boot-to-Main; -1 (default) for none. Output-capable GPIO only (not 6-11, 34-39).
        /// </summary>
        public int BootMarkerPin = -1;

        // [sensors]
        /// <summary>Which temperature/humidity sensor is fitted.</summary>
        public ClimateSensorKind ClimateSensor = ClimateSensorKind.Sht3x;
        /// <summary>Climate sensor address: SHT3x 0x44 (ADDR low) or 0x45 (ADDR high); SHT4x 0x44, 0x45 or 0x46 by part number.</summary>
        public int ClimateAddress = 0x44;
        /// <summary>Which light sensor is fitted.</summary>
        public LightSensorKind LightSensor = LightSensorKind.Opt3001;
        /// <summary>Light sensor address: OPT3001 0x44-0x47 (0x45 = ADDR to VDD, avoids the SHT3x), BH1750 0x23/0x5C.</summary>
        public int LightAddress = 0x45;

        // [adc]
        /// <summary>Supercap divider ratio x1000 (Vcap / Vpin): 2500 puts a full 5.4 V supercap at 2.16 V, inside the ESP32 ADC's accurate 150-2450 mV range at 11 dB.</summary>
        public int DividerRatioMilli = 2500;
        /// <summary>Conversions averaged per supercap reading (1-64).</summary>
        public int AdcSamples = 8;
        /// <summary>Wait after switching a gated divider on before sampling, ms (0-1000): about 5 RC of the divider and its filter capacitor.</summary>
        public int GateSettleMilliseconds = 10;
        /// <summary>Two-point calibration, low point: raw count read...</summary>
        public int CalibrationLowRaw = 410;
        /// <summary>...for this voltage at the ADC pin, mV.</summary>
        public int CalibrationLowMillivolts = 480;
        /// <summary>Two-point calibration, high point: raw count read...</summary>
        public int CalibrationHighRaw = 3686;
        /// <summary>...for this voltage at the ADC pin, mV.</summary>
        public int CalibrationHighMillivolts = 2560;

        // [supercap]
        /// <summary>Supercap capacitance, mF (1500 = 1.5 F).</summary>
        public int CapacitanceMillifarads = 1500;
        /// <summary>Supercap equivalent series resistance, milliohm.</summary>
        public int EsrMilliohms = 200;
        /// <summary>Below this the regulator drops out and the ESP32 browns out, mV.</summary>
        public int BrownoutMillivolts = 3000;
        /// <summary>The harvester clamps the supercap here, mV.</summary>
        public int MaxMillivolts = 5400;

        // [power]: the node's own figures, used for energy accounting and the brown-out guard.
        /// <summary>Whole-board current in deep sleep, uA.</summary>
        public int SleepMicroamps = 15;
        /// <summary>Current while awake with the radio off (CPU, sensors), mA.</summary>
        public int ActiveMilliamps = 45;
        /// <summary>Average current while Wi-Fi is up, mA.</summary>
        public int RadioMilliamps = 130;
        /// <summary>Peak current of a Wi-Fi transmit burst, mA (drawn through the ESR).</summary>
        public int RadioPeakMilliamps = 300;
        /// <summary>Energy one connect-and-publish costs, mJ: the guard requires this much above brown-out.</summary>
        public int TransmitBudgetMillijoules = 600;
        /// <summary>
        /// A transmitting wake looks for a new policy table only with the supercap at or above this, mV (brownout_millivolts
        /// to max_millivolts): receiving and writing it costs radio time and a flash write a low supercap cannot spare.
        /// </summary>
        public int PolicyUpdateMinMillivolts = 4000;

        /// <summary>Default of <see cref="SafeIntervalSeconds"/>; also the firmware's interval when no configuration could be read.</summary>
        public const int DefaultSafeIntervalSeconds = 600;

        // [wake]
        /// <summary>
        /// The fixed set of wake intervals the policy chooses from, s, ascending; exactly 8. Every wake is a ~0.1 J
        /// nanoCLR boot, so the set reaches 2 h: a low supercap must be able to sleep through an office night.
        /// </summary>
        public int[] WakeIntervalsSeconds = new int[] { 15, 60, 300, 600, 900, 1800, 3600, 7200 };
        /// <summary>Sleep used when a wake fails unexpectedly, s.</summary>
        public int SafeIntervalSeconds = DefaultSafeIntervalSeconds;
        /// <summary>
        /// After a power-on or EN reset, stay awake this long before the first sleep so nanoff can reach nanoCLR
        /// (file deployment, --nanodevice), s (0 to 600; 0 disables). Skipped when the supercap cannot afford it.
        /// </summary>
        public int MaintenanceWindowSeconds = 30;

        // [time]
        /// <summary>Local time offset from UTC, minutes (-720 to 840; for the hour-of-day policy input).</summary>
        public int UtcOffsetMinutes = 0;

        // [wifi]
        /// <summary>Wi-Fi network name (the password is a secret).</summary>
        public string WifiSsid = "sensornode";
        /// <summary>Static IPv4 address, or empty for DHCP (static saves ~0.8 s of radio time per wake).</summary>
        public string StaticIp = "";
        /// <summary>Netmask for a static address.</summary>
        public string Netmask = "255.255.255.0";
        /// <summary>Gateway for a static address.</summary>
        public string Gateway = "";
        /// <summary>DNS server for a static address.</summary>
        public string Dns = "";
        /// <summary>Give up associating after this long, ms.</summary>
        public int WifiTimeoutMilliseconds = 8000;

        // [mqtt]
        /// <summary>Broker host name or address.</summary>
        public string BrokerHost = "mqtt.local";
        /// <summary>Broker port (1883 plain, 8883 TLS).</summary>
        public int BrokerPort = 1883;
        /// <summary>Use TLS to the broker.</summary>
        public bool BrokerTls = false;
        /// <summary>First topic level of every topic.</summary>
        public string TopicPrefix = "sensornode";
        /// <summary>This node's id: a topic level and the MQTT client id ([a-z0-9-], 1-32 chars).</summary>
        public string NodeId = "node-01";
        /// <summary>Give up connecting to the broker after this long, ms.</summary>
        public int MqttConnectTimeoutMilliseconds = 5000;
        /// <summary>Wait this long for each PUBACK, ms.</summary>
        public int MqttAckTimeoutMilliseconds = 3000;
        /// <summary>Readings per published message (1-16).</summary>
        public int ReadingsPerMessage = 8;

        // [log]
        /// <summary>Readings the store-and-forward log holds before the oldest are dropped.</summary>
        public int LogCapacityReadings = 256;

        // [service]: what the building needs from the node; read by the host tools (train, evaluate), not by the
        // node. Definitions in docs/policy.md "Service metrics and utility".
        /// <summary>An arrival is a motion event after at least this many minutes without one (1-1440).</summary>
        public int ServiceArrivalGapMinutes = 30;
        /// <summary>An arrival is on time when its reading is at the broker within this many minutes of the event (1-1440).</summary>
        public int ServiceArrivalTargetMinutes = 15;
        /// <summary>Temperature coverage counts intervals of this many minutes with a reading at the broker (1-1440).</summary>
        public int ServiceTemperatureIntervalMinutes = 60;
        /// <summary>Utility weight of the fraction of events captured, thousandths (0-100000).</summary>
        public int ServiceWeightEventsMilli = 1000;
        /// <summary>Utility weight of the fraction of arrivals on time, thousandths (0-100000).</summary>
        public int ServiceWeightArrivalsMilli = 1000;
        /// <summary>Utility weight of the temperature coverage, thousandths (0-100000).</summary>
        public int ServiceWeightTemperatureMilli = 1000;
        /// <summary>Utility penalty per unit of dead-time fraction, thousandths (0-100000).</summary>
        public int ServiceWeightDeadTimeMilli = 1000;
        /// <summary>Utility penalty per brown-out per day above the least-spending floor, thousandths (0-100000).</summary>
        public int ServiceWeightBrownoutMilli = 3250;

        // [rtc]: the optional event RTC (RV-3028-C7, docs/hardware.md). Present (any key set): the PIR drives the RTC's
        // event input, the RTC's INT wakes the ESP32, and the RTC is the node's clock. Absent: the design without it.
        /// <summary>True when nf.config has an [rtc] section with at least one key (a property: set by those keys, not a key itself).</summary>
        public bool RtcFitted { get; set; }
        /// <summary>7-bit I2C address of the RTC (the RV-3028-C7's is fixed at 0x52).</summary>
        public int RtcAddress = 0x52;
        /// <summary>RTC GPIO wired to the RTC's open-drain INT output (pulled up; ext0 wakes on low).</summary>
        public int RtcInterruptPin = 26;
        /// <summary>After an SNTP sync, the RTC is set when it differs from network time by more than this, s (0-3600).</summary>
        public int RtcSyncToleranceSeconds = 1;
        /// <summary>
        /// Sleep at low charge, s (0 = off, else at least the longest [wake] interval, up to 86400): where the policy chooses the
        /// longest [wake] interval and the supercap is in voltage bin low or critical (under 20 % of the brown-out..max
        /// range), a node with the RTC sleeps this long instead; the RTC keeps the clock and counts the motion meanwhile
        /// (docs/policy.md "Results against issue 18's targets").
        /// </summary>
        public int RtcLowChargeSleepSeconds = 0;
        /// <summary>
        /// GPIO that holds the ESP32's load switch on (-1 = no switch: the ESP32 deep-sleeps). With it, the RTC is the
        /// node's power switch: the node sleeps with the ESP32 off and the RTC's INT (countdown or event) switches it
        /// back on (<see cref="RtcPowerGate"/>, docs/hardware.md "The RTC as the power switch").
        /// </summary>
        public int RtcPowerHoldPin = -1;

        /// <summary>True when the event RTC is fitted and switches the ESP32's power ([rtc] power_hold_pin set).</summary>
        public bool RtcPowerGated
        {
            get { return RtcFitted && RtcPowerHoldPin >= 0; }
        }

        // [watch]: the watch commitment (docs/occupancy.md "The watch commitment"). Off unless commit_minutes is set.
        /// <summary>
        /// Length of the commitment each publish carries, min (0-255; 0 = off): the PIR stays armed that long and the node
        /// transmits at once when the room turns active (motion after quiet) or quiet, and renews it when it runs out.
        /// </summary>
        public int WatchCommitMinutes;
        /// <summary>Quiet = no motion for this long, min (1-240): the node reports it then (the gateway's vacancy delay).</summary>
        public int WatchQuietMinutes = 40;
        /// <summary>A new commitment only at or above this supercap voltage, mV (0-65535): one already made is kept.</summary>
        public int WatchMinMillivolts = 4000;
        /// <summary>New commitments only from this local hour (0-23, [time] utc_offset_minutes)...</summary>
        public int WatchFirstHour = 7;
        /// <summary>...to before this one (1-24): outside the HVAC schedule's occupied period the building sets back anyway.</summary>
        public int WatchLastHour = 19;
        /// <summary>New commitments Monday to Friday only (local days).</summary>
        public bool WatchWeekdaysOnly = true;
        /// <summary>
        /// A commitment that would end after last_hour runs on to commit_minutes after the next first_hour (over the night,
        /// or a weekend), when the supercap holds the sleep until then and the reports owed meanwhile.
        /// </summary>
        public bool WatchOvernight;
    }
}
