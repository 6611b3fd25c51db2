using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;
using SensorNode.Core.Storage;
using SensorNode.Simulation.Devices;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;

namespace SensorNode.Simulation.Simulator;

/// <summary>Everything one simulated node needs; shared read-only by the nodes of a fleet.</summary>
public sealed class SimulationSetup
{
    public required NodeConfig Config { get; init; }
    public required HardwareProfile Profile { get; init; }
    public required EnvironmentTrace Environment { get; init; }
    public PolicySpec Policy { get; init; } = PolicySpec.BuiltIn();
    /// <summary>
    /// Host-side policy for node i (baselines, a learning agent), replacing the table in flash; null runs the
    /// table as the device does. Called once per node; the policy may keep its own state across wakes.
    /// </summary>
    public Func<int, IWakePolicy>? PolicyFactory { get; init; }
    public string FaultSpec { get; init; } = "";
    public int Seed { get; init; } = 1;
    /// <summary>Supercap voltage at the start, V.</summary>
    public double InitialVolts { get; init; } = 4.0;
    /// <summary>ADC noise at the pin, mV RMS.</summary>
    public double AdcNoiseMillivolts { get; init; } = 2.0;
    /// <summary>
    /// Builds the node's MQTT session over its simulated link and clock, given its in-process broker (which keeps
    /// the delivery bookkeeping); null keeps the in-process session. Used to route through a real broker.
    /// </summary>
    public Func<SimulatedLink, SimulatedClock, SimulatedBroker, IMqttSession>? MqttFactory { get; init; }
    /// <summary>
    /// Called after every wake and every brown-out of node i (the trainer computes rewards from it); null: nothing
    /// is reported. Called on the node's simulation thread.
    /// </summary>
    public Func<int, Action<SimulatorStep>>? StepObserverFactory { get; init; }
    /// <summary>The service targets the run's arrival and temperature metrics use ([service] in nf.config).</summary>
    public ServiceTargets Service { get; init; } = new();
}

/// <summary>One thing that happened to a simulated node: a completed wake, or a brown-out and the dead time after it.</summary>
public sealed class SimulatorStep
{
    /// <summary>Start of the wake, or the brown-out time, Unix ms.</summary>
    public long UnixMilliseconds { get; init; }
    public WakeCause Cause { get; init; }
    /// <summary>The wake's report; null for a brown-out.</summary>
    public WakeReport? Report { get; init; }
    /// <summary>Motion events seen during this wake (the one that woke it included).</summary>
    public int EventsCaptured { get; init; }
    public bool BrownedOut { get; init; }
    /// <summary>Time dead after the brown-out until the cold start (or the end of the run), ms.</summary>
    public long DeadMilliseconds { get; init; }
}

/// <summary>What one node's run produced.</summary>
public sealed class NodeRunResult
{
    public required SimulationMetrics Metrics { get; init; }
    public NodeTimeline? Timeline { get; init; }
    /// <summary>Delivery latencies of this node, s (for fleet percentiles).</summary>
    public required List<double> LatenciesSeconds { get; init; }
    /// <summary>Event-to-broker latencies of this node's arrivals, s (+infinity = never), for fleet percentiles.</summary>
    public List<double> ArrivalLatenciesSeconds { get; init; } = new();
    /// <summary>Sequences taken (persisted) but neither delivered nor still pending: must not exceed the dropped count.</summary>
    public required long UnaccountedReadings { get; init; }
    /// <summary>Every stored reading, in sequence order, with its coverage and broker arrival (occupancy, docs/occupancy.md).</summary>
    public IReadOnlyList<ObservedReading> Readings { get; init; } = [];
}

/// <summary>
/// Runs one node through an environment, wake by wake: between wakes the supercap is integrated through deep
/// sleep (harvest from the light of each grid step, sleep current, leakage, clamp), motion events either wake
/// the node (PIR armed) or are missed, and at each wake the unmodified core runs on simulated hardware rebuilt
/// from flash alone. Below brown-out the node is dead until the supercap climbs back to the cold-start voltage,
/// then it boots with whatever its flash holds.
/// </summary>
public sealed class NodeSimulator
{
    private readonly SimulationSetup _setup;
    private readonly EnvironmentTrace _env;
    private readonly HardwareProfile _profile;
    private readonly SimulatedNode _node;
    private readonly SupercapPhysics _supercap;
    private readonly PhotovoltaicHarvester _harvester;
    private readonly PowerRail _rail;
    private readonly FaultPlan _faults;
    private readonly NodeTimeline? _timeline;
    private readonly double _brownoutVolts;
    private readonly double _coldstartVolts;
    private readonly double _sleepAmps, _timerOnlySleepAmps, _gatedSleepAmps;
    private readonly long[] _events;
    private readonly IWakePolicy? _policy;
    private readonly Action<SimulatorStep>? _observer;

    // Per-sequence bookkeeping (sequences are dense from 1; a torn append's number is reused, so entries are overwritten).
    private readonly List<long> _takenAtMs = new() { 0 };
    private readonly List<long> _firstArrivalMs = new() { 0 };
    private readonly List<int> _eventsBySequence = new() { 0 };
    private readonly List<bool> _hasTemperature = new() { false };
    private readonly List<ObservedReading?> _observed = new() { null };
    private readonly uint[] _eventSequence;

    private readonly SimulatedRv3028? _rtc;
    private readonly NodeClockError _clockError = new();
    private long _eventsCaptured, _wakes, _motionWakes, _brownouts, _deadMs, _duplicates, _storageRefusals;
    private double _minVolts;
    private long _nextSampleMs;

    public NodeSimulator(SimulationSetup setup, int nodeIndex, bool recordTimeline)
    {
        _setup = setup;
        _env = setup.Environment;
        _profile = setup.Profile;
        int seed = unchecked(setup.Seed * 1_000_003 + nodeIndex);
        _node = new SimulatedNode(setup.Config, _env.StartUnixSeconds * 1000, seed, adcNoiseMillivoltsRms: setup.AdcNoiseMillivolts);
        _node.BootMilliseconds = (int)_profile.BootMilliseconds;
        _node.BootAssociateMilliseconds = _profile.BootRadioAssociates ? (int)_profile.BootAssociateMilliseconds : 0;
        _node.ComputeMilliseconds = (int)_profile.ComputeMilliseconds;
        _node.Link.AssociationMilliseconds = (int)Policies.WakeEnergyCosts.AssociateMilliseconds(_profile, setup.Config);
        _node.Mqtt.ConnectMilliseconds = (int)_profile.MqttConnectMilliseconds;
        _node.Mqtt.MicrosecondsPerByte = (int)_profile.RadioMicrosecondsPerByte;
        _node.Broker.RoundTripMilliseconds = (int)_profile.MqttAckMilliseconds;
        _node.Broker.RecordMessages = false;
        _node.Broker.OnMessage = OnBrokerMessage;
        _node.Clock.DriftPpm = _profile.RcClockDriftPpm;
        _rtc = _node.Rtc;
        if (_rtc != null) _rtc.CrystalDriftPpm = _profile.RtcCrystalDriftPpm;
        _supercap = SupercapPhysics.FromProfile(_profile, setup.InitialVolts);
        _harvester = PhotovoltaicHarvester.FromProfile(_profile);
        _rail = new PowerRail(_supercap, _harvester, _profile, _env, _node.Clock);
        _faults = new FaultPlan(setup.FaultSpec, seed);
        _brownoutVolts = _profile.BrownoutMillivolts / 1000.0;
        _coldstartVolts = _profile.ColdstartMillivolts / 1000.0;
        // With the event RTC fitted its supply current adds to every sleep (the PIR is powered in both designs).
        double rtcMicroamps = _rtc != null ? _profile.RtcMicroamps : 0;
        _sleepAmps = (_profile.DeepSleepMicroamps + rtcMicroamps) * 1e-6;
        _timerOnlySleepAmps = (_profile.DeepSleepTimerOnlyMicroamps + rtcMicroamps) * 1e-6;
        // With the RTC as the power switch the ESP32 is off between wakes ([rtc] power_hold_pin).
        _gatedSleepAmps = ((_profile.GatedSleepMicroamps >= 0 ? _profile.GatedSleepMicroamps : _profile.DeepSleepTimerOnlyMicroamps) + rtcMicroamps) * 1e-6;
        _events = _env.MotionEventUnixSeconds.Select(s => s * 1000).ToArray();
        _eventSequence = new uint[_events.Length];
        _minVolts = _supercap.Volts;
        if (recordTimeline) _timeline = new NodeTimeline { StartUnixSeconds = _env.StartUnixSeconds };
        if (setup.MqttFactory != null) _node.ReplaceMqtt(setup.MqttFactory(_node.Link, _node.Clock, _node.Broker));
        if (setup.Policy.TableBytes is { } table) _node.Flash.Write(PolicyStore.FileName, 0, table, 0, table.Length);
        _policy = setup.PolicyFactory?.Invoke(nodeIndex);
        _observer = setup.StepObserverFactory?.Invoke(nodeIndex);
    }

    public SimulatedNode Node => _node;

    /// <summary>Runs the whole environment; <paramref name="onDay"/> is called after each simulated day.</summary>
    public NodeRunResult Run(Action<int>? onDay = null, CancellationToken cancel = default)
    {
        var wall = System.Diagnostics.Stopwatch.StartNew();
        long endMs = _env.EndUnixSeconds * 1000;
        long t = _env.StartUnixSeconds * 1000;
        int eventIndex = 0;
        int lastDay = 0;
        _nextSampleMs = t;
        WakeCause cause = WakeCause.PowerOn;

        if (_supercap.Volts < _coldstartVolts)
        {
            t = StayDead(t, endMs, ref eventIndex);
        }

        while (t < endMs)
        {
            cancel.ThrowIfCancellationRequested();
            int day = (int)((t - _env.StartUnixSeconds * 1000) / 86_400_000);
            if (day > lastDay) { lastDay = day; onDay?.Invoke(day); }

            // --- one wake ---
            long wakeStart = t;
            bool died = Wake(cause, wakeStart, out WakeReport? report);
            t = _node.Clock.NowUnixMilliseconds;
            long capturedBefore = _eventsCaptured;
            eventIndex = _rtc != null ? FeedRtc(eventIndex, t, died, inclusive: false) : AttributeEventsDuringWake(eventIndex, t, died ? null : report);
            if (!died && _rtc != null) AttributeRtcEvents(report!);
            if (!died) _observer?.Invoke(new SimulatorStep { UnixMilliseconds = wakeStart, Cause = cause, Report = report, EventsCaptured = (int)(_eventsCaptured - capturedBefore) });
            if (died)
            {
                _rtc?.SwitchToBackup();
                _brownouts++;
                _timeline?.BrownoutTimes.Add(t / 1000);
                long diedAtWake = t;
                t = StayDead(t, endMs, ref eventIndex);
                _observer?.Invoke(new SimulatorStep { UnixMilliseconds = diedAtWake, Cause = cause, BrownedOut = true, DeadMilliseconds = t - diedAtWake });
                cause = WakeCause.PowerOn;
                continue;
            }

            // --- deep sleep until the timer, or the first motion event if the PIR is armed; with the RTC as the power
            //     switch, off until the RTC's countdown ends or an event it was told to wake on ---
            SleepPlan plan = report!.Plan;
            bool poweredOff = _node.PoweredOff;
            long timerAt = poweredOff ? _rtc!.CountdownEndsAtMilliseconds ?? long.MaxValue : t + plan.SleepSeconds * 1000L;
            long wakeAt = timerAt;
            cause = WakeCause.Timer;
            if (_rtc != null)
            {
                // The PIR drives the RTC's EVI: every event is counted; one wakes the node only through INT on ext0.
                if (plan.MotionWakeArmed && _rtc.EventInterruptEnabled && (_rtc.InterruptAsserted || (eventIndex < _events.Length && _events[eventIndex] < timerAt)))
                {
                    wakeAt = _rtc.InterruptAsserted ? t : Math.Max(t, _events[eventIndex]);
                    cause = WakeCause.Motion;
                }
            }
            else if (plan.MotionWakeArmed && eventIndex < _events.Length && _events[eventIndex] < timerAt)
            {
                wakeAt = Math.Max(t, _events[eventIndex]);
                cause = WakeCause.Motion;
            }
            else
            {
                eventIndex = MissEventsBefore(eventIndex, Math.Min(timerAt, endMs));
            }
            long diedAt = SleepUntil(t, Math.Min(wakeAt, endMs), poweredOff ? _gatedSleepAmps : plan.MotionWakeArmed ? _sleepAmps : _timerOnlySleepAmps);
            if (diedAt >= 0)
            {
                // Below the brown-out the harvester drops the rail: the RTC runs on its backup (BSF) and the PIR is off.
                // A switched-off ESP32 is simulated as booting when the store recovers, as without the switch (on the
                // board it boots then only if the countdown already ended, else at its end).
                _rtc?.SwitchToBackup();
                _brownouts++;
                _timeline?.BrownoutTimes.Add(diedAt / 1000);
                eventIndex = _rtc != null ? FeedRtc(eventIndex, diedAt, died: false, inclusive: false) : MissEventsBefore(eventIndex, diedAt);
                t = StayDead(diedAt, endMs, ref eventIndex);
                _observer?.Invoke(new SimulatorStep { UnixMilliseconds = diedAt, Cause = cause, BrownedOut = true, DeadMilliseconds = t - diedAt });
                cause = WakeCause.PowerOn;
                continue;
            }
            if (_rtc != null) eventIndex = FeedRtc(eventIndex, Math.Min(wakeAt, endMs), died: false, inclusive: cause == WakeCause.Motion);
            if (poweredOff && cause == WakeCause.Timer && wakeAt <= endMs) _rtc!.ExpireCountdown();
            t = wakeAt;
        }
        onDay?.Invoke((int)(_env.DayCount));
        wall.Stop();
        return Finish(wall.Elapsed.TotalSeconds, eventIndex);
    }

    /// <summary>Boots the node and runs the core. True when it browned out during the wake.</summary>
    private bool Wake(WakeCause cause, long wakeStartMs, out WakeReport? report)
    {
        _wakes++;
        if (cause == WakeCause.Motion) _motionWakes++;
        long seconds = wakeStartMs / 1000;
        _node.TemperatureCelsius = _env.TemperatureAt(seconds);
        _node.HumidityPercent = _env.HumidityAt(seconds);
        _node.IlluminanceLux = _env.IlluminanceAt(seconds);
        _node.Adc.SupercapVolts = _supercap.Volts;
        _node.Pir.High = cause == WakeCause.Motion;
        _faults.ApplyBeforeWake(_node, _rail);
        long writesBefore = _node.Flash.WriteCount;
        long bytesBefore = _node.Flash.BytesWritten;
        report = null;
        bool powerCut = false;
        try
        {
            report = _node.Wake(cause, _policy);
        }
        catch (SimulatedPowerLossException)
        {
            powerCut = true; // torn flash write: the chip died mid-write
        }
        double flashJoules = (_node.Flash.WriteCount - writesBefore) * _profile.FlashWriteMillijoulesPerWrite / 1000.0
                           + (_node.Flash.BytesWritten - bytesBefore) * _profile.FlashWriteMicrojoulesPerByte * 1e-6;
        _supercap.Draw(flashJoules, PowerPhase.FlashWrite);
        if (powerCut || _node.Clock.PowerLost || report == null) return true;

        ObserveClock(report);
        if (report.RadioStarted) _timeline?.TransmitTimes.Add(wakeStartMs / 1000);
        else _timeline?.WakeTimes.Add(wakeStartMs / 1000);
        if (report.StorageFailed) _storageRefusals++;
        else
        {
            SetAt(_takenAtMs, report.Sequence, wakeStartMs, clearFrom: _eventsBySequence);
            while (_hasTemperature.Count <= report.Sequence) _hasTemperature.Add(false);
            _hasTemperature[(int)report.Sequence] = (report.Faults & ReadingFaults.Climate) == 0;
            while (_observed.Count <= report.Sequence) _observed.Add(null);
            _observed[(int)report.Sequence] = new ObservedReading(report.Sequence, wakeStartMs / 1000, report.ArmedSeconds, report.MotionEvents,
                (report.Faults & ReadingFaults.BrownoutBefore) != 0, (report.Faults & ReadingFaults.TimeUnknown) != 0, null,
                report.AvailabilityAnnounced ? _node.Clock.NowUnixMilliseconds / 1000 + report.Plan.SleepSeconds : null,
                report.WatchSeconds > 0 ? wakeStartMs / 1000 + report.WatchSeconds : null, report.WatchActive,
                report.FirstMotionAgeSeconds, report.LastMotionAgeSeconds);
        }
        _minVolts = Math.Min(_minVolts, _supercap.Volts);
        return false;
    }

    /// <summary>Events while the node is awake are seen (the PIR output is read); they belong to this wake's reading.</summary>
    private int AttributeEventsDuringWake(int eventIndex, long wakeEndMs, WakeReport? report)
    {
        while (eventIndex < _events.Length && _events[eventIndex] < wakeEndMs)
        {
            if (report != null)
            {
                _eventsCaptured++;
                _timeline?.CapturedEventTimes.Add(_events[eventIndex] / 1000);
                if (!report.StorageFailed)
                {
                    Increment(_eventsBySequence, report.Sequence);
                    _eventSequence[eventIndex] = report.Sequence;
                }
            }
            else
            {
                _timeline?.MissedEventTimes.Add(_events[eventIndex] / 1000);
            }
            eventIndex++;
        }
        return eventIndex;
    }

    /// <summary>The node clock's error after this wake: the RTC's when fitted and set, else the ESP32 sleep clock's.</summary>
    private void ObserveClock(WakeReport report)
    {
        long trueMs = _node.Clock.NowUnixMilliseconds;
        bool rtcClock = _rtc != null && (report.RtcSet || report.ReadingUnixSeconds > 0 && !report.RtcFault && _rtc.TimeSet);
        double errorMs = rtcClock ? _rtc!.RtcUnixMilliseconds - trueMs : _node.Clock.WallErrorMilliseconds;
        bool set = rtcClock ? report.RtcSet : report.RadioStarted && !report.LinkFailed;
        _clockError.Observe(report, _node.CoreStartUnixMilliseconds, errorMs, set, trueMs);
    }

    /// <summary>
    /// Event RTC: events before <paramref name="untilMs"/> (through it when <paramref name="inclusive"/>: the one that woke
    /// the node) reach EVI and are counted, unless the node just died (the PIR hangs off the node's rail).
    /// </summary>
    private int FeedRtc(int eventIndex, long untilMs, bool died, bool inclusive)
    {
        while (eventIndex < _events.Length && (_events[eventIndex] < untilMs || (inclusive && _events[eventIndex] == untilMs)))
        {
            if (died) _timeline?.MissedEventTimes.Add(_events[eventIndex] / 1000);
            else _rtc!.Event(_events[eventIndex], eventIndex);
            eventIndex++;
        }
        return eventIndex;
    }

    /// <summary>Event RTC: the events the wake read from the RTC (and reset) belong to its reading.</summary>
    private void AttributeRtcEvents(WakeReport report)
    {
        foreach (int index in _rtc!.TakeDrained())
        {
            _eventsCaptured++;
            _timeline?.CapturedEventTimes.Add(_events[index] / 1000);
            if (!report.StorageFailed)
            {
                Increment(_eventsBySequence, report.Sequence);
                _eventSequence[index] = report.Sequence;
            }
        }
    }

    private int MissEventsBefore(int eventIndex, long untilMs)
    {
        while (eventIndex < _events.Length && _events[eventIndex] < untilMs)
        {
            _timeline?.MissedEventTimes.Add(_events[eventIndex] / 1000);
            eventIndex++;
        }
        return eventIndex;
    }

    /// <summary>Deep sleep from <paramref name="fromMs"/> to <paramref name="toMs"/> at <paramref name="sleepAmps"/>; returns the brown-out time, or -1.</summary>
    private long SleepUntil(long fromMs, long toMs, double sleepAmps)
    {
        long stepMs = _env.StepSeconds * 1000L;
        long t = fromMs;
        while (t < toMs)
        {
            long gridEnd = (t / stepMs + 1) * stepMs;
            long end = Math.Min(toMs, gridEnd);
            double lux = _env.IlluminanceAt(t / 1000);
            _supercap.Advance((end - t) / 1000.0, _harvester.ChargeWatts(lux), sleepAmps, PowerPhase.Sleep);
            t = end;
            Sample(t, lux);
            if (_supercap.Volts < _brownoutVolts) return t;
        }
        _node.Clock.Advance(toMs - _node.Clock.NowUnixMilliseconds);
        return -1;
    }

    /// <summary>Browned out: no load, the harvester alone charges; boots at cold-start. The RTC loses wall time.</summary>
    private long StayDead(long fromMs, long endMs, ref int eventIndex)
    {
        long stepMs = _env.StepSeconds * 1000L;
        long t = fromMs;
        while (t < endMs && _supercap.Volts < _coldstartVolts)
        {
            long end = Math.Min(endMs, (t / stepMs + 1) * stepMs);
            double lux = _env.IlluminanceAt(t / 1000);
            _supercap.Advance((end - t) / 1000.0, _harvester.ChargeWatts(lux), 0, PowerPhase.Sleep);
            t = end;
            Sample(t, lux);
        }
        eventIndex = MissEventsBefore(eventIndex, t);
        _deadMs += t - fromMs;
        _minVolts = Math.Min(_minVolts, _supercap.Volts);
        _node.Clock.Advance(t - _node.Clock.NowUnixMilliseconds);
        _node.Clock.WallTimeValid = false;
        return t;
    }

    private void Sample(long tMs, double lux)
    {
        if (_timeline == null || tMs < _nextSampleMs) return;
        _timeline.SampleTimes.Add(tMs / 1000);
        _timeline.SupercapVolts.Add(_supercap.Volts);
        _timeline.HarvestMicrowatts.Add(_harvester.ChargeWatts(lux) * 1e6);
        _nextSampleMs = tMs + _timeline.SampleSeconds * 1000L;
    }

    private void OnBrokerMessage(string topic, ReadOnlySpan<byte> payload, long arrivalMs)
    {
        if (!topic.EndsWith("/state", StringComparison.Ordinal)) return;
        SenmlSequences.Read(payload, sequence =>
        {
            if (sequence >= _firstArrivalMs.Count || _firstArrivalMs[(int)sequence] == 0) SetAt(_firstArrivalMs, sequence, arrivalMs);
            else _duplicates++;
        });
    }

    private NodeRunResult Finish(double wallSeconds, int eventIndex)
    {
        // Event RTC: motion in the last sleep is counted and time-stamped by the RTC (which keeps it through brown-outs)
        // and read at the node's next wake, after the run's end. Counted, not delivered: like a pending reading. Left out,
        // a run ending a few minutes after an event charged the RTC with a miss the design does not make.
        if (_rtc != null)
        {
            foreach (int index in _rtc.Held)
            {
                _eventsCaptured++;
                _timeline?.CapturedEventTimes.Add(_events[index] / 1000);
            }
        }
        // What is left on the node, read back through the core's own storage code.
        var state = new NodeState();
        new NodeStateStore(_node.Flash, WakeCycle.StateFileName).Load(state);
        var log = new ReadingLog(_node.Flash, WakeCycle.LogFileName, _setup.Config.LogCapacityReadings);
        log.Open();
        uint newest = Math.Max(log.NewestSequence, state.NextSequence - 1);
        var pending = new HashSet<uint>();
        var buffer = new Reading[_setup.Config.LogCapacityReadings];
        int n = log.ReadPending(state.AckedSequence, buffer, buffer.Length);
        for (int i = 0; i < n; i++) pending.Add(buffer[i].Sequence);

        var latencies = new List<double>();
        long delivered = 0, eventsDelivered = 0, unaccounted = 0;
        for (uint s = 1; s <= newest; s++)
        {
            bool arrived = s < _firstArrivalMs.Count && _firstArrivalMs[(int)s] != 0;
            if (arrived)
            {
                delivered++;
                if (s < _takenAtMs.Count && _takenAtMs[(int)s] != 0) latencies.Add((_firstArrivalMs[(int)s] - _takenAtMs[(int)s]) / 1000.0);
                if (s < _eventsBySequence.Count) eventsDelivered += _eventsBySequence[(int)s];
            }
            else if (!pending.Contains(s))
            {
                unaccounted++;
            }
        }
        latencies.Sort();
        var observed = new List<ObservedReading>();
        for (uint s = 1; s < _observed.Count && s <= newest; s++)
        {
            if (_observed[(int)s] is not { } o) continue;
            bool arrived = s < _firstArrivalMs.Count && _firstArrivalMs[(int)s] != 0;
            observed.Add(arrived ? o with { ArrivalUnixSeconds = _firstArrivalMs[(int)s] / 1000 } : o);
        }
        ServiceOutcome service = ServiceMetrics.Compute(_env.StartUnixSeconds * 1000, _env.EndUnixSeconds * 1000, _events, _eventSequence,
            _takenAtMs, _firstArrivalMs, _hasTemperature, _setup.Service);
        double days = (_env.EndUnixSeconds - _env.StartUnixSeconds) / 86400.0;
        var metrics = new SimulationMetrics
        {
            Policy = _setup.Policy.Name,
            Environment = _env.Name,
            Profile = _profile.Name,
            Seed = _setup.Seed,
            Faults = _faults.Spec,
            EventsTotal = _events.Length,
            EventsCaptured = _eventsCaptured,
            EventsDelivered = eventsDelivered,
            ReadingsTaken = newest + _storageRefusals,
            ReadingsDelivered = delivered,
            ReadingsDropped = state.DroppedReadings,
            ReadingsPending = pending.Count,
            ReadingsDuplicated = _duplicates,
            Wakes = _wakes,
            MotionWakes = _motionWakes,
            Brownouts = _brownouts,
            DeadTimeFraction = days > 0 ? _deadMs / (days * 86_400_000.0) : 0,
            WifiConnects = _node.Link.ConnectAttempts,
            MessagesPublished = _node.Broker.MessagesAccepted,
            EnergyHarvestedJ = _supercap.HarvestedJoules,
            EnergySpentJ = _supercap.LoadJoules,
            EnergySpentByPhaseJ = new SortedDictionary<string, double>(Enum.GetValues<PowerPhase>().ToDictionary(PhaseName, p => _supercap.LoadJoulesIn(p))),
            EnergyLeakageJ = _supercap.LeakageJoules,
            EnergyClampLossJ = _supercap.ClampLossJoules,
            EnergyStoredChangeJ = _supercap.StoredJoules - _supercap.InitialJoules,
            EnergyBalanceErrorJ = _supercap.EnergyBalanceErrorJoules,
            EnergyPerDeliveredReadingMj = delivered > 0 ? _supercap.LoadJoules * 1000 / delivered : 0,
            DeliveryLatencyP50S = Percentile(latencies, 0.50),
            DeliveryLatencyP95S = Percentile(latencies, 0.95),
            FinalSupercapV = _supercap.Volts,
            MinSupercapV = _minVolts,
            FaultsInjected = _faults.Injected(),
            TraceRowsSkipped = _env.Diagnostics.SkippedCount,
            TraceSkippedExamples = _env.Diagnostics.Skipped.Take(20).Select(r => r.ToString()!).ToList(),
            SimulatedDays = days,
            WallSeconds = wallSeconds,
            NodeDaysPerSecond = wallSeconds > 0 ? days / wallSeconds : 0,
            TimeErrorMaxS = _clockError.MaxAbsSeconds,
            TimeDriftSecondsPerDay = _clockError.SecondsPerDay,
        };
        metrics.WatchedFraction = ServiceMetrics.WatchedFraction(observed, _env.StartUnixSeconds, _env.EndUnixSeconds);
        ServiceMetrics.Fill(metrics, service.ArrivalsTotal, service.ArrivalsOnTime, service.ArrivalLatenciesSeconds, service.TemperatureIntervals, service.TemperatureIntervalsCovered);
        return new NodeRunResult
        {
            Metrics = metrics, Timeline = _timeline, LatenciesSeconds = latencies, UnaccountedReadings = unaccounted,
            ArrivalLatenciesSeconds = service.ArrivalLatenciesSeconds, Readings = observed,
        };
    }

    public static string PhaseName(PowerPhase phase) => phase switch
    {
        PowerPhase.Sleep => "sleep",
        PowerPhase.Boot => "boot",
        PowerPhase.Compute => "compute",
        PowerPhase.Sensing => "sensing",
        PowerPhase.FlashWrite => "flash_write",
        PowerPhase.WifiAssociate => "wifi_associate",
        PowerPhase.MqttConnect => "mqtt_connect",
        PowerPhase.MqttPublish => "mqtt_publish",
        PowerPhase.BootAssociate => "boot_associate",
        _ => phase.ToString(),
    };

    /// <summary>Nearest-rank percentile of a sorted list (0 when empty).</summary>
    public static double Percentile(List<double> sorted, double q)
    {
        if (sorted.Count == 0) return 0;
        int rank = (int)Math.Ceiling(q * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private static void SetAt(List<long> list, uint index, long value, List<int>? clearFrom = null)
    {
        while (list.Count <= index) list.Add(0);
        list[(int)index] = value;
        if (clearFrom != null)
        {
            // A reused sequence number (after a torn append) starts with no events.
            while (clearFrom.Count <= index) clearFrom.Add(0);
            clearFrom[(int)index] = 0;
        }
    }

    private static void Increment(List<int> list, uint index)
    {
        while (list.Count <= index) list.Add(0);
        list[(int)index]++;
    }
}
