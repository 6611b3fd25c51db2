namespace SensorNode.Simulation.Environment.Synthetic;

/// <summary>
/// Whether anybody uses the space on a given day. An occupied day switches the lights on and uses
/// the occupied motion rates; an empty day keeps the lights off and sees only stray motion.
/// </summary>
/// <param name="WeekdayProbability">Chance that a Monday-Friday is occupied, 0 to 1.</param>
/// <param name="WeekendProbability">Chance that a Saturday or Sunday is occupied, 0 to 1.</param>
internal sealed record OccupancyModel(double WeekdayProbability, double WeekendProbability);
