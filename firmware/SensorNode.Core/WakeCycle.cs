using System;
using SensorNode.Core.Config;
using SensorNode.Core.Drivers;
using SensorNode.Core.Energy;
using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;
using SensorNode.Core.Storage;
using SensorNode.Core.Telemetry;
using SensorNode.Core.Update;

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

        /// <summary>
        /// Take part in fleet updates (docs/updates.md): look for cmd/update and cmd/chunk in transmitting wakes and publish
        /// the app report. Set by the device's Program (its loader can run what arrives) and by the simulator when it models
        /// the loader; off, a wake does exactly what it did before updates existed.
        /// </summary>
        public bool UpdatesEnabled;

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

        /// <summary>
        /// Runs one wake and returns how to sleep. Sensor, radio and storage faults are handled inside. The steps are those
        /// of docs/architecture.md ("One wake, step by step"), each a method below.
        /// </summary>
        public SleepPlan Run(WakeCause cause)
        {
            WakeContext wake = RecoverState(cause);
            ReadSupercapAndServeMaintenance(wake);   // 1, 1b
            ReadEventRtc(wake);                      // 1c
            ResolveTime(wake);                       // 2
            EstimateHarvest(wake);                   // 3
            CountMotion(wake);                       // 4, 4b
            Reading reading = Sense(wake);           // 5
            Store(wake, reading);                    // 6
            PolicyAction action = Decide(wake);      // 7
            SleepPlan plan = PlanSleep(action, wake); // 8
            action = DecideWatch(wake, action);      // 8c
            plan = MaybeTransmit(wake, action, plan); // 9, 9b
            Persist(wake, plan);                     // 10
            ConfirmApplication(wake);                // 11
            return plan;
        }

        // 0. The state and the log the previous wake left in flash.
        private WakeContext RecoverState(WakeCause cause)
        {
            WakeContext wake = new WakeContext();
            wake.Cause = cause;
            wake.Report = new WakeReport();
            wake.Report.Cause = cause;
            wake.State = new NodeState();
            wake.Report.StateRecovered = _stateStore.Load(wake.State);
            // With a state, only the slots ahead of it are read; without one, the whole log is scanned once.
            if (wake.Report.StateRecovered)
            {
                _log.OpenFrom(wake.State.NextSequence);
            }
            else
            {
                _log.Open();
            }
            ReconcileWithLog(wake.State);
            return wake;
        }

        // 1. The supercap first, before any load pulls it down. 1b. After a power-on or EN reset: stay awake for nanoff
        //    if the supercap can pay for it (at the radio's current when nanoCLR started the radio at this boot), then
        //    read it again.
        private void ReadSupercapAndServeMaintenance(WakeContext wake)
        {
            wake.SupercapOk = ReadSupercap(out wake.SupercapMillivolts);

            // Whether nanoCLR started the radio before Main (the stored station configuration was enabled).
            IRadioConfigStore radioConfig = _hardware.RadioConfig;
            wake.RadioGated = radioConfig != null;
            wake.RadioOnSinceBoot = wake.RadioGated && radioConfig.EnabledAtBoot;
            wake.Report.RadioOnAtBoot = wake.RadioOnSinceBoot;

            bool windowSkipped;
            int windowSeconds = MaintenanceWindow.Seconds(wake.Cause, _config.MaintenanceWindowSeconds, wake.SupercapOk, wake.SupercapMillivolts,
                _supercap, _guard, wake.RadioOnSinceBoot ? _config.RadioMilliamps : _config.ActiveMilliamps, out windowSkipped);
            wake.Report.MaintenanceSkippedForEnergy = windowSkipped;
            if (windowSeconds > 0)
            {
                wake.Report.MaintenanceSeconds = windowSeconds;
                _hardware.Delay.DelayMilliseconds(windowSeconds * 1000);
                wake.SupercapOk = ReadSupercap(out wake.SupercapMillivolts);
            }
            wake.EnergyMillivolts = wake.SupercapOk ? wake.SupercapMillivolts : wake.State.LastSupercapMillivolts;
        }

        // 1c. Event RTC: its crystal time and the motion it counted while the node slept (or was dead).
        private void ReadEventRtc(WakeContext wake)
        {
            if (_eventRtc != null)
            {
                wake.Report.RtcFault = !_eventRtc.ReadAndRestart();
                wake.Report.RtcEvents = _eventRtc.Events;
            }
        }

        // 2. Time: the RTC if it is set, else the system clock, else the previous wake's end plus the planned sleep. Not
        //    after a power-on: the node may have been dead for hours, and a guessed time would be a plausible lie.
        private void ResolveTime(WakeContext wake)
        {
            NodeState state = wake.State;
            long nowUnixSeconds = 0;
            wake.RtcTime = _eventRtc != null && _eventRtc.TryGetUnixSeconds(out nowUnixSeconds);
            wake.TimeKnown = wake.RtcTime || _hardware.Clock.TryGetUnixSeconds(out nowUnixSeconds);
            wake.ClockTimeKnown = wake.TimeKnown;
            if (!wake.TimeKnown && wake.Cause != WakeCause.PowerOn && state.LastWakeEndUnixSeconds > 0)
            {
                nowUnixSeconds = state.LastWakeEndUnixSeconds + state.LastSleepSeconds;
                wake.TimeKnown = true;
            }
            wake.NowUnixSeconds = nowUnixSeconds;
            wake.ElapsedSeconds = state.LastSleepSeconds;
            if (wake.TimeKnown && state.LastWakeEndUnixSeconds > 0 && nowUnixSeconds > state.LastWakeEndUnixSeconds)
            {
                wake.ElapsedSeconds = nowUnixSeconds - state.LastWakeEndUnixSeconds;
            }
        }

        // 3. Energy bookkeeping: harvest since the last wake from the voltage change and the known spend.
        private void EstimateHarvest(WakeContext wake)
        {
            if (!wake.SupercapOk)
            {
                return;
            }
            NodeState state = wake.State;
            long spentMicrojoules = state.LastWakeCostMicrojoules
                + HarvestEstimator.SleepMicrojoules(_config.SleepMicroamps, wake.SupercapMillivolts, wake.ElapsedSeconds);
            int sample = HarvestEstimator.EstimateMicrowatts(_supercap, state.LastSupercapMillivolts, wake.SupercapMillivolts, wake.ElapsedSeconds, spentMicrojoules);
            state.HarvestMicrowatts = HarvestEstimator.Smooth(state.HarvestMicrowatts, sample);
        }

        // 4. Motion: a PIR wake is an event; so is motion still present at a timer wake (with the event RTC: what it
        //    counted). 4b. Coverage: was the node watching since the previous reading (docs/occupancy.md)? A power-on
        //    with a state or a log from an earlier life means it was dead (brown-out, power loss, reset) meanwhile.
        private void CountMotion(WakeContext wake)
        {
            NodeState state = wake.State;
            wake.MotionEvents = _eventRtc != null ? _eventRtc.Events : (wake.Cause == WakeCause.Motion || _pir.IsMotionActive() ? 1 : 0);
            long motionUnixSeconds = MotionTime(wake.NowUnixSeconds);
            state.EventRateMilliPerHour = (int)((long)state.EventRateMilliPerHour * EventRateWindowSeconds / (EventRateWindowSeconds + wake.ElapsedSeconds))
                + wake.MotionEvents * 1000;
            // An arrival: motion after a quiet gap ([service] arrival_gap_minutes) since the last motion seen (or none
            // known). Needs wall time: without it the gap cannot be measured and the wake counts as no arrival.
            if (wake.MotionEvents > 0 && wake.TimeKnown)
            {
                wake.ArrivalWake = state.LastMotionUnixSeconds == 0
                    || motionUnixSeconds - (long)state.LastMotionUnixSeconds >= (long)_config.ServiceArrivalGapMinutes * 60;
                state.LastMotionUnixSeconds = motionUnixSeconds > 0 && motionUnixSeconds <= uint.MaxValue ? (uint)motionUnixSeconds : 0;
            }

            wake.BrownoutBefore = wake.Cause == WakeCause.PowerOn && (wake.Report.StateRecovered || _log.NewestSequence > 0);
            wake.ArmedSeconds = ArmedSecondsSincePrevious(state, wake.Report.StateRecovered, wake.BrownoutBefore, wake.Cause,
                wake.ClockTimeKnown, wake.NowUnixSeconds);
        }

        // 5. Sensors: start all, wait once for the slowest, read all. A value that failed is a fault, never a number.
        private Reading Sense(WakeContext wake)
        {
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
            wake.IlluminanceCentiLux = illuminanceCentiLux;
            if (wake.SupercapOk)
            {
                reading.SupercapMillivolts = wake.SupercapMillivolts;
            }
            else
            {
                reading.Faults |= ReadingFaults.Supercap;
            }
            if (wake.TimeKnown)
            {
                reading.UnixSeconds = wake.NowUnixSeconds;
            }
            else
            {
                reading.Faults |= ReadingFaults.TimeUnknown;
            }
            reading.MotionEvents = wake.MotionEvents;
            reading.FirstMotionAgeSeconds = -1;
            reading.LastMotionAgeSeconds = -1;
            if (_eventRtc != null && wake.TimeKnown)
            {
                _eventRtc.MotionAges(wake.NowUnixSeconds, out reading.FirstMotionAgeSeconds, out reading.LastMotionAgeSeconds);
            }
            reading.ArmedSeconds = wake.ArmedSeconds;
            if (wake.BrownoutBefore)
            {
                reading.Faults |= ReadingFaults.BrownoutBefore;
            }
            return reading;
        }

        // 6. Store before anything can go wrong with the radio: the log is the source of truth.
        private void Store(WakeContext wake, Reading reading)
        {
            NodeState state = wake.State;
            WakeReport report = wake.Report;
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
            wake.BacklogReadings = _log.PendingUpperBound(state.AckedSequence);
            report.Sequence = reading.Sequence;
            report.ReadingUnixSeconds = wake.TimeKnown ? wake.NowUnixSeconds : 0;
            report.Faults = reading.Faults;
            report.ArmedSeconds = reading.ArmedSeconds;
            report.MotionEvents = reading.MotionEvents;
            report.FirstMotionAgeSeconds = reading.FirstMotionAgeSeconds;
            report.LastMotionAgeSeconds = reading.LastMotionAgeSeconds;
        }

        // 7. Decide: the policy (the table in flash, else the built-in one) maps what this wake observed to an action.
        private PolicyAction Decide(WakeContext wake)
        {
            IWakePolicy policy = _policyOverride;
            // An injected table (the simulator's) is reported as the node would report it from flash.
            PolicyTable injected = policy as PolicyTable;
            if (injected != null)
            {
                wake.Report.PolicyVersion = injected.Version;
            }
            if (policy == null)
            {
                PolicyLoadError policyError;
                PolicyTable table = PolicyStore.LoadOrBuiltInFor(_hardware.Storage, PolicyStore.FileName, PolicyLayoutId, out policyError);
                wake.Report.PolicyError = policyError;
                wake.Report.PolicyVersion = table.Version;
                policy = table;
            }
            PolicyObservation observation = new PolicyObservation();
            observation.SupercapMillivolts = wake.EnergyMillivolts;
            observation.IlluminanceCentiLux = wake.IlluminanceCentiLux;
            observation.HarvestMicrowatts = wake.State.HarvestMicrowatts;
            observation.HourOfDay = wake.TimeKnown ? LocalHour(wake.NowUnixSeconds, _config.UtcOffsetMinutes) : -1;
            observation.BacklogReadings = wake.BacklogReadings;
            observation.EventRateMilliPerHour = wake.State.EventRateMilliPerHour;
            observation.ArrivalWake = wake.ArrivalWake;
            int stateIndex = StateEncoder.Encode(observation, _config.BrownoutMillivolts, _config.MaxMillivolts);
            PolicyAction action = policy.Decide(stateIndex, observation);
            wake.Report.StateIndex = stateIndex;
            wake.Report.Action = action;
            return action;
        }

        // 8. Plan the sleep (announced to the broker when transmitting). Without a voltage: the safe interval, PIR off.
        private SleepPlan PlanSleep(PolicyAction action, WakeContext wake)
        {
            SleepPlan plan = new SleepPlan();
            plan.SleepSeconds = wake.SupercapOk ? _config.WakeIntervalsSeconds[action.WakeIntervalIndex] : _config.SafeIntervalSeconds;
            plan.MotionWakeArmed = wake.SupercapOk && action.MotionWakeArmed;
            if (_eventRtc != null)
            {
                // 8b. Event RTC: at low charge the longest sleep grows ([rtc] low_charge_sleep_seconds); arm only for an
                //     arrival, and until the quiet gap ends, count (EventRtc.WatchForArrivals).
                if (wake.SupercapOk)
                {
                    plan = EventRtc.StretchAtLowCharge(plan, action.WakeIntervalIndex, _config.WakeIntervalsSeconds, wake.SupercapMillivolts,
                        _config.BrownoutMillivolts, _config.MaxMillivolts, _config.RtcLowChargeSleepSeconds);
                }
                plan = EventRtc.WatchForArrivals(plan, wake.TimeKnown, wake.NowUnixSeconds, wake.State.LastMotionUnixSeconds,
                    _config.ServiceArrivalGapMinutes * 60);
            }
            return plan;
        }

        // 8c. The watch commitment ([watch], docs/occupancy.md): on top of the table, a report owed to the gateway (the room
        //     turned active or quiet under a commitment) or a commitment to make or renew is a transmit. Needs wall time and
        //     a voltage: without them no commitment is made (and the publish carries none).
        private PolicyAction DecideWatch(WakeContext wake, PolicyAction action)
        {
            if (!wake.TimeKnown || !wake.SupercapOk || (_config.WatchCommitMinutes <= 0 && wake.State.WatchMinutes <= 0))
            {
                return action;
            }
            int commitSeconds = WatchCommitment.CommitSeconds(_config, wake.NowUnixSeconds);
            if (commitSeconds > _config.WatchCommitMinutes * 60
                && !CarriesTheNight(wake, WatchCommitment.NextWindowStart(_config, wake.NowUnixSeconds) - wake.NowUnixSeconds))
            {
                commitSeconds = _config.WatchCommitMinutes * 60;
            }
            wake.Watch = WatchCommitment.Decide(_config, wake.State, wake.NowUnixSeconds, wake.SupercapMillivolts, commitSeconds);
            wake.Report.WatchReason = wake.Watch.Reason;
            if (wake.Watch.Transmit)
            {
                action.Transmit = true;
            }
            return action;
        }

        // An overnight commitment binds the node through hours without harvest: only when the supercap, harvesting nothing
        // for nightSeconds (until the window's next first hour), holds the sleep current and a wake every longest interval
        // at the last wake's cost, and can then still send a report owed (the brown-out guard's start voltage) after two
        // transmissions' budget. The morning's light is counted on for what is left of the commitment after that hour.
        private bool CarriesTheNight(WakeContext wake, long nightSeconds)
        {
            int millivolts = wake.SupercapMillivolts;
            int[] intervals = _config.WakeIntervalsSeconds;
            long wakes = nightSeconds / intervals[intervals.Length - 1] + 1;
            long perWakeMicrojoules = wake.State.LastWakeCostMicrojoules > 0 ? wake.State.LastWakeCostMicrojoules : 0;
            long needMicrojoules = HarvestEstimator.SleepMicrojoules(_config.SleepMicroamps, millivolts, nightSeconds) + wakes * perWakeMicrojoules
                + 2L * _config.TransmitBudgetMillijoules * 1000;
            return _supercap.MillivoltsAfter(millivolts, needMicrojoules) >= _guard.MinimumStartMillivolts;
        }

        // The sleep under the commitment the broker acknowledged (a new one, else what is left of the old).
        private SleepPlan PlanWatch(WakeContext wake, SleepPlan plan)
        {
            if (!wake.TimeKnown)
            {
                return plan;
            }
            return WatchCommitment.Plan(_config, wake.State, wake.NowUnixSeconds, WatchCommitment.RemainingSeconds(wake.State, wake.NowUnixSeconds), plan);
        }

        /// <summary>
        /// Whether a send the table did not ask for, after one that failed, leaves the node above brown-out even when
        /// its association fails too: a whole Wi-Fi timeout at the radio's current drawn from the supercap (8 s at
        /// 130 mA from 4 V: about 4.2 J), plus the transmit budget.
        /// </summary>
        private bool AffordsFailedAssociation(int supercapMillivolts)
        {
            long timeoutMillijoules = (long)_config.WifiTimeoutMilliseconds * _config.RadioMilliamps * supercapMillivolts / 1000000;
            long budget = _config.TransmitBudgetMillijoules + timeoutMillijoules;
            return new BrownoutGuard(_supercap, _config.RadioPeakMilliamps, budget > 100000 ? 100000 : (int)budget).AllowsRadio(supercapMillivolts);
        }

        // 9. Maybe transmit. Without a voltage reading the guard cannot vouch for the radio. A node without wall time
        //    connects whatever the policy says (the guard permitting): association syncs the clock, and until then its
        //    readings carry no time and the policy has no hour to go by. The radio can only be used in a boot that
        //    nanoCLR started it in: otherwise this wake enables the stored configuration and sleeps
        //    RadioBootDelaySeconds into a radio wake, which transmits whatever its policy says (the radio is already
        //    paid for) and disables it again. 9b. Event RTC: the next motion wakes the node (INT on ext0) or is only
        //    counted, as the final plan says. Returns the final plan; the radio's time goes into the report.
        private SleepPlan MaybeTransmit(WakeContext wake, PolicyAction action, SleepPlan plan)
        {
            NodeState state = wake.State;
            WakeReport report = wake.Report;
            IClock clock = _hardware.Clock;
            long radioMilliseconds = 0;
            // An event RTC that answers but was never set (or lost its backup) is set at the first chance: the ESP32's
            // own clock drifts by percents, and the RTC is what keeps the time through brown-outs.
            bool needsTime = !wake.TimeKnown || (_eventRtc != null && _eventRtc.ReadOk && !wake.RtcTime);
            // Readings are not overwritten by choice: in the last message's worth of room before the log is full, the
            // node sends whatever the table says (the guard permitting), late rather than never (a table that keeps a dim
            // room's supercap low would otherwise lose its readings for good: docs/energy-budget.md, 200 lx).
            bool logFilling = wake.BacklogReadings >= _log.Capacity - _config.ReadingsPerMessage;
            report.SentBeforeOverwrite = logFilling && !action.Transmit && !needsTime && !wake.RadioOnSinceBoot;
            // A send the table did not ask for (for the time, or before an overwrite) that failed last time means the
            // network may be down: the next one waits until the supercap can pay for another failure, a whole Wi-Fi
            // timeout, so an outage costs one timeout per recharge instead of a brown-out at every wake.
            bool unrequested = !action.Transmit && !wake.RadioOnSinceBoot && (needsTime || report.SentBeforeOverwrite);
            if (unrequested && state.UnrequestedSendFailed && !(wake.SupercapOk && AffordsFailedAssociation(wake.SupercapMillivolts)))
            {
                needsTime = false;
                report.SentBeforeOverwrite = false;
                report.UnrequestedSendHeld = true;
            }
            if ((action.Transmit || needsTime || wake.RadioOnSinceBoot || report.SentBeforeOverwrite) && wake.BacklogReadings > 0)
            {
                if (!wake.SupercapOk || !_guard.AllowsRadio(wake.SupercapMillivolts))
                {
                    state.GuardRefusals++;
                    report.GuardRefused = true;
                }
                else if (wake.RadioGated && !wake.RadioOnSinceBoot)
                {
                    // Counted as failed until the radio wake reaches the broker (it clears the flag then).
                    state.UnrequestedSendFailed |= unrequested;
                    plan = SleepPlan.IntoRadioWake();
                    report.RadioDeferredToNextBoot = true;
                }
                else
                {
                    if (unrequested && !state.UnrequestedSendFailed)
                    {
                        // Saved as failed before trying: a Wi-Fi timeout that browns the node out never reaches step 10.
                        state.UnrequestedSendFailed = true;
                        _stateStore.Save(state);
                    }
                    long radioStart = clock.UptimeMilliseconds;
                    Transmit(wake, plan, report);
                    radioMilliseconds = clock.UptimeMilliseconds - radioStart;
                    if (!report.LinkFailed && !report.BrokerFailed && !report.TlsSkippedClockUnset)
                    {
                        state.UnrequestedSendFailed = false;
                    }
                }
            }
            if (wake.RadioOnSinceBoot)
            {
                // Started by nanoCLR before Main and stopped only by the deep sleep: on for the whole wake.
                radioMilliseconds = clock.UptimeMilliseconds;
            }
            report.RadioMilliseconds = radioMilliseconds;
            plan = PlanWatch(wake, plan);

            if (_eventRtc != null && !_eventRtc.PrepareSleep(plan.MotionWakeArmed))
            {
                report.RtcFault = true;
            }
            return plan;
        }

        // 10. Account for this wake and persist everything the next one needs.
        private void Persist(WakeContext wake, SleepPlan plan)
        {
            NodeState state = wake.State;
            WakeReport report = wake.Report;
            IClock clock = _hardware.Clock;
            long awakeMilliseconds = clock.UptimeMilliseconds;
            long costMicrojoules = WakeEnergy.Microjoules(wake.EnergyMillivolts, awakeMilliseconds, report.RadioMilliseconds, _config.ActiveMilliamps, _config.RadioMilliamps);
            state.LastWakeCostMicrojoules = costMicrojoules > int.MaxValue ? int.MaxValue : (int)costMicrojoules;
            if (wake.SupercapOk)
            {
                state.LastSupercapMillivolts = wake.SupercapMillivolts;
            }
            // The radio may have set the clock (SNTP during association): prefer it over the start-of-wake time.
            long endUnixSeconds;
            if (wake.RtcTime && !report.RtcSet)
            {
                // The crystal's time, not the ESP32's drifting one (unless the radio just set both from SNTP).
                state.LastWakeEndUnixSeconds = wake.NowUnixSeconds + awakeMilliseconds / 1000;
            }
            else if (clock.TryGetUnixSeconds(out endUnixSeconds))
            {
                state.LastWakeEndUnixSeconds = endUnixSeconds;
            }
            else
            {
                state.LastWakeEndUnixSeconds = wake.TimeKnown ? wake.NowUnixSeconds + awakeMilliseconds / 1000 : 0;
            }
            state.LastSleepSeconds = plan.SleepSeconds;
            state.LastSleepArmingKnown = true;
            // Watched: the PIR wakes the node, or the event RTC counts and stamps every motion whether or not it wakes it
            // (a counting sleep sees the room as well as an armed one: docs/occupancy.md).
            state.LastSleepMotionArmed = plan.MotionWakeArmed || (_eventRtc != null && !report.RtcFault);
            state.WakeCount++;
            report.StateSaved = _stateStore.Save(state);
            report.WakeCostMicrojoules = state.LastWakeCostMicrojoules;
            report.Plan = plan;
            report.Backlog = _log.PendingUpperBound(state.AckedSequence);
            report.AckedSequence = state.AckedSequence;
            report.DroppedReadings = state.DroppedReadings;
            LastReport = report;
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
        private void Transmit(WakeContext wake, SleepPlan plan, WakeReport report)
        {
            NodeState state = wake.State;
            int supercapMillivolts = wake.SupercapMillivolts;
            long nowUnixSeconds = wake.NowUnixSeconds;
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
                energy.PolicyVersion = report.PolicyVersion;
                energy.WatchSeconds = wake.Watch.CommitSeconds;
                energy.WatchActive = wake.Watch.Active;
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
                    // Every publish states the commitment (none when the rule did not run): the acknowledged one is what binds.
                    state.WatchMinutes = wake.Watch.CommitSeconds / 60; // a length the state record holds (WatchCommitment.CommitSeconds)
                    state.WatchReportedActive = wake.Watch.Active;
                    report.WatchSeconds = wake.Watch.CommitSeconds;
                    report.WatchActive = wake.Watch.Active;
                    report.MessagesAcknowledged++;
                    report.ReadingsAcknowledged += count;
                }
                if (!report.BrokerFailed && supercapMillivolts >= _config.PolicyUpdateMinMillivolts)
                {
                    // Below the safe voltage not even a SUBSCRIBE: the command stays retained for a better-charged wake.
                    ReceivePolicyCommand(report);
                }
                if (!report.BrokerFailed && UpdatesEnabled)
                {
                    // Its own energy gate: UpdateFetchBudget's safe level, below which it only sends a pending app report.
                    ReceiveUpdate(supercapMillivolts, nowUnixSeconds, report);
                }
                if (!report.BrokerFailed)
                {
                    // Retained "sleeping:<s>": dashboards and the gateway know when to expect the node back.
                    int length = AvailabilityPayload.WriteSleeping(_senml.Buffer, PlanWatch(wake, plan).SleepSeconds, ConfigCrc);
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

        // 9c. Fleet updates (docs/updates.md): the manifest and as many chunks as the energy budget allows, and the app report.
        //     The budget starts from what is left now, not from the voltage read at the start of the wake: everything awake
        //     so far is charged at the radio current (an overestimate: part of it was boot, before the reading).
        private void ReceiveUpdate(int supercapMillivolts, long nowUnixSeconds, WakeReport report)
        {
            long awakeMilliseconds = _hardware.Clock.UptimeMilliseconds;
            long spentMicrojoules = WakeEnergy.Microjoules(supercapMillivolts, awakeMilliseconds, awakeMilliseconds, _config.ActiveMilliamps, _config.RadioMilliamps);
            int nowMillivolts = _supercap.MillivoltsAfter(supercapMillivolts, spentMicrojoules);
            new UpdateReceiver(_hardware.Storage, _hardware.Mqtt, _topics, _config.MqttAckTimeoutMilliseconds)
                .Run(_supercap, nowMillivolts, _guard.MinimumStartMillivolts, _config.RadioMilliamps, nowUnixSeconds, report);
        }

        // 11. The wake completed and its state is saved: if this boot runs a set on trial, that set is now confirmed.
        //     A node that never took an update has no boot.bin and reads nothing more than its absence.
        private void ConfirmApplication(WakeContext wake)
        {
            if (!wake.Report.StateSaved || _hardware.Storage.GetLength(LoaderRecordStore.FileName) <= 0)
            {
                return;
            }
            LoaderRecordStore records = new LoaderRecordStore(_hardware.Storage);
            LoaderRecord record = new LoaderRecord();
            if (records.Load(record))
            {
                wake.Report.AppVersion = record.RunningVersion;
                wake.Report.AppConfirmed = AppLoader.ConfirmSuccessfulWake(record) && records.Save(record);
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
