using SensorNode.Core.Policy;

namespace SensorNode.Simulation.Training;

/// <summary>
/// The trainer's action set: 8 intervals x PIR armed x transmit = 32 codes (<see cref="PolicyTable.EncodeAction"/>).
/// At critical voltage only the safe action (longest interval, PIR off, no radio) is allowed: no amount of
/// learning gets to gamble the last joule.
/// </summary>
public static class TrainingActions
{
    /// <summary>Number of action codes, 0..31.</summary>
    public const int Count = 32;

    /// <summary>The one action allowed at critical voltage: longest interval, PIR off, no transmit.</summary>
    public const int SafeCode = PolicyTable.WakeIntervalCount - 1;

    public static int VoltageBin(int stateIndex) => stateIndex / (StateEncoder.StateCount / StateEncoder.VoltageBins);

    public static bool Allowed(int stateIndex, int code) => VoltageBin(stateIndex) > 0 || code == SafeCode;
}
