namespace SensorNode.Simulation.Training;

/// <summary>
/// One decision and its outcome: state and action code at a wake, the reward until the next decision, the next
/// decision's state (-1 after a brown-out, which ends the chain) and the simulated time in between.
/// </summary>
public readonly record struct Transition(int State, int Action, double Reward, int NextState, double ElapsedSeconds);
