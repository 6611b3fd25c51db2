namespace SensorNode.Simulation.Environment.Synthetic;

/// <summary>The full parameter set of one synthetic environment (values in <see cref="SyntheticCalibration"/>).</summary>
internal sealed record SyntheticProfile(
    string Name,
    OccupancyModel Occupancy,
    LightingModel Lighting,
    DaylightModel Daylight,
    MotionModel Motion,
    ClimateModel Climate,
    PresenceModel Presence);
