namespace SensorNode.Simulation.Environment;

/// <summary>The synthetic environments (see docs/environment.md for their calibration).</summary>
public enum SyntheticProfileKind
{
    /// <summary>An office with a morning window (calibrated on the ff66 Pible node): lamps ~262 lx in working hours, ~33 motion events a day.</summary>
    Office,

    /// <summary>A corridor (assumed, no trace exists): lamps ~150 lx from 7 to 21 h, three times the office's motion.</summary>
    Corridor,

    /// <summary>A spot by a window (calibrated on the aces-2124 node): daylight peaking in the thousands of lux, 40 % of the office's motion.</summary>
    WindowSide,
}
