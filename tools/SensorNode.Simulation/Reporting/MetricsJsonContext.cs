using System.Text.Json.Serialization;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Reporting;

/// <summary>
/// Source-generated serializer for metrics.json. Generated metadata lists properties in declaration
/// order, so the file's property order is fixed by <see cref="SimulationMetrics"/> itself rather than
/// by reflection order; "\n" line endings keep the file byte-identical across operating systems.
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    NewLine = "\n",
    Converters = new[] { typeof(NonFiniteAsNullDoubleConverter) })]
[JsonSerializable(typeof(SimulationMetrics))]
internal sealed partial class MetricsJsonContext : JsonSerializerContext
{
}
