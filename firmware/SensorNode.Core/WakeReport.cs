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
        /// <summary>Flash refused the reading (counted as dropped).</summary>
        public bool StorageFailed;
        public PolicyLoadError PolicyError;
        public uint PolicyVersion;
        public int StateIndex;
        public PolicyAction Action;
        /// <summary>The policy asked to transmit but the brown-out guard refused.</summary>
        public bool GuardRefused;
        public bool RadioStarted;
        public bool LinkFailed;
        public bool BrokerFailed;
        public int MessagesAcknowledged;
        /// <summary>The retained "sleeping:&lt;s&gt;" availability message was acknowledged.</summary>
        public bool AvailabilityAnnounced;
        public int ReadingsAcknowledged;
        /// <summary>Radio-on time, ms.</summary>
        public long RadioMilliseconds;
        /// <summary>Estimated cost of this wake, uJ.</summary>
        public int WakeCostMicrojoules;
        public bool StateSaved;
        /// <summary>Readings still waiting for an acknowledgement after this wake.</summary>
        public int Backlog;
        public uint AckedSequence;
        public uint DroppedReadings;
        public SleepPlan Plan;
    }
}
