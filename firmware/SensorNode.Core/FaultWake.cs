using System;
using SensorNode.Core.Config;
using SensorNode.Core.Drivers;
using SensorNode.Core.Energy;
using SensorNode.Core.Hardware;
using SensorNode.Core.Telemetry;

namespace SensorNode.Core
{
    /// <summary>
    /// The wake of a node without a configuration it may run on (<see cref="BootConfiguration"/> has a fault): it never
    /// publishes readings or uses a node id from nf.config, never touches the reading log or the state (their format
    /// depends on the configuration), and sleeps <see cref="FaultSleepSeconds"/>. When it can, it reports the fault
    /// under its <see cref="UnconfiguredIdentity"/> on "&lt;prefix&gt;/unconfigured-&lt;mac&gt;/fault" (retained
    /// <see cref="FaultReport"/>). It can when (1) the network settings are trustworthy
    /// (<see cref="BootConfiguration.NetworkTrusted"/>: both files sealed intact, no error in [wifi], [mqtt] or the
    /// secrets), (2) the chip's MAC gave an identity, and (3) the brown-out guard allows the radio at the supercap
    /// voltage. Otherwise it only logs and sleeps. The supercap is read with the configuration's ADC settings, which
    /// are the reference design's defaults when nf.config is unusable. After a power-on it keeps the maintenance
    /// window (its configured or default length) so the operator can redeploy the files (docs/recovery.md).
    /// </summary>
    public sealed class FaultWake
    {
        /// <summary>Sleep between fault wakes, s: long, so a broken node costs little energy and little broker traffic.</summary>
        public const int FaultSleepSeconds = 3600;

        private readonly BootConfiguration _boot;
        private readonly NodeHardware _hardware;
        private readonly string _identity;

        /// <summary>What the last <see cref="Run"/> did.</summary>
        public FaultWakeReport LastReport;

        /// <summary><paramref name="identity"/>: <see cref="UnconfiguredIdentity.FromMac"/>, or null when the MAC was unreadable.</summary>
        public FaultWake(BootConfiguration boot, NodeHardware hardware, string identity)
        {
            _boot = boot;
            _hardware = hardware;
            _identity = identity;
        }

        /// <summary>Runs the fault wake and returns how to sleep. Never throws for a hardware or radio fault.</summary>
        public SleepPlan Run(WakeCause cause)
        {
            FaultWakeReport report = new FaultWakeReport();
            LastReport = report;
            NodeConfig config = _boot.Config;
            SleepPlan plan = SleepPlan.Safe(FaultSleepSeconds);

            SupercapModel supercap = null;
            BrownoutGuard guard = null;
            int supercapMillivolts = 0;
            bool supercapOk = false;
            try
            {
                supercap = new SupercapModel(config.CapacitanceMillifarads, config.EsrMilliohms, config.BrownoutMillivolts, config.MaxMillivolts);
                guard = new BrownoutGuard(supercap, config.RadioPeakMilliamps, config.TransmitBudgetMillijoules);
                supercapOk = ReadSupercap(config, out supercapMillivolts);
                bool skipped;
                bool radioOn = _hardware.RadioConfig != null && _hardware.RadioConfig.EnabledAtBoot;
                int window = MaintenanceWindow.Seconds(cause, config.MaintenanceWindowSeconds, supercapOk, supercapMillivolts, supercap, guard,
                    radioOn ? config.RadioMilliamps : config.ActiveMilliamps, out skipped);
                report.MaintenanceSkippedForEnergy = skipped;
                if (window > 0)
                {
                    report.MaintenanceSeconds = window;
                    _hardware.Delay.DelayMilliseconds(window * 1000);
                    supercapOk = ReadSupercap(config, out supercapMillivolts);
                }
            }
            catch (Exception)
            {
                // Energy figures the model rejects: nothing can be vouched for, so no radio and no window.
                supercapOk = false;
            }

            report.SupercapMillivolts = supercapOk ? supercapMillivolts : 0;
            if (!_boot.NetworkTrusted || _identity == null)
            {
                report.Reason = !_boot.NetworkTrusted ? "no trustworthy network settings" : "no MAC-derived identity";
                return plan;
            }
            if (!supercapOk || !guard.AllowsRadio(supercapMillivolts))
            {
                report.Reason = "supercap too low for the radio";
                return plan;
            }

            IRadioConfigStore radio = _hardware.RadioConfig;
            if (radio != null && !radio.EnabledAtBoot)
            {
                report.RadioDeferredToNextBoot = true;
                return SleepPlan.IntoRadioWake();
            }

            report.Reported = Report(config, report);
            return plan;
        }

        private bool Report(NodeConfig config, FaultWakeReport report)
        {
            report.RadioStarted = true;
            try
            {
                MqttTopics topics = new MqttTopics(config.TopicPrefix, _identity);
                if (!_hardware.Link.Connect(config.WifiTimeoutMilliseconds))
                {
                    report.Reason = "Wi-Fi connect failed";
                    return false;
                }
                long now;
                if (config.BrokerTls && !_hardware.Clock.TryGetUnixSeconds(out now))
                {
                    report.Reason = "TLS with the clock unset";
                    return false;
                }
                byte[] buffer = new byte[FaultReport.MaxLength];
                int length = FaultReport.Write(buffer, _boot.FaultCode, _boot.ConfigCrc, _boot.Errors);
                // The will repeats the first line, so a drop mid-publish still leaves the fault code retained.
                string will = FaultReport.Prefix + _boot.FaultCode;
                if (!_hardware.Mqtt.Connect(_identity, topics.Fault, will, config.MqttConnectTimeoutMilliseconds))
                {
                    report.Reason = "broker connect failed";
                    return false;
                }
                bool acknowledged = _hardware.Mqtt.PublishQos1(topics.Fault, buffer, length, true, config.MqttAckTimeoutMilliseconds) == MqttPublishResult.Acknowledged;
                if (!acknowledged)
                {
                    report.Reason = "fault report not acknowledged";
                }
                return acknowledged;
            }
            catch (Exception)
            {
                report.Reason = "radio or session error";
                return false;
            }
            finally
            {
                _hardware.Mqtt.Disconnect();
                _hardware.Link.Disconnect();
            }
        }

        private bool ReadSupercap(NodeConfig config, out int millivolts)
        {
            SupercapMonitor monitor = new SupercapMonitor(_hardware.SupercapAdc, config.DividerRatioMilli, config.CalibrationLowRaw,
                config.CalibrationLowMillivolts, config.CalibrationHighRaw, config.CalibrationHighMillivolts, config.AdcSamples);
            return monitor.TryReadMillivolts(_hardware.SupercapGate, _hardware.Delay, config.GateSettleMilliseconds, out millivolts);
        }
    }

    /// <summary>What one <see cref="FaultWake"/> did, for the log and tests.</summary>
    public sealed class FaultWakeReport
    {
        /// <summary>Supercap read this wake, mV; 0 when unreadable.</summary>
        public int SupercapMillivolts;
        /// <summary>Seconds awake for nanoff after a power-on; 0 when none.</summary>
        public int MaintenanceSeconds;
        /// <summary>A maintenance window was due but the supercap could not pay for it.</summary>
        public bool MaintenanceSkippedForEnergy;
        /// <summary>The radio was off at boot: the stored Wi-Fi configuration was enabled to report at the next boot.</summary>
        public bool RadioDeferredToNextBoot;
        /// <summary>Wi-Fi was started this wake.</summary>
        public bool RadioStarted;
        /// <summary>The broker acknowledged the retained fault report.</summary>
        public bool Reported;
        /// <summary>Why nothing was reported (one phrase), or null.</summary>
        public string Reason;
    }
}
