using SensorNode.Gateway.Occupancy;

namespace SensorNode.Cli.Occupancy;

/// <summary>What `sensornode occupancy --db` shows: plain typed options, parsed by <see cref="OccupancyCommand"/>.</summary>
public sealed record OccupancyQueryOptions
{
    public required string DatabasePath { get; init; }

    /// <summary>One building of a shared store ("" = all; docs/scale.md).</summary>
    public string Building { get; init; } = "";
    public string? Room { get; init; }
    public long? FromUnixSeconds { get; init; }
    public long? ToUnixSeconds { get; init; }
    public string? CsvPath { get; init; }
    public string? PlotPath { get; init; }
    public OccupancyParameters Parameters { get; init; } = new();
}
