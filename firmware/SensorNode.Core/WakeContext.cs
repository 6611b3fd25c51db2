using SensorNode.Core.Hardware;
using SensorNode.Core.Storage;

namespace SensorNode.Core
{
    /// <summary>
    /// What one wake has learned so far, handed from phase to phase of <see cref="WakeCycle.Run"/>: the persisted state,
    /// the report, and the facts each later phase needs (the supercap, the time, the motion). One per wake, never kept.
    /// </summary>
    internal sealed class WakeContext
    {
        /// <summary>Why the chip woke.</summary>
        internal WakeCause Cause;
        /// <summary>The state the previous wake persisted (or a fresh one), updated and saved at the end.</summary>
        internal NodeState State;
        /// <summary>What the wake did, for logs, the simulator and tests.</summary>
        internal WakeReport Report;

        /// <summary>The supercap read, and its voltage, mV (valid only when <see cref="SupercapOk"/>).</summary>
        internal bool SupercapOk;
        internal int SupercapMillivolts;
        /// <summary>The voltage the energy bookkeeping and the policy use: this wake's, else the last known, mV.</summary>
        internal int EnergyMillivolts;

        /// <summary>Whether nanoCLR's boot decides the radio (an <see cref="IRadioConfigStore"/> is fitted), and whether it started it.</summary>
        internal bool RadioGated;
        internal bool RadioOnSinceBoot;

        /// <summary>Wall time at the start of the wake, Unix s, when <see cref="TimeKnown"/>.</summary>
        internal long NowUnixSeconds;
        internal bool TimeKnown;
        /// <summary>The time came from the event RTC's crystal.</summary>
        internal bool RtcTime;
        /// <summary>The time came from a clock (RTC or system), not from the previous wake's plan.</summary>
        internal bool ClockTimeKnown;
        /// <summary>Seconds since the previous wake ended (measured, else as planned).</summary>
        internal long ElapsedSeconds;

        /// <summary>Motion events since the previous reading; whether this wake's motion is an arrival.</summary>
        internal int MotionEvents;
        internal bool ArrivalWake;
        /// <summary>The watch commitment's rule at this wake (step 8b; all zero when it did not run).</summary>
        internal SensorNode.Core.Policy.WatchCommitment.Decision Watch;
        /// <summary>The node was dead between the previous reading and this one; seconds the PIR watched meanwhile (-1 unknown).</summary>
        internal bool BrownoutBefore;
        internal int ArmedSeconds;

        /// <summary>This wake's illuminance for the policy, 0.01 lx; -1 when the light sensor failed.</summary>
        internal int IlluminanceCentiLux;
        /// <summary>Readings waiting for the broker after this wake's reading was stored.</summary>
        internal int BacklogReadings;
    }
}
