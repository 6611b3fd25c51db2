using SensorNode.Gateway.Occupancy;

namespace SensorNode.Cli.Occupancy;

/// <summary>What `sensornode occupancy evaluate` runs: plain typed options, parsed by <see cref="OccupancyCommand"/>.</summary>
public sealed record OccupancyEvaluateOptions
{
    /// <summary>Synthetic environment name (office, corridor, window-side) or null with <see cref="TracePath"/>.</summary>
    public string? Environment { get; init; } = "office";
    public string? TracePath { get; init; }
    public int Days { get; init; } = 28;
    public string Start { get; init; } = "2024-09-30";
    public IReadOnlyList<int> Seeds { get; init; } = [1];
    /// <summary>Policy names of `evaluate` (built-in, heuristic, fixed-5m, ...) or "all".</summary>
    public IReadOnlyList<string> Policies { get; init; } = ["built-in"];
    public string? ConfigPath { get; init; }
    public string? ProfilePath { get; init; }
    public string OutDir { get; init; } = "occupancy-out";
    public OccupancyParameters Parameters { get; init; } = new();
    public HvacOccupiedPeriod Schedule { get; init; } = new();
    public bool Quiet { get; init; }
    public bool Plots { get; init; } = true;
}
