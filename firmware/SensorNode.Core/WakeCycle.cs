using System;
using SensorNode.Core.Config;
using SensorNode.Core.Drivers;
using SensorNode.Core.Energy;
using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;
using SensorNode.Core.Storage;
using SensorNode.Core.Telemetry;

namespace SensorNode.Core
{
    /// <summary>
    /// One whole wake: sense -> decide -> (maybe) transmit -> plan the sleep. Everything it needs from the
    /// previous wake is read from flash and everything the next wake needs is written back; nothing is
    /// carried in RAM (a deep sleep is a reboot). Create a new instance on every boot.
    /// </summary>
    public sealed class WakeCycle
    {
        /// <summary>Flash file of the store-and-forward log.</summary>
        public const string LogFileName = "log.bin";
        /// <summary>Flash file of the persisted <see cref="NodeState"/>.</summary>
        public const string StateFileName = "state.bin";
        /// <summary>Most messages sent in one wake, so a long backlog cannot keep the radio on indefinitely.</summary>
        public const int MaxMessagesPerWake = 8;
        /// <summary>Time constant of the PIR event-rate estimate, s.</summary>
        public const int EventRateWindowSeconds = 3600;

        private readonly NodeConfig _config;
        private readonly NodeHardware _hardware;
        private readonly IClimateSensor _climate;
        private readonly ILightSensor _light;
        private readonly SupercapMonitor _supercapMonitor;
        private readonly PirSensor _pir;
        private readonly SupercapModel _supercap;
        private readonly BrownoutGuard _guard;
        private readonly ReadingLog _log;
        private readonly NodeStateStore _stateStore;
        private readonly MqttTopics _topics;
        // Allocated only by a wake that transmits (most wakes do not): ~3.7 KB of nanoCLR heap.
        private SenmlWriter _senml;
        private Reading[] _batch;
        // Only when the SenML buffer is too small for a command (readings_per_message of 1).
        private byte[] _commandBuffer;

        /// <summary>What the last <see cref="Run"/> did, for logging and the simulator's metrics.</summary>
        public WakeReport LastReport;

        /// <summary>
        /// CRC-32 of nf.config's sealed body (<see cref="BootConfiguration.ConfigCrc"/>), announced with the retained
        /// sleeping message ("sleeping:600;cfg=1A2B3C4D"); 0 (unknown) announces the plain "sleeping:600".
        /// </summary>
        public uint ConfigCrc;

        private readonly IWakePolicy _policyOverride;
        // Null without [rtc]: the design without the event RTC, unchanged.
        private readonly EventRtc _eventRtc;

        /// <summary>Builds the drivers over <paramref name="hardware"/>. Throws <see cref="ArgumentException"/> on a configuration they reject.</summary>
        public WakeCycle(NodeConfig config, NodeHardware hardware)
            : this(config, hardware, null)
        {
        }

        /// <summary>
        /// As above, with a policy that replaces the table from flash (host tools only: baselines, training).
        /// Null keeps the device behaviour: the table in flash, or the built-in one.
        /// </summary>
        public WakeCycle(NodeConfig config, NodeHardware hardware, IWakePolicy policyOverride)
        {
            _policyOverride = policyOverride;
            _config = config;
            _hardware = hardware;
            _climate = SensorDrivers.Climate(config.ClimateSensor, hardware.ClimateSensor);
            _light = SensorDrivers.Light(config.LightSensor, hardware.LightSensor);
            _supercapMonitor = new SupercapMonitor(hardware.SupercapAdc, config.DividerRatioMilli,
                config.CalibrationLowRaw, config.CalibrationLowMillivolts,
                config.CalibrationHighRaw, config.CalibrationHighMillivolts, config.AdcSamples);
            _pir = new PirSensor(hardware.Pir);
            _supercap = new SupercapModel(config.CapacitanceMillifarads, config.EsrMilliohms, config.BrownoutMillivolts, config.MaxMillivolts);
            _guard = new BrownoutGuard(_supercap, config.RadioPeakMilliamps, config.TransmitBudgetMillijoules);
            _log = new ReadingLog(hardware.Storage, LogFileName, config.LogCapacityReadings);
            _stateStore = new NodeStateStore(hardware.Storage, StateFileName);
            _topics = new MqttTopics(config.TopicPrefix, config.NodeId);
            _eventRtc = EventRtc.Create(config, hardware);
        }

        /// <summary>Runs one wake and returns how to sleep. Sensor, radio and storage faults are handled inside.</summary>
        public SleepPlan Run(WakeCause cause)
        {
            IClock clock = _hardware.Clock;
            WakeReport report = new WakeReport();
            report.Cause = cause;

            NodeState state = new NodeState();
            report.StateRecovered = _stateStore.Load(state);
            // With a state, only the slots ahead of it are read; without one, the whole log is scanned once.
            if (report.StateRecovered)
            {
                _log.OpenFrom(state.NextSequence);
            }
            else
            {
                _log.Open();
            }
            ReconcileWithLog(state);

            // 1. The supercap first, before any load pulls it down.
            int supercapMillivolts;
            bool supercapOk = ReadSupercap(out supercapMillivolts);

            // Whether nanoCLR started the radio before Main (the stored station configuration was enabled).
            IRadioConfigStore radioConfig = _hardware.RadioConfig;
            bool radioGated = radioConfig != null;
            bool radioOnSinceBoot = radioGated && radioConfig.EnabledAtBoot;
            report.RadioOnAtBoot = radioOnSinceBoot;

            // 1b. After a power-on or EN reset: stay awake for nanoff if the supercap can pay for it (at the radio's current
            //     when nanoCLR started the radio at this boot), then read it again.
            bool windowSkipped;
            int windowSeconds = MaintenanceWindow.Seconds(cause, _config.MaintenanceWindowSeconds, supercapOk, supercapMillivolts,
                _supercap, _guard, radioOnSinceBoot ? _config.RadioMilliamps : _config.ActiveMilliamps, out windowSkipped);
            report.MaintenanceSkippedForEnergy = windowSkipped;
            if (windowSeconds > 0)
            {
                report.MaintenanceSeconds = windowSeconds;
                _hardware.Delay.DelayMilliseconds(windowSeconds * 1000);
                supercapOk = ReadSupercap(out supercapMillivolts);
            }

            int energyMillivolts = supercapOk ? supercapMillivolts : state.LastSupercapMillivolts;

            // 1c. Event RTC: its crystal time and the motion it counted while the node slept (or was dead).
            if (_eventRtc != null)
            {
                report.RtcFault = !_eventRtc.ReadAndRestart();
                report.RtcEvents = _eventRtc.Events;
            }

            // 2. Time: the RTC if it is set, else the previous wake's end plus the planned sleep. Not after a
            //    power-on: the node may have been dead for hours, and a guessed time would be a plausible lie.
            long nowUnixSeconds = 0;
            bool rtcTime = _eventRtc != null && _eventRtc.TryGetUnixSeconds(out nowUnixSeconds);
            bool timeKnown = rtcTime || clock.TryGetUnixSeconds(out nowUnixSeconds);
            bool clockTimeKnown = timeKnown;
            if (!timeKnown && cause != WakeCause.PowerOn && state.LastWakeEndUnixSeconds > 0)
            {
                nowUnixSeconds = state.LastWakeEndUnixSeconds + state.LastSleepSeconds;
                timeKnown = true;
            }
            long elapsedSeconds = state.LastSleepSeconds;
            if (timeKnown && state.LastWakeEndUnixSeconds > 0 && nowUnixSeconds > state.LastWakeEndUnixSeconds)
            {
                elapsedSeconds = nowUnixSeconds - state.LastWakeEndUnixSeconds;
            }

            // 3. Energy bookkeeping: harvest since the last wake from the voltage change and the known spend.
            if (supercapOk)
            {
                long spentMicrojoules = state.LastWakeCostMicrojoules
                    + HarvestEstimator.SleepMicrojoules(_config.SleepMicroamps, supercapMillivolts, elapsedSeconds);
                int sample = HarvestEstimator.EstimateMicrowatts(_supercap, state.LastSupercapMillivolts, supercapMillivolts, elapsedSeconds, spentMicrojoules);
                state.HarvestMicrowatts = HarvestEstimator.Smooth(state.HarvestMicrowatts, sample);
            }

            // 4. Motion: a PIR wake is an event; so is motion still present at a timer wake.
            int motionEvents = _eventRtc != null ? _eventRtc.Events : (cause == WakeCause.Motion || _pir.IsMotionActive() ? 1 : 0);
            long motionUnixSeconds = MotionTime(nowUnixSeconds);
            state.EventRateMilliPerHour = (int)((long)state.EventRateMilliPerHour * EventRateWindowSeconds / (EventRateWindowSeconds + elapsedSeconds))
                + motionEvents * 1000;
            // An arrival: motion after a quiet gap ([service] arrival_gap_minutes) since the last motion seen (or none
            // known). Needs wall time: without it the gap cannot be measured and the wake counts as no arrival.
            bool arrivalWake = false;
            if (motionEvents > 0 && timeKnown)
            {
                arrivalWake = state.LastMotionUnixSeconds == 0
                    || motionUnixSeconds - (long)state.LastMotionUnixSeconds >= (long)_config.ServiceArrivalGapMinutes * 60;
                state.LastMotionUnixSeconds = motionUnixSeconds > 0 && motionUnixSeconds <= uint.MaxValue ? (uint)motionUnixSeconds : 0;
            }

            // 4b. Coverage: was the node watching since the previous reading (docs/occupancy.md)? A power-on with a state
            //     or a log from an earlier life means it was dead (brown-out, power loss, reset) for part of that time.
            bool brownoutBefore = cause == WakeCause.PowerOn && (report.StateRecovered || _log.NewestSequence > 0);
            int armedSeconds = ArmedSecondsSincePrevious(state, report.StateRecovered, brownoutBefore, cause, clockTimeKnown, nowUnixSeconds);

            // 5. Sensors: start all, wait once for the slowest, read all.
            int waitClimate = _climate.StartMeasurement();
            int waitLight = _light.StartMeasurement();
            _hardware.Delay.DelayMilliseconds(waitClimate > waitLight ? waitClimate : waitLight);
            Reading reading = new Reading();
            ClimateSample climate;
            if (_climate.TryReadMeasurement(out climate))
            {
                reading.TemperatureCentiCelsius = climate.TemperatureCentiCelsius;
                reading.HumidityCentiPercent = climate.HumidityCentiPercent;
            }
            else
            {
                reading.Faults |= ReadingFaults.Climate;
            }
            int illuminanceCentiLux;
            if (_light.TryReadIlluminance(out illuminanceCentiLux))
            {
                reading.IlluminanceCentiLux = illuminanceCentiLux;
            }
            else
            {
                reading.Faults |= ReadingFaults.Light;
                illuminanceCentiLux = -1;
            }
            if (supercapOk)
            {
                reading.SupercapMillivolts = supercapMillivolts;
            }
            else
            {
                reading.Faults |= ReadingFaults.Supercap;
            }
            if (timeKnown)
            {
                reading.UnixSeconds = nowUnixSeconds;
            }
            else
            {
                reading.Faults |= ReadingFaults.TimeUnknown;
            }
            reading.MotionEvents = motionEvents;
            reading.FirstMotionAgeSeconds = -1;
            reading.LastMotionAgeSeconds = -1;
            if (_eventRtc != null && timeKnown)
            {
                _eventRtc.MotionAges(nowUnixSeconds, out reading.FirstMotionAgeSeconds, out reading.LastMotionAgeSeconds);
            }
            reading.ArmedSeconds = armedSeconds;
            if (brownoutBefore)
            {
                reading.Faults |= ReadingFaults.BrownoutBefore;
            }

            // 6. Store before anything can go wrong with the radio: the log is the source of truth.
            reading.Sequence = state.NextSequence;
            bool dropped;
            if (_log.Append(reading, state.AckedSequence, out dropped))
            {
                state.NextSequence++;
                if (dropped)
                {
                    state.DroppedReadings++;
                }
            }
            else
            {
                // Flash refused the write: the reading cannot be kept, so it is counted, never silently lost.
                state.DroppedReadings++;
                report.StorageFailed = true;
            }
            report.Sequence = reading.Sequence;
            report.ReadingUnixSeconds = timeKnown ? nowUnixSeconds : 0;
            report.Faults = reading.Faults;
            report.ArmedSeconds = reading.ArmedSeconds;
            report.MotionEvents = reading.MotionEvents;

            // 7. Decide.
            IWakePolicy policy = _policyOverride;
            if (policy == null)
            {
                PolicyLoadError policyError;
                PolicyTable table = PolicyStore.LoadOrBuiltInFor(_hardware.Storage, PolicyStore.FileName, PolicyLayoutId, out policyError);
                report.PolicyError = policyError;
                report.PolicyVersion = table.Version;
                policy = table;
            }
            PolicyObservation observation = new PolicyObservation();
            observation.SupercapMillivolts = energyMillivolts;
            observation.IlluminanceCentiLux = illuminanceCentiLux;
            observation.HarvestMicrowatts = state.HarvestMicrowatts;
            observation.HourOfDay = timeKnown ? LocalHour(nowUnixSeconds, _config.UtcOffsetMinutes) : -1;
            observation.BacklogReadings = _log.PendingUpperBound(state.AckedSequence);
            observation.EventRateMilliPerHour = state.EventRateMilliPerHour;
            observation.ArrivalWake = arrivalWake;
            int stateIndex = StateEncoder.Encode(observation, _config.BrownoutMillivolts, _config.MaxMillivolts);
            PolicyAction action = policy.Decide(stateIndex, observation);
            report.StateIndex = stateIndex;
            report.Action = action;

            // 8. Plan the sleep (announced to the broker when transmitting).
            SleepPlan plan = new SleepPlan();
            plan.SleepSeconds = supercapOk ? _config.WakeIntervalsSeconds[action.WakeIntervalIndex] : _config.SafeIntervalSeconds;
            plan.MotionWakeArmed = supercapOk && action.MotionWakeArmed;

            // 9. Maybe transmit. Without a voltage reading the guard cannot vouch for the radio. A node without wall
            //    time connects whatever the policy says (the guard permitting): association syncs the clock, and
            //    until then its readings carry no time and the policy has no hour to go by.
            //    The radio can only be used in a boot that nanoCLR started it in: otherwise this wake enables the stored
            //    configuration and sleeps RadioBootDelaySeconds into a radio wake, which transmits whatever its policy
            //    says (the radio is already paid for) and disables it again.
            long radioMilliseconds = 0;
            // An event RTC that answers but was never set (or lost its backup) is set at the first chance: the ESP32's
            // own clock drifts by percents, and the RTC is what keeps the time through brown-outs.
            bool needsTime = !timeKnown || (_eventRtc != null && _eventRtc.ReadOk && !rtcTime);
            if ((action.Transmit || needsTime || radioOnSinceBoot) && observation.BacklogReadings > 0)
            {
                if (!supercapOk || !_guard.AllowsRadio(supercapMillivolts))
                {
                    state.GuardRefusals++;
                    report.GuardRefused = true;
                }
                else if (radioGated && !radioOnSinceBoot)
                {
                    plan = SleepPlan.IntoRadioWake();
                    report.RadioDeferredToNextBoot = true;
                }
                else
                {
                    long radioStart = clock.UptimeMilliseconds;
                    Transmit(state, supercapMillivolts, nowUnixSeconds, plan.SleepSeconds, report);
                    radioMilliseconds = clock.UptimeMilliseconds - radioStart;
                }
            }
            if (radioOnSinceBoot)
            {
                // Started by nanoCLR before Main and stopped only by the deep sleep: on for the whole wake.
                radioMilliseconds = clock.UptimeMilliseconds;
            }

            // 9b. Event RTC: the next motion wakes the node (INT on ext0) or is only counted, as the final plan says.
            if (_eventRtc != null && !_eventRtc.PrepareSleep(plan.MotionWakeArmed))
            {
                report.RtcFault = true;
            }

            // 10. Account for this wake and persist everything the next one needs.
            long awakeMilliseconds = clock.UptimeMilliseconds;
            long costMicrojoules = WakeEnergy.Microjoules(energyMillivolts, awakeMilliseconds, radioMilliseconds, _config.ActiveMilliamps, _config.RadioMilliamps);
            state.LastWakeCostMicrojoules = costMicrojoules > int.MaxValue ? int.MaxValue : (int)costMicrojoules;
            if (supercapOk)
            {
                state.LastSupercapMillivolts = supercapMillivolts;
            }
            // The radio may have set the clock (SNTP during association): prefer it over the start-of-wake time.
            long endUnixSeconds;
            if (rtcTime && !report.RtcSet)
            {
                // The crystal's time, not the ESP32's drifting one (unless the radio just set both from SNTP).
                state.LastWakeEndUnixSeconds = nowUnixSeconds + awakeMilliseconds / 1000;
            }
            else if (clock.TryGetUnixSeconds(out endUnixSeconds))
            {
                state.LastWakeEndUnixSeconds = endUnixSeconds;
            }
            else
            {
                state.LastWakeEndUnixSeconds = timeKnown ? nowUnixSeconds + awakeMilliseconds / 1000 : 0;
            }
            state.LastSleepSeconds = plan.SleepSeconds;
            state.LastSleepArmingKnown = true;
            state.LastSleepMotionArmed = plan.MotionWakeArmed;
            state.WakeCount++;
            report.StateSaved = _stateStore.Save(state);
            report.WakeCostMicrojoules = state.LastWakeCostMicrojoules;
            report.RadioMilliseconds = radioMilliseconds;
            report.Plan = plan;
            report.Backlog = _log.PendingUpperBound(state.AckedSequence);
            report.AckedSequence = state.AckedSequence;
            report.DroppedReadings = state.DroppedReadings;
            LastReport = report;
            return plan;
        }

        /// <summary>
        /// The state is saved after the log record, so a power cut between the two leaves a record the state
        /// does not know about: never reuse its sequence number. An acked sequence beyond what was ever
        /// written (a state from a newer log) is clamped.
        /// </summary>
        private void ReconcileWithLog(NodeState state)
        {
            // Records the state never heard of may each have overwritten an unacknowledged reading: count those drops.
            for (uint sequence = state.NextSequence; sequence <= _log.NewestSequence; sequence++)
            {
                if (_log.PreviousLapUnacknowledged(sequence, state.AckedSequence))
                {
                    state.DroppedReadings++;
                }
            }
            if (_log.NewestSequence >= state.NextSequence)
            {
                state.NextSequence = _log.NewestSequence + 1;
            }
            if (state.AckedSequence >= state.NextSequence)
            {
                state.AckedSequence = state.NextSequence - 1;
            }
        }

        /// <summary>Wi-Fi up, MQTT connect with the will, publish the backlog oldest first, and always tear down.</summary>
        private void Transmit(NodeState state, int supercapMillivolts, long nowUnixSeconds, int sleepSeconds, WakeReport report)
        {
            report.RadioStarted = true;
            try
            {
                if (!_hardware.Link.Connect(_config.WifiTimeoutMilliseconds))
                {
                    state.LinkFailures++;
                    report.LinkFailed = true;
                    return;
                }
                if (_eventRtc != null)
                {
                    // Association synced the system clock (SNTP): the crystal keeps it from here, through brown-outs.
                    report.RtcSet = _eventRtc.SyncFrom(_hardware.Clock);
                }
                // TLS checks the broker certificate's dates against the RTC: after a power-on without an SNTP answer the
                // clock is at 1970 and the handshake must fail. Never fall back to plaintext: keep the readings for a wake
                // with a set clock (the association above already waited for SNTP within the Wi-Fi budget).
                long tlsNow;
                if (_config.BrokerTls && !_hardware.Clock.TryGetUnixSeconds(out tlsNow))
                {
                    report.TlsSkippedClockUnset = true;
                    return;
                }
                if (!_hardware.Mqtt.Connect(_config.NodeId, _topics.Availability, AvailabilityPayload.Lost, _config.MqttConnectTimeoutMilliseconds))
                {
                    state.PublishFailures++;
                    report.BrokerFailed = true;
                    return;
                }
                if (_senml == null)
                {
                    _senml = new SenmlWriter(SenmlWriter.CapacityFor(_config.ReadingsPerMessage));
                    _batch = new Reading[_config.ReadingsPerMessage];
                }
                EnergyTelemetry energy = new EnergyTelemetry();
                energy.SupercapMillivolts = supercapMillivolts;
                energy.StoredMicrojoules = _supercap.StoredMicrojoules(supercapMillivolts);
                energy.LastWakeCostMicrojoules = state.LastWakeCostMicrojoules;
                energy.HarvestMicrowatts = state.HarvestMicrowatts;
                energy.DroppedReadings = state.DroppedReadings;
                for (int message = 0; message < MaxMessagesPerWake; message++)
                {
                    int count = _log.ReadPending(state.AckedSequence, _batch, _batch.Length);
                    if (count == 0)
                    {
                        break;
                    }
                    if (!_senml.TryEncode(_config.NodeId, _batch, count, energy))
                    {
                        // Cannot happen with the buffer sized for ReadingsPerMessage; never loop on it.
                        report.BrokerFailed = true;
                        break;
                    }
                    MqttPublishResult result = _hardware.Mqtt.PublishQos1(_topics.State, _senml.Buffer, _senml.Length, false, _config.MqttAckTimeoutMilliseconds);
                    if (result != MqttPublishResult.Acknowledged)
                    {
                        // Unacknowledged readings stay in the log and go again next time (the gateway dedups on seq).
                        state.PublishFailures++;
                        report.BrokerFailed = true;
                        break;
                    }
                    state.AckedSequence = _batch[count - 1].Sequence;
                    state.LastTransmitUnixSeconds = nowUnixSeconds;
                    report.MessagesAcknowledged++;
                    report.ReadingsAcknowledged += count;
                }
                if (!report.BrokerFailed && supercapMillivolts >= _config.PolicyUpdateMinMillivolts)
                {
                    // Below the safe voltage not even a SUBSCRIBE: the command stays retained for a better-charged wake.
                    ReceivePolicyCommand(report);
                }
                if (!report.BrokerFailed)
                {
                    // Retained "sleeping:<s>": dashboards and the gateway know when to expect the node back.
                    int length = AvailabilityPayload.WriteSleeping(_senml.Buffer, sleepSeconds, ConfigCrc);
                    if (_hardware.Mqtt.PublishQos1(_topics.Availability, _senml.Buffer, length, true, _config.MqttAckTimeoutMilliseconds) == MqttPublishResult.Acknowledged)
                    {
                        report.AvailabilityAnnounced = true;
                    }
                }
            }
            catch (Exception)
            {
                // An adapter bug must not cost the wake's state: count it and tear the radio down.
                state.PublishFailures++;
                report.BrokerFailed = true;
            }
            finally
            {
                _hardware.Mqtt.Disconnect();
                _hardware.Link.Disconnect();
            }
        }

        /// <summary>Reads the supercap through the (possibly gated) divider.</summary>
        private bool ReadSupercap(out int supercapMillivolts)
        {
            return _supercapMonitor.TryReadMillivolts(_hardware.SupercapGate, _hardware.Delay, _config.GateSettleMilliseconds, out supercapMillivolts);
        }

        /// <summary>
        /// The command step of a transmitting wake: takes a retained cmd/policy message, applies it
        /// (<see cref="PolicyUpdate"/>) and acknowledges it on the ack topic. The SenML buffer is free by now and
        /// holds a command unless readings_per_message is 1; the ack overwrites the command in the same buffer.
        /// </summary>
        private void ReceivePolicyCommand(WakeReport report)
        {
            byte[] buffer = _senml.Buffer;
            if (buffer.Length < PolicyUpdate.MaxPayloadLength)
            {
                if (_commandBuffer == null)
                {
                    _commandBuffer = new byte[PolicyUpdate.MaxPayloadLength];
                }
                buffer = _commandBuffer;
            }
            report.PolicyCommandChecked = true;
            int length = _hardware.Mqtt.ReceiveRetained(string.Concat(_topics.CommandPrefix, PolicyUpdate.CommandName), buffer, _config.MqttAckTimeoutMilliseconds);
            if (length <= 0)
            {
                report.PolicyCommandReceiveFailed = length < 0;
                return;
            }

            // "The table in flash": what this wake loaded (a host-side policy override skipped that load).
            uint flashVersion = report.PolicyVersion;
            PolicyLoadError flashError = report.PolicyError;
            if (_policyOverride != null)
            {
                flashVersion = PolicyStore.LoadOrBuiltInFor(_hardware.Storage, PolicyStore.FileName, PolicyLayoutId, out flashError).Version;
            }
            uint id;
            uint version;
            PolicyLoadError tableError;
            PolicyUpdateOutcome outcome = PolicyUpdate.ApplyFor(_hardware.Storage, buffer, length, flashVersion, flashError, PolicyLayoutId, out id, out version, out tableError);
            report.PolicyOutcome = outcome;
            report.PolicyCommandId = id;
            report.PolicyCommandVersion = version;
            report.PolicyCommandError = tableError;
            report.PolicyRejectedReason = PolicyUpdate.RejectReason(outcome);
            report.PolicyApplied = report.PolicyRejectedReason == null;

            // Acked only now, after the write: a power cut before this leaves the command retained for the next wake.
            int ackLength = report.PolicyApplied ? CommandAck.WriteApplied(buffer, id) : CommandAck.WriteRejected(buffer, id, report.PolicyRejectedReason);
            report.PolicyAckPublished = _hardware.Mqtt.PublishQos1(_topics.Ack, buffer, ackLength, false, _config.MqttAckTimeoutMilliseconds) == MqttPublishResult.Acknowledged;
        }

        /// <summary>
        /// The policy-table layout this node runs: <see cref="StateEncoder.RtcLayoutId"/> with the event RTC (the motion bit
        /// chooses wake or count), else <see cref="StateEncoder.LayoutId"/> (it chooses wake or miss).
        /// </summary>
        public int PolicyLayoutId
        {
            get { return _eventRtc != null ? StateEncoder.RtcLayoutId : StateEncoder.LayoutId; }
        }

        // When this wake's motion happened: the RTC's earliest known event of the interval, else the wake itself.
        private long MotionTime(long nowUnixSeconds)
        {
            if (_eventRtc == null || _eventRtc.LastEventUnixSeconds <= 0)
            {
                return nowUnixSeconds;
            }
            int firstAge;
            int lastAge;
            _eventRtc.MotionAges(nowUnixSeconds, out firstAge, out lastAge);
            return firstAge >= 0 ? nowUnixSeconds - firstAge : _eventRtc.LastEventUnixSeconds;
        }

        /// <summary>
        /// Seconds the PIR watched since the previous reading: the whole sleep just ended when the previous wake armed it,
        /// else 0. The time awake is not counted (the node counts no motion while awake but the level at its reading).
        /// 0 after a brown-out (how long it watched before it died is not known, so nothing is claimed); -1 (unknown)
        /// when the previous wake's arming is not known, or when a wake that was not the timer's has no clock to
        /// measure the sleep by. Saturates at 65534 (the log's u16, 0xFFFF meaning unknown).
        /// </summary>
        private static int ArmedSecondsSincePrevious(NodeState state, bool stateRecovered, bool brownoutBefore, WakeCause cause,
            bool clockTimeKnown, long nowUnixSeconds)
        {
            if (brownoutBefore)
            {
                return 0;
            }
            if (!stateRecovered || !state.LastSleepArmingKnown)
            {
                return -1;
            }
            if (!state.LastSleepMotionArmed)
            {
                return 0;
            }
            long slept;
            if (clockTimeKnown && state.LastWakeEndUnixSeconds > 0 && nowUnixSeconds >= state.LastWakeEndUnixSeconds)
            {
                slept = nowUnixSeconds - state.LastWakeEndUnixSeconds;
            }
            else if (cause == WakeCause.Timer)
            {
                slept = state.LastSleepSeconds;
            }
            else
            {
                return -1;
            }
            return slept > 65534 ? 65534 : (int)slept;
        }

        /// <summary>Local hour of day 0-23 from Unix seconds and a UTC offset in minutes.</summary>
        public static int LocalHour(long unixSeconds, int utcOffsetMinutes)
        {
            long local = unixSeconds + utcOffsetMinutes * 60L;
            long secondsOfDay = local % 86400;
            if (secondsOfDay < 0)
            {
                secondsOfDay += 86400;
            }
            return (int)(secondsOfDay / 3600);
        }
    }
}
