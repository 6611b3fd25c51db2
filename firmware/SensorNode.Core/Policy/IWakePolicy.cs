namespace SensorNode.Core.Policy
{
    /// <summary>
    /// Decides one wake's action. On the device this is always the <see cref="PolicyTable"/> loaded from flash;
    /// host tools pass other implementations (baselines, a learning agent) through <see cref="WakeCycle"/>'s
    /// constructor so they run on the unmodified wake cycle.
    /// </summary>
    public interface IWakePolicy
    {
        /// <summary>The action for <paramref name="stateIndex"/> (<see cref="StateEncoder.Encode"/> of <paramref name="observation"/>).</summary>
        PolicyAction Decide(int stateIndex, PolicyObservation observation);
    }
}
