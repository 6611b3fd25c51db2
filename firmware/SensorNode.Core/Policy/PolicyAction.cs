namespace SensorNode.Core.Policy
{
    /// <summary>What the policy table says to do at this wake. A value type: a lookup allocates nothing.</summary>
    public struct PolicyAction
    {
        /// <summary>Index into the configured wake-interval set (0 = shortest, <see cref="PolicyTable.WakeIntervalCount"/>-1 = longest).</summary>
        public int WakeIntervalIndex;
        /// <summary>Arm the PIR pin as a wake source during the coming sleep.</summary>
        public bool MotionWakeArmed;
        /// <summary>Pay for Wi-Fi now and send the backlog; otherwise keep buffering.</summary>
        public bool Transmit;
    }
}
