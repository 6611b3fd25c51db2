using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;
using SensorNode.Core.Storage;

namespace SensorNode.Core
{
    /// <summary>What one wake did: logged on the device, counted by the simulator. Not persisted.</summary>
    public sealed class WakeReport
    {
        public WakeCause Cause;
        /// <summary>False when no valid state was found in flash (first boot, or both copies torn).</summary>
        public bool StateRecovered;
        /// <summary>Sequence number given to this wake's reading.</summary>
        public uint Sequence;
        public ReadingFaults Faults;
        /// <summary>The reading's <see cref="Reading.ArmedSeconds"/> (s the PIR watched since the previous reading; -1 unknown) and motion count.</summary>
        public int ArmedSeconds;
        /// <summary>Why the watch commitment asked for a transmit (<see cref="Policy.WatchCommitment.ReasonArrival"/> ...; 0 none).</summary>
        public int WatchReason;
        /// <summary>Watch commitment the broker acknowledged with this wake's publish, s from the reading (0 = none).</summary>
        public int WatchSeconds;
        /// <summary>With <see cref="WatchSeconds"/>: the publish reported the room active.</summary>
        public bool WatchActive;
        public int MotionEvents;
        /// <summary>The reading's <see cref="Reading.FirstMotionAgeSeconds"/> and <see cref="Reading.LastMotionAgeSeconds"/>: its first and last motion, s before it (event RTC); -1 unknown.</summary>
        public int FirstMotionAgeSeconds;
        public int LastMotionAgeSeconds;
        /// <summary>Flash refused the reading (counted as dropped).</summary>
        public bool StorageFailed;
        public PolicyLoadError PolicyError;
        public uint PolicyVersion;
        public int StateIndex;
        public PolicyAction Action;
        /// <summary>The policy asked to transmit but the brown-out guard refused.</summary>
        public bool GuardRefused;
        /// <summary>The table did not ask to transmit, but the log was one message from overwriting unsent readings: the wake tried to send.</summary>
        public bool SentBeforeOverwrite;
        /// <summary>A send the table did not ask for was held back: the last one failed and the supercap cannot pay for another failure yet.</summary>
        public bool UnrequestedSendHeld;
        public bool RadioStarted;
        /// <summary>nanoCLR started the radio before Main: the stored station configuration was enabled at boot.</summary>
        public bool RadioOnAtBoot;
        /// <summary>The wake wanted the radio but it was off at boot: the stored configuration is enabled and the plan sleeps into a radio wake.</summary>
        public bool RadioDeferredToNextBoot;
        /// <summary>TLS is configured but the RTC was not set after association: no MQTT this wake (never plaintext), readings kept.</summary>
        public bool TlsSkippedClockUnset;
        /// <summary>Seconds this wake stayed awake for nanoff after a power-on ([wake] maintenance_window_seconds); 0 when none.</summary>
        public int MaintenanceSeconds;
        /// <summary>A maintenance window was due (power-on) but the supercap could not pay for it: skipped.</summary>
        public bool MaintenanceSkippedForEnergy;
        public bool LinkFailed;
        public bool BrokerFailed;
        public int MessagesAcknowledged;
        /// <summary>The retained "sleeping:&lt;s&gt;" availability message was acknowledged.</summary>
        public bool AvailabilityAnnounced;
        public int ReadingsAcknowledged;
        /// <summary>Supercap at or above [power] policy_update_min_millivolts in a transmitting wake: cmd/policy was subscribed to.</summary>
        public bool PolicyCommandChecked;
        /// <summary>The receive on cmd/policy failed (session error, or a message longer than the command buffer): nothing acked.</summary>
        public bool PolicyCommandReceiveFailed;
        /// <summary>What was done with a retained "policy" command; <see cref="PolicyUpdateOutcome.None"/> without one.</summary>
        public PolicyUpdateOutcome PolicyOutcome;
        /// <summary>Id of the received command, 1-4294967295; 0 when none arrived or its id was unreadable.</summary>
        public uint PolicyCommandId;
        /// <summary>Version of the received table; 0 unless it passed <see cref="PolicyTable.TryLoad"/>.</summary>
        public uint PolicyCommandVersion;
        /// <summary>Why the received table failed to load (with <see cref="PolicyUpdateOutcome.BadTable"/>), else None.</summary>
        public PolicyLoadError PolicyCommandError;
        /// <summary>The received table is in flash (written now, or already there): acked "&lt;id&gt;". It decides from the next wake on.</summary>
        public bool PolicyApplied;
        /// <summary>The one-word reason of a rejection ("bad-table", "bad-command", "write-failed"); null otherwise.</summary>
        public string PolicyRejectedReason;
        /// <summary>The broker acknowledged the node's ack (applied or rejected) on the ack topic.</summary>
        public bool PolicyAckPublished;
        /// <summary>Radio-on time, ms.</summary>
        public long RadioMilliseconds;
        /// <summary>Estimated cost of this wake, uJ.</summary>
        public int WakeCostMicrojoules;
        public bool StateSaved;
        /// <summary>Event RTC ([rtc]): a read or write of the RTC failed this wake.</summary>
        public bool RtcFault;
        /// <summary>Event RTC: the RTC was set from network time this wake.</summary>
        public bool RtcSet;
        /// <summary>Event RTC: motion events the RTC counted for this wake's reading.</summary>
        public int RtcEvents;
        /// <summary>The time this wake's reading carries, Unix seconds; 0 when unknown.</summary>
        public long ReadingUnixSeconds;
        /// <summary>Readings still waiting for an acknowledgement after this wake.</summary>
        public int Backlog;
        public uint AckedSequence;
        public uint DroppedReadings;
        public SleepPlan Plan;

        /// <summary>Fleet updates (docs/updates.md): the application version this boot runs (0: the flashed one).</summary>
        public uint AppVersion;
        /// <summary>The update step ran (a transmitting wake above the safe voltage, not a trial set's first wake).</summary>
        public bool UpdateChecked;
        /// <summary>A cmd/update manifest was received: its version (0 if unreadable), whether it started a download, why it was refused.</summary>
        public uint UpdateManifestVersion;
        public bool UpdateManifestStarted;
        public string UpdateManifestRejected;
        /// <summary>Chunks the energy budget allowed, stored, refused as damaged; present of the manifest's count after the step.</summary>
        public int UpdateChunksAllowed;
        public int UpdateChunksStored;
        public int UpdateChunksRejected;
        public int UpdateChunksPresent;
        public int UpdateChunkCount;
        /// <summary>The version staged for the loader at this wake (0: none).</summary>
        public uint UpdateStagedVersion;
        /// <summary>The app topic was published (a confirmation or rollback the gateway had not heard of).</summary>
        public bool AppReportPublished;
        /// <summary>This successful wake confirmed the set on trial.</summary>
        public bool AppConfirmed;
        /// <summary>This boot's downloaded set failed before its wake (set by the simulator's loader); the flashed application ran this wake.</summary>
        public bool ApplicationFailed;
    }
}